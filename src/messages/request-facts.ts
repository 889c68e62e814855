import type { ContextBlock } from '@slack/types';
import { shortId } from '../operations/glossary.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { context, slackDate } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/** Created and expiry of a request, and its short id (nothing from its input: no secret can leak). */
export function requestFacts(request: RequestRecord): ContextBlock {
  return context(
    `Asked ${slackDate(request.createdAt)}`,
    request.expiresAt ? `expires ${slackDate(request.expiresAt)}` : 'does not expire',
    `request \`${escapeMrkdwn(oneLine(shortId(request.id), 40))}\``,
  );
}

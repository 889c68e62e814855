import type { SectionBlock } from '@slack/types';
import type { RequestRecord } from '../store/requests-repo.js';
import { fieldsSection, mention, slackDate } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/** Requester, created, expiry and id of a request (nothing from its input: no secret can leak). */
export function requestFacts(request: RequestRecord): SectionBlock {
  return fieldsSection([
    ['Requested by', mention(request.requestedBy)],
    ['Created', slackDate(request.createdAt)],
    ['Expires', request.expiresAt ? slackDate(request.expiresAt) : 'never'],
    ['Request', `\`${escapeMrkdwn(oneLine(request.id, 80))}\``],
  ]);
}

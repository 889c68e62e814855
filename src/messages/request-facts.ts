import type { ContextBlock } from '@slack/types';
import type { RequestRecord } from '../store/requests-repo.js';
import { context, slackDate } from './blocks.js';

/**
 * When a request was asked and, while it waits, when it expires (nothing from its input: no secret can leak).
 * A decided request no longer expires, so its card does not say when it would have.
 */
export function requestFacts(request: RequestRecord, options: { decided?: boolean } = {}): ContextBlock {
  const expiry = options.decided
    ? []
    : [request.expiresAt ? `expires ${slackDate(request.expiresAt)}` : 'does not expire'];
  return context([`Asked ${slackDate(request.createdAt)}`, ...expiry].join(' · '));
}

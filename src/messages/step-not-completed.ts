import type { RequestRecord } from '../store/requests-repo.js';
import { context, type MessagePayload, mention, message, section } from './blocks.js';

/**
 * A reply in the request's thread for its requester: the Workflow Builder step that filed the request could not
 * be told how it ended (Slack kept refusing), so the workflow shows the step as failed or still running while the
 * request itself is as its story says. The reference is on the app's log line with Slack's answer.
 */
export function stepNotCompletedReply(
  request: RequestRecord,
  ref: string,
  sandbox?: boolean,
): MessagePayload {
  return message(
    `The workflow step that filed request ${request.id} could not be told how it ended (reference ${ref})`,
    [
      section(
        `${mention(request.requestedBy)} The workflow step that filed this request could not be told how it ended, so the workflow may show it as failed or still running. The request itself is as shown above: check it here before running the workflow again.`,
      ),
      context(`Request ${request.id} · reference ${ref} (for the app's log)`),
    ],
    sandbox,
  );
}

import { requestWorkflowName } from '../requests/request-context.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { mention } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/**
 * Who asked, and through what: "<@U…>", or "<@U…> from workflow *New hire*" when a Workflow Builder step filed the
 * request for that person (approvers should know no one typed it by hand).
 */
export function askedBy(request: Pick<RequestRecord, 'requestedBy' | 'input'>): string {
  const workflow = requestWorkflowName(request.input);
  const who = mention(request.requestedBy);
  return workflow ? `${who} from workflow *${escapeMrkdwn(oneLine(workflow, 100))}*` : who;
}

import { requestWorkflow } from '../requests/request-context.js';
import type { RequestRecord } from '../store/requests-repo.js';
import { mention } from './blocks.js';
import { escapeMrkdwn, oneLine } from './limits.js';

/**
 * Who asked, and through what: "<@U…>", or "<@U…> from workflow *New hire*" ("from a Workflow Builder workflow"
 * when the step was not given its name) when a step filed the request for that person: approvers should know
 * nobody typed it by hand.
 */
export function askedBy(request: Pick<RequestRecord, 'requestedBy' | 'input'>): string {
  const workflow = requestWorkflow(request.input);
  const who = mention(request.requestedBy);
  if (!workflow) return who;
  return workflow.name
    ? `${who} from workflow *${escapeMrkdwn(oneLine(workflow.name, 100))}*`
    : `${who} from a Workflow Builder workflow`;
}

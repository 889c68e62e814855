import type { AccessPolicy } from '../requests/access-decision.js';

// biome-ignore lint/suspicious/noExplicitAny: optional-chained reads of an untyped Slack payload
type Body = Record<string, any>;

/** A Workflow Builder step run (`function_executed`): what the access gate knows of it. */
export interface StepRun {
  callbackId: string;
  teamId: string | undefined;
  enterpriseId: string | undefined;
}

export function stepRunOf(body: Body): StepRun | null {
  if (body.type !== 'event_callback' || body.event?.type !== 'function_executed') return null;
  return {
    callbackId: String(body.event.function?.callback_id ?? ''),
    teamId: body.team_id ?? body.authorizations?.[0]?.team_id ?? undefined,
    enterpriseId: body.enterprise_id ?? body.authorizations?.[0]?.enterprise_id ?? undefined,
  };
}

/**
 * Whether a step run may go on. Slack does not say who runs the workflow, so a read step carries no person and
 * the person's checks cannot apply: what decides is that the run comes from our own workspace (or
 * organisation), and reading is not narrowed to a group (READER_USERGROUP_ID), which a run cannot show it
 * belongs to. A request step names the person it acts for (`requester`), whose checks its listener applies
 * (step-requester-access.ts): only the workspace decides here. Refused: the sentence for the step's error.
 */
export function stepRefusal(
  run: StepRun,
  policy: AccessPolicy,
  namesPerson: (callbackId: string) => boolean = () => false,
): string | null {
  const ours =
    (policy.enterpriseId !== undefined && run.enterpriseId === policy.enterpriseId) ||
    !policy.teamId ||
    run.teamId === policy.teamId;
  if (!ours) {
    const team = policy.teamName ? `the ${policy.teamName} workspace` : 'its own workspace';
    return `Telegent Ops steps run only in workflows of ${team}. Use a workflow there.`;
  }
  if (policy.readerUsergroupId && !namesPerson(run.callbackId)) {
    return `Reading Telegent is limited to members of <!subteam^${policy.readerUsergroupId}>, and a workflow step does not say who runs it, so Telegent Ops steps are turned off here. Use /telegent instead, or ask an admin to unset READER_USERGROUP_ID.`;
  }
  return null;
}

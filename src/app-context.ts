import type { Logger } from './log.js';
import type { ReminderSender } from './notify/approval-reminders.js';
import type { Notifier } from './notify/notifier.js';
import type { RequestMessages } from './notify/request-messages.js';
import type { StepCompletion } from './notify/step-completion.js';
import type { OpContext } from './operations/operation.js';
import type { ExecutionOutcome, Workflow } from './requests/index.js';
import type { ApproverDirectory } from './slack/approver-directory.js';
import type { SlackUsers } from './slack/slack-users.js';
import type { UsergroupMembers } from './slack/usergroup-members.js';
import type { Store } from './store/open-store.js';
import type { TelegentClient } from './telegent/client.js';
import type { PickerSource } from './telegent/picker-source.js';
import type { PlanCatalogue } from './telegent/plan-catalogue.js';

/** What every Slack listener needs: built once in app.ts, passed down. */
export interface AppContext {
  store: Store;
  telegent: TelegentClient;
  workflow: Workflow;
  approvers: ApproverDirectory;
  /** Every outbound post, update, DM and ephemeral of the listeners (retries what Slack rate-limits). */
  notify: Notifier;
  pickers: PickerSource;
  /** The account's plans (packages), cached; `{enabled:false}` when Telegent has no plans for this account. */
  plans: PlanCatalogue;
  /** users.info, cached (the access gate's facts, a person's time zone). */
  slackUsers: SlackUsers;
  /** Slack user-group members, cached (approvers, requesters, readers). */
  usergroupMembers: UsergroupMembers;
  /** Approval reminders: a step of the schedule (the job's) and the requester's Nudge. */
  reminders: ReminderSender;
  /** A request's card, story and thread lines, redrawn from what is stored: every step calls `sync` after storing. */
  messages: RequestMessages;
  /** Completes the Workflow Builder step run that filed a request, once the request is done (exactly once). */
  stepCompletion: StepCompletion;
  /** After a request ran: its messages redrawn, a secret to the requester, stale pickers dropped. */
  afterExecution(execution: ExecutionOutcome): Promise<void>;
  /** Publishes a user's App Home (their requests, what waits for their approval, open orders). */
  publishHome(userId: string): Promise<void>;
  logger: Logger;
  /** Telegent is the embedded sandbox: every message says SANDBOX. */
  sandbox: boolean;
  approvalsChannelId?: string | undefined;
  /** TELEGENT_ACCOUNT_ID: the account used where a channel is not bound to one. */
  defaultAccountId?: string | undefined;
  digestDefaults: { time: string; timeZone: string };
  /** VERIFICATION_METHODS: the choices of "How was the customer verified?" (forms and their validation). */
  verificationMethods: readonly string[];
  now: () => Date;
  /** For read-only operations run straight from a listener (interactive priority). */
  opContext(): OpContext;
}

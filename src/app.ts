import { webApi } from '@slack/bolt';
import { Keyv } from 'keyv';
import { actionAccess, registerActions } from './actions/index.js';
import type { AppContext } from './app-context.js';
import { commandAccess } from './commands/command-access.js';
import { registerCommands } from './commands/index.js';
import type { Config } from './config.js';
import { registerEvents } from './events/index.js';
import { REQUEST_STEP_IDS, registerFunctions, requestStepOutputs } from './functions/index.js';
import { type Jobs, startJobs } from './jobs/index.js';
import type { Logger } from './log.js';
import { stepNotCompletedReply } from './messages/step-not-completed.js';
import type { Metrics } from './metrics.js';
import { afterExecution } from './notify/after-execution.js';
import { publishAppHome } from './notify/app-home.js';
import { createReminderSender } from './notify/approval-reminders.js';
import { createNotifier } from './notify/notifier.js';
import { createRequestMessages, type RequestMessages } from './notify/request-messages.js';
import { createStepCompletion } from './notify/step-completion.js';
import { tellClicker } from './notify/tell-clicker.js';
import { DEFAULT_VERIFICATION_METHODS } from './operations/fields/verification-method.js';
import type { AccessPolicy } from './requests/access-decision.js';
import { createWorkflow, instrumentWorkflow } from './requests/index.js';
import { accessGate } from './slack/access-gate.js';
import { createApproverDirectory } from './slack/approver-directory.js';
import { boltLogger } from './slack/bolt-logger.js';
import { createSlackApp, type SlackApp, type SlackIdentity } from './slack/create-slack-app.js';
import { trackInFlight } from './slack/in-flight.js';
import { createListeners, type Listeners } from './slack/listeners.js';
import { createSlackUsers } from './slack/slack-users.js';
import { createUsergroupMembers } from './slack/usergroup-members.js';
import type { Store } from './store/open-store.js';
import type { TelegentClient } from './telegent/client.js';
import { createPickerSource } from './telegent/picker-source.js';
import { createPlanCatalogue } from './telegent/plan-catalogue.js';
import { registerViewSubmissions, submissionAccess } from './views/submissions/index.js';

const SHUTDOWN_DRAIN_MS = 15_000;

/** 'ok', or 'failed: <why>' for the readiness report. */
const outcomeOf = (check: Promise<unknown>): Promise<string> =>
  check.then(
    () => 'ok',
    (error: Error) => `failed: ${error.message}`,
  );

export interface TelegentOpsDependencies {
  store: Store;
  telegent: TelegentClient;
  logger: Logger;
  metrics: Metrics;
  /** Telegent is the embedded sandbox: every message says SANDBOX. */
  sandbox: boolean;
  slack: {
    botToken: string;
    appToken?: string | undefined;
    signingSecret?: string | undefined;
    apiUrl?: string | undefined;
    port: number;
    identity: SlackIdentity;
  };
  approvals: Config['approvals'];
  /** Who may use the app beyond every full member; default: no limit. */
  access?: Config['access'];
  jobs: Config['jobs'] & { outboxCron?: string; digestCron?: string; expiryCron?: string };
  telegentAccountId?: string | undefined;
  /** VERIFICATION_METHODS (default: the built-in list). */
  verificationMethods?: readonly string[] | undefined;
  /** CUSTOMER_NOTICE_FROM / _COMPANY (checked at start by main.ts); unset: nobody is texted. */
  customerNotice?: Config['customers']['notice'];
  /** Cache of user groups' members: approvers, requesters, readers (keyv on Postgres when replicas share it). */
  usergroupCache?: Keyv<string[]>;
  /** false: build the jobs without their cron schedules (tests run them by hand). */
  scheduleJobs?: boolean;
  now?: () => Date;
}

export interface TelegentOps {
  slack: SlackApp;
  ctx: AppContext;
  /** Every listener, registered through the one error path (the ids each kind registered). */
  listeners: Listeners;
  jobs: Jobs;
  /**
   * The request-housekeeping job's run (jobs/request-housekeeping.ts): expires pending requests past
   * APPROVAL_TTL_HOURS, executes approved requests nobody claimed, reconciles requests whose executor died
   * mid-call; each request's messages are redrawn.
   */
  runExpiryOnce(): Promise<void>;
  /** The approval-reminders job's run (APPROVAL_REMINDERS): returns how many thread replies and DMs went out. */
  runRemindersOnce(): Promise<{ thread: number; dms: number }>;
  start(): Promise<{ port: number }>;
  /** Stops taking Slack work, stops the jobs, waits for what is running. The caller closes store and client. */
  stop(): Promise<void>;
}

/** One Bolt app with every listener, the request workflow and the background jobs, on given store and client. */
export function createTelegentOps(deps: TelegentOpsDependencies): TelegentOps {
  const now = deps.now ?? (() => new Date());
  const slack = createSlackApp({
    botToken: deps.slack.botToken,
    appToken: deps.slack.appToken,
    signingSecret: deps.slack.signingSecret,
    slackApiUrl: deps.slack.apiUrl,
    port: deps.slack.port,
    logger: deps.logger,
    metrics: deps.metrics,
    identity: deps.slack.identity,
    readiness: async () => {
      const [store, telegent] = await Promise.all([
        outcomeOf(deps.store.db.query('SELECT 1')),
        outcomeOf(deps.telegent.getToken('/v1.0/numbers/order')),
      ]);
      return { ok: store === 'ok' && telegent === 'ok', checks: { store, telegent } };
    },
  });
  const client = slack.app.client;
  // The jobs start after the context; what an execution leaves due (a line's plan) is handed to them then.
  let kickJobs = () => {};
  const ctx = createAppContext(deps, client, () => kickJobs());
  const inFlight = trackInFlight(slack.app);
  // Before every listener: guests, other organisations, deleted users and bots never reach one.
  const policy: AccessPolicy = {
    teamId: deps.slack.identity.teamId || undefined,
    teamName: deps.slack.identity.team || undefined,
    enterpriseId: deps.slack.identity.enterpriseId,
    requesterUserIds: [],
    allowedChannelIds: [],
    ...deps.access,
  };
  slack.app.use(
    accessGate({
      policy,
      personSteps: REQUEST_STEP_IDS,
      classify: { command: commandAccess, action: actionAccess, view: submissionAccess },
      users: ctx.slackUsers,
      usergroupMembers: ctx.usergroupMembers,
      approvers: ctx.approvers,
      audit: (entry) => deps.store.audit.append(entry),
      logger: deps.logger,
    }),
  );
  // Every listener is registered through the one error path: a failure is told to the person where they acted.
  const listeners = createListeners(slack.app, {
    logger: deps.logger,
    sandbox: deps.sandbox,
    notify: ctx.notify,
    tellClicker: (body, message, respond) => tellClicker(ctx.notify, body, message, deps.logger, respond),
  });
  registerCommands(listeners, ctx);
  registerViewSubmissions(listeners, ctx);
  registerActions(listeners, ctx);
  registerEvents(listeners, ctx);
  registerFunctions(listeners, ctx, { policy, settle: (requestId) => ctx.stepCompletion.settle(requestId) });

  const jobs = startJobs({
    store: deps.store,
    telegent: deps.telegent,
    slack: client,
    logger: deps.logger,
    config: deps.jobs,
    sandbox: deps.sandbox,
    schedule: deps.scheduleJobs ?? true,
    now,
    requests: {
      workflow: ctx.workflow,
      messages: ctx.messages,
      afterExecution: ctx.afterExecution,
      completeSteps: () => ctx.stepCompletion.sweep(),
      reminders: ctx.reminders,
      reminderMinutes: deps.approvals.reminderMinutes ?? [],
    },
    onOrderRead: (outcome) => deps.metrics.recordOrderRead(outcome),
    nameOf: async (userId) => (await ctx.slackUsers(userId)).name,
  });
  kickJobs = () => jobs.kickLineSubscriptions();
  deps.metrics.setPollerSource(async () => ({
    stalestSeconds: (await deps.store.orders.pollBacklog(now())).stalestSeconds,
    budgetPerMinute: jobs.pollBudget.perMinute(),
  }));

  return {
    slack,
    ctx,
    listeners,
    jobs,
    runExpiryOnce: () => jobs.runHousekeepingOnce(),
    runRemindersOnce: () => jobs.runRemindersOnce(),
    start: () => {
      // The subscriber list is read now, in the background: the first customer picker never starts empty.
      ctx.pickers.start();
      return slack.start();
    },
    async stop() {
      ctx.pickers.stop();
      await slack.stop();
      const unfinished = await inFlight.drain(SHUTDOWN_DRAIN_MS);
      if (unfinished > 0) deps.logger.warn({ unfinished }, 'stopped with Slack handlers still running');
      await jobs.stop();
    },
  };
}

/**
 * What every listener receives: store, Telegent, the request workflow (instrumented), approvers, notifier,
 * pickers. Built once per app; listener tests build it the same way around a fake Slack Web API.
 */
export function createAppContext(
  deps: TelegentOpsDependencies,
  client: webApi.WebClient,
  kickJobs?: () => void,
): AppContext {
  const now = deps.now ?? (() => new Date());
  // What Slack says about people, cached once for the access gate, the approvers and reminder time zones.
  const slackUsers = createSlackUsers({ client, logger: deps.logger });
  const usergroupMembers = createUsergroupMembers({
    client,
    cache: deps.usergroupCache ?? new Keyv<string[]>(),
    logger: deps.logger,
  });
  const approvers = createApproverDirectory({
    userIds: deps.approvals.approverUserIds,
    usergroupId: deps.approvals.approverUsergroupId,
    usergroupMembers,
    logger: deps.logger,
  });
  const workflow = instrumentWorkflow(
    createWorkflow({
      store: deps.store,
      telegent: deps.telegent,
      policy: deps.approvals,
      isApprover: (userId) => approvers.isApprover(userId),
      logger: deps.logger,
      now,
      accountId: deps.telegentAccountId,
      firstCheckSeconds: deps.jobs.orderPollMinSeconds,
      verificationMethods: deps.verificationMethods,
      customerNotice: deps.customerNotice,
      // The story lists a batch's numbers as they arrive (`messages` is built below; called only later).
      onProgress: (requestId) => messages.sync(requestId),
    }),
    (operation, outcome) => deps.metrics.requestOutcomes.inc({ operation, outcome }),
    (request, decision) => {
      // Decided at (the decision's own time when stored; an expiry at its deadline).
      const at = request.decidedAt ?? (decision === 'expired' ? request.expiresAt : null) ?? now();
      deps.metrics.approvalDecisionSeconds.observe(
        { operation: request.kind, decision },
        Math.max(0, (at.getTime() - request.createdAt.getTime()) / 1000),
      );
    },
  );
  const notify = createNotifier({
    token: client.token,
    slackApiUrl: client.slackApiUrl,
    logger: deps.logger,
    // After the ack a person waits for the card or the answer: wait out a rate limit (≤ 5 s) three times.
    rateLimitRetries: 3,
  });
  const reminders = createReminderSender({
    requests: deps.store.requests,
    reminders: deps.store.reminders,
    notify,
    listApprovers: () => approvers.list(),
    approverGroupId: approvers.groupId,
    timeZoneOf: async (userId) => (await slackUsers(userId)).timeZone,
    allowSelfApproval: deps.approvals.allowSelfApproval,
    now,
    logger: deps.logger.child({ component: 'approval-reminders' }),
    sandbox: deps.sandbox,
    onSent: (channel) => deps.metrics.remindersSent.inc({ channel }),
  });
  const drawn = createRequestMessages({
    requests: deps.store.requests,
    orders: deps.store.orders,
    channelAccounts: deps.store.channelAccounts,
    customerNotices: deps.store.customerNotices,
    lineSubscriptions: deps.store.lineSubscriptions,
    requestItems: deps.store.requestItems,
    requestMessages: deps.store.requestMessages,
    notify,
    logger: deps.logger,
    sandbox: deps.sandbox,
    approvalsChannelId: deps.approvals.channelId,
    now,
  });
  // A request a Workflow Builder step filed completes its step run once done: every step of a request is
  // stored, then redrawn, so the redraw is where the run learns of it (the housekeeping sweep catches the rest).
  const stepCompletion = createStepCompletion({
    stepRequests: deps.store.stepRequests,
    requests: deps.store.requests,
    orders: deps.store.orders,
    // The run's token, else the bot's (a run recorded without one).
    clientFor: (token) =>
      new webApi.WebClient(token ?? client.token, {
        slackApiUrl: client.slackApiUrl,
        logger: boltLogger(deps.logger),
        retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000 },
      }),
    outputsOf: requestStepOutputs,
    nameOf: async (userId) => (await slackUsers(userId)).name,
    // In the request's thread where the requester follows it (its story), else under the approval card.
    tellRequester: async (request, ref) => {
      const reply = stepNotCompletedReply(request, ref, deps.sandbox);
      if (request.storyTs) await notify.post(request.channelId, reply, { threadTs: request.storyTs });
      else if (request.cardChannelId && request.cardTs)
        await notify.post(request.cardChannelId, reply, { threadTs: request.cardTs });
      else await notify.post(request.channelId, reply);
    },
    logger: deps.logger,
    now,
  });
  const messages: RequestMessages = {
    sweep: () => drawn.sweep(),
    async sync(requestId) {
      await drawn.sync(requestId);
      await stepCompletion.settle(requestId);
    },
  };
  const pickers = createPickerSource(deps.telegent);
  return {
    store: deps.store,
    telegent: deps.telegent,
    workflow,
    approvers,
    notify,
    reminders,
    messages,
    stepCompletion,
    afterExecution: (execution) =>
      afterExecution(
        {
          messages,
          notify,
          forgetPickers: (list) => pickers.forget(list),
          kickJobs,
          logger: deps.logger,
          sandbox: deps.sandbox,
        },
        execution,
      ),
    publishHome: (userId) =>
      publishAppHome(
        {
          requests: deps.store.requests,
          orders: deps.store.orders,
          notify,
          isApprover: (id) => approvers.isApprover(id),
          listWaitingFor: (id) => workflow.listWaitingFor(id),
          sandbox: deps.sandbox,
          now,
        },
        userId,
      ),
    slackUsers,
    usergroupMembers,
    pickers,
    plans: createPlanCatalogue({ telegent: deps.telegent, logger: deps.logger }),
    logger: deps.logger,
    sandbox: deps.sandbox,
    approvalsChannelId: deps.approvals.channelId,
    defaultAccountId: deps.telegentAccountId,
    digestDefaults: { time: deps.jobs.digestDefaultTime, timeZone: deps.jobs.digestDefaultTimeZone },
    verificationMethods: deps.verificationMethods ?? DEFAULT_VERIFICATION_METHODS,
    now,
    opContext: () => ({
      telegent: deps.telegent,
      accountId: deps.telegentAccountId,
      now,
      callOptions: { priority: 'interactive' },
    }),
  };
}

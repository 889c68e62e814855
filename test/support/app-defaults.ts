import type { TelegentOpsDependencies } from '../../src/app.js';
import { createMetrics } from '../../src/metrics.js';
import { approvalPolicy } from './approval-policy.js';

/** The Slack users and channels every app-level test and drill-free harness plays with. */
export const REQUESTER = 'U0REQUESTER1';
export const APPROVER = 'U0APPROVER01';
export const OTHER_APPROVER = 'U0APPROVER02';
export const STRANGER = 'U0STRANGER01';
export const CHANNEL = 'C0SUPPORT001';
export const APPROVALS_CHANNEL = 'C0APPROVALS1';

/** The app's identity as the fake Slack's auth.test gives it (its users are the app's own people). */
export const FAKE_IDENTITY = {
  botId: 'B0FAKEBOT',
  botUserId: 'U0FAKEBOT',
  teamId: 'T0FAKE',
  team: 'Fake Workspace',
};

/** The jobs settings of config.ts's defaults, for apps built in tests and benches (jobs not scheduled). */
export const DEFAULT_JOBS: TelegentOpsDependencies['jobs'] = {
  pollShare: 0.5,
  telegentRateLimitPerMinute: 50,
  orderPollMinSeconds: 60,
  orderPollMaxSeconds: 21_600,
  orderLeaseSeconds: 20,
  digestDefaultTime: '09:00',
  digestDefaultTimeZone: 'UTC',
};

/**
 * The app's dependencies as the e2e harness and the listener tests build them: sandbox Telegent, a fake
 * Slack Web API, metrics off, approvers APPROVER and OTHER_APPROVER in APPROVALS_CHANNEL, jobs not scheduled.
 */
export function testAppDependencies(args: {
  store: TelegentOpsDependencies['store'];
  telegent: TelegentOpsDependencies['telegent'];
  logger: TelegentOpsDependencies['logger'];
  slack: { botToken: string; apiUrl: string; signingSecret?: string };
  approvals?: Partial<TelegentOpsDependencies['approvals']>;
  access?: TelegentOpsDependencies['access'];
}): TelegentOpsDependencies {
  return {
    store: args.store,
    telegent: args.telegent,
    logger: args.logger,
    metrics: createMetrics({ defaultMetrics: false }),
    sandbox: true,
    slack: { ...args.slack, port: 0, identity: FAKE_IDENTITY },
    approvals: {
      channelId: APPROVALS_CHANNEL,
      approverUserIds: [APPROVER, OTHER_APPROVER],
      ...approvalPolicy(),
      ...args.approvals,
    },
    ...(args.access ? { access: args.access } : {}),
    jobs: DEFAULT_JOBS,
    scheduleJobs: false,
  };
}

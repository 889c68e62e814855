import type { TelegentOpsDependencies } from '../../src/app.js';

/** The Slack users and channels every app-level test and drill-free harness plays with. */
export const REQUESTER = 'U0REQUESTER1';
export const APPROVER = 'U0APPROVER01';
export const OTHER_APPROVER = 'U0APPROVER02';
export const STRANGER = 'U0STRANGER01';
export const CHANNEL = 'C0SUPPORT001';
export const APPROVALS_CHANNEL = 'C0APPROVALS1';

/** The jobs settings of config.ts's defaults, for apps built in tests and benches (jobs not scheduled). */
export const DEFAULT_JOBS: TelegentOpsDependencies['jobs'] = {
  pollCron: '* * * * *',
  orderPollMinSeconds: 300,
  orderPollMaxSeconds: 21_600,
  digestDefaultTime: '09:00',
  digestDefaultTimeZone: 'UTC',
};

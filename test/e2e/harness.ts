import type { ModalView } from '@slack/types';
import { expect } from 'vitest';
import { createTelegentOps, type TelegentOps } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { ACTION } from '../../src/messages/ids.js';
import { SEED_PACKAGES } from '../../src/sandbox/plans-seed.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { migrate } from '../../src/store/migrate.js';
import { type Store, storeOver } from '../../src/store/open-store.js';
import { createPostgresDb } from '../../src/store/postgres-db.js';
import type { TelegentClient } from '../../src/telegent/client.js';
import { CHANNEL, REQUESTER, testAppDependencies } from '../support/app-defaults.js';
import type { capturedLogger } from '../support/captured-log.js';
import {
  type FakeSlack,
  type FakeSlackCall,
  type FakeSlackOptions,
  startFakeSlack,
} from '../support/fake-slack.js';
import { type FillValue, fillView, inputIds } from '../support/fill-view.js';
import { type Sandbox, startClientOnSandbox } from '../support/sandbox-client.js';
import { createSlackRequester, type SlackRequester } from '../support/slack-requests.js';
import { openTestStore, type StoreKind, type TestStore } from '../support/test-db.js';

export const SIGNING_SECRET = 'e2e-signing-secret-8c1f0d2a';
export const BOT_TOKEN = 'xoxb-e2e-bot-token-5a7d91';
export {
  APPROVALS_CHANNEL,
  APPROVER,
  CHANNEL,
  OTHER_APPROVER,
  REQUESTER,
  STRANGER,
} from '../support/app-defaults.js';

export interface E2E {
  ops: TelegentOps;
  slack: SlackRequester;
  fake: FakeSlack;
  sandbox: Sandbox;
  store: TestStore;
  telegent: TelegentClient;
  log: ReturnType<typeof capturedLogger>;
  port: number;
  /** `/telegent <text>` from a user in a channel. */
  command(text: string, userId?: string, channelId?: string): ReturnType<SlackRequester['command']>;
  /** The newest view the app opened, pushed or updated, optionally waiting for a callback id. */
  latestView(predicate?: (view: ModalView) => boolean): Promise<{ id: string; view: ModalView }>;
  /** Submits a view the app showed, typing `fill` into its inputs (others keep their pre-filled values). */
  /**
   * A request form's "Reason / ticket" is filled with a plain reason (and a Plan, Unlimited Plus, where asked)
   * unless `fill` says otherwise.
   */
  submit(
    view: { id: string; view: ModalView },
    fill: Record<string, FillValue>,
    userId?: string,
  ): ReturnType<SlackRequester['viewSubmission']>;
  /** Clicks a request form's "More options…" and returns the same modal with its folded fields shown. */
  moreOptions(form: { id: string; view: ModalView }): Promise<{ id: string; view: ModalView }>;
  /** Everything posted to response_urls (ephemeral answers to commands and clicks). */
  responses(): FakeSlackCall[];
  /** Waits until the modal `viewId` was updated to a view containing `text` (a form's outcome). */
  viewShows(viewId: string, text: string): Promise<void>;
  close(): Promise<void>;
}

export interface E2EOptions {
  storeKind?: StoreKind;
  approvals?: Partial<Config['approvals']>;
  /** Who may use the app (REQUESTER_*, READER_USERGROUP_ID, ALLOWED_CHANNEL_IDS); default: every full member. */
  access?: Partial<Config['access']>;
  /** The app's clock (approval expiry, due times); 'sandbox' follows the sandbox clock tests advance. */
  now?: (() => Date) | 'sandbox';
  /** The fake Slack's users (users.info: kind of account, team, time zone) and user groups. */
  fakeSlack?: FakeSlackOptions;
  /** Extra app dependencies (e.g. APPROVAL_REMINDERS). */
  deps?: Partial<Parameters<typeof createTelegentOps>[0]>;
  /** Telegent's rate limit, the sandbox's and the client's (default: high enough never to matter). */
  telegentRatePerMinute?: number;
  /** Runs on the sandbox before the app starts (a fault the start-up reads meet). */
  beforeStart?: (sandbox: Sandbox) => void;
}

export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  const fake = await startFakeSlack(options.fakeSlack);
  const {
    sb: sandbox,
    client: telegent,
    log,
    close: closeTelegent,
  } = await startClientOnSandbox(
    { rateLimitPerMinute: options.telegentRatePerMinute ?? 100_000 },
    {
      rateLimitPerMinute: options.telegentRatePerMinute ?? 100_000,
      timeouts: { connectMs: 1_000, headersMs: 5_000, bodyMs: 5_000 },
    },
  );
  const store = await openTestStore(options.storeKind ?? 'pglite');
  const ops = createTelegentOps({
    ...testAppDependencies({
      store,
      telegent,
      logger: log.logger,
      slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.url },
      approvals: options.approvals,
      ...(options.access
        ? { access: { requesterUserIds: [], allowedChannelIds: [], ...options.access } }
        : {}),
    }),
    ...(options.now ? { now: options.now === 'sandbox' ? () => sandbox.clock.now() : options.now } : {}),
    ...options.deps,
  });
  options.beforeStart?.(sandbox);
  const { port } = await ops.start();
  const slack = createSlackRequester({
    baseUrl: `http://127.0.0.1:${port}`,
    signingSecret: SIGNING_SECRET,
    responseUrl: () => fake.responseUrl(),
  });

  // A modal opens after the ack, sometimes after a short read (the provision form's route lists, ≤ 0.5 s):
  // under a loaded CI machine that passes the poll's 1 s default.
  const VIEW_WAIT = { timeout: 5_000 };
  const viewCalls = () =>
    fake.calls.filter((c) => ['views.open', 'views.push', 'views.update'].includes(c.method));

  const e2e: E2E = {
    ops,
    slack,
    fake,
    sandbox,
    store,
    telegent,
    log,
    port,
    command: (text, userId = REQUESTER, channelId = CHANNEL) => slack.command({ text, userId, channelId }),
    async latestView(predicate = () => true) {
      let found: { id: string; view: ModalView } | undefined;
      await expect
        .poll(() => {
          const call = viewCalls().findLast((c) => predicate(c.body.view as ModalView));
          found = call
            ? { id: String(call.response.view?.id), view: call.body.view as ModalView }
            : undefined;
          return found;
        }, VIEW_WAIT)
        .toBeDefined();
      return found!;
    },
    submit(view, fill, userId = REQUESTER) {
      const ids = inputIds(view.view);
      // A request form's reason, and how the customer was verified where asked, unless the test types its own.
      const defaults = {
        ...(ids.includes('reason') ? { reason: 'ZD-1000 customer asked' } : {}),
        ...(ids.includes('verificationMethod') ? { verificationMethod: 'Photo ID in store' } : {}),
        // The sandbox account has several plans, so a provision or port-in form requires one.
        ...(ids.includes('packageId') ? { packageId: SEED_PACKAGES.unlimitedPlus } : {}),
      };
      return slack.viewSubmission({
        callbackId: String(view.view.callback_id),
        values: fillView(view.view, { ...defaults, ...fill }) as Parameters<
          SlackRequester['viewSubmission']
        >[0]['values'],
        privateMetadata: view.view.private_metadata,
        userId,
        viewId: view.id,
        blocks: view.view.blocks,
      });
    },
    async moreOptions(form) {
      // The view as Slack holds it now: the button's payload carries its hash.
      const shown = viewCalls().findLast((c) => c.response.view?.id === form.id)!.response.view;
      await slack.blockAction({ actionId: ACTION.moreOptions, userId: REQUESTER, view: shown });
      const expanded = await e2e.latestView(
        (v) => v.callback_id === form.view.callback_id && !textOf(v).includes(ACTION.moreOptions),
      );
      expect(expanded.id).toBe(form.id);
      return expanded;
    },
    responses: () => fake.callsTo('response_url'),
    async viewShows(viewId, text) {
      await expect
        .poll(() =>
          fake
            .callsTo('views.update')
            .some((c) => c.body.view_id === viewId && textOf(c.body.view).includes(text)),
        )
        .toBe(true);
    },
    async close() {
      await ops.stop();
      await closeTelegent();
      await store.close();
      await fake.close();
    },
  };
  return e2e;
}

/** Every text a view or message contains, for `toContain` checks. */
/** An SMS-only provision by REQUESTER in CHANNEL, filed straight through the workflow (no form, no card yet). */
export function fileProvision(e2e: Pick<E2E, 'ops'>, pick: { route?: number; subscriber?: number } = {}) {
  return e2e.ops.ctx.workflow.submit({
    kind: 'provision',
    raw: {
      productType: 'Sms-Only',
      messageRouteId: SEED_MESSAGE_ROUTE_IDS[pick.route ?? 0],
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[pick.subscriber ?? 3],
    },
    requestedBy: REQUESTER,
    channelId: CHANNEL,
  });
}

export function textOf(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * A second app instance (another replica) on the same database and the same fake Slack and Telegent: on
 * PGlite the very same store, on the Postgres server its own pool. Stop it before the first closes.
 */
export async function startReplica(
  e2e: E2E,
  options: Pick<E2EOptions, 'approvals' | 'deps'> = {},
): Promise<{
  ops: TelegentOps;
  port: number;
  slack: SlackRequester;
  store: Store;
  close(): Promise<void>;
}> {
  let store: Store = e2e.store;
  if (e2e.store.databaseUrl) {
    const db = createPostgresDb({ connectionString: e2e.store.databaseUrl, max: 10 });
    await migrate(db, { logger: silentLogger });
    store = storeOver(db, e2e.store.encryptionKey, () => db.close());
  }
  const ops = createTelegentOps({
    ...testAppDependencies({
      store,
      telegent: e2e.telegent,
      logger: e2e.log.logger,
      slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: e2e.fake.url },
      approvals: options.approvals,
    }),
    ...options.deps,
  });
  const { port } = await ops.start();
  const slack = createSlackRequester({
    baseUrl: `http://127.0.0.1:${port}`,
    signingSecret: SIGNING_SECRET,
    responseUrl: () => e2e.fake.responseUrl(),
  });
  return {
    ops,
    port,
    slack,
    store,
    async close() {
      await ops.stop();
      if (store !== e2e.store) await store.close();
    },
  };
}

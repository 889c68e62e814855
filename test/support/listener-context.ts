import { webApi } from '@slack/bolt';
import { createAppContext } from '../../src/app.js';
import type { AppContext } from '../../src/app-context.js';
import { CHANNEL, testAppDependencies } from './app-defaults.js';
import { type FakeSlack, type FakeSlackCall, startFakeSlack } from './fake-slack.js';
import { type Sandbox, startClientOnSandbox } from './sandbox-client.js';
import { openTestStore, type TestStore } from './test-db.js';

export const BOT_TOKEN = 'xoxb-listener-tests';
export { APPROVALS_CHANNEL, APPROVER, CHANNEL, OTHER_APPROVER, REQUESTER, STRANGER } from './app-defaults.js';

/**
 * A real AppContext (PGlite store, workflow on the sandbox, notifier and approver directory on a fake
 * Slack Web API) without a Bolt app: listener tests call a listener with hand-made Bolt arguments.
 */
export interface ListenerWorld {
  ctx: AppContext;
  /** A Web API client on the fake Slack, as Bolt hands listeners. */
  client: webApi.WebClient;
  fake: FakeSlack;
  sandbox: Sandbox;
  store: TestStore;
  /** What a listener did through its arguments: acks and response_url answers. */
  acks: unknown[];
  responses: unknown[];
  /** Bolt's `ack` and `respond` for one call, recording into `acks` / `responses`. */
  ack: (response?: unknown) => Promise<void>;
  respond: (message: unknown) => Promise<void>;
  /** Calls the fake Slack got for `method` after `since` (an index into fake.calls). */
  callsSince(since: number, method: string): FakeSlackCall[];
  close(): Promise<void>;
}

export async function startListenerWorld(): Promise<ListenerWorld> {
  const fake = await startFakeSlack();
  const {
    sb,
    client: telegent,
    log,
    close: closeTelegent,
  } = await startClientOnSandbox({ rateLimitPerMinute: 100_000 }, { rateLimitPerMinute: 100_000 });
  const store = await openTestStore('pglite');
  const client = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  const ctx = createAppContext(
    testAppDependencies({
      store,
      telegent,
      logger: log.logger,
      slack: { botToken: BOT_TOKEN, apiUrl: fake.url },
    }),
    client,
  );
  const acks: unknown[] = [];
  const responses: unknown[] = [];
  return {
    ctx,
    client,
    fake,
    sandbox: sb,
    store,
    acks,
    responses,
    ack: async (response?: unknown) => {
      acks.push(response ?? null);
    },
    respond: async (message: unknown) => {
      responses.push(message);
    },
    callsSince: (since, method) => fake.calls.slice(since).filter((c) => c.method === method),
    async close() {
      await closeTelegent();
      await store.close();
      await fake.close();
    },
  };
}

/** The block_actions body Slack sends for a button click in a channel message. */
export function buttonBody(userId: string, actionId: string, value: string, channelId = CHANNEL) {
  const action = {
    type: 'button',
    action_id: actionId,
    block_id: 'b',
    value,
    action_ts: `${Date.now() / 1000}`,
  };
  return {
    body: {
      type: 'block_actions',
      user: { id: userId, name: userId.toLowerCase() },
      team: { id: 'T0FAKE' },
      channel: { id: channelId, name: 'support' },
      trigger_id: `trigger-${Math.random().toString(36).slice(2)}`,
      response_url: 'https://hooks.slack.invalid/response',
      actions: [action],
      container: { type: 'message', channel_id: channelId, message_ts: '1700000000.000100' },
    },
    action,
  };
}

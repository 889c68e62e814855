import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { createTelegentOps, type TelegentOps } from '../../src/app.js';
import { createMetrics } from '../../src/metrics.js';
import { DEFAULT_JOBS } from '../support/app-defaults.js';
import { capturedLogger } from '../support/captured-log.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { type Sandbox, startClientOnSandbox } from '../support/sandbox-client.js';
import { openTestStore, type TestStore } from '../support/test-db.js';

const APP_TOKEN = 'xapp-1-A0FAKE-socket-e2e-secret';
type Json = Record<string, unknown>;

/**
 * Socket Mode, the laptop default: the app connects to the WebSocket URL Slack hands out, receives
 * envelopes, acks each on the socket and answers through the Web API.
 */
describe('Socket Mode end to end', () => {
  let wss: WebSocketServer;
  let fake: FakeSlack;
  let ops: TelegentOps;
  let store: TestStore;
  let closeTelegent: () => Promise<void>;
  let sandbox: Sandbox;
  const sockets: WebSocket[] = [];
  const fromApp: Json[] = [];
  const log = capturedLogger('debug');

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => wss.once('listening', resolve));
    const port = (wss.address() as AddressInfo).port;
    wss.on('connection', (socket) => {
      sockets.push(socket);
      socket.on('message', (data) => fromApp.push(JSON.parse(String(data)) as Json));
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' } }),
      );
    });
    fake = await startFakeSlack({ socketModeUrl: () => `ws://127.0.0.1:${port}/link` });
    const telegent = await startClientOnSandbox(
      { rateLimitPerMinute: 100_000 },
      { rateLimitPerMinute: 100_000 },
    );
    sandbox = telegent.sb;
    closeTelegent = telegent.close;
    store = await openTestStore('pglite');
    ops = createTelegentOps({
      store,
      telegent: telegent.client,
      logger: log.logger,
      metrics: createMetrics({ defaultMetrics: false }),
      sandbox: true,
      slack: {
        botToken: 'xoxb-socket-e2e',
        appToken: APP_TOKEN,
        apiUrl: fake.url,
        port: 0,
        identity: { botId: 'B0FAKEBOT', botUserId: 'U0FAKEBOT' },
      },
      approvals: {
        approverUserIds: ['U0APPROVER'],
        requiredFor: ['provision'],
        allowSelfApproval: false,
        ttlHours: 24,
      },
      jobs: DEFAULT_JOBS,
      scheduleJobs: false,
    });
    await ops.start();
  });

  afterAll(async () => {
    await ops.stop();
    await closeTelegent();
    await store.close();
    await fake.close();
    for (const socket of sockets) socket.terminate();
    await new Promise((resolve) => wss.close(resolve));
  });

  it('connects with the app token, acks a /telegent envelope on the socket and answers it', async () => {
    expect(fake.callsTo('apps.connections.open').map((c) => c.token)).toContain(APP_TOKEN);
    await expect.poll(() => sockets.length).toBe(1);
    const responseUrl = fake.responseUrl('socket-help');
    sockets[0]!.send(
      JSON.stringify({
        envelope_id: 'env-help-1',
        type: 'slash_commands',
        accepts_response_payload: true,
        payload: {
          token: 'legacy',
          team_id: 'T0FAKE',
          channel_id: 'C0SOCKET',
          user_id: 'U0REQUESTER',
          command: '/telegent',
          text: 'search 801',
          response_url: responseUrl,
          trigger_id: '1.2.socket',
          api_app_id: 'A0FAKE',
        },
      }),
    );
    await expect.poll(() => fromApp.find((m) => m.envelope_id === 'env-help-1')).toBeDefined();
    await expect.poll(() => fake.callsTo('response_url').length).toBe(1);
    expect(JSON.stringify(fake.callsTo('response_url')[0]!.body)).toContain('search.provision');
    expect(sandbox.journal().some((e) => e.path.toLowerCase() === '/v1.0/numbers/availability')).toBe(true);
    expect(log.text()).not.toContain(APP_TOKEN);
  });
});

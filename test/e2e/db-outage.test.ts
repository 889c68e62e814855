import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTelegentOps, type TelegentOps } from '../../src/app.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { createCache } from '../../src/store/cache.js';
import { testAppDependencies } from '../support/app-defaults.js';
import { type ConnectionCutter, connectionCutter } from '../support/cut-connections.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { createSlackRequester, type SlackRequester } from '../support/slack-requests.js';
import { TEST_DATABASE_URL } from '../support/test-db.js';
import {
  APPROVALS_CHANNEL,
  APPROVER,
  BOT_TOKEN,
  CHANNEL,
  type E2E,
  REQUESTER,
  SIGNING_SECRET,
  startE2E,
  textOf,
} from './harness.js';

const SENTENCE = /Our database is not answering; try again in a minute \(ref ([a-z0-9]+)\)\./;
const REQUESTERS = 'S0REQUESTERS';

/**
 * What a Postgres restart, a failover or an idle-connection reaper does, on the server: traffic, then the
 * app's connections are ended and refused (ALLOW_CONNECTIONS false + pg_terminate_backend), then allowed
 * again. An unhandled 'error' event on a pool would be an uncaught exception, which fails this file.
 */
describe.skipIf(!TEST_DATABASE_URL)(
  'the database going away and coming back, end to end (needs TEST_DATABASE_URL; skipped without it)',
  () => {
    let e2e: E2E;
    let cutter: ConnectionCutter;
    /** The same app with REQUESTER_USERGROUP_ID: its access gate reads the group from kv_cache on the database. */
    let gated: TelegentOps;
    let gatedSlack: SlackRequester;
    let pending: { requestId: string; ts: string };

    beforeAll(async () => {
      e2e = await startE2E({
        storeKind: 'postgres',
        now: 'sandbox', // recovery of a stuck execution waits 10 minutes of this clock
        fakeSlack: { usergroups: { [REQUESTERS]: [REQUESTER] } },
      });
      cutter = connectionCutter(e2e.store.databaseUrl!);
      gated = createTelegentOps({
        ...testAppDependencies({
          store: e2e.store,
          telegent: e2e.telegent,
          logger: e2e.log.logger,
          slack: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: e2e.fake.url },
          access: { requesterUserIds: [], allowedChannelIds: [], requesterUsergroupId: REQUESTERS },
        }),
        usergroupCache: createCache<string[]>({ shared: e2e.store.db, namespace: 'usergroup-members' }),
      });
      const { port } = await gated.start();
      gatedSlack = createSlackRequester({
        baseUrl: `http://127.0.0.1:${port}`,
        signingSecret: SIGNING_SECRET,
        responseUrl: () => e2e.fake.responseUrl(),
      });
    });
    afterAll(async () => {
      await cutter?.restore();
      await gated?.stop();
      await e2e?.close();
    });

    const provisions = () =>
      e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === '/v1.0/numbers/provision');
    const approve = (card: { requestId: string; ts: string }) =>
      e2e.slack.blockAction({
        actionId: 'request.approve',
        value: card.requestId,
        userId: APPROVER,
        channelId: APPROVALS_CHANNEL,
        messageTs: card.ts,
      });
    /** The answer posted to a response_url after `before` (ephemeral to a command or a click). */
    const answerAfter = async (before: number): Promise<string> => {
      await expect.poll(() => e2e.responses().length, { timeout: 5_000 }).toBeGreaterThan(before);
      return textOf(e2e.responses()[before]!.body);
    };
    const readyz = async () => (await fetch(`http://127.0.0.1:${e2e.port}/readyz`)).status;

    async function fileProvision(subscriber: number): Promise<{ requestId: string; ts: string }> {
      const cards = () =>
        e2e.fake
          .callsTo('chat.postMessage')
          .filter(
            (c) => c.body.channel === APPROVALS_CHANNEL && textOf(c.body.blocks).includes('request.approve'),
          );
      const before = cards().length;
      const opened = () =>
        e2e.fake.callsTo('views.open').filter((c) => c.body.view?.callback_id === 'telegent.provision');
      const formsBefore = opened().length;
      await e2e.command('provision 801');
      await expect.poll(() => opened().length, { timeout: 5_000 }).toBeGreaterThan(formsBefore);
      const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
      await e2e.submit(form, {
        productType: 'Sms+Data',
        messageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
        assignedSubscriberId: SEED_SUBSCRIBER_IDS[subscriber]!,
      });
      let card: FakeSlackCall | undefined;
      await expect.poll(() => (card = cards()[before]), { timeout: 5_000 }).toBeDefined();
      const requestId = /"value":"(req_[a-z0-9]+)"/.exec(JSON.stringify(card!.body.blocks))?.[1];
      return { requestId: requestId!, ts: String(card!.response.ts) };
    }

    it('before: a provision is approved and executed; a second waits for approval; the gated app answers', async () => {
      const first = await fileProvision(1);
      await approve(first);
      await expect
        .poll(async () => (await e2e.store.requests.get(first.requestId))?.status)
        .toBe('succeeded');
      pending = await fileProvision(2);
      const before = e2e.responses().length;
      await gatedSlack.command({ text: 'orders', userId: REQUESTER, channelId: CHANNEL });
      expect(await answerAfter(before)).not.toMatch(SENTENCE);
      expect(await readyz()).toBe(200);
    });

    it('while cut: a command, a click and the gate each answer the database sentence with a ref that is on a log line; /readyz is 503', async () => {
      await cutter.cut();

      let before = e2e.responses().length;
      await e2e.command('orders');
      const toCommand = await answerAfter(before);
      const ref = SENTENCE.exec(toCommand)?.[1];
      expect(ref).toBeDefined();
      const logged = e2e.log.lines.find((line) => line.includes(`"ref":"${ref}"`));
      expect(logged).toContain('database not answering');
      expect(logged).not.toMatch(/SELECT|postgres:\/\/|"stack"/);

      before = e2e.responses().length;
      await approve(pending);
      expect(await answerAfter(before)).toMatch(SENTENCE);

      before = e2e.responses().length;
      await gatedSlack.command({ text: 'orders', userId: REQUESTER, channelId: CHANNEL });
      expect(await answerAfter(before)).toMatch(SENTENCE);

      const started = Date.now();
      expect(await readyz()).toBe(503);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(provisions()).toHaveLength(1);
    });

    it('after: /readyz is 200 again, the waiting request is approved and executed once, nothing was sent twice', async () => {
      await cutter.restore();
      await expect.poll(readyz, { timeout: 5_000 }).toBe(200);
      await approve(pending);
      await expect
        .poll(async () => (await e2e.store.requests.get(pending.requestId))?.status, { timeout: 5_000 })
        .toBe('succeeded');
      const before = e2e.responses().length;
      await gatedSlack.command({ text: 'orders', userId: REQUESTER, channelId: CHANNEL });
      expect(await answerAfter(before)).not.toMatch(SENTENCE);

      // Two requests, two provisions: the click refused during the outage sent nothing, the one after sent once.
      expect(provisions()).toHaveLength(2);
      const { rows } = await e2e.store.db.query<{ status: string; n: number }>(
        'SELECT status, count(*) AS n FROM requests GROUP BY status',
      );
      expect(rows).toEqual([{ status: 'succeeded', n: 2 }]);
    });

    it('cut while a mutation is at Telegent: the request stays executing, recovery reconciles it, nothing is sent again', async () => {
      const card = await fileProvision(3);
      // The provision reaches Telegent, which answers after 1.5 s: the database is cut meanwhile.
      e2e.sandbox.injectFault({
        endpoint: '/v1.0/numbers/provision',
        kind: 'latency',
        latencyMs: 1_500,
        count: 1,
      });
      const before = e2e.responses().length;
      await approve(card);
      await expect
        .poll(async () => (await e2e.store.requests.get(card.requestId))?.status, { interval: 20 })
        .toBe('executing');
      await cutter.cut();
      // Sent, then not recorded: never "try again" (a second request would be a second provision).
      const told = await answerAfter(before);
      expect(told).toMatch(/Sent to Telegent, .* Do not submit it again: .* \(ref [a-z0-9]+\)\./);
      expect(told).not.toMatch(/try again/);
      expect(provisions()).toHaveLength(3);
      await cutter.restore();
      await expect.poll(readyz, { timeout: 5_000 }).toBe(200);
      expect((await e2e.store.requests.get(card.requestId))?.status).toBe('executing');

      // Clicked again: told why not (it is no longer waiting for approval), nothing is sent.
      const again = e2e.responses().length;
      await approve(card);
      expect(await answerAfter(again)).not.toMatch(SENTENCE);
      e2e.sandbox.clock.advance(11 * 60);
      await e2e.ops.runExpiryOnce();
      const recovered = await e2e.store.requests.get(card.requestId);
      // A provision's reply (the new number) was lost with the database: the read-back cannot name it.
      expect(recovered?.status).toBe('unknown');
      expect(recovered?.result).toHaveProperty('reconciliation');
      expect(provisions()).toHaveLength(3);
    });
  },
);

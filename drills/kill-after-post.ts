/**
 * Drill 7 — kill -9 in the post→mark gap, placed on purpose. The fake Slack stores a status post and, BEFORE
 * answering, the drill kills the app process: Slack has the message, the app never heard of it and never
 * marked the event posted. The restarted app (once the dead claim's lease is over) must find the message by
 * its metadata and record it instead of posting it again. Done for each kind of post the outbox makes:
 *   1. a reply in an order's thread (one order changed);
 *   2. one channel message listing several orders' changes;
 *   3. the requester's DM about a final status.
 * Promises: every recorded change is in Slack exactly once, every final status DMed exactly once, every event
 * marked delivered with the ts of the message that carries it.
 *
 *   npx tsx drills/kill-after-post.ts [--echo]
 */
import type { FakeSlackCall, FakeSlackMessage } from '../test/support/fake-slack.js';
import type { AppProcess } from './support/app-process.js';
import { SERVER_NEEDED, storeForDrill } from './support/database.js';
import { REQUESTER, startDrillWorld } from './support/drill-world.js';
import { type FleetOrder, seedOrderFleet, withDrillStore } from './support/order-fleet.js';
import { DrillRecorder, type DrillResult, isMain, runDrillCli } from './support/report.js';
import { sleep } from './support/wait.js';

export interface KillAfterPostOptions {
  store?: 'auto' | 'server' | 'embedded';
  echo?: boolean;
}

const ORDER_EVENT = 'telegent_order_event';
const NOTICE = 'telegent_requester_notice';
const DM = `D${REQUESTER}`;

/** Event ids a stored message carries in its metadata. */
const carried = (message: FakeSlackMessage, eventType: string) =>
  message.metadata?.event_type === eventType
    ? String(message.metadata.event_payload?.event_ids ?? '')
        .split(',')
        .filter(Boolean)
    : [];

export async function run(options: KillAfterPostOptions = {}): Promise<DrillResult> {
  const recorder = new DrillRecorder(
    'kill-after-post',
    'kill -9 the app after Slack stored its post and before it answered: thread reply, channel message, DM',
  );
  const storeKind = storeForDrill(recorder, options.store);
  if (!storeKind) return recorder.skipped(SERVER_NEEDED);
  const world = await startDrillWorld({
    store: storeKind,
    sandbox: { speed: 0 },
    echo: options.echo,
    appEnv: {
      ORDER_POLL_MIN_SECONDS: '1',
      ORDER_POLL_MAX_SECONDS: '1',
      LOG_LEVEL: 'info',
    },
  });
  const { sandbox } = world.telegent;
  try {
    // Orders 0 and 2 share a channel (one message for both); order 1 is alone in its channel (thread replies).
    const fleet = await seedOrderFleet(world, {
      count: 3,
      channels: 2,
      requestedBy: REQUESTER,
    });
    const alone = fleet.filter((o) => o.channelId === fleet[1]!.channelId);
    const pair = fleet.filter((o) => o.channelId !== fleet[1]!.channelId);
    const channels = [...new Set(fleet.map((o) => o.channelId))];

    let app: AppProcess = await world.startApp('run0');
    let kills = 0;

    /**
     * With the app stopped, forces `changes` in the sandbox and arms the kill on the next post matching
     * `predicate`; starts the app, whose first reads see every change within the outbox's short collect window
     * (so two orders of one channel make one message); waits for the kill, gives the dead process's claims and
     * leases back (what the clock does after 120 s and 20 s) and starts the app again.
     */
    async function killInGap(
      label: string,
      predicate: (call: FakeSlackCall) => boolean,
      changes: [FleetOrder, string][],
    ): Promise<void> {
      const stopped = await app.stop();
      if (stopped.code !== 0)
        recorder.fail(
          `${label}: the app before this step did not stop cleanly (${stopped.code ?? stopped.signal})`,
        );
      // Every order readable at once when the app starts (a clean stop hands its read leases back anyway).
      await withDrillStore(world, (store) =>
        store.db.query('UPDATE orders SET lease_expires_at = NULL WHERE lease_expires_at IS NOT NULL'),
      );
      for (const [order, status] of changes) sandbox.forceOrderStatus(order.orderId, status);
      let started!: (running: AppProcess) => void;
      const running = new Promise<AppProcess>((resolve) => {
        started = resolve;
      });
      const killed = new Promise<'killed'>((resolve) => {
        world.fake.holdNext('chat.postMessage', predicate, async () => {
          await (await running).kill();
          resolve('killed');
        });
      });
      app = await world.startApp(`before-${label}`);
      started(app);
      const outcome = await Promise.race([killed, sleep(40_000).then(() => 'timeout' as const)]);
      if (outcome === 'timeout') {
        recorder.fail(`${label}: the app never made that post (no kill happened)`);
        return;
      }
      kills++;
      // What the clock does 120 s (outbox claims) and 20 s (read leases) after the kill: the next step starts
      // with every order readable, so its first reads see all of its changes at once.
      await withDrillStore(world, async (store) => {
        await store.db.query(
          'UPDATE order_events SET claim_expires_at = NULL WHERE claim_expires_at IS NOT NULL',
        );
        await store.db.query('UPDATE orders SET lease_expires_at = NULL WHERE lease_expires_at IS NOT NULL');
      });
      app = await world.startApp(`after-${label}`);
    }

    const threadPost = (call: FakeSlackCall) =>
      call.body.channel === alone[0]!.channelId && call.body.thread_ts === alone[0]!.rootTs;
    await killInGap('thread reply', threadPost, [[alone[0]!, 'Submitted']]);

    const channelPost = (call: FakeSlackCall) =>
      call.body.channel === pair[0]!.channelId && !call.body.thread_ts;
    await killInGap('channel message', channelPost, [
      [pair[0]!, 'Submitted'],
      [pair[1]!, 'Submitted'],
    ]);

    const dmPost = (call: FakeSlackCall) => call.body.channel === DM;
    await killInGap('requester DM', dmPost, [[alone[0]!, 'Completed']]);

    // Calm: the rest completes without kills; wait until every order's completion is recorded (the poller has
    // read it) and every event delivered. Counting only undelivered events could stop before the last read.
    for (const order of pair) sandbox.forceOrderStatus(order.orderId, 'Completed');
    const undelivered = () =>
      withDrillStore(world, async (store) => {
        const { rows } = await store.db.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM order_events
                   WHERE posted_at IS NULL OR (notice_due AND notice_posted_at IS NULL))
                + (SELECT count(*) FROM orders WHERE closed_at IS NULL AND order_id = ANY($1::text[])) AS n`,
          [fleet.map((o) => o.orderId)],
        );
        return Number(rows[0]?.n ?? 0);
      });
    let left = Number.POSITIVE_INFINITY;
    if (storeKind === 'server') {
      // The server takes a second connection: look while the app works, then stop it.
      const deadline = Date.now() + 30_000;
      for (left = await undelivered(); left > 0 && Date.now() < deadline; left = await undelivered())
        await sleep(500);
      await app.stop();
      left = await undelivered();
    } else {
      // PGlite is one process at a time: let the app work, then stop it to look.
      for (let round = 0; round < 10 && left > 0; round++) {
        await sleep(3_000);
        await app.stop();
        left = await undelivered();
        if (left > 0) app = await world.startApp(`calm-${round}`);
      }
    }
    if (!app.exited) await app.stop();
    const recovered = world.logLines().filter((l) => /already in Slack; recorded/.test(l.text)).length;
    recorder.figure('kill -9 in the post→mark gap', kills);
    recorder.figure('posts found already in Slack after a restart', recovered);
    recorder.figure('changes still owing a read or a delivery', left);
    recorder.check(left === 0, `${left} status changes or DMs were never recorded or delivered`);

    const events = await withDrillStore(world, async (store) => {
      const all = [];
      for (const order of fleet) all.push(...(await store.orderEvents.listEvents(order.orderId)));
      return all;
    });
    const copies = (eventType: string, conversations: string[]) => {
      const count = new Map<string, number>();
      const tsOf = new Map<string, string[]>();
      for (const channel of conversations) {
        for (const message of world.fake.messagesIn(channel)) {
          for (const id of carried(message, eventType)) {
            count.set(id, (count.get(id) ?? 0) + 1);
            tsOf.set(id, [...(tsOf.get(id) ?? []), message.ts]);
          }
        }
      }
      return { count, tsOf };
    };
    const posts = copies(ORDER_EVENT, channels);
    const notices = copies(NOTICE, [DM]);
    const badPosts = events.filter((e) => posts.count.get(String(e.id)) !== 1);
    const wrongTs = events.filter((e) => posts.tsOf.get(String(e.id))?.[0] !== e.messageTs);
    const due = events.filter((e) => e.noticeDue);
    const badNotices = due.filter((e) => notices.count.get(String(e.id)) !== 1);
    recorder.figure('status changes recorded', events.length);
    recorder.figure('status changes in Slack other than exactly once (goal 0)', badPosts.length);
    recorder.figure('final-status DMs due', due.length);
    recorder.figure('DMs other than exactly once (goal 0)', badNotices.length);
    recorder.check(
      badPosts.length === 0,
      `status changes not in Slack exactly once: ${badPosts
        .map((e) => `${e.orderId} ${e.status} ×${posts.count.get(String(e.id)) ?? 0}`)
        .join(', ')}`,
    );
    recorder.check(
      wrongTs.length === 0,
      `${wrongTs.length} events record a message ts other than the message carrying them`,
    );
    recorder.check(due.length === 3, `expected 3 final-status DMs due, found ${due.length}`);
    recorder.check(
      badNotices.length === 0,
      `DMs not sent exactly once: ${badNotices.map((e) => `${e.orderId} ×${notices.count.get(String(e.id)) ?? 0}`).join(', ')}`,
    );
    recorder.check(recovered >= kills, `only ${recovered} posts were found by metadata after ${kills} kills`);
    world.recordUnhandledRejections(recorder);
    world.recordLeakScan(recorder);
    return recorder.result();
  } finally {
    await world.close();
  }
}

if (isMain(import.meta.url)) {
  await runDrillCli(() => run({ echo: process.argv.includes('--echo') }));
}

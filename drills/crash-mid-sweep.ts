/**
 * Drill 2 — crash mid-sweep. One real app process (HTTP mode, the poller reading orders within its budget,
 * no order more often than ORDER_POLL_MIN_SECONDS) watches `orders` open port-ins created in the sandbox, while the drill
 * keeps forcing their statuses forward in the sandbox. The process is `kill -9`ed at random moments
 * (`kills` times) and restarted each time. After a calm period:
 *   - every order's last status in the database equals the sandbox's;
 *   - every recorded change (order_events) was posted to Slack exactly once: 0 duplicates, 0 missing;
 *   - the posted statuses per order follow the sandbox's own sequence (nothing invented).
 *
 * A crash between Slack accepting an outbox post and the UPDATE marking it posted is covered: the next poster
 * finds the post by its metadata and records it (drills/kill-after-post.ts places that kill on purpose); any
 * duplicate here fails the drill.
 *
 *   - the orders a killed process held (its read leases, ORDER_LEASE_SECONDS: 20 s, 5 s at CI size) are read
 *     again soon: the drill notes them at each kill and measures, from the sandbox journal, how long after the
 *     kill each was read again (goal ≤ the lease + 15 s; before issue 13 the lease was 300 s).
 *
 * Known window, measured rather than hidden:
 *   - a crash mid-post leaves its events claimed by the dead process (120 s outbox claim). If the calm period
 *     ends with some still held, the drill reports how many, expires those claims in the database (what the
 *     clock would do) and gives the app one more calm period.
 *
 * Store: the Postgres server when DATABASE_URL / TEST_DATABASE_URL is set, else PGlite in a temp DATA_DIR
 * (each restart takes over the killed process's lock). The drill reads/writes the database only while no
 * app process runs, so both stores work the same way.
 *
 *   npx tsx drills/crash-mid-sweep.ts [--seed=N] [--echo]     # 200 orders, 12 kills
 */
import { SERVER_NEEDED, storeForDrill } from './support/database.js';
import { type DrillWorld, REQUESTER, startDrillWorld } from './support/drill-world.js';
import { type FleetOrder, seedOrderFleet, withDrillStore } from './support/order-fleet.js';
import { seededRandom, seedFromArgs } from './support/random.js';
import { DrillRecorder, type DrillResult, isMain, runDrillCli } from './support/report.js';
import { accountPosts, postsByOrder, sameStatus, statusPostsIn } from './support/status-posts.js';
import { sleep } from './support/wait.js';

export interface CrashMidSweepOptions {
  orders?: number;
  channels?: number;
  kills?: number;
  /** Each run lasts a random time in this range (ms after /healthz) before the kill. */
  runMs?: [number, number];
  /** Mean time between two forced changes of one order (ms). */
  changeEveryMs?: number;
  /** ORDER_POLL_MIN_SECONDS / ORDER_POLL_MAX_SECONDS. */
  pollSeconds?: [number, number];
  /** ORDER_LEASE_SECONDS: how long a killed process keeps the orders it was reading (default 20, the app's). */
  leaseSeconds?: number;
  /** Give up waiting for the app to catch up after this long (per calm period). */
  calmTimeoutMs?: number;
  /** 'auto': the server when DATABASE_URL/TEST_DATABASE_URL is set, else PGlite. */
  store?: 'auto' | 'server' | 'embedded';
  seed?: number;
  echo?: boolean;
}

export const FULL_SIZE: CrashMidSweepOptions = {
  orders: 200,
  channels: 10,
  kills: 12,
  runMs: [1_000, 5_000],
  changeEveryMs: 8_000,
  calmTimeoutMs: 30_000,
};
export const CI_SIZE: CrashMidSweepOptions = {
  orders: 40,
  channels: 4,
  kills: 3,
  runMs: [800, 2_500],
  changeEveryMs: 4_000,
  // A killed process's orders come back after its lease, 20 s by default: CI proves the same hand-back with a
  // 5 s lease instead of waiting 20 s for it (the full-size drill keeps the default).
  leaseSeconds: 5,
  // Long enough for the last kill's read leases to run out and those orders to be read again.
  calmTimeoutMs: 20_000,
};

/** Non-terminal statuses an order cycles through; 'Completed' closes it in the final phase. */
const CYCLE = ['Submitted', 'InProgress', 'Pending Carrier Approval', 'Scheduled', 'Processing', 'Approved'];

interface Tracked extends FleetOrder {
  /** Every status the sandbox was forced to, in order ('Pending' first). */
  history: string[];
}

export async function run(options: CrashMidSweepOptions = FULL_SIZE): Promise<DrillResult> {
  const count = options.orders ?? 200;
  const kills = options.kills ?? 12;
  const [runMin, runMax] = options.runMs ?? [1_000, 5_000];
  const [pollMin, pollMax] = options.pollSeconds ?? [1, 60];
  const calmTimeoutMs = options.calmTimeoutMs ?? 30_000;
  const leaseSeconds = options.leaseSeconds ?? 20;
  // A killed process's orders are read again once its lease runs out, plus the restart and a poll cycle
  // (a restart alone takes several seconds on a loaded two-core machine).
  const rereadGoalSeconds = leaseSeconds + 15;
  const seed = options.seed ?? Math.floor(Math.random() * 1_000_000);
  const random = seededRandom(seed);
  const recorder = new DrillRecorder(
    'crash-mid-sweep',
    `one app process polling ${count} changing orders, kill -9 ${kills} times, restarted each time`,
  );
  const storeKind = storeForDrill(recorder, options.store);
  if (!storeKind) return recorder.skipped(SERVER_NEEDED);
  recorder.figure('seed', seed);

  const world = await startDrillWorld({
    store: storeKind,
    sandbox: { speed: 0 },
    echo: options.echo,
    appEnv: {
      ORDER_POLL_MIN_SECONDS: String(pollMin),
      ORDER_POLL_MAX_SECONDS: String(pollMax),
      ORDER_LEASE_SECONDS: String(leaseSeconds),
      LOG_LEVEL: 'info',
    },
  });
  const { sandbox } = world.telegent;
  try {
    const fleet = await seedOrderFleet(world, {
      count,
      channels: options.channels ?? 10,
      requestedBy: REQUESTER,
    });
    // When each order was read (wall clock), from the sandbox journal, to time the re-reads after a kill.
    const reads: { orderId: string; at: number }[] = [];
    let journalSeen = 0;
    const readJournal = () => {
      const entries = sandbox.journal();
      const fresh = entries.filter((e) => e.index >= journalSeen);
      if (fresh.length) journalSeen = fresh.at(-1)!.index + 1;
      for (const e of fresh)
        if (e.path === '/v1.0/numbers/order' && e.query.OrderId)
          reads.push({ orderId: e.query.OrderId, at: Date.now() });
    };
    const journalWatch = setInterval(readJournal, 100);
    /** Per kill: when, and the orders the killed process held a read lease on. */
    const heldAtKill: { at: number; orderIds: string[] }[] = [];
    const orders: Tracked[] = fleet.map((o) => ({ ...o, history: ['Pending'] }));
    const byId = new Map(orders.map((o) => [o.orderId, o]));
    recorder.figure('orders', count);

    const force = (order: Tracked, status: string) => {
      sandbox.forceOrderStatus(order.orderId, status);
      order.history.push(status);
    };
    const nextStatus = (order: Tracked) => CYCLE[(order.history.length - 1) % CYCLE.length]!;

    // The sandbox keeps changing: every tick a share of the orders moves on, whether the app is up or not.
    const tickMs = 250;
    const perTick = (count * tickMs) / (options.changeEveryMs ?? 8_000);
    let carry = 0;
    const changing = setInterval(() => {
      carry += perTick;
      for (; carry >= 1; carry--) {
        const order = orders[Math.floor(random() * orders.length)]!;
        force(order, nextStatus(order));
      }
    }, tickMs);

    const unexpectedExits: string[] = [];
    const watchExit = (app: Awaited<ReturnType<DrillWorld['startApp']>>, killed: { value: boolean }) =>
      void app.exit.then((e) => {
        if (!killed.value) unexpectedExits.push(`${app.name} exited by itself (${e.code ?? e.signal})`);
      });

    let killsDone = 0;
    const restartMs: number[] = [];
    let lastKilled = { value: false };
    /** fake.calls.length right after each kill: where a repeat post would sit. */
    const killCalls: number[] = [];
    try {
      for (let i = 0; i <= kills; i++) {
        const started = performance.now();
        const app = await world.startApp(`run${i}`);
        if (i > 0) restartMs.push(performance.now() - started);
        const killed = { value: false };
        watchExit(app, killed);
        lastKilled = killed;
        if (i === kills) break; // the last process stays up for the calm period
        await sleep(runMin + random() * (runMax - runMin));
        killed.value = true;
        await app.kill();
        const killedAt = Date.now();
        killCalls.push(world.fake.calls.length);
        const held = await withDrillStore(world, (store) =>
          store.db.query<{ order_id: string }>(
            'SELECT order_id FROM orders WHERE closed_at IS NULL AND lease_expires_at > now()',
          ),
        );
        heldAtKill.push({ at: killedAt, orderIds: held.rows.map((r) => r.order_id) });
        killsDone++;
        await sleep(random() * 500);
      }
    } finally {
      clearInterval(changing);
    }
    recorder.figure('kill -9', killsDone);
    recorder.figure(
      'restart to /healthz, mean (ms)',
      Math.round(restartMs.reduce((a, b) => a + b, 0) / Math.max(1, restartMs.length)),
    );

    // Final moves: a third of the orders complete, the rest move once more; then calm.
    for (const order of orders) {
      if (random() < 1 / 3) force(order, 'Completed');
      else force(order, nextStatus(order));
    }
    const sandboxChanges = orders.reduce((n, o) => n + o.history.length - 1, 0);
    recorder.figure('status changes forced in the sandbox', sandboxChanges);

    const final = (orderId: string) => byId.get(orderId)!.history.at(-1)!;
    const caughtUp = () => {
      const latest = new Map<string, string>();
      for (const p of statusPostsIn(world.fake.calls, byId.keys()).posts) latest.set(p.orderId, p.status);
      return orders.filter((o) => !sameStatus(latest.get(o.orderId), final(o.orderId))).length;
    };
    const calm = async () => {
      const deadline = Date.now() + calmTimeoutMs;
      while (Date.now() < deadline && caughtUp() > 0) await sleep(250);
      await sleep(1_500); // anything late (a repeat post) shows up now
      return caughtUp();
    };

    let behind = await calm();
    recorder.figure('orders not caught up after the calm period', behind);
    readJournal();
    clearInterval(journalWatch);
    const rereads = heldAtKill.flatMap((kill) =>
      kill.orderIds.map((orderId) => {
        const next = reads.find((r) => r.orderId === orderId && r.at > kill.at);
        return next ? (next.at - kill.at) / 1000 : Number.POSITIVE_INFINITY;
      }),
    );
    const worstReread = rereads.length ? Math.max(...rereads) : 0;
    recorder.figure('orders held by a killed process (read leases at the kills)', rereads.length);
    recorder.figure(
      `seconds from a kill until those orders were read again, max (goal ≤ ${rereadGoalSeconds})`,
      rereads.length ? (Number.isFinite(worstReread) ? worstReread.toFixed(1) : 'never') : 'n/a (none held)',
    );
    recorder.check(
      worstReread <= rereadGoalSeconds,
      `an order held by a killed process was read again only ${worstReread.toFixed(1)} s after the kill (goal ≤ ${rereadGoalSeconds} s)`,
    );
    const current = world.apps.at(-1)!;
    lastKilled.value = true; // a SIGTERM we send
    let exit = await current.stop();

    // Leases left by killed processes: orders claimed mid-read, events claimed mid-post.
    const stranded = await withDrillStore(world, async (store) => {
      const heldOrders = await store.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM orders WHERE closed_at IS NULL AND lease_expires_at > now()',
      );
      const heldEvents = await store.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM order_events
         WHERE (posted_at IS NULL OR (notice_due AND notice_posted_at IS NULL)) AND claim_expires_at > $1`,
        [new Date()],
      );
      return { orders: Number(heldOrders.rows[0]?.n ?? 0), events: Number(heldEvents.rows[0]?.n ?? 0) };
    });
    recorder.figure(
      `orders still leased after the calm period (${leaseSeconds} s read lease)`,
      stranded.orders,
    );
    recorder.figure('events still claimed by a killed process (120 s claim)', stranded.events);
    if (behind > 0 && stranded.orders + stranded.events > 0) {
      await withDrillStore(world, async (store) => {
        await store.db.query(
          'UPDATE orders SET lease_expires_at = NULL WHERE closed_at IS NULL AND lease_expires_at > now()',
        );
        await store.db.query(
          'UPDATE order_events SET claim_expires_at = NULL WHERE claim_expires_at > now()',
        );
      });
      const last = await world.startApp('after-lease-expiry');
      const killed = { value: false };
      watchExit(last, killed);
      behind = await calm();
      recorder.figure('orders not caught up once those leases expired', behind);
      killed.value = true;
      exit = await last.stop();
    }
    recorder.figure('final SIGTERM exit code', String(exit.code ?? exit.signal));
    recorder.check(
      exit.code === 0,
      `the last app process did not stop cleanly (${exit.code ?? exit.signal})`,
    );

    // What the app recorded.
    const recorded = await withDrillStore(world, async (store) => {
      const map = new Map<string, { status: string; events: string[]; closed: boolean }>();
      for (const order of orders) {
        const row = await store.orders.get(order.orderId);
        const events = await store.orderEvents.listEvents(order.orderId);
        map.set(order.orderId, {
          status: row?.status ?? '(missing row)',
          events: events.map((e) => e.status),
          closed: Boolean(row?.closedAt),
        });
      }
      return map;
    });

    const mismatched = orders.filter((o) => recorded.get(o.orderId)?.status !== final(o.orderId));
    recorder.figure('orders whose DB status ≠ the sandbox’s', mismatched.length);
    recorder.check(
      mismatched.length === 0,
      `${mismatched.length} orders end with a status other than the sandbox's, e.g. ${mismatched
        .slice(0, 3)
        .map((o) => `${o.orderId}: DB ${recorded.get(o.orderId)?.status} vs sandbox ${final(o.orderId)}`)
        .join('; ')}`,
    );
    const wrongOpen = orders.filter(
      (o) => recorded.get(o.orderId)?.closed !== (final(o.orderId) === 'Completed'),
    ).length;
    recorder.check(wrongOpen === 0, `${wrongOpen} orders are open/closed against their final status`);

    const recordedChanges = [...recorded.values()].reduce((n, r) => n + r.events.length, 0);
    recorder.figure('status changes the app recorded (order_events)', recordedChanges);
    recorder.figure('changes overwritten before any poll saw them', sandboxChanges - recordedChanges);

    // Recorded changes must follow the sandbox's own sequence of statuses.
    const invented = orders.filter(
      (o) => !isSubsequence(recorded.get(o.orderId)!.events, o.history.slice(1)),
    );
    recorder.figure('orders whose recorded changes are not in the sandbox’s sequence', invented.length);
    recorder.check(
      invented.length === 0,
      `${invented.length} orders recorded changes the sandbox never made`,
    );

    const statusPosts = statusPostsIn(world.fake.calls, byId.keys());
    const accounting = accountPosts(
      new Map([...recorded].map(([id, r]) => [id, r.events])),
      postsByOrder(statusPosts.posts),
    );
    const duplicates = accounting.duplicates.reduce((n, d) => n + d.copies, 0);
    recorder.figure('Slack messages with status changes', statusPosts.messages);
    recorder.figure('status changes posted', accounting.posted);
    recorder.figure('duplicates (goal 0)', duplicates);
    recorder.figure('missing (goal 0)', accounting.missing.length);
    recorder.figure('left out of a message ("…and N more")', statusPosts.truncated);
    // For each repeat: how many Slack calls the app made between the first copy and the next kill (0–2 would
    // point at the post→mark gap, which the metadata lookup is meant to close).
    const repeats = accounting.duplicates.map((d) => {
      const copies = statusPosts.posts.filter((p) => p.orderId === d.orderId && p.status === d.status);
      const first = copies[0]!.callIndex;
      const kill = killCalls.find((k) => k > first);
      return {
        ...d,
        messages: copies.map((c) => c.callIndex),
        callsBeforeKill: kill === undefined ? undefined : kill - 1 - first,
      };
    });
    const repeatedMessages = new Set(repeats.map((r) => r.messages[0])).size;
    recorder.figure('Slack messages posted again after a restart', repeatedMessages);
    recorder.figure(
      'app calls between a repeated message and the kill',
      [...new Set(repeats.map((r) => r.callsBeforeKill ?? 'no kill after it'))].join(', ') || '-',
    );
    const widest = Math.max(0, ...repeats.map((r) => r.callsBeforeKill ?? Number.POSITIVE_INFINITY));
    const why =
      widest <= 3
        ? `each repeated message was among the app's last ${widest + 1} Slack calls before a kill -9: the crash fell between Slack accepting the post and the UPDATE marking it posted, and the lookup by metadata did not find it`
        : `some repeated messages were ${widest} Slack calls before the next kill (or after the last): not explained by the post→mark gap`;
    recorder.check(
      duplicates === 0,
      `${duplicates} status changes in ${repeatedMessages} Slack messages were posted twice; ${why} (e.g. ${repeats
        .slice(0, 3)
        .map((r) => `${r.orderId} ${r.status}`)
        .join(', ')})`,
    );
    recorder.check(
      accounting.missing.length === 0,
      `${accounting.missing.length} recorded changes were never posted, e.g. ${accounting.missing
        .slice(0, 3)
        .map((m) => `${m.orderId} ${m.status}`)
        .join(', ')}`,
    );

    recorder.figure('app exits we did not cause', unexpectedExits.length);
    for (const e of unexpectedExits) recorder.fail(e);
    const errors = world.errorLines();
    recorder.figure('error log lines', errors.length);
    world.recordUnhandledRejections(recorder);

    world.recordLeakScan(recorder);
    return recorder.result();
  } finally {
    await world.close();
  }
}

function isSubsequence(part: string[], whole: string[]): boolean {
  let i = 0;
  for (const item of whole) if (i < part.length && part[i] === item) i++;
  return i === part.length;
}

if (isMain(import.meta.url)) {
  await runDrillCli(() => run({ ...FULL_SIZE, seed: seedFromArgs(), echo: process.argv.includes('--echo') }));
}

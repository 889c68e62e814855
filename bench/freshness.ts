// Freshness: how long a status change at Telegent takes to reach Slack, for the budget-aware poller and the
// backoff poller it replaced, side by side in one run (the machines are noisy: compare the ratios).
// The sandbox holds N open port-ins whose statuses change at random times; the app's jobs (poller + outbox)
// post to a fake Slack; for every change we measure the delay from forcing it in the sandbox to the first
// Slack post that carries it. Telegent's limit is scaled up so one cycle over the orders (N / budget) takes
// 20 s for every N; the baseline's backoff bounds (300 s … 6 h at 50/min) are scaled by the same factor.
// Goals (budget-aware poller): mean ≤ 1.2 × N/(2B), p95 ≤ 1.2 × N/B, 0 × 429, share used ≤ the share.
//   npx tsx bench/freshness.ts            (npm run bench runs it; BENCH_FRESHNESS_N=100,1000 to choose)
import { randomBytes } from 'node:crypto';
import { webApi } from '@slack/bolt';
import { Keyv } from 'keyv';
import { createDrillDatabase, serverDatabaseUrl } from '../drills/support/database.js';
import { seededRandom } from '../drills/support/random.js';
import { statusPostsIn } from '../drills/support/status-posts.js';
import { startJobs } from '../src/jobs/index.js';
import { silentLogger } from '../src/log.js';
import { startSandbox } from '../src/sandbox/server.js';
import { migrate } from '../src/store/migrate.js';
import { type Store, storeOver } from '../src/store/open-store.js';
import { createPgliteDb } from '../src/store/pglite-db.js';
import { createPostgresDb } from '../src/store/postgres-db.js';
import { createTelegentClient } from '../src/telegent/client.js';
import { createPgRateSlots } from '../src/telegent/pg-rate-slots.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { runBackoffPoller } from './support/backoff-poller.js';

const SIZES = (process.env.BENCH_FRESHNESS_N ?? '100,1000').split(',').map(Number);
const SHARE = 0.5;
const CYCLE_SECONDS = 20;
const CHANGES_MS = 30_000;
const CHANGES_PER_SECOND = 2;
const DRAIN_MS = 30_000;
const CHANNELS = 40;
const ADDRESS = { Street1: '1 Main St', City: 'Austin', State: 'TX', Zip: '78701' };
const BOT_TOKEN = 'xoxb-freshness';

type Poller = 'budget-aware' | 'backoff (before)';
interface Outcome {
  poller: Poller;
  n: number;
  replicas: number;
  limit: number;
  changes: number;
  delays: number[];
  missed: number;
  tooMany: number;
  readsPerMinute: number;
  budgetPerMinute: number;
}

const pct = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!
    : Number.NaN;

async function stores(count: number, server: string | undefined) {
  if (!server) {
    const db = await createPgliteDb();
    await migrate(db, { logger: silentLogger });
    return { stores: [storeOver(db, randomBytes(32), () => db.close())], drop: async () => {} };
  }
  const database = await createDrillDatabase(server);
  const list: Store[] = [];
  for (let i = 0; i < count; i++) {
    const db = createPostgresDb({ connectionString: database.url, max: 6 });
    if (i === 0) await migrate(db, { logger: silentLogger });
    list.push(storeOver(db, Buffer.from(database.encryptionKey, 'base64'), () => db.close()));
  }
  return { stores: list, drop: () => database.drop() };
}

async function scenario(poller: Poller, n: number, replicas: number, server?: string): Promise<Outcome> {
  // The limit that makes one cycle over N orders take CYCLE_SECONDS with the share.
  const limit = Math.round((n * 60) / CYCLE_SECONDS / SHARE);
  const scale = limit / 50;
  const sb = await startSandbox({ speed: 0, rateLimitPerMinute: 1_000_000 });
  const fake = await startFakeSlack();
  const { stores: replicaStores, drop } = await stores(replicas, server);
  const random = seededRandom(n * 7 + replicas);
  const setup = createTelegentClient({
    baseUrl: sb.url,
    accountKey: sb.accountKey,
    accountSecret: sb.accountSecret,
    rateLimitPerMinute: 1_000_000,
  });
  const store = replicaStores[0]!;
  const orderIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const created = await setup.submitPortIn({
      PortInNumber: `+1512${String(5_000_000 + i).padStart(7, '0')}`,
      CurrentCarrierName: 'AT&T',
      CurrentAccountNumber: '123456789',
      CurrentAccountPassword: '8642',
      CurrentBillingAddress: ADDRESS,
    });
    const channelId = `C0BENCH${String(i % CHANNELS).padStart(3, '0')}`;
    const root = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: channelId, text: `freshness root ${created.OrderId}` }),
    }).then((r) => r.json() as Promise<{ ts: string }>);
    await store.orders.insert({
      orderId: created.OrderId,
      kind: 'portin',
      numbers: [`+1512${String(5_000_000 + i).padStart(7, '0')}`],
      status: 'Pending',
      channelId,
      threadTs: root.ts,
      requestedBy: 'U0BENCH01',
      nextCheckAt: new Date(),
    });
    orderIds.push(created.OrderId);
  }
  await setup.close();
  // Both pollers start in their steady state. The budget-aware one has read each order within the last
  // cycle. The backoff one: an order last changed t ago (t ~ exponential with the workload's mean time between
  // changes of one order) has backed off to min·2^k, k = ⌊log2(t/min + 1)⌋, capped at the maximum, and is due
  // at a uniform point of that interval.
  const backoffMin = 300 / scale;
  const backoffMax = 21_600 / scale;
  const minSeconds = poller === 'budget-aware' ? 1 : backoffMin;
  await store.db.query(
    'UPDATE orders SET last_checked_at = now() - make_interval(secs => random() * $1), next_check_at = now()',
    [CYCLE_SECONDS],
  );
  const startSeconds = new Map<string, number>();
  if (poller !== 'budget-aware') {
    const meanBetweenChanges = n / CHANGES_PER_SECOND;
    for (const orderId of orderIds) {
      const sinceChange = -Math.log(1 - random()) * meanBetweenChanges;
      const interval = Math.min(
        backoffMax,
        backoffMin * 2 ** Math.floor(Math.log2(sinceChange / backoffMin + 1)),
      );
      startSeconds.set(orderId, interval);
      await store.orders.releaseLease(orderId, new Date(Date.now() + random() * interval * 1000));
    }
  }

  sb.setRateLimit(limit);
  let tooMany = 0;
  let reads = 0;
  const clients = replicaStores.map((s) =>
    createTelegentClient({
      baseUrl: sb.url,
      accountKey: sb.accountKey,
      accountSecret: sb.accountSecret,
      rateSlots: createPgRateSlots({ rateLimits: s.rateLimits, perMinute: limit }),
      tokenCache: new Keyv({ throwOnErrors: true }),
      onCall: (e) => {
        if (e.status === 429) tooMany++;
        if (e.endpoint.includes('order')) reads++;
      },
    }),
  );
  // Mint tokens before the clock starts.
  for (const client of clients) await client.getOrder(orderIds[0]!, { priority: 'background' });
  sb.resetRateLimit();
  reads = 0;
  tooMany = 0;

  const web = new webApi.WebClient(BOT_TOKEN, { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
  const config = {
    pollShare: SHARE,
    telegentRateLimitPerMinute: limit,
    orderPollMinSeconds: Math.max(1, Math.round(minSeconds)),
    orderPollMaxSeconds: Math.round(21_600 / scale),
  };
  const stop = new AbortController();
  const jobs = replicaStores.map((s, i) =>
    startJobs({
      store: s,
      telegent: clients[i]!,
      slack: web,
      logger: silentLogger,
      config,
      sandbox: true,
      schedule: poller === 'budget-aware',
      poller: { idleMs: 200 },
    }),
  );
  const baseline =
    poller === 'budget-aware'
      ? []
      : replicaStores.map((s, i) =>
          runBackoffPoller(
            {
              orders: s.orders,
              telegent: clients[i]!,
              minSeconds: backoffMin,
              maxSeconds: backoffMax,
              startSeconds,
              onChange: () => void jobs[i]!.runOutboxOnce().catch(() => {}),
            },
            stop.signal,
          ),
        );
  const outboxTick =
    poller === 'budget-aware'
      ? undefined
      : setInterval(() => void jobs[0]!.runOutboxOnce().catch(() => {}), 10_000);

  // When each Slack call arrived (the fake records calls in order; we note the time we first see each).
  const seenAt: number[] = [];
  const watch = setInterval(() => {
    while (seenAt.length < fake.calls.length) seenAt.push(Date.now());
  }, 25);

  const changes: { orderId: string; status: string; at: number }[] = [];
  const began = Date.now();
  let k = 0;
  while (Date.now() - began < CHANGES_MS) {
    await new Promise((r) => setTimeout(r, (-Math.log(1 - random()) * 1000) / CHANGES_PER_SECOND));
    const orderId = orderIds[Math.floor(random() * orderIds.length)]!;
    const status = `Step ${++k}`;
    sb.forceOrderStatus(orderId, status);
    changes.push({ orderId, status, at: Date.now() });
  }
  const readsBefore = reads;
  const measuredMs = Date.now() - began;
  // Drain: every change posted, or DRAIN_MS.
  const delays: number[] = [];
  let missed = 0;
  const drainEnd = Date.now() + DRAIN_MS;
  for (;;) {
    const posted = new Map<string, number>();
    for (const p of statusPostsIn(fake.calls, new Set(changes.map((c) => c.orderId))).posts) {
      const key = `${p.orderId} ${p.status}`;
      if (!posted.has(key)) posted.set(key, seenAt[p.callIndex] ?? Date.now());
    }
    // A change overtaken by the next one on the same order before any read is never posted by any poller:
    // its delay counts until the newer status reached Slack.
    delays.length = 0;
    missed = 0;
    // A change not in Slack by the end counts with the time it has waited so far (so the figures are a lower
    // bound for a poller that misses some, printed with ≥).
    const end = Date.now();
    for (const [i, change] of changes.entries()) {
      const later = changes.slice(i).filter((c) => c.orderId === change.orderId);
      const postedAt = later.map((c) => posted.get(`${c.orderId} ${c.status}`)).find((t) => t !== undefined);
      if (postedAt === undefined) missed++;
      delays.push(((postedAt ?? end) - change.at) / 1000);
    }
    if (missed === 0 || Date.now() > drainEnd) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  stop.abort();
  if (outboxTick) clearInterval(outboxTick);
  clearInterval(watch);
  await Promise.all(baseline);
  await Promise.all(jobs.map((j) => j.stop()));
  await Promise.all(clients.map((c) => c.close()));
  for (const s of replicaStores) await s.close();
  await drop();
  await fake.close();
  await sb.close();
  return {
    poller,
    n,
    replicas,
    limit,
    changes: changes.length,
    delays: delays.sort((a, b) => a - b),
    missed,
    tooMany,
    readsPerMinute: (readsBefore / measuredMs) * 60_000,
    budgetPerMinute: limit * SHARE,
  };
}

const server = serverDatabaseUrl();
const outcomes: Outcome[] = [];
for (const n of SIZES) {
  outcomes.push(await scenario('budget-aware', n, 1));
  outcomes.push(await scenario('backoff (before)', n, 1));
}
if (server) outcomes.push(await scenario('budget-aware', Math.max(...SIZES), 2, server));
else console.log('2 replicas: skipped (set TEST_DATABASE_URL or DATABASE_URL to a Postgres server)');

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
console.log(
  `\nfreshness: change at the sandbox → post in Slack (share ${SHARE}, limit scaled so N/B = ${CYCLE_SECONDS} s; ${CHANGES_PER_SECOND} changes/s for ${CHANGES_MS / 1000} s; missed = not in Slack ${DRAIN_MS / 1000} s after the last change, counted with the time waited)`,
);
console.log(
  'poller            N     repl  limit/min  changes  mean s  p95 s  ideal N/2B  N/B   mean/ideal  p95/(N/B)  missed  429  reads/min  share used',
);
let failed = false;
for (const o of outcomes) {
  const mean = o.delays.reduce((a, b) => a + b, 0) / Math.max(1, o.delays.length);
  const p95 = pct(o.delays, 0.95);
  const budget = o.budgetPerMinute;
  const ideal = (o.n / budget) * 60;
  const used = o.readsPerMinute / o.limit;
  const atLeast = o.missed > 0 ? '≥' : '';
  console.log(
    `${o.poller.padEnd(17)} ${String(o.n).padEnd(5)} ${String(o.replicas).padEnd(5)} ${String(o.limit).padEnd(10)} ${String(o.changes).padEnd(8)} ${(atLeast + f(mean)).padEnd(7)} ${(atLeast + f(p95)).padEnd(6)} ${f(ideal / 2).padEnd(11)} ${f(ideal).padEnd(5)} ${(atLeast + f(mean / (ideal / 2), 2)).padEnd(11)} ${(atLeast + f(p95 / ideal, 2)).padEnd(10)} ${String(o.missed).padEnd(7)} ${String(o.tooMany).padEnd(4)} ${f(o.readsPerMinute, 0).padEnd(10)} ${f(used, 2)}`,
  );
  if (o.poller === 'budget-aware') {
    if (mean > 1.2 * (ideal / 2) || p95 > 1.2 * ideal || o.tooMany > 0 || used > SHARE * 1.02 || o.missed > 0)
      failed = true;
  }
}
console.log(
  `goals (budget-aware): mean/ideal ≤ 1.20, p95/(N/B) ≤ 1.20, missed 0, 429 0, share used ≤ ${SHARE} → ${failed ? 'NOT MET' : 'met'}`,
);
process.exitCode = failed ? 1 : 0;

// Order poller sweep against the sandbox with the Telegent limit raised to 600/min.
// 1) one replica (embedded PGlite): sweep time / (N / rate), 429s, and the wait of interactive Telegent
//    calls made during the sweep; 2) two replicas on one Postgres server database (TEST_DATABASE_URL or
//    DATABASE_URL): combined rate / limit. Run: npx tsx bench/order-sweep.ts  (or npm run bench)
import { randomBytes } from 'node:crypto';
import { Keyv } from 'keyv';
import pg from 'pg';
import { createOrderPoller } from '../src/jobs/order-poller.js';
import { silentLogger } from '../src/log.js';
import { SEED_SUBSCRIBER_IDS } from '../src/sandbox/seed.js';
import { type Sandbox, startSandbox } from '../src/sandbox/server.js';
import type { Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';
import { type Store, storeOver } from '../src/store/open-store.js';
import { createPgliteDb } from '../src/store/pglite-db.js';
import { createPostgresDb } from '../src/store/postgres-db.js';
import { type CallEvent, createTelegentClient, type TelegentClient } from '../src/telegent/client.js';
import { createPgRateSlots } from '../src/telegent/pg-rate-slots.js';
import { slotSpacingMs } from '../src/telegent/rate-limiter.js';

const N = Number(process.env.BENCH_SWEEP_N) || 600;
const LIMIT = 600;
const INTERACTIVE_EVERY_MS = 3_000;
const POLICY = { minSeconds: 300, maxSeconds: 21_600 };
const ADDRESS = { Street1: '1 Main St', City: 'Austin', State: 'TX', Zip: '78701' };
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;

const fmt = (n: number | undefined, digits = 1) => (n === undefined ? 'n/a' : n.toFixed(digits));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))];

function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let worst = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while ((sorted[i] as number) - (sorted[j] as number) >= windowMs) j++;
    worst = Math.max(worst, i - j + 1);
  }
  return worst;
}

interface Recorder {
  sends: number[];
  tooMany: number;
  onCall: (e: CallEvent) => void;
}
function recorder(): Recorder {
  const r: Recorder = {
    sends: [],
    tooMany: 0,
    onCall: (e) => {
      r.sends.push(Date.now() - e.durationMs);
      if (e.status === 429) r.tooMany++;
    },
  };
  return r;
}

function sweepClient(sb: Sandbox, store: Store, rec: Recorder): TelegentClient {
  return createTelegentClient({
    baseUrl: sb.url,
    accountKey: sb.accountKey,
    accountSecret: sb.accountSecret,
    rateSlots: createPgRateSlots({ rateLimits: store.rateLimits, perMinute: LIMIT }),
    tokenCache: new Keyv({ throwOnErrors: true }),
    onCall: rec.onCall,
  });
}

async function insertOrders(store: Store, orderIds: string[]): Promise<void> {
  const now = new Date();
  for (const [i, orderId] of orderIds.entries()) {
    await store.orders.insert({
      orderId,
      kind: 'portin',
      numbers: [`+1512555${4000 + i}`],
      status: 'Pending',
      channelId: `C_BENCH_${i % 20}`,
      requestedBy: 'U_BENCH',
      nextCheckAt: now,
    });
  }
}

async function serverStores(url: string, count: number) {
  const name = `tg_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const dbs: Db[] = [];
  const stores: Store[] = [];
  for (let i = 0; i < count; i++) {
    const db = createPostgresDb({ connectionString: dbUrl.toString(), max: 5 });
    if (i === 0) await migrate(db, { logger: silentLogger });
    dbs.push(db);
    stores.push(storeOver(db, randomBytes(32), () => db.close()));
  }
  return {
    stores,
    drop: async () => {
      for (const db of dbs) await db.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const sb = await startSandbox({ speed: 0, rateLimitPerMinute: 1_000_000 });
const setup = createTelegentClient({
  baseUrl: sb.url,
  accountKey: sb.accountKey,
  accountSecret: sb.accountSecret,
  rateLimitPerMinute: 1_000_000,
});
let failed = false;
try {
  const orderIds: string[] = [];
  for (let i = 0; i < N; i++) {
    const created = await setup.submitPortIn({
      PortInNumber: `+1512555${4000 + i}`,
      CurrentCarrierName: 'AT&T',
      CurrentAccountNumber: '123456789',
      CurrentAccountPassword: '8642',
      CurrentBillingAddress: ADDRESS,
    });
    orderIds.push(created.OrderId);
  }
  const slotMs = slotSpacingMs(LIMIT);
  const ideal = (N / LIMIT) * 60_000;

  // --- 1. one replica, embedded PGlite, interactive calls during the sweep ---
  {
    const db = await createPgliteDb();
    await migrate(db, { logger: silentLogger });
    const store = storeOver(db, randomBytes(32), () => db.close());
    await insertOrders(store, orderIds);
    const rec = recorder();
    const client = sweepClient(sb, store, rec);
    // Mint both tokens before the clock starts (they count against the limit too).
    await client.getOrder(orderIds[0] as string, { priority: 'background' });
    await client.getSubscriber(SEED_SUBSCRIBER_IDS[0] as string);
    sb.setRateLimit(LIMIT);
    sb.resetRateLimit();
    await new Promise((r) => setTimeout(r, slotMs * 2));
    rec.sends.length = 0;
    rec.tooMany = 0;

    const poller = createOrderPoller({
      orders: store.orders,
      telegent: client,
      logger: silentLogger,
      policy: POLICY,
    });
    const began = performance.now();
    let done = false;
    let sweepMs = 0;
    const sweep = poller.sweep().finally(() => {
      done = true;
      sweepMs = performance.now() - began;
    });
    const waits: number[] = [];
    const probes: Promise<void>[] = [];
    while (!done) {
      await new Promise((r) => setTimeout(r, INTERACTIVE_EVERY_MS));
      if (done) break;
      const issued = performance.now();
      probes.push(
        client.getSubscriber(SEED_SUBSCRIBER_IDS[1] as string).then(() => {
          waits.push(performance.now() - issued);
        }),
      );
    }
    const result = await sweep;
    await Promise.all(probes);
    const sorted = [...waits].sort((a, b) => a - b);
    const ratio = sweepMs / ideal;
    const slotsRatio = sweepMs / (((N + waits.length) / LIMIT) * 60_000);
    console.log(`order sweep benchmark (N=${N}, limit ${LIMIT}/min, one slot = ${fmt(slotMs)} ms)`);
    console.log('  1 replica (embedded PGlite, shared-bucket rate slots)');
    console.log(`    orders checked / failed             ${result.checked} / ${result.failed}`);
    console.log(
      `    sweep time / (N / rate)             ${fmt(sweepMs / 1000)} s / ${fmt(ideal / 1000)} s = ${fmt(ratio, 3)} (goal ≤ 1.10)`,
    );
    console.log(`      counting the ${waits.length} interactive calls' slots too: ${fmt(slotsRatio, 3)}`);
    const sends = [...rec.sends].sort((a, b) => a - b);
    const rate = ((sends.length - 1) / ((sends.at(-1) ?? 0) - (sends[0] ?? 0))) * 60_000;
    console.log(`    requests sent / achieved rate       ${sends.length} / ${fmt(rate)} per min`);
    console.log(`    429 responses                       ${rec.tooMany} (goal 0)`);
    console.log(
      `    interactive wait p50 / p95 / max    ${fmt(pct(sorted, 0.5))} / ${fmt(pct(sorted, 0.95))} / ${fmt(sorted.at(-1))} ms (goal p95 ≤ ${fmt(slotMs)} ms)`,
    );
    if (result.checked !== N || ratio > 1.1 || rec.tooMany > 0 || (pct(sorted, 0.95) ?? 0) > slotMs)
      failed = true;
    await client.close();
    await store.close();
  }

  // --- 2. two replicas on one Postgres server database ---
  if (!serverUrl) {
    console.log('  2 replicas: skipped (set TEST_DATABASE_URL or DATABASE_URL to a Postgres server)');
  } else {
    const { stores, drop } = await serverStores(serverUrl, 2);
    try {
      await insertOrders(stores[0] as Store, orderIds);
      const rec = recorder();
      const clients = stores.map((s) => sweepClient(sb, s, rec));
      for (const c of clients) await c.getOrder(orderIds[0] as string, { priority: 'background' });
      sb.resetRateLimit();
      await new Promise((r) => setTimeout(r, slotMs * 2));
      rec.sends.length = 0;
      rec.tooMany = 0;
      const pollers = stores.map((s, i) =>
        createOrderPoller({
          orders: s.orders,
          telegent: clients[i] as TelegentClient,
          logger: silentLogger,
          policy: POLICY,
        }),
      );
      const began = performance.now();
      const results = await Promise.all(pollers.map((p) => p.sweep()));
      const sweepMs = performance.now() - began;
      const sends = [...rec.sends].sort((a, b) => a - b);
      const span = (sends.at(-1) ?? 0) - (sends[0] ?? 0);
      const rate = ((sends.length - 1) / span) * 60_000;
      const window60 = maxInWindow(sends, 60_000);
      const checked = results.reduce((sum, r) => sum + r.checked, 0);
      console.log('  2 replicas (one Postgres server database, two pools, one shared bucket)');
      console.log(
        `    orders checked (A + B)              ${results.map((r) => r.checked).join(' + ')} = ${checked}`,
      );
      console.log(
        `    combined rate / limit               ${fmt(rate)} / ${LIMIT} per min = ${fmt(rate / LIMIT, 3)} (goal ≤ 1.0)`,
      );
      console.log(
        `    busiest 60 s window / limit         ${window60} / ${LIMIT} = ${fmt(window60 / LIMIT, 3)}`,
      );
      console.log(
        `    sweep time / (N / rate)             ${fmt(sweepMs / 1000)} s / ${fmt(ideal / 1000)} s = ${fmt(sweepMs / ideal, 3)}`,
      );
      console.log(`    429 responses                       ${rec.tooMany} (goal 0)`);
      if (checked !== N || rate / LIMIT > 1 || window60 > LIMIT || rec.tooMany > 0) failed = true;
      for (const c of clients) await c.close();
    } finally {
      await drop();
    }
  }
} finally {
  await setup.close();
  await sb.close();
}
if (failed) {
  console.log('  ✗ a goal was missed');
  process.exitCode = 1;
}

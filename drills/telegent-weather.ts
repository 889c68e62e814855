/**
 * Drill 3 — Telegent weather. One real app process (HTTP mode) works through a scripted "hour" of support
 * work compressed into `durationMs`: read commands (status, usage, search, orders), provision and port-out
 * requests approved by a second person, and poller sweeps over a fleet of open orders whose statuses keep
 * changing. Meanwhile `faultShare` (20 %) of every Telegent response is a fault — 429 with Retry-After, 500,
 * 503, 504, timeouts (connection dropped without an answer) and truncated JSON; half of the ambiguous ones
 * (500/504/timeout/truncated) are applied before failing, as a real Telegent might — and every token expires
 * after `tokenTtlSeconds`.
 *
 * Promises: 0 crashes (the process never exits, /healthz answers at the end); 0 mutations retried after an
 * ambiguous answer (sandbox journal: after a 500/502/504/timeout/truncated answer to a mutation, no further
 * request to that mutation endpoint for the same approved request); every user-visible outcome is success,
 * a clear failure or "unknown — being checked"; no unhandled promise rejection in the log; once the weather
 * clears, the fleet's statuses are all posted.
 *
 *   npx tsx drills/telegent-weather.ts [--seed=N] [--echo]      # 3 minutes, 20 % faults, tokens 30 s
 */
import { SEED_NUMBERS, SEED_USAGE_NUMBERS } from '../src/sandbox/seed.js';
import type { FaultSpec } from '../src/sandbox/types.js';
import { httpStatus } from './support/app-process.js';
import { pickStore, serverDatabaseUrl } from './support/database.js';
import { REQUESTER, startDrillWorld } from './support/drill-world.js';
import { seedOrderFleet } from './support/order-fleet.js';
import {
  type JourneyContext,
  type JourneyOutcome,
  PROMISE_KEEPING,
  portOutJourney,
  provisionJourney,
  readJourney,
} from './support/outcome-flows.js';
import { seededRandom, seedFromArgs } from './support/random.js';
import { DrillRecorder, type DrillResult, isMain, runDrillCli } from './support/report.js';
import { sameStatus, statusPostsIn } from './support/status-posts.js';
import { sleep } from './support/wait.js';

export interface TelegentWeatherOptions {
  /** Real time the scripted hour is compressed into. */
  durationMs?: number;
  /** Share of Telegent responses that are faults (0.2). */
  faultShare?: number;
  tokenTtlSeconds?: number;
  /** Open orders the poller sweeps. */
  fleet?: number;
  /** Pause between two scripted actions. */
  actionGapMs?: number;
  /** How long the app gets, once the weather clears, to post the fleet's last statuses. */
  calmTimeoutMs?: number;
  store?: 'auto' | 'server' | 'embedded';
  seed?: number;
  echo?: boolean;
}

export const FULL_SIZE: TelegentWeatherOptions = {
  durationMs: 180_000,
  faultShare: 0.2,
  tokenTtlSeconds: 30,
  fleet: 60,
  actionGapMs: 300,
  calmTimeoutMs: 20_000,
};
export const CI_SIZE: TelegentWeatherOptions = {
  durationMs: 10_000,
  faultShare: 0.2,
  tokenTtlSeconds: 5,
  fleet: 12,
  actionGapMs: 100,
  calmTimeoutMs: 10_000,
};

/** Mutating endpoints (the sandbox journal's `mutations()`). */
const AMBIGUOUS_STATUS = new Set([0, 500, 502, 504]);
const AMBIGUOUS_FAULT = new Set(['timeout', 'truncated', 'text', 'reset', '500', '502', '504']);

/** Faults whose combined probability per request is `share`. */
export function weatherFaults(share: number): FaultSpec[] {
  const kinds: FaultSpec[] = [
    { kind: '429', retryAfterSeconds: 1 },
    { kind: '503', retryAfterSeconds: 1 },
    { kind: '500' },
    { kind: '500', applyMutation: true },
    { kind: '504' },
    { kind: '504', applyMutation: true },
    { kind: 'timeout', latencyMs: 400 },
    { kind: 'timeout', latencyMs: 400, applyMutation: true },
    { kind: 'truncated' },
    { kind: 'truncated', applyMutation: true },
  ];
  // The first matching fault that fires wins: equal shares s with 1 - (1 - s)^n = share.
  const each = 1 - (1 - share) ** (1 / kinds.length);
  return kinds.map((k) => ({ ...k, share: each }));
}

export async function run(options: TelegentWeatherOptions = FULL_SIZE): Promise<DrillResult> {
  const durationMs = options.durationMs ?? 180_000;
  const share = options.faultShare ?? 0.2;
  const ttl = options.tokenTtlSeconds ?? 30;
  const seed = options.seed ?? Math.floor(Math.random() * 1_000_000);
  const random = seededRandom(seed);
  const storeKind = pickStore(options.store);
  const recorder = new DrillRecorder(
    'telegent-weather',
    `a scripted hour of work in ${Math.round(durationMs / 1000)} s with ${Math.round(share * 100)} % Telegent faults and tokens expiring every ${ttl} s`,
  );
  if (storeKind === 'server' && !serverDatabaseUrl()) {
    return recorder.skipped('store "server" needs DATABASE_URL or TEST_DATABASE_URL');
  }
  recorder.figure('store', storeKind === 'server' ? 'Postgres server' : 'PGlite (embedded)');
  recorder.figure('seed', seed);

  const world = await startDrillWorld({
    store: storeKind,
    sandbox: { speed: 0, seed },
    echo: options.echo,
    appEnv: { ORDER_POLL_MIN_SECONDS: '1', ORDER_POLL_MAX_SECONDS: '3' },
  });
  const { sandbox } = world.telegent;
  try {
    const fleet = await seedOrderFleet(world, {
      count: options.fleet ?? 60,
      channels: 3,
      requestedBy: REQUESTER,
    });
    const fleetStatus = new Map(fleet.map((o) => [o.orderId, 'Pending']));
    const app = await world.startApp('A');
    let appExit: string | undefined;
    void app.exit.then((e) => {
      appExit = String(e.code ?? e.signal);
    });
    const journalStart = sandbox.journal().at(-1)?.index ?? 0;

    sandbox.setTokenTtl(ttl);
    for (const fault of weatherFaults(share)) sandbox.injectFault(fault);

    const jc: JourneyContext = {
      world,
      app,
      journalIndex: () => sandbox.journal().at(-1)?.index ?? 0,
    };
    const CYCLE = ['Submitted', 'InProgress', 'Scheduled', 'Processing', 'Approved'];
    const changing = setInterval(() => {
      const order = fleet[Math.floor(random() * fleet.length)]!;
      const status = CYCLE[Math.floor(random() * CYCLE.length)]!;
      if (status === fleetStatus.get(order.orderId)) return;
      sandbox.forceOrderStatus(order.orderId, status);
      fleetStatus.set(order.orderId, status);
    }, 400);

    const portOutNumbers = SEED_NUMBERS.slice(5);
    const areaCodes = ['801', '385', '212', '415', '512', '206'];
    const script: ((i: number) => Promise<JourneyOutcome> | undefined)[] = [
      () => readJourney(jc, `status ${fleet[Math.floor(random() * fleet.length)]!.orderId}`),
      () => readJourney(jc, `usage ${SEED_USAGE_NUMBERS.active}`),
      (i) => provisionJourney(jc, areaCodes[i % areaCodes.length]),
      () => readJourney(jc, `search ${areaCodes[Math.floor(random() * areaCodes.length)]}`),
      () => {
        const number = portOutNumbers.shift();
        return number
          ? portOutJourney(jc, number, String(100_000 + Math.floor(random() * 899_999)))
          : undefined;
      },
      () => readJourney(jc, 'orders'),
    ];
    const outcomes: JourneyOutcome[] = [];
    const started = Date.now();
    try {
      for (let i = 0; Date.now() - started < durationMs && !appExit; i++) {
        const step = script[i % script.length]!(Math.floor(i / script.length));
        if (step) outcomes.push(await step);
        await sleep(options.actionGapMs ?? 300);
      }
    } finally {
      clearInterval(changing);
    }

    // Figures of the weather itself.
    const journal = sandbox.journal().filter((e) => e.index > journalStart);
    const faulted = journal.filter((e) => e.fault);
    recorder.figure('Telegent requests', journal.length);
    recorder.figure(
      'faults answered (share)',
      `${faulted.length} (${((100 * faulted.length) / Math.max(1, journal.length)).toFixed(1)} %)`,
    );
    const byKind = new Map<string, number>();
    for (const e of faulted) byKind.set(e.fault!, (byKind.get(e.fault!) ?? 0) + 1);
    recorder.figure('faults by kind', [...byKind].map(([k, n]) => `${k}:${n}`).join(' '));
    recorder.figure('401 (token expired) answers', journal.filter((e) => e.status === 401).length);
    recorder.figure('tokens minted', journal.filter((e) => /oauth2\/tokens/i.test(e.path)).length);

    // 0 mutations retried after an ambiguous answer, per approved request.
    const mutations = sandbox.mutations().filter((e) => e.index > journalStart);
    recorder.figure('mutation requests', mutations.length);
    recorder.figure(
      'mutations answered ambiguously',
      mutations.filter((m) => AMBIGUOUS_STATUS.has(m.status) || (m.fault && AMBIGUOUS_FAULT.has(m.fault)))
        .length,
    );
    const windows = outcomes
      .filter((o) => o.approvedAtJournal !== undefined)
      .map((o) => o.approvedAtJournal!)
      .sort((a, b) => a - b);
    let retriedAfterAmbiguous = 0;
    windows.forEach((from, w) => {
      const to = windows[w + 1] ?? Number.POSITIVE_INFINITY;
      const inWindow = mutations.filter((m) => m.index > from && m.index <= to);
      const firstAmbiguous = inWindow.findIndex(
        (m) => AMBIGUOUS_STATUS.has(m.status) || (m.fault !== undefined && AMBIGUOUS_FAULT.has(m.fault)),
      );
      if (firstAmbiguous < 0) return;
      const ambiguous = inWindow[firstAmbiguous]!;
      const again = inWindow
        .slice(firstAmbiguous + 1)
        .filter((m) => m.path.toLowerCase() === ambiguous.path.toLowerCase());
      if (again.length > 0) {
        retriedAfterAmbiguous += again.length;
        recorder.fail(
          `${ambiguous.path} answered ${ambiguous.fault ?? ambiguous.status} and was sent again ${again.length}× (journal #${ambiguous.index})`,
        );
      }
    });
    const unattributed = mutations.filter((m) => windows.length === 0 || m.index <= windows[0]!).length;
    recorder.figure('mutations retried after an ambiguous answer (goal 0)', retriedAfterAmbiguous);
    recorder.check(unattributed === 0, `${unattributed} mutations were sent before any Approve click`);

    // What users saw.
    recorder.figure('scripted actions', outcomes.length);
    const counts = new Map<string, number>();
    for (const o of outcomes) counts.set(o.outcome, (counts.get(o.outcome) ?? 0) + 1);
    for (const kind of [
      'success',
      'clear failure',
      'unknown — being checked',
      'our-side error',
      'no answer',
    ]) {
      recorder.figure(`outcome: ${kind}`, counts.get(kind) ?? 0);
    }
    for (const kind of ['clear failure', 'unknown — being checked'] as const) {
      const example = outcomes.find((o) => o.outcome === kind);
      if (example)
        recorder.figure(`example ${kind}`, `${example.journey}: ${example.evidence.slice(0, 160)}`);
    }
    for (const o of outcomes.filter((x) => !PROMISE_KEEPING.includes(x.outcome)).slice(0, 8)) {
      recorder.fail(`${o.journey} → ${o.outcome} at ${o.stage}: ${o.evidence}`);
    }
    const approvals = outcomes.filter((o) => o.approvedAtJournal !== undefined);
    recorder.figure(
      'approved requests: done / failed / unknown',
      ['success', 'clear failure', 'unknown — being checked']
        .map((k) => approvals.filter((o) => o.outcome === k).length)
        .join(' / '),
    );
    const acks = outcomes.flatMap((o) => o.acks).sort((a, b) => a - b);
    recorder.figure('signed requests', acks.length);
    recorder.figure(
      'ack p99 / max (ms)',
      `${Math.round(acks[Math.floor(acks.length * 0.99)] ?? 0)} / ${Math.round(acks.at(-1) ?? 0)}`,
    );
    recorder.check(
      (acks.at(-1) ?? 0) < 3_000,
      `a Slack request was acked after ${Math.round(acks.at(-1) ?? 0)} ms (> 3 s)`,
    );

    // The weather clears: the fleet's last statuses get posted.
    sandbox.clearFaults();
    const calmDeadline = Date.now() + (options.calmTimeoutMs ?? 20_000);
    const behind = () => {
      const latest = new Map<string, string>();
      const ids = fleet.map((o) => o.orderId);
      for (const p of statusPostsIn(world.fake.calls, ids).posts) latest.set(p.orderId, p.status);
      return fleet.filter(
        (o) =>
          fleetStatus.get(o.orderId) !== 'Pending' &&
          !sameStatus(latest.get(o.orderId), fleetStatus.get(o.orderId)),
      ).length;
    };
    while (Date.now() < calmDeadline && behind() > 0) await sleep(250);
    const sweeps = app.lines.filter((l) => l.json?.msg === 'order sweep done');
    recorder.figure('poller sweeps with checks', sweeps.length);
    recorder.figure(
      'order checks failed and delayed',
      sweeps.reduce((n, l) => n + Number(l.json?.failed ?? 0), 0),
    );
    recorder.figure('fleet orders whose last status was not posted after the weather', behind());
    recorder.check(behind() === 0, `${behind()} fleet orders never got their last status posted`);

    // Crashes and unhandled rejections.
    const healthy = await httpStatus(`${app.url}/healthz`);
    recorder.figure('app process exits (goal 0)', appExit ? 1 : 0);
    recorder.check(!appExit, `the app process exited during the drill (${appExit})`);
    recorder.check(healthy === 200, `/healthz answered ${healthy} at the end`);
    world.recordUnhandledRejections(recorder);
    const errors = world.errorLines();
    recorder.figure('error log lines', errors.length);
    for (const e of errors.slice(0, 3))
      recorder.figure(`error line ${errors.indexOf(e) + 1}`, e.text.slice(0, 200));

    world.recordLeakScan(recorder);
    return recorder.result();
  } finally {
    await world.close();
  }
}

if (isMain(import.meta.url)) {
  await runDrillCli(() => run({ ...FULL_SIZE, seed: seedFromArgs(), echo: process.argv.includes('--echo') }));
}

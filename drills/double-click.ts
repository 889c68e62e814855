/**
 * Drill 1 — double click, two replicas. Two real app processes (A, B) on one Postgres database; one
 * provision (or park: `--park`; or a port-out that needs two approvers: `--portout-2of`, APPROVALS_NEEDED=portout:2)
 * request submitted through A (signed command → form → view_submission); for the 2-of-N port-out one approver
 * approves first (nothing may reach Telegent); then `clicks` concurrent signed Approve clicks from different
 * approvers, split between A and B.
 * Promise: exactly 1 mutation in the sandbox journal, every other clicker told "Already approved …",
 * every click acked 200, 0 error log lines, no secret leaked.
 *
 * Needs a Postgres server (DATABASE_URL or TEST_DATABASE_URL): PGlite is one process by design. Without one
 * it prints SKIPPED and exits 0.
 *
 *   npx tsx drills/double-click.ts          # 50 clicks
 *   npx tsx drills/double-click.ts --all    # provision, park and the 2-of-N port-out, one after another
 */

import pg from 'pg';
import { SEED_NUMBERS } from '../src/sandbox/seed.js';
import type { AppProcess } from './support/app-process.js';
import { serverDatabaseUrl } from './support/database.js';
import type { DrillWorld } from './support/drill-world.js';
import { APPROVALS_CHANNEL, approverIds, startDrillWorld } from './support/drill-world.js';
import { type ApprovalCard, submitLineChange, submitPortOut, submitProvision } from './support/flows.js';
import { DrillRecorder, type DrillResult, type Figure, isMain, runDrillCli } from './support/report.js';
import { textOf } from './support/slack-driver.js';
import { sleep, waitFor } from './support/wait.js';

export interface DoubleClickOptions {
  /** Concurrent Approve clicks (default 50). */
  clicks?: number;
  /** Distinct approver user ids the clicks come from (default 10). */
  approvers?: number;
  /** What is approved: a provision (default) or a park of a seeded number. */
  request?: keyof typeof REQUESTS;
  /** Several requests raced one after another by the same two replicas (figures named "<request>: …"). */
  requests?: (keyof typeof REQUESTS)[];
  echo?: boolean;
}

export const FULL_SIZE: DoubleClickOptions = { clicks: 50, approvers: 10 };
export const CI_SIZE: DoubleClickOptions = { clicks: 20, approvers: 6 };

/**
 * The requests the drill can approve: how each is filed, which Telegent path it mutates, and the app setting
 * that makes it need more than one approver (the first approval then comes before the concurrent clicks).
 */
const REQUESTS: Record<
  'provision' | 'park' | 'portout-2of',
  {
    path: string;
    submit: (world: DrillWorld, app: AppProcess) => Promise<ApprovalCard>;
    env?: Record<string, string>;
    firstApproval?: boolean;
  }
> = {
  provision: {
    path: '/v1.0/numbers/provision',
    submit: (world, app) => submitProvision(world, app),
  },
  park: {
    path: '/v1.0/numbers/status',
    submit: (world, app) => submitLineChange(world, app, { kind: 'park', number: SEED_NUMBERS[7]! }),
  },
  'portout-2of': {
    path: '/v1.0/numbers/portout',
    submit: (world, app) => submitPortOut(world, app, { number: SEED_NUMBERS[9]!, pin: '58213' }),
    env: { APPROVALS_NEEDED: 'portout:2' },
    firstApproval: true,
  },
};

type RequestKind = keyof typeof REQUESTS;
export const ALL_REQUESTS: readonly RequestKind[] = ['provision', 'park', 'portout-2of'];

/** Figures and checks of one request's race, named after the request when the drill races several. */
function scopedTo(recorder: DrillRecorder, prefix: string) {
  return {
    figure: (name: string, value: Figure) => recorder.figure(`${prefix}${name}`, value),
    check: (ok: boolean, failure: string) => recorder.check(ok, `${prefix}${failure}`),
    fail: (failure: string) => recorder.fail(`${prefix}${failure}`),
  };
}

export async function run(options: DoubleClickOptions = FULL_SIZE): Promise<DrillResult> {
  const clicks = options.clicks ?? 50;
  const approvers = approverIds(options.approvers ?? 10);
  const kinds: RequestKind[] = options.requests ?? [options.request ?? 'provision'];
  const recorder = new DrillRecorder(
    'double-click',
    `${clicks} concurrent Approve clicks on each of: ${kinds.join(', ')}, split between two app processes on one Postgres`,
  );
  if (!serverDatabaseUrl()) {
    return recorder.skipped(
      'needs a Postgres server: set DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test); PGlite is single-process by design',
    );
  }

  const world = await startDrillWorld({ store: 'server', approvers, echo: options.echo });
  try {
    // One pair of replicas races every request in turn (their settings together: each only touches its own kind).
    const env = Object.assign({}, ...kinds.map((kind) => REQUESTS[kind].env ?? {}));
    const [a, b] = await Promise.all([world.startApp('A', env), world.startApp('B', env)]);
    for (const kind of kinds) {
      const scope = scopedTo(recorder, kinds.length > 1 ? `${kind}: ` : '');
      await raceApprovals(world, [a!, b!], kind, { clicks, approvers }, scope);
    }

    const errors = world.errorLines();
    recorder.figure('error log lines', errors.length);
    for (const e of errors.slice(0, 5)) recorder.fail(`error logged by ${e.source}: ${e.text.slice(0, 300)}`);

    const exits = await Promise.all(world.apps.map((app) => app.stop()));
    recorder.figure('SIGTERM exit codes', exits.map((e) => e.code ?? e.signal).join(', '));
    recorder.check(
      exits.every((e) => e.code === 0),
      `an app did not stop cleanly on SIGTERM: ${exits.map((e) => e.code ?? e.signal).join(', ')}`,
    );

    // The replicas share Telegent tokens through kv_cache: encrypted at rest, like every other secret.
    const cached = new pg.Client({ connectionString: world.database!.url });
    await cached.connect();
    try {
      const { rows } = await cached.query<{ value: string }>(
        "SELECT value FROM kv_cache WHERE key LIKE 'telegent-token:%'",
      );
      const readable = rows.filter((row) => [...world.telegent.tokens].some((t) => row.value.includes(t)));
      recorder.figure('shared token rows in kv_cache', rows.length);
      recorder.figure('tokens readable in kv_cache', readable.length);
      recorder.check(
        rows.length > 0,
        'no shared Telegent token in kv_cache: the replicas did not share tokens',
      );
      recorder.check(
        readable.length === 0,
        `${readable.length} kv_cache rows hold a Telegent token in the clear`,
      );
    } finally {
      await cached.end();
    }

    world.recordLeakScan(recorder);
    return recorder.result();
  } finally {
    await world.close();
  }
}

/** Files one request of `kind`, then `clicks` concurrent Approve clicks split between the two replicas. */
async function raceApprovals(
  world: DrillWorld,
  [a, b]: [AppProcess, AppProcess],
  kind: RequestKind,
  { clicks, approvers }: { clicks: number; approvers: string[] },
  recorder: ReturnType<typeof scopedTo>,
): Promise<void> {
  const { path, submit, firstApproval } = REQUESTS[kind];
  const mutationsOf = () => world.telegent.sandbox.mutations().filter((m) => m.path.toLowerCase() === path);
  const { requestId, ts } = await submit(world, a);
  recorder.figure('approval request', requestId);
  const before = mutationsOf();
  recorder.check(before.length === 0, `a ${kind} was sent before any approval (${before.length})`);

  const drivers = [world.slack(a), world.slack(b)];
  // 2-of-N: the first approver approves alone; the concurrent clicks then race for the second approval.
  const clickers = firstApproval ? approvers.slice(1) : approvers;
  if (firstApproval) {
    const first = await drivers[0]!.click({
      actionId: 'request.approve',
      value: requestId,
      userId: approvers[0]!,
      channelId: APPROVALS_CHANNEL,
      messageTs: ts,
    });
    await waitFor(
      'the first approval to be answered',
      () => drivers[0]!.answersTo(first.key).length > 0,
      10_000,
    ).catch(() => undefined);
    const answer = textOf(drivers[0]!.answersTo(first.key)[0]?.body ?? {});
    recorder.figure(
      'first approval answer',
      answer.match(/Your approval is recorded \([^)]*\)/)?.[0] ?? answer.slice(0, 120),
    );
    recorder.check(
      /Your approval is recorded \(1 of 2 approved by/.test(answer),
      `the first approval was not recorded as 1 of 2: ${answer.slice(0, 200)}`,
    );
    await sleep(500);
    const early = mutationsOf().length;
    recorder.figure('mutations after the first approval', early);
    recorder.check(early === 0, `one approval of two sent ${early} ${kind} to Telegent`);
  }
  const sent = await Promise.all(
    Array.from({ length: clicks }, (_, i) =>
      drivers[i % 2]!.click({
        actionId: 'request.approve',
        value: requestId,
        userId: clickers[i % clickers.length]!,
        channelId: APPROVALS_CHANNEL,
        messageTs: ts,
      }).then((r) => ({ ...r, via: i % 2 ? 'B' : 'A' })),
    ),
  );
  const acked = sent.filter((s) => s.status === 200).length;
  recorder.figure(
    'clicks via A / B',
    `${sent.filter((s) => s.via === 'A').length} / ${sent.filter((s) => s.via === 'B').length}`,
  );
  recorder.figure('approvers clicking', clickers.length);
  recorder.figure('clicks acked 200', acked);
  const durations = sent.map((s) => s.durationMs).sort((x, y) => x - y);
  recorder.figure('click ack max (ms)', Math.round(durations.at(-1) ?? 0));
  recorder.check(acked === clicks, `${clicks - acked} clicks were not acked with 200`);

  // Each loser gets one answer on its response_url; the winner's click is answered in the channel.
  const answered = () => sent.filter((s) => drivers[0]!.answersTo(s.key).length > 0).length;
  await waitFor('answers to the losing clicks', () => answered() >= clicks - 1, 20_000).catch(
    () => undefined,
  );
  await waitFor(
    'the request to finish',
    () =>
      world.fake.callsTo('chat.update').some((c) => c.body.ts === ts && /Approved by/.test(textOf(c.body))),
    15_000,
  ).catch(() => recorder.fail('the approval card was never updated to "Approved by …"'));
  await sleep(1_000); // anything late (a second mutation, a second answer) would show up now

  const mutations = mutationsOf();
  recorder.figure('mutations in the sandbox journal', mutations.length);
  recorder.check(
    mutations.length === 1,
    `expected exactly 1 ${kind} in the journal, found ${mutations.length}`,
  );

  const answers = sent.map((s) => drivers[0]!.answersTo(s.key));
  const already = answers.filter(
    (list) => list.length === 1 && /Already approved/.test(textOf(list[0]!.body)),
  );
  const silent = answers.filter((list) => list.length === 0).length;
  const doubled = answers.filter((list) => list.length > 1).length;
  const other = answers.filter(
    (list) => list.length === 1 && !/Already approved/.test(textOf(list[0]!.body)),
  );
  recorder.figure('"Already approved …" answers', already.length);
  recorder.figure('clicks with no private answer (the winner)', silent);
  recorder.figure('clicks answered twice', doubled);
  recorder.check(
    already.length === clicks - 1,
    `${clicks - 1} losers should be told "Already approved", ${already.length} were`,
  );
  recorder.check(
    silent === 1,
    `exactly one click (the winner) should have no private answer, ${silent} had none`,
  );
  recorder.check(doubled === 0, `${doubled} clicks were answered more than once`);
  for (const o of other.slice(0, 3))
    recorder.fail(`unexpected answer to a click: ${textOf(o[0]!.body).slice(0, 200)}`);
}

if (isMain(import.meta.url))
  await runDrillCli(() =>
    run({
      ...FULL_SIZE,
      ...(process.argv.includes('--park') ? { request: 'park' as const } : {}),
      ...(process.argv.includes('--portout-2of') ? { request: 'portout-2of' as const } : {}),
      ...(process.argv.includes('--all') ? { requests: [...ALL_REQUESTS] } : {}),
      echo: process.argv.includes('--echo'),
    }),
  );

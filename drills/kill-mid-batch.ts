/**
 * Drill 12 — kill -9 in the middle of a batch. A batch is filed and approved through the real app, as a person
 * does it: a port-in of several numbers (`/telegent portin n1 n2 …` → eligibility summary → Continue → form), or
 * provision several ("How many numbers"); drills/support/batch-kinds.ts. The drill kills the process at one of
 * these points, ages what the dead process held in SQL (what the clock does in a few minutes), restarts it on the
 * same store, and may kill it again further on in the same batch:
 *   before-first    the approval is stored and the card edit that follows it held: the executor never claimed
 *                   the request, no item sent (the restart's recovery of unclaimed approvals runs it);
 *   answer-held@k   Telegent made the k-th item's order and its answer is held: the item is counted and claimed,
 *                   its answer never recorded (the restart reads it back and never sends it again);
 *   in-flight@k     items before k are recorded and the k-th is on the wire: Telegent takes it only after the
 *                   process died (a 3 s 'latency' fault; the kill comes when the call reaches the proxy).
 * Promises per batch: every item settled (none pending or claimed), each counted once; Telegent received
 * exactly N submissions (none twice, none lost) and made N things (lines, or port-in orders, one per number);
 * the items name N distinct numbers, exactly Telegent's; an item killed mid-call ends `unknown` after its
 * read-back (which finds its line for provision; a port-in's number is on the account only when the port
 * completes, so it finds nothing), every other item done; one order tracked per item answered, Telegent's; one
 * story message; the request final; the form's secrets in no log line or Slack message.
 *
 *   npx tsx drills/kill-mid-batch.ts [--echo] [--size=6] [--kind=portin|provision]   (default: both kinds)
 */

import type { RequestItemRecord } from '../src/store/request-items-repo.js';
import type { AppProcess } from './support/app-process.js';
import {
  BATCH_KINDS,
  type BatchKindName,
  type DrillBatchKind,
  type FiledBatch,
} from './support/batch-kinds.js';
import { SERVER_NEEDED, storeForDrill } from './support/database.js';
import { APPROVALS_CHANNEL, CHANNEL, type DrillWorld, startDrillWorld } from './support/drill-world.js';
import { withDrillStore } from './support/order-fleet.js';
import { DrillRecorder, type DrillResult, isMain, runDrillCli } from './support/report.js';
import { sleep, waitFor } from './support/wait.js';

export type KillPoint = 'before-first' | 'answer-held' | 'in-flight';

export interface Kill {
  point: KillPoint;
  /** 1-based item the kill waits for (answer-held, in-flight). */
  at?: number;
}

export interface KillMidBatchOptions {
  store?: 'auto' | 'server' | 'embedded';
  kind?: BatchKindName;
  size?: number;
  /** One batch per entry, killed at each of its points in turn (restarted after each). */
  batches?: Kill[][];
  echo?: boolean;
}

/** The full run (`npm run drills`): one batch killed three times, one killed before its first item. */
export const FULL_SIZE: Required<Pick<KillMidBatchOptions, 'size' | 'batches'>> = {
  size: 6,
  batches: [
    [
      { point: 'answer-held', at: 2 },
      { point: 'in-flight', at: 4 },
      { point: 'answer-held', at: 6 },
    ],
    [{ point: 'before-first' }],
  ],
};

/** The CI size: three items, killed once with the second's answer held. */
export const CI_SIZE: Required<Pick<KillMidBatchOptions, 'size' | 'batches'>> = {
  size: 3,
  batches: [[{ point: 'answer-held', at: 2 }]],
};

const label = (kill: Kill) => (kill.at ? `${kill.point}@${kill.at}` : kill.point);

export async function run(options: KillMidBatchOptions = {}): Promise<DrillResult> {
  const kind = BATCH_KINDS[options.kind ?? 'provision'];
  const size = options.size ?? FULL_SIZE.size;
  const batches = options.batches ?? FULL_SIZE.batches;
  const recorder = new DrillRecorder(
    'kill-mid-batch',
    `kill -9 the app in a ${size}-item ${kind.name} batch (${batches.map((b) => b.map(label).join(' → ')).join('; ')}); restart on the same store each time`,
  );
  const storeKind = storeForDrill(recorder, options.store);
  if (!storeKind) return recorder.skipped(SERVER_NEEDED);
  if (size < 2 || size > kind.maxSize) throw new Error(`size must be 2…${kind.maxSize}`);
  const world = await startDrillWorld({
    store: storeKind,
    echo: options.echo,
    appEnv: { LOG_LEVEL: 'info' },
    // The first start runs PGlite's initdb: under the suite's load it has passed the default 30 s.
    readyTimeoutMs: 90_000,
  });
  const { sandbox } = world.telegent;
  try {
    let app = await world.startApp('A');
    for (const [slot, kills] of batches.entries()) {
      const name = `batch ${slot + 1}`;
      const batch = await kind.file(world, app, size, slot);
      const sent = () => sandbox.mutations().filter(batch.mine).length;
      for (const [i, kill] of kills.entries()) {
        const reached = armKill(world, app, kind.mutationPath, kill, sent, batch);
        if (i === 0) await approve(world, app, batch);
        const hit = await waitFor(`${name}: ${label(kill)}`, reached, 30_000)
          .then(() => true)
          .catch(() => false);
        await app.kill();
        sandbox.clearFaults();
        if (!recorder.check(hit, `${name}: the app never reached ${label(kill)} (no kill there)`)) {
          return recorder.result();
        }
        // A call on the wire when the process died reaches Telegent now.
        if (kill.point === 'in-flight') {
          await waitFor(
            `${name}: the in-flight call taken by Telegent`,
            () => sent() >= kill.at!,
            10_000,
          ).catch(() => undefined);
        }
        const left = await ageWhatTheDeadHeld(world, batch.card.requestId);
        recorder.figure(`${name}: after the kill at ${label(kill)}`, `${left}; ${sent()} sent`);
        app = await world.startApp(`${name} after ${label(kill)}`);
      }
      await waitForTheEnd(world, app, batch, size, sent);
      await app.stop();
      await checkBatch(recorder, world, { name, kind, batch, size, kills }, sent());
      if (slot < batches.length - 1) app = await world.startApp(`after ${name}`);
    }
    world.recordUnhandledRejections(recorder);
    world.recordLeakScan(recorder, [...world.baseSecrets(), ...(kind.secrets ?? [])]);
    return recorder.result();
  } finally {
    await world.close();
  }
}

async function approve(world: DrillWorld, app: AppProcess, batch: FiledBatch): Promise<void> {
  await world.slack(app).click({
    actionId: 'request.approve',
    value: batch.card.requestId,
    userId: world.approvers[0]!,
    channelId: APPROVALS_CHANNEL,
    messageTs: batch.card.ts,
  });
}

/**
 * Makes the batch stop where `kill` needs it; returns when the app has reached that point. The items are sent
 * in order, one at a time, and an item read back is not sent: the k-th item's call is the one after
 * `k - 1 - sent` more.
 */
function armKill(
  world: DrillWorld,
  app: AppProcess,
  path: string,
  kill: Kill,
  sent: () => number,
  batch: FiledBatch,
): () => boolean {
  const { sandbox } = world.telegent;
  if (kill.point === 'before-first') {
    // The card edit that follows the decision (before the executor's claim) is held until the process is dead.
    let held = false;
    world.fake.holdNext(
      'chat.update',
      (call) => call.body.ts === batch.card.ts,
      async () => {
        held = true;
        await app.exit;
      },
    );
    return () => held;
  }
  const at = kill.at!;
  const skip = at - 1 - sent();
  if (skip < 0) throw new Error(`item ${at} was already sent`);
  if (skip > 0) sandbox.injectFault({ kind: 'latency', latencyMs: 0, endpoint: path, count: skip });
  if (kill.point === 'answer-held') {
    // Telegent makes the line at once and holds its answer for a minute: the app is between the two.
    sandbox.injectFault({
      kind: 'timeout',
      endpoint: path,
      applyMutation: true,
      latencyMs: 60_000,
      count: 1,
    });
    return () => sent() >= at;
  }
  // Telegent takes the call 3 s after it arrived: the kill comes as it arrives.
  const arrived = world.telegent.arrivals(path) + skip + 1;
  sandbox.injectFault({ kind: 'latency', latencyMs: 3_000, endpoint: path, count: 1 });
  return () => world.telegent.arrivals(path) >= arrived;
}

/**
 * What the dead process held, aged as a few minutes would (no app runs now): an approval nobody claimed is a
 * minute old, an item's lease has run out and the batch has been quiet past it. Returns its items' states.
 */
async function ageWhatTheDeadHeld(world: DrillWorld, requestId: string): Promise<string> {
  return withDrillStore(world, async (store) => {
    const request = await store.requests.get(requestId);
    const items = await store.requestItems.list(requestId);
    await store.db.query(`UPDATE requests SET updated_at = now() - interval '2 minutes' WHERE id = $1`, [
      requestId,
    ]);
    await store.db.query(
      `UPDATE request_items SET updated_at = updated_at - interval '5 minutes',
         claimed_until = CASE WHEN status = 'claimed' THEN now() - interval '1 minute' ELSE claimed_until END
       WHERE request_id = $1`,
      [requestId],
    );
    const states = items.map((i) => `${i.status[0]}${i.attempts}`).join(' ');
    return `request ${request?.status}, items ${states || 'none'}`;
  });
}

/** All sent and the outcome in the card's thread (the request finished and was announced). */
async function waitForTheEnd(
  world: DrillWorld,
  app: AppProcess,
  batch: FiledBatch,
  size: number,
  sent: () => number,
): Promise<void> {
  const since = world.fake.calls.length;
  await waitFor(`all ${size} sent`, () => sent() >= size, 40_000).catch(() => undefined);
  await waitFor(
    "the outcome in the card's thread",
    () =>
      world.fake.calls
        .slice(since)
        .some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === batch.card.ts),
    // A killed process held the request's redraw lease (9 s): the next redraws job (every 5 s) draws it.
    25_000,
  ).catch(() => undefined);
  if (app.exited) throw new Error(`the app exited: ${JSON.stringify(app.exited)}`);
  await sleep(1_500); // a second submission would show up now
}

interface CheckedBatch {
  name: string;
  kind: DrillBatchKind;
  batch: FiledBatch;
  size: number;
  kills: Kill[];
}

async function checkBatch(
  recorder: DrillRecorder,
  world: DrillWorld,
  { name, kind, batch, size, kills }: CheckedBatch,
  sent: number,
): Promise<void> {
  const { request, items, orders } = await withDrillStore(world, async (store) => ({
    request: await store.requests.get(batch.card.requestId),
    items: await store.requestItems.list(batch.card.requestId),
    orders: (
      await store.db.query<{ order_id: string; numbers: string[] }>(
        'SELECT order_id, numbers FROM orders WHERE request_id = $1',
        [batch.card.requestId],
      )
    ).rows,
  }));
  const count = (status: string) => items.filter((i) => i.status === status).length;
  recorder.figure(
    `${name}: items done / read back (unknown) / failed / unsettled`,
    `${count('done')} / ${count('unknown')} / ${count('failed')} / ${count('pending') + count('claimed')}`,
  );
  recorder.check(items.length === size, `${name}: ${items.length} items stored, not ${size}`);
  recorder.check(
    count('pending') + count('claimed') === 0,
    `${name}: ${count('pending') + count('claimed')} items never settled`,
  );
  recorder.check(count('failed') === 0, `${name}: ${count('failed')} items failed`);
  recorder.check(
    items.every((i) => i.attempts === 1),
    `${name}: an item was counted other than once (attempts ${items.map((i) => i.attempts).join(',')})`,
  );
  recorder.figure(`${name}: submissions Telegent received (goal ${size})`, sent);
  recorder.check(sent === size, `${name}: Telegent received ${sent} submissions, not ${size}`);
  const atTelegent = batch.numbersAtTelegent(world);
  recorder.figure(`${name}: ${kind.made} at Telegent (goal ${size})`, atTelegent.length);
  recorder.check(atTelegent.length === size, `${name}: Telegent holds ${atTelegent.length} ${kind.made}`);
  // Each item names its number: what its answer gave, or what its read-back found.
  const named = items.map((i) => {
    const result = i.result as { numbers?: string[]; reconciliation?: { found?: boolean; number?: string } };
    return i.status === 'done' ? result?.numbers?.[0] : result?.reconciliation?.number;
  });
  recorder.check(
    named.every((n) => n !== undefined),
    `${name}: an item names no number (a read-back that found nothing: items ${items
      .filter((_, j) => named[j] === undefined)
      .map((i) => i.item)
      .join(',')})`,
  );
  const distinct = new Set(named.filter((n): n is string => n !== undefined));
  recorder.figure(`${name}: distinct numbers the items name (goal ${size})`, distinct.size);
  recorder.check(
    distinct.size === size,
    `${name}: the items name ${distinct.size} distinct numbers, not ${size}`,
  );
  recorder.check(
    atTelegent.every((n) => distinct.has(n)),
    `${name}: a number Telegent made is not the one any item names`,
  );
  checkMidCallItems(recorder, name, kind, kills, items);
  // Each item answered tracks its own order: the one Telegent made for the number the item names.
  const answered = items.filter((i) => i.status === 'done');
  recorder.figure(`${name}: orders tracked (goal ${answered.length}: one per item answered)`, orders.length);
  recorder.check(
    orders.length === answered.length,
    `${name}: ${orders.length} orders tracked for ${answered.length} items answered`,
  );
  for (const order of orders) {
    const atTelegent = world.telegent.sandbox.getOrder(order.order_id);
    recorder.check(
      atTelegent !== undefined && atTelegent.Number === order.numbers[0] && distinct.has(order.numbers[0]!),
      `${name}: order ${order.order_id} (${order.numbers[0]}) is not Telegent's order for an item's number`,
    );
  }
  const stories = world.fake.calls
    .slice(batch.since)
    .filter((c) => c.method === 'chat.postMessage' && c.body.channel === CHANNEL && !c.body.thread_ts);
  recorder.figure(`${name}: story messages (goal 1)`, stories.length);
  recorder.check(stories.length === 1, `${name}: ${stories.length} story messages in the channel, not 1`);
  const final = count('unknown') > 0 ? 'unknown' : 'succeeded';
  recorder.figure(`${name}: request after the restarts`, String(request?.status));
  recorder.check(request?.status === final, `${name}: the request ended ${request?.status}, not ${final}`);
}

/**
 * An item killed mid-call (its answer held, or its call on the wire) is settled by its read-back, never sent
 * again: `unknown`, saying so, its read-back having found (provision) or not found (port-in) its number. Every
 * other item was answered.
 */
function checkMidCallItems(
  recorder: DrillRecorder,
  name: string,
  kind: DrillBatchKind,
  kills: Kill[],
  items: RequestItemRecord[],
): void {
  const midCall = new Set(kills.filter((k) => k.at !== undefined).map((k) => k.at! - 1));
  for (const item of items) {
    const label = `${name}: item ${item.item + 1}`;
    if (!midCall.has(item.item)) {
      recorder.check(item.status === 'done', `${label} ended ${item.status} (${item.error}), not done`);
      continue;
    }
    recorder.check(
      item.status === 'unknown' && (item.error ?? '').includes('not sent again'),
      `${label}, killed mid-call, ended ${item.status} (${item.error}), not unknown and "not sent again"`,
    );
    const found = (item.result as { reconciliation?: { found?: boolean } } | null)?.reconciliation?.found;
    recorder.check(
      found === kind.readBackFinds,
      `${label}'s read-back found ${String(found)}, not ${kind.readBackFinds} (${kind.name})`,
    );
  }
}

if (isMain(import.meta.url)) {
  const arg = (name: string) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(`--${name}=`.length);
  const size = arg('size');
  const kinds = arg('kind') ? [arg('kind') as BatchKindName] : (['portin', 'provision'] as const);
  let broke = false;
  for (const kind of kinds) {
    if (!(kind in BATCH_KINDS)) throw new Error(`--kind is one of ${Object.keys(BATCH_KINDS).join(', ')}`);
    await runDrillCli(() =>
      run({ kind, echo: process.argv.includes('--echo'), ...(size ? { size: Number(size) } : {}) }),
    );
    broke ||= process.exitCode === 1;
  }
  process.exitCode = broke ? 1 : 0;
}

/**
 * Drill 11 — kill -9 between a provision and its line's plan. A provision with the plan "Unlimited Plus" is
 * approved; the number is made and the app puts the new line on its plan (POST /v1.0/subscriptions under a
 * claimed step in line_subscriptions). Telegent makes the subscription and its answer is held, and the drill kills
 * the app right then: the step is left claimed, with its create counted. The claim is aged past its lease in SQL
 * (what the clock does in two minutes) and the app restarted on the same store: its line plan job takes the step
 * over, looks the line up at Telegent first, finds the subscription and records it.
 * Promises: exactly one subscription for the new number (and one create sent, none after the restart), the step
 * done with that subscription, the request succeeded.
 *
 *   npx tsx drills/kill-mid-plan.ts [--echo]
 */
import { SERVER_NEEDED, storeForDrill } from './support/database.js';
import { APPROVALS_CHANNEL, startDrillWorld } from './support/drill-world.js';
import { submitProvision } from './support/flows.js';
import { withDrillStore } from './support/order-fleet.js';
import { DrillRecorder, type DrillResult, isMain, runDrillCli } from './support/report.js';
import { sleep, waitFor } from './support/wait.js';

const SUBSCRIPTIONS = '/v1.0/subscriptions';

export interface KillMidPlanOptions {
  store?: 'auto' | 'server' | 'embedded';
  echo?: boolean;
}

export async function run(options: KillMidPlanOptions = {}): Promise<DrillResult> {
  const recorder = new DrillRecorder(
    'kill-mid-plan',
    'kill -9 the app after Telegent made a new line’s subscription and before the app recorded it; restart',
  );
  const storeKind = storeForDrill(recorder, options.store);
  if (!storeKind) return recorder.skipped(SERVER_NEEDED);
  const world = await startDrillWorld({
    store: storeKind,
    echo: options.echo,
    appEnv: { LOG_LEVEL: 'info' },
  });
  const { sandbox } = world.telegent;
  const creates = () =>
    sandbox.subscriptionMutations().filter((m) => m.path.toLowerCase() === SUBSCRIPTIONS).length;
  try {
    const first = await world.startApp('A');
    const card = await submitProvision(world, first);
    // Telegent makes the subscription at once and holds its answer for a minute: the app is between the two.
    const before = sandbox.subscriptions().length;
    sandbox.injectFault({
      kind: 'timeout',
      endpoint: SUBSCRIPTIONS,
      applyMutation: true,
      latencyMs: 60_000,
      count: 1,
    });
    await world.slack(first).click({
      actionId: 'request.approve',
      value: card.requestId,
      userId: world.approvers[0]!,
      channelId: APPROVALS_CHANNEL,
      messageTs: card.ts,
    });
    const hit = await waitFor(
      'the subscription made at Telegent',
      () => sandbox.subscriptions().length > before,
      20_000,
    )
      .then(() => true)
      .catch(() => false);
    await first.kill();
    if (!recorder.check(hit, 'no subscription reached Telegent before the kill (no kill there)')) {
      return recorder.result();
    }
    const left = await withDrillStore(world, async (store) => {
      const step = await store.lineSubscriptions.getByRequest(card.requestId);
      // What the clock does in two minutes: the dead worker's lease has run out.
      await store.db.query(
        `UPDATE line_subscriptions SET claimed_until = now() - interval '1 minute'
         WHERE request_id = $1 AND status = 'claimed'`,
        [card.requestId],
      );
      return step;
    });
    recorder.figure('step after the kill', `${left?.status} (creates counted: ${left?.attempts})`);
    recorder.check(left?.status === 'claimed', `the step was ${left?.status} after the kill, not claimed`);
    const createsAtKill = creates();
    recorder.figure('subscription creates at the kill', createsAtKill);

    // The store is read only with no app running (an embedded store is one process's): the restarted app's
    // look-up at Telegent shows it has taken the step over (its line plan job runs every 15 s).
    const lookups = () =>
      sandbox.journal().filter((j) => j.path.toLowerCase() === '/v1.0/distributor/subscriptions').length;
    const lookupsBefore = lookups();
    const second = await world.startApp('restarted');
    await waitFor('the restarted app looking the line up', () => lookups() > lookupsBefore, 40_000).catch(
      () => undefined,
    );
    await sleep(2_000); // its record, and a second create if there were one, land now
    await second.stop();
    const after = await withDrillStore(world, async (store) => ({
      step: await store.lineSubscriptions.getByRequest(card.requestId),
      request: await store.requests.get(card.requestId),
    }));
    const tnid = after.step?.tnid;
    const forLine = sandbox.subscriptions().filter((s) => s.TNID === tnid).length;
    recorder.figure('subscriptions of the new number (goal 1)', forLine);
    recorder.check(forLine === 1, `${forLine} subscriptions for the new number, not exactly 1`);
    recorder.figure('subscription creates sent (goal 1)', creates());
    recorder.check(creates() === createsAtKill, 'a create was sent again after the restart');
    recorder.figure('step after the restart', String(after.step?.status));
    recorder.check(after.step?.status === 'done', `the step ended ${after.step?.status}, not done`);
    recorder.check(
      Boolean(after.step?.subscriptionId) &&
        sandbox.subscriptions().some((s) => s.SubscriptionId === after.step?.subscriptionId),
      'the step does not name the subscription Telegent holds',
    );
    recorder.check(after.request?.status === 'succeeded', `the request ended ${after.request?.status}`);
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

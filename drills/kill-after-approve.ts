/**
 * Drill 8 — kill -9 between the approval and the execution. A provision request is approved; the app edits
 * the card ("Approved by …") before it claims the request for execution, and the fake Slack holds that edit
 * while the drill kills the process. The request is left `approved`, nothing sent to Telegent. A new process
 * must pick it up (the recovery of approvals nobody claimed for a minute, which also runs at start) and
 * execute it exactly once, announced as usual.
 * Promises: after the kill, 0 provisions and the request `approved`; after the restart, exactly 1 provision,
 * the request `succeeded`, the outcome in the card's thread, the recovery in the audit log.
 *
 *   npx tsx drills/kill-after-approve.ts [--echo]
 */
import { SERVER_NEEDED, storeForDrill } from './support/database.js';
import { APPROVALS_CHANNEL, startDrillWorld } from './support/drill-world.js';
import { submitProvision } from './support/flows.js';
import { withDrillStore } from './support/order-fleet.js';
import { DrillRecorder, type DrillResult, isMain, runDrillCli } from './support/report.js';
import { textOf } from './support/slack-driver.js';
import { sleep, waitFor } from './support/wait.js';

const PROVISION_PATH = '/v1.0/numbers/provision';

export interface KillAfterApproveOptions {
  store?: 'auto' | 'server' | 'embedded';
  echo?: boolean;
}

export async function run(options: KillAfterApproveOptions = {}): Promise<DrillResult> {
  const recorder = new DrillRecorder(
    'kill-after-approve',
    'kill -9 the app after an approval is stored and before its execution is claimed; restart',
  );
  const storeKind = storeForDrill(recorder, options.store);
  if (!storeKind) return recorder.skipped(SERVER_NEEDED);
  const world = await startDrillWorld({
    store: storeKind,
    echo: options.echo,
    appEnv: { LOG_LEVEL: 'info' },
  });
  const provisions = () =>
    world.telegent.sandbox.mutations().filter((m) => m.path.toLowerCase() === PROVISION_PATH).length;
  try {
    const first = await world.startApp('approver');
    const card = await submitProvision(world, first);

    // The card edit that follows the decision is held until the process is dead.
    const killed = new Promise<void>((resolve) => {
      world.fake.holdNext(
        'chat.update',
        (call) => call.body.ts === card.ts,
        async () => {
          await first.kill();
          resolve();
        },
      );
    });
    await world.slack(first).click({
      actionId: 'request.approve',
      value: card.requestId,
      userId: world.approvers[0]!,
      channelId: APPROVALS_CHANNEL,
      messageTs: card.ts,
    });
    const outcome = await Promise.race([killed.then(() => 'killed'), sleep(15_000).then(() => 'timeout')]);
    if (!recorder.check(outcome === 'killed', 'the app never edited the card after the approval (no kill)')) {
      return recorder.result();
    }
    recorder.figure('provisions sent before the restart', provisions());
    recorder.check(provisions() === 0, 'a provision reached Telegent before the kill (the claim came first)');
    const left = await withDrillStore(world, async (store) => {
      const status = (await store.requests.get(card.requestId))?.status;
      // What the clock does in a minute: the approval is now old enough for the recovery job.
      await store.db.query(`UPDATE requests SET updated_at = now() - interval '2 minutes' WHERE id = $1`, [
        card.requestId,
      ]);
      return status;
    });
    recorder.figure('request status after the kill', String(left));
    recorder.check(left === 'approved', `the request was ${left} after the kill, not approved`);

    const since = world.fake.calls.length;
    const second = await world.startApp('restarted');
    await waitFor('the recovered provision at Telegent', () => provisions() >= 1, 20_000).catch(
      () => undefined,
    );
    await waitFor(
      "the outcome in the card's thread",
      () =>
        world.fake.calls
          .slice(since)
          .some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === card.ts),
      // The killed process held the request's redraw lease (9 s): the restarted one draws it once that lapses,
      // at its next redraws job (every 5 s); on a loaded two-core machine that can take 20 s.
      25_000,
    ).catch(() => undefined);
    await sleep(1_500); // a second execution would show up now
    await second.stop();
    recorder.figure('provisions sent (goal 1)', provisions());
    recorder.check(provisions() === 1, `${provisions()} provisions reached Telegent, not exactly 1`);
    const outcomePosted = world.fake.calls
      .slice(since)
      .some(
        (c) =>
          c.method === 'chat.postMessage' && c.body.thread_ts === card.ts && /Provision/.test(textOf(c.body)),
      );
    recorder.check(outcomePosted, "the outcome was not posted in the card's thread after the restart");
    const after = await withDrillStore(world, async (store) => ({
      status: (await store.requests.get(card.requestId))?.status,
      actions: (await store.audit.listByRequest(card.requestId)).map((e) => e.action),
    }));
    recorder.figure('request status after the restart', String(after.status));
    recorder.check(after.status === 'succeeded', `the request ended ${after.status}, not succeeded`);
    recorder.check(
      after.actions.includes('approval_recovered'),
      `the audit log has no approval_recovered entry (${after.actions.join(', ')})`,
    );
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

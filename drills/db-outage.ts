/**
 * Drill 9 — the database goes away under load. Two real app processes (HTTP mode) share one database on the
 * Postgres server; their pollers watch `orders` open port-ins whose statuses the drill keeps moving in the
 * sandbox, and people file and approve provisions. Then the app's connections are cut as a Postgres restart,
 * a failover or an idle-connection reaper cuts them (ALLOW_CONNECTIONS false + pg_terminate_backend) for
 * `outageMs`, while `/telegent orders` is typed on every replica and waiting requests are approved; then the
 * database is allowed again. Promises:
 *   - no process exits (an unhandled 'error' event on a pool used to end every replica at once);
 *   - while it is away every command and click is answered (the database sentence), none is met by silence,
 *     /readyz says 503, and nothing reaches Telegent;
 *   - after: full service without a restart (figure: seconds from the database's return until every replica
 *     answers a command normally, and until the jobs posted a status change made after the return); the
 *     approvals refused during the outage, clicked again, execute once; every request ends succeeded
 *     (0 lost), 0 duplicate mutations, every order's status caught up and posted once;
 *   - the outage is told once per replica in the log, not once per query.
 *
 * Needs the Postgres server (DATABASE_URL or TEST_DATABASE_URL): PGlite runs in the app's process and has no
 * connections to cut.
 *
 *   npx tsx drills/db-outage.ts [--echo]       # npm run drill:db-outage
 */
import { type AppProcess, httpStatus } from './support/app-process.js';
import { databaseSwitch, SERVER_NEEDED, serverDatabaseUrl } from './support/database.js';
import { APPROVALS_CHANNEL, CHANNEL, REQUESTER, startDrillWorld } from './support/drill-world.js';
import { type ApprovalCard, approve, submitProvision } from './support/flows.js';
import { seedOrderFleet, withDrillStore } from './support/order-fleet.js';
import { seededRandom } from './support/random.js';
import { DrillRecorder, type DrillResult, isMain, runDrillCli } from './support/report.js';
import { textOf } from './support/slack-driver.js';
import { accountPosts, postsByOrder, sameStatus, statusPostsIn } from './support/status-posts.js';
import { sleep, waitFor } from './support/wait.js';

const PROVISION_PATH = '/v1.0/numbers/provision';
const SENTENCE = /Our database is not answering; try again in a minute \(ref [a-z0-9]+\)\./;
const CYCLE = ['Submitted', 'InProgress', 'Pending Carrier Approval', 'Scheduled', 'Processing', 'Approved'];

export interface DbOutageOptions {
  replicas?: number;
  /** Open orders the pollers watch. */
  orders?: number;
  /** Provisions filed before the cut: half approved before, half approved during (refused) and after. */
  requests?: number;
  /** How long the database refuses connections. */
  outageMs?: number;
  /** How often each replica is sent `/telegent orders` while the database is away. */
  probeEveryMs?: number;
  calmTimeoutMs?: number;
  echo?: boolean;
}

export const FULL_SIZE: DbOutageOptions = {
  replicas: 2,
  orders: 60,
  requests: 6,
  outageMs: 10_000,
  probeEveryMs: 500,
  calmTimeoutMs: 40_000,
};

export async function run(options: DbOutageOptions = FULL_SIZE): Promise<DrillResult> {
  const replicas = options.replicas ?? 2;
  const outageMs = options.outageMs ?? 10_000;
  const recorder = new DrillRecorder(
    'db-outage',
    `${replicas} app processes under load; the database cuts their connections for ${outageMs / 1000} s, then returns`,
  );
  const server = serverDatabaseUrl();
  if (!server) return recorder.skipped(SERVER_NEEDED);
  recorder.figure('store', 'Postgres server');
  const random = seededRandom(9);

  const world = await startDrillWorld({
    store: 'server',
    sandbox: { speed: 0 },
    echo: options.echo,
    appEnv: { ORDER_POLL_MIN_SECONDS: '1', ORDER_POLL_MAX_SECONDS: '60', LOG_LEVEL: 'info' },
  });
  const { sandbox } = world.telegent;
  const database = databaseSwitch(server, world.database!);
  let changing: NodeJS.Timeout | undefined;
  const provisions = () => sandbox.mutations().filter((m) => m.path.toLowerCase() === PROVISION_PATH).length;
  try {
    const fleet = await seedOrderFleet(world, {
      count: options.orders ?? 60,
      channels: 4,
      requestedBy: REQUESTER,
    });
    const history = new Map(fleet.map((o) => [o.orderId, ['Pending']]));
    const force = (orderId: string) => {
      const seen = history.get(orderId)!;
      const status = CYCLE[(seen.length - 1) % CYCLE.length]!;
      sandbox.forceOrderStatus(orderId, status);
      seen.push(status);
    };
    const apps = await Promise.all(
      Array.from({ length: replicas }, (_, i) => world.startApp(String.fromCharCode(65 + i))),
    );
    const unexpectedExits: string[] = [];
    let stopping = false;
    for (const app of apps) {
      void app.exit.then((e) => {
        if (!stopping) unexpectedExits.push(`${app.name} exited by itself (${e.code ?? e.signal})`);
      });
    }
    recorder.figure('app processes', replicas);
    recorder.figure('open orders polled', fleet.length);

    // The sandbox keeps changing, before, during and after the outage.
    // (fleet[0] excepted: the drill moves it once after the database returns, to time the jobs' return.)
    changing = setInterval(() => force(fleet[1 + Math.floor(random() * (fleet.length - 1))]!.orderId), 200);

    // Requests before the cut: half executed now, half left waiting for approval.
    const count = options.requests ?? 6;
    const cards: ApprovalCard[] = [];
    for (let i = 0; i < count; i++) cards.push(await submitProvision(world, apps[i % replicas]!));
    const waiting = cards.slice(count / 2);
    for (const [i, card] of cards.slice(0, count / 2).entries()) {
      await approve(world, apps[i % replicas]!, card, PROVISION_PATH);
    }
    recorder.figure('provisions filed before the cut', count);
    const provisionsBefore = provisions();

    // The cut.
    const linesAtCut = apps.map((a) => a.lines.length);
    await database.cut();
    const cutAt = Date.now();
    const probes: { app: AppProcess; key: string }[] = [];
    const clicks: { key: string; app: AppProcess }[] = [];
    const readyDuring: number[] = [];
    const probing = (async () => {
      while (Date.now() - cutAt < outageMs - 500) {
        for (const app of apps) {
          // A process that died does not take the request at all: no key, counted as silence.
          const sent = await world
            .slack(app)
            .command('orders', REQUESTER, CHANNEL)
            .catch(() => undefined);
          probes.push({ app, key: sent?.key ?? '' });
        }
        await sleep(options.probeEveryMs ?? 500);
      }
    })();
    await sleep(Math.min(1_000, outageMs / 4));
    for (const [i, card] of waiting.entries()) {
      const app = apps[i % replicas]!;
      const sent = await world
        .slack(app)
        .click({
          actionId: 'request.approve',
          value: card.requestId,
          userId: world.approvers[0]!,
          channelId: APPROVALS_CHANNEL,
          messageTs: card.ts,
        })
        .catch(() => undefined);
      clicks.push({ key: sent?.key ?? '', app });
    }
    for (const app of apps) readyDuring.push(await httpStatus(`${app.url}/readyz`, 3_000));
    await probing;
    await sleep(Math.max(0, outageMs - (Date.now() - cutAt)));
    const mutationsDuringOutage = provisions() - provisionsBefore;

    // The database returns.
    await database.restore();
    if (unexpectedExits.length > 0) {
      // What used to happen: an unhandled 'error' event on a pool ended every replica at once.
      recorder.figure('crashes: app exits we did not cause (goal 0)', unexpectedExits.length);
      for (const e of unexpectedExits) recorder.fail(e);
      const fatal = world.logLines().find((l) => /Unhandled 'error' event|uncaught|Error:/i.test(l.text));
      recorder.figure('first fatal line', fatal?.text.slice(0, 160) ?? '-');
      return recorder.result();
    }
    const restoredAt = Date.now();
    const marker = fleet[0]!.orderId;
    force(marker); // a change made after the return: the jobs must read and post it by themselves
    const markerStatus = history.get(marker)!.at(-1)!;
    const interactiveBack = Promise.all(
      apps.map((app) =>
        waitFor(
          `${app.name} to answer /telegent orders normally again`,
          async () => {
            if ((await httpStatus(`${app.url}/readyz`, 1_000)) !== 200) return false;
            const answer = await world
              .slack(app)
              .answer('orders', REQUESTER, CHANNEL, 3_000)
              .catch(() => undefined);
            return answer !== undefined && !SENTENCE.test(textOf(answer));
          },
          30_000,
          100,
        ),
      ),
    ).then(
      () => (Date.now() - restoredAt) / 1000,
      () => Number.POSITIVE_INFINITY,
    );
    // The poller read it and the outbox posted it (alone, or in a grouped message that may shorten its list:
    // then the row's posted_at says so).
    const markerPosted = async () =>
      statusPostsIn(world.fake.calls, [marker]).posts.some(
        (p) => p.orderId === marker && sameStatus(p.status, markerStatus),
      ) ||
      (
        await database.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM order_events WHERE order_id = $1 AND status = $2 AND posted_at IS NOT NULL',
          [marker, markerStatus],
        )
      )[0]!.n > 0;
    const jobsBack = waitFor(
      'the status change made after the return to be posted',
      markerPosted,
      30_000,
      200,
    ).then(
      () => (Date.now() - restoredAt) / 1000,
      () => Number.POSITIVE_INFINITY,
    );
    const [interactiveSeconds, jobsSeconds] = await Promise.all([interactiveBack, jobsBack]);
    recorder.check(
      Number.isFinite(interactiveSeconds),
      'a replica did not answer normally within 30 s of the return',
    );
    recorder.check(
      Number.isFinite(jobsSeconds),
      'the jobs did not post a change made after the return within 30 s',
    );
    recorder.figure(
      'seconds until every replica answers normally after the return',
      interactiveSeconds.toFixed(1),
    );
    recorder.figure('seconds until the jobs posted a change made after the return', jobsSeconds.toFixed(1));
    recorder.figure(
      'seconds to full service after the database returns',
      Math.max(interactiveSeconds, jobsSeconds).toFixed(1),
    );

    // What people were told while it was away.
    const answersTo = (key: string) =>
      world.fake.calls.filter((c) => c.method === 'response_url' && c.path === key);
    const told = (key: string) => answersTo(key).some((c) => SENTENCE.test(textOf(c.body)));
    const silent = [...probes, ...clicks].filter(({ key }) => answersTo(key).length === 0);
    recorder.figure('commands typed while it was away', probes.length);
    recorder.figure('commands answered with the database sentence', probes.filter((p) => told(p.key)).length);
    recorder.figure('approvals clicked while it was away', clicks.length);
    recorder.figure(
      'approvals answered with the database sentence',
      clicks.filter((c) => told(c.key)).length,
    );
    recorder.figure('commands and clicks met by silence (goal 0)', silent.length);
    recorder.check(
      silent.length === 0,
      `${silent.length} commands or clicks got no answer while the database was away`,
    );
    recorder.check(
      clicks.every((c) => told(c.key)),
      'an approval clicked while the database was away was not told the database sentence',
    );
    recorder.figure('/readyz while it was away', readyDuring.join(', '));
    recorder.check(
      readyDuring.every((s) => s === 503),
      `/readyz answered ${readyDuring.join(', ')} while away`,
    );
    recorder.figure('mutations sent while it was away (goal 0)', mutationsDuringOutage);
    recorder.check(
      mutationsDuringOutage === 0,
      `${mutationsDuringOutage} provisions reached Telegent while away`,
    );

    // The log while it was away: one line per person told (with the ref they were given), and otherwise the
    // outage told once per replica (pool, jobs, shared rate limit) plus what was in flight at the cut.
    for (const [i, app] of apps.entries()) {
      const during = app.lines.slice(linesAtCut[i]).filter((l) => Number(l.json?.level) >= 40);
      const forPeople = during.filter((l) => l.json?.ref !== undefined).length;
      recorder.figure(
        `${app.name}: warn/error log lines during the outage`,
        `${during.length} (${forPeople} for a person told, with its ref; ${during.length - forPeople} others)`,
      );
      const jobsPaused = during.filter((l) => l.text.includes('background jobs paused')).length;
      recorder.check(jobsPaused <= 1, `${app.name} said its jobs paused ${jobsPaused} times`);
      const others = during.length - forPeople;
      recorder.check(
        others <= 12,
        `${app.name} logged ${others} lines about the outage besides the people told`,
      );
    }

    // After: the refused approvals, clicked again, execute once; a new request goes through end to end.
    for (const [i, card] of waiting.entries())
      await approve(world, apps[i % replicas]!, card, PROVISION_PATH);
    const after = await submitProvision(world, apps[replicas - 1]!);
    await approve(world, apps[0]!, after, PROVISION_PATH);
    clearInterval(changing);

    // Calm: every order's last status posted.
    const final = (orderId: string) => history.get(orderId)!.at(-1)!;
    const behind = () => {
      const latest = new Map<string, string>();
      for (const p of statusPostsIn(world.fake.calls, history.keys()).posts) latest.set(p.orderId, p.status);
      // An order the sandbox never moved has nothing to post.
      const caughtUp = (orderId: string) =>
        history.get(orderId)!.length === 1
          ? !latest.has(orderId)
          : sameStatus(latest.get(orderId), final(orderId));
      return fleet.filter((o) => !caughtUp(o.orderId)).length;
    };
    const deadline = Date.now() + (options.calmTimeoutMs ?? 40_000);
    while (Date.now() < deadline && behind() > 0) await sleep(250);
    await sleep(1_500);
    recorder.figure('orders not caught up after the calm period (goal 0)', behind());
    recorder.check(behind() === 0, `${behind()} orders' last status never reached Slack`);

    stopping = true;
    const exits = await Promise.all(apps.map((a) => a.stop()));
    recorder.check(
      exits.every((e) => e.code === 0),
      `a replica did not stop cleanly: ${exits.map((e) => e.code ?? e.signal).join(', ')}`,
    );

    const recorded = await withDrillStore(world, async (store) => {
      const requests = await Promise.all([...cards, after].map((c) => store.requests.get(c.requestId)));
      const events = new Map<string, string[]>();
      for (const o of fleet)
        events.set(
          o.orderId,
          (await store.orderEvents.listEvents(o.orderId)).map((e) => e.status),
        );
      return { requests, events };
    });
    const lost = recorded.requests.filter((r) => r?.status !== 'succeeded').length;
    recorder.figure('requests filed', recorded.requests.length);
    recorder.figure('requests lost or not succeeded (goal 0)', lost);
    recorder.check(lost === 0, `${lost} requests did not end succeeded`);
    recorder.figure('provisions at Telegent', provisions());
    const duplicateMutations = provisions() - recorded.requests.length;
    recorder.figure('duplicate mutations (goal 0)', duplicateMutations);
    recorder.check(
      duplicateMutations === 0,
      `${provisions()} provisions for ${recorded.requests.length} requests`,
    );

    const accounting = accountPosts(
      recorded.events,
      postsByOrder(statusPostsIn(world.fake.calls, history.keys()).posts),
    );
    const duplicatePosts = accounting.duplicates.reduce((n, d) => n + d.copies, 0);
    recorder.figure('status changes posted', accounting.posted);
    recorder.figure('status changes posted twice (goal 0)', duplicatePosts);
    recorder.figure('recorded status changes never posted (goal 0)', accounting.missing.length);
    recorder.check(duplicatePosts === 0, `${duplicatePosts} status changes were posted twice`);
    recorder.check(
      accounting.missing.length === 0,
      `${accounting.missing.length} recorded changes never posted`,
    );

    recorder.figure('crashes: app exits we did not cause (goal 0)', unexpectedExits.length);
    for (const e of unexpectedExits) recorder.fail(e);
    const fatal = world.logLines().filter((l) => /Unhandled 'error' event|uncaught/i.test(l.text));
    recorder.check(
      fatal.length === 0,
      `${fatal.length} uncaught errors logged, e.g. ${fatal[0]?.text.slice(0, 200)}`,
    );
    const unhandled = world.errorLines().filter((e) => /unhandled rejection/i.test(e.text));
    recorder.check(unhandled.length === 0, `${unhandled.length} unhandled promise rejections logged`);
    world.recordLeakScan(recorder);
    return recorder.result();
  } finally {
    clearInterval(changing);
    await database.restore().catch(() => {});
    await world.close();
  }
}

if (isMain(import.meta.url)) {
  await runDrillCli(() => run({ ...FULL_SIZE, echo: process.argv.includes('--echo') }));
}

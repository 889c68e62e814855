/**
 * Drill 10 — kill -9 while the line is texted. A port-out PIN request makes the app text the customer's line
 * (POST /v1.0/message/outbound) before its approval card exists, under a claimed row in customer_notices. The
 * drill kills the real app process at one of these points, restarts it on the same store and looks again:
 *   before-send   the claim is taken and the call is on its way, but Telegent never applies it (it hangs);
 *   between       Telegent has taken the text (the sandbox recorded it) and its answer is held: the app dies
 *                 before it records the text — the "kill between the text and its mark";
 *   after-record  the text is recorded and the card posted.
 * The sandbox runs in the drill's process, so it keeps its record of texts across the kill. The claim a killed
 * sender left is aged past its timeout in SQL (what the clock does in two minutes), so the restarted process's
 * start-up housekeeping marks it unknown.
 * Promises per point: never a second text (1 for between and after-record, 0 for before-send: nothing is
 * resent); the request still pending approval with one card; the card says the text may have failed (texted,
 * for after-record); no Telegent call or card sent twice.
 *
 *   npx tsx drills/kill-mid-text.ts [--echo]
 */
import { formatPhone } from '../src/operations/glossary.js';
import { SEED_NUMBERS } from '../src/sandbox/seed.js';
import type { FakeSlackCall } from '../test/support/fake-slack.js';
import type { AppProcess } from './support/app-process.js';
import { SERVER_NEEDED, storeForDrill } from './support/database.js';
import { APPROVALS_CHANNEL, type DrillWorld, startDrillWorld } from './support/drill-world.js';
import { filePortOut } from './support/flows.js';
import { withDrillStore } from './support/order-fleet.js';
import { DrillRecorder, type DrillResult, isMain, runDrillCli } from './support/report.js';
import { approveRequestId, textOf } from './support/slack-driver.js';
import { sleep, waitFor } from './support/wait.js';

const OUTBOUND = '/v1.0/message/outbound';
/** A messaging-enabled number of the sandbox account (as in test/e2e/customer-notice.test.ts). */
const NOTICE_FROM = SEED_NUMBERS[0]!;
const MAY_HAVE_FAILED = 'Texting the customer may have failed';
const TEXTED = 'Customer texted';

export type KillPoint = 'before-send' | 'between' | 'after-record';
export const KILL_POINTS: readonly KillPoint[] = ['before-send', 'between', 'after-record'];

/** One line per point: port-out PIN requests for numbers the seed has active. */
const LINE: Record<KillPoint, string> = {
  'before-send': SEED_NUMBERS[13]!,
  between: SEED_NUMBERS[14]!,
  'after-record': SEED_NUMBERS[15]!,
};
/** Texts the sandbox should hold for the line: nothing is ever resent, so what reached Telegent before the kill. */
const TEXTS_GOAL: Record<KillPoint, number> = { 'before-send': 0, between: 1, 'after-record': 1 };

export interface KillMidTextOptions {
  store?: 'auto' | 'server' | 'embedded';
  /** Default: all three; the CI test runs 'between' (the point). */
  points?: readonly KillPoint[];
  echo?: boolean;
}

const cardCallsFor = (world: DrillWorld, line: string, since = 0): FakeSlackCall[] =>
  world.fake.calls
    .slice(since)
    .filter(
      (c) =>
        (c.method === 'chat.postMessage' || c.method === 'chat.update') &&
        c.body.channel === APPROVALS_CHANNEL &&
        textOf(c.body).includes(formatPhone(line)),
    );

/** Makes the outbound call stop where `point` needs it, and says when the app has reached that point. */
function armKillPoint(world: DrillWorld, point: KillPoint, line: string): () => boolean {
  const { sandbox } = world.telegent;
  const texts = () => sandbox.sentMessages().filter((m) => m.To.includes(line)).length;
  const calls = () => sandbox.journal().filter((j) => j.path === OUTBOUND).length;
  if (point === 'before-send') {
    // The call hangs and is never applied: the claim is taken, the text never reaches Telegent.
    const before = calls();
    sandbox.injectFault({ kind: 'timeout', endpoint: OUTBOUND, count: 1 });
    return () => calls() > before;
  }
  if (point === 'between') {
    // Telegent applies the text at once, and its answer is held for a minute: the app is between the two.
    sandbox.injectFault({
      kind: 'timeout',
      endpoint: OUTBOUND,
      applyMutation: true,
      latencyMs: 60_000,
      count: 1,
    });
    return () => texts() > 0;
  }
  // The card is posted after the text's outcome is recorded.
  return () => cardCallsFor(world, line).some((c) => c.method === 'chat.postMessage');
}

export async function run(options: KillMidTextOptions = {}): Promise<DrillResult> {
  const points = options.points ?? KILL_POINTS;
  const recorder = new DrillRecorder(
    'kill-mid-text',
    `kill -9 the app while it texts the line of a port-out PIN request (${points.join(', ')}); restart on the same store`,
  );
  const storeKind = storeForDrill(recorder, options.store);
  if (!storeKind) return recorder.skipped(SERVER_NEEDED);
  const world = await startDrillWorld({
    store: storeKind,
    echo: options.echo,
    appEnv: { LOG_LEVEL: 'info', CUSTOMER_NOTICE_FROM: NOTICE_FROM, CUSTOMER_NOTICE_COMPANY: 'Acme Mobile' },
  });
  const textsTo = (line: string) =>
    world.telegent.sandbox.sentMessages().filter((m) => m.To.includes(line)).length;
  const requestIds: Partial<Record<KillPoint, string>> = {};
  try {
    let app: AppProcess = await world.startApp('A');
    for (const point of points) {
      const line = LINE[point];
      const reached = armKillPoint(world, point, line);
      // The submission's answer may never come (the process dies): what counts is what reached the sandbox.
      const filing = filePortOut(world, app, { number: line, pin: '48151623' }).catch((e: Error) => e);
      const hit = await waitFor(`${point}: the kill point`, reached, 20_000).catch(() => false);
      await app.kill();
      await filing;
      if (!recorder.check(hit === true, `${point}: the app never reached the kill point (no kill there)`)) {
        return recorder.result();
      }
      const left = await withDrillStore(world, async (store) => {
        const row = await store.db.query<{ id: string }>(
          "SELECT id FROM requests WHERE kind = 'portout' AND input->>'phoneNumber' = $1",
          [line],
        );
        const id = row.rows[0]?.id;
        const notice = id ? await store.customerNotices.get(id) : undefined;
        // What the clock does in two minutes: the dead sender's claim has expired.
        await store.db.query(
          `UPDATE customer_notices SET claimed_until = now() - interval '1 minute'
           WHERE request_id = $1 AND status = 'sending'`,
          [id],
        );
        return { id, notice: notice?.status };
      });
      recorder.figure(`${point}: texts at the kill`, textsTo(line));
      recorder.figure(`${point}: notice after the kill`, String(left.notice));
      if (!recorder.check(left.id !== undefined, `${point}: the request was lost in the kill`)) {
        return recorder.result();
      }
      requestIds[point] = left.id;
      const wantNotice = point === 'after-record' ? 'sent' : 'sending';
      recorder.check(
        left.notice === wantNotice,
        `${point}: the text was ${left.notice} after the kill, not ${wantNotice}`,
      );

      const since = world.fake.calls.length;
      app = await world.startApp(`after ${point}`);
      const wanted = point === 'after-record' ? TEXTED : MAY_HAVE_FAILED;
      await waitFor(
        `${point}: the card saying "${wanted}"`,
        () =>
          cardCallsFor(world, line, point === 'after-record' ? 0 : since).some((c) =>
            textOf(c.body).includes(wanted),
          ),
        20_000,
      ).catch(() => undefined);
      await sleep(1_500); // a second text or card would show up now
      const cards = cardCallsFor(world, line);
      const saysWanted = cards.some((c) => textOf(c.body).includes(wanted));
      const saysOther = cards.some((c) =>
        textOf(c.body).includes(point === 'after-record' ? MAY_HAVE_FAILED : TEXTED),
      );
      recorder.figure(`${point}: texts after the restart (goal ${TEXTS_GOAL[point]})`, textsTo(line));
      recorder.check(
        textsTo(line) === TEXTS_GOAL[point],
        `${point}: the sandbox holds ${textsTo(line)} texts for the line, not ${TEXTS_GOAL[point]}`,
      );
      recorder.figure(`${point}: card says`, saysWanted && !saysOther ? wanted : 'something else');
      recorder.check(saysWanted, `${point}: no card for the request says "${wanted}"`);
      recorder.check(!saysOther, `${point}: a card for the request contradicts "${wanted}"`);
      const cardPosts = world.fake.calls.filter(
        (c) => c.method === 'chat.postMessage' && approveRequestId(c) === left.id,
      ).length;
      recorder.figure(`${point}: cards posted (goal 1)`, cardPosts);
      recorder.check(cardPosts === 1, `${point}: ${cardPosts} approval cards were posted, not 1`);
    }
    await app.stop();

    const after = await withDrillStore(world, async (store) =>
      Promise.all(
        points.map(async (point) => {
          const id = requestIds[point]!;
          const audit = await store.audit.listByRequest(id);
          return {
            point,
            status: (await store.requests.get(id))?.status,
            notice: (await store.customerNotices.get(id))?.status,
            unknownAudited: audit.some((e) => e.action === 'customer_text_unknown'),
          };
        }),
      ),
    );
    for (const { point, status, notice, unknownAudited } of after) {
      recorder.figure(`${point}: request after the restart`, String(status));
      recorder.check(
        status === 'pending_approval',
        `${point}: the request ended ${status}, not pending_approval`,
      );
      const wantNotice = point === 'after-record' ? 'sent' : 'unknown';
      recorder.figure(`${point}: notice after the restart`, String(notice));
      recorder.check(notice === wantNotice, `${point}: the text is ${notice}, not ${wantNotice}`);
      recorder.check(
        unknownAudited === (point !== 'after-record'),
        `${point}: customer_text_unknown ${unknownAudited ? 'was' : 'was not'} audited`,
      );
    }

    // Nothing else sent twice: every Telegent change once (the texts included), every Slack post once.
    const changes = world.telegent.sandbox
      .journal()
      .filter((j) => j.method === 'POST' && j.path !== '/v1.0/oauth2/tokens')
      .map((j) => `${j.path} ${JSON.stringify(j.body)}`);
    const repeatedChanges = changes.length - new Set(changes).size;
    recorder.figure('Telegent changes sent twice (goal 0)', repeatedChanges);
    recorder.check(repeatedChanges === 0, `${repeatedChanges} Telegent changes were sent twice`);
    const posts = world.fake.calls
      .filter((c) => c.method === 'chat.postMessage')
      .map((c) => `${c.body.channel} ${c.body.thread_ts ?? ''} ${textOf(c.body)}`);
    const repeatedPosts = posts.length - new Set(posts).size;
    recorder.figure('Slack posts made twice (goal 0)', repeatedPosts);
    recorder.check(repeatedPosts === 0, `${repeatedPosts} Slack posts were made twice`);
    world.recordUnhandledRejections(recorder);
    world.recordLeakScan(recorder, [...world.baseSecrets(), { label: 'port-out PIN', value: '48151623' }]);
    return recorder.result();
  } finally {
    await world.close();
  }
}

if (isMain(import.meta.url)) {
  await runDrillCli(() => run({ echo: process.argv.includes('--echo') }));
}

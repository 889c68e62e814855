import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DATABASE_URL } from '../support/test-db.js';
import {
  APPROVALS_CHANNEL,
  APPROVER,
  CHANNEL,
  type E2E,
  fileProvision,
  OTHER_APPROVER,
  REQUESTER,
  startE2E,
  startReplica,
  textOf,
} from './harness.js';

// APPROVER lives in New York (UTC-4 in June), OTHER_APPROVER in Tokyo (UTC+9).
const userTz = { [APPROVER]: 'America/New_York', [OTHER_APPROVER]: 'Asia/Tokyo' };
const approvals = { reminderMinutes: [30, 120, 480] };
const MIN = 60_000;

describe(`approval reminders with a moved clock, two replicas (${TEST_DATABASE_URL ? 'Postgres server' : 'PGlite'})`, () => {
  let clock = new Date('2030-06-03T15:00:00Z');
  const now = () => clock;
  let e2e: E2E;
  let replica: Awaited<ReturnType<typeof startReplica>>;
  beforeAll(async () => {
    e2e = await startE2E({
      storeKind: TEST_DATABASE_URL ? 'postgres' : 'pglite',
      approvals,
      now,
      fakeSlack: { userTz },
    });
    replica = await startReplica(e2e, { approvals, deps: { now } });
  });
  afterAll(async () => {
    await replica?.close();
    await e2e?.close();
  });

  /** A pending provision with its card posted, filed at `at`. */
  async function pendingRequest(at: Date) {
    clock = at;
    const outcome = await fileProvision(e2e);
    if (outcome.status !== 'pending_approval') throw new Error(outcome.status);
    await e2e.ops.ctx.messages.sync(outcome.request.id);
    expect((await e2e.store.requests.get(outcome.request.id))?.cardTs).toBeTruthy();
    const request = (await e2e.store.requests.get(outcome.request.id))!;
    return { id: request.id, cardTs: request.cardTs! };
  }
  const threadReplies = (cardTs: string) =>
    e2e.fake
      .callsTo('chat.postMessage')
      .filter(
        (c) =>
          c.body.channel === APPROVALS_CHANNEL &&
          c.body.thread_ts === cardTs &&
          textOf(c.body).includes(':bell:'),
      );
  const dmsTo = (user: string, cardTs: string) =>
    e2e.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === `D${user}` && textOf(c.body).includes(`p${cardTs.replace('.', '')}`));
  /** Both replicas run the reminder job at the same moment. */
  const runBoth = () => Promise.all([e2e.ops.runRemindersOnce(), replica.ops.runRemindersOnce()]);

  it('steps: a thread reply at 30 min, DMs with the card link at 2 h and 8 h, each once across two replicas, none at night', async () => {
    // Filed Monday 15:00 UTC: 11:00 in New York, midnight in Tokyo.
    const start = new Date('2030-06-03T15:00:00Z');
    const { cardTs } = await pendingRequest(start);

    clock = new Date(start.getTime() + 29 * MIN);
    await runBoth();
    expect(threadReplies(cardTs)).toHaveLength(0);

    clock = new Date(start.getTime() + 31 * MIN);
    const [a, b] = await runBoth();
    expect(a.thread + b.thread).toBe(1);
    const [reply] = threadReplies(cardTs);
    const replyText = textOf(reply!.body);
    expect(replyText).toContain(`<@${APPROVER}>: Reminder: this provision request`); // awake in New York
    expect(replyText).not.toContain('this Provision');
    expect(replyText).not.toContain(OTHER_APPROVER); // asleep in Tokyo: not pinged at night
    expect(replyText).toContain('has waited 31 min for approval');

    clock = new Date(start.getTime() + 60 * MIN);
    await runBoth();
    expect(threadReplies(cardTs)).toHaveLength(1);

    clock = new Date(start.getTime() + 121 * MIN); // 13:01 in New York, 02:01 in Tokyo
    const [c, d] = await runBoth();
    expect(c.dms + d.dms).toBe(1);
    expect(dmsTo(APPROVER, cardTs)).toHaveLength(1);
    expect(dmsTo(OTHER_APPROVER, cardTs)).toHaveLength(0);
    const dm = textOf(dmsTo(APPROVER, cardTs)[0]!.body);
    expect(dm).toContain('has waited 2 h 1 min for your approval');
    expect(dm).toContain('Reminder: a provision request');
    expect(dm).toContain('|Open the approval card>');
    expect(dmsTo(REQUESTER, cardTs)).toHaveLength(0); // never the requester

    // 8 h step at 23:01 UTC: 19:01 in New York (still day), 08:01 in Tokyo (night).
    clock = new Date(start.getTime() + 481 * MIN);
    await runBoth();
    expect(dmsTo(APPROVER, cardTs)).toHaveLength(2);
    expect(dmsTo(OTHER_APPROVER, cardTs)).toHaveLength(0);
    // 09:00 in Tokyo: the sleeper gets the latest step once, not every step it slept through.
    clock = new Date('2030-06-04T00:00:00Z');
    await runBoth();
    clock = new Date('2030-06-04T00:05:00Z');
    await runBoth();
    expect(dmsTo(OTHER_APPROVER, cardTs)).toHaveLength(1);
    expect(dmsTo(APPROVER, cardTs)).toHaveLength(2);
  });

  it('none at night: a step due while every approver sleeps waits for the first one to wake', async () => {
    // Filed 01:00 UTC: 21:00 in New York, 10:00 in Tokyo; then OTHER_APPROVER approves so only APPROVER is left.
    const start = new Date('2030-06-05T01:00:00Z');
    const { id, cardTs } = await pendingRequest(start);
    await e2e.store.db.query('UPDATE requests SET approvals_needed = 2 WHERE id = $1', [id]);
    expect((await e2e.ops.ctx.workflow.approve(id, OTHER_APPROVER)).status).toBe('approval_recorded');

    clock = new Date(start.getTime() + 31 * MIN); // 21:31 in New York
    await runBoth();
    clock = new Date('2030-06-05T12:59:00Z'); // 08:59 in New York
    await runBoth();
    expect(threadReplies(cardTs)).toHaveLength(0);
    expect(dmsTo(APPROVER, cardTs)).toHaveLength(0);

    clock = new Date('2030-06-05T13:00:00Z'); // 09:00: the latest step due (8 h: a DM), once
    await runBoth();
    await runBoth();
    expect(dmsTo(APPROVER, cardTs)).toHaveLength(1);
    expect(textOf(dmsTo(APPROVER, cardTs)[0]!.body)).toContain(`1 of 2 approved by <@${OTHER_APPROVER}>`);
    expect(dmsTo(OTHER_APPROVER, cardTs)).toHaveLength(0); // already approved: not reminded
  });

  it('none after a decision or expiry', async () => {
    const start = new Date('2030-06-06T14:00:00Z'); // day in New York
    const decided = await pendingRequest(start);
    await e2e.ops.ctx.workflow.reject(decided.id, APPROVER, 'not needed');
    const expired = await pendingRequest(start);
    clock = new Date(start.getTime() + 25 * 60 * MIN);
    await e2e.ops.runExpiryOnce();
    expect((await e2e.store.requests.get(expired.id))?.status).toBe('expired');
    for (const minutes of [31, 121, 481]) {
      clock = new Date(start.getTime() + minutes * MIN);
      await runBoth();
    }
    for (const { cardTs } of [decided, expired]) {
      expect(threadReplies(cardTs)).toHaveLength(0);
      expect(dmsTo(APPROVER, cardTs)).toHaveLength(0);
    }
    const { rows } = await e2e.store.db.query(
      'SELECT 1 FROM approval_reminders WHERE request_id = ANY($1::text[])',
      [[decided.id, expired.id]],
    );
    expect(rows).toHaveLength(0);
  });

  it('Nudge: the next reminder now, at most once per 15 minutes (refused with when it can be used again)', async () => {
    const start = new Date('2030-06-10T14:00:00Z'); // 10:00 in New York, 23:00 in Tokyo
    const { id, cardTs } = await pendingRequest(start);
    const waiting = await e2e.fake.waitFor(
      'chat.postMessage',
      (c) => c.body.channel === CHANNEL && textOf(c.body).includes(`"value":"${id}"`),
      5_000,
    );
    expect(textOf(waiting.body)).toContain('request.nudge');
    const nudge = (via = e2e.slack) =>
      via.blockAction({
        actionId: 'request.nudge',
        value: id,
        userId: REQUESTER,
        channelId: CHANNEL,
        messageTs: String(waiting.response.ts),
      });
    const answers = () => e2e.responses().map((r) => textOf(r.body));

    clock = new Date(start.getTime() + 5 * MIN);
    let before = answers().length;
    // A double click over two replicas: one nudge goes out, the other is told when it can be used again.
    await Promise.all([nudge(), nudge(replica.slack)]);
    await expect.poll(() => answers().length).toBe(before + 2);
    const pair = answers().slice(before);
    expect(pair.filter((a) => a.includes("Nudged: a reminder in the approval card's thread"))).toHaveLength(
      1,
    );
    expect(
      pair.filter((a) =>
        /nudged less than 15 minutes ago: you can nudge again at <!date\^\d+\^\{time\}\|[A-Z][a-z]{2}, [A-Z][a-z]{2} \d+>/.test(
          a,
        ),
      ),
    ).toHaveLength(1);
    expect(threadReplies(cardTs)).toHaveLength(1);
    expect(textOf(threadReplies(cardTs)[0]!.body)).toContain(
      `<@${APPROVER}>: <@${REQUESTER}> nudged: this provision request`,
    );

    clock = new Date(start.getTime() + 19 * MIN);
    before = answers().length;
    await nudge();
    await expect.poll(() => answers().length).toBe(before + 1);
    expect(answers()[before]).toContain('you can nudge again at');
    expect(dmsTo(APPROVER, cardTs)).toHaveLength(0);

    clock = new Date(start.getTime() + 21 * MIN); // 16 min after the first: the next step, a DM to the awake approver
    before = answers().length;
    await nudge();
    await expect.poll(() => answers().length).toBe(before + 1);
    expect(answers()[before]).toContain('Nudged: a DM to 1 approver');
    expect(dmsTo(APPROVER, cardTs)).toHaveLength(1);
    expect(dmsTo(OTHER_APPROVER, cardTs)).toHaveLength(0); // 23:21 in Tokyo

    // The schedule does not repeat what the nudges sent: at 30 min and 2 h the approver already had those steps.
    for (const minutes of [31, 121]) {
      clock = new Date(start.getTime() + minutes * MIN);
      await runBoth();
    }
    expect(threadReplies(cardTs)).toHaveLength(1);
    expect(dmsTo(APPROVER, cardTs)).toHaveLength(1);

    await e2e.ops.ctx.workflow.approve(id, APPROVER);
    clock = new Date(start.getTime() + 60 * MIN);
    before = answers().length;
    await nudge();
    await expect.poll(() => answers().length).toBe(before + 1);
    expect(answers()[before]).toContain('no longer waiting for approval');
  });

  it('Nudge at night for every approver wakes nobody and is not used up', async () => {
    const { id } = await pendingRequest(new Date('2030-06-11T05:00:00Z'));
    const waiting = await e2e.fake.waitFor(
      'chat.postMessage',
      (c) => c.body.channel === CHANNEL && textOf(c.body).includes(`"value":"${id}"`),
      5_000,
    );
    const answers = () => e2e.responses().map((r) => textOf(r.body));
    const nudge = () =>
      e2e.slack.blockAction({
        actionId: 'request.nudge',
        value: id,
        userId: REQUESTER,
        channelId: CHANNEL,
        messageTs: String(waiting.response.ts),
      });
    clock = new Date('2030-06-11T12:30:00Z'); // 08:30 in New York, 21:30 in Tokyo: both approvers asleep
    let before = answers().length;
    await nudge();
    await expect.poll(() => answers().length).toBe(before + 1);
    expect(answers()[before]).toContain('nobody was woken');
    // Not used up: a minute later, still night, the same answer (not "nudged less than 15 minutes ago").
    clock = new Date('2030-06-11T12:31:00Z');
    before = answers().length;
    await nudge();
    await expect.poll(() => answers().length).toBe(before + 1);
    expect(answers()[before]).toContain('nobody was woken');
    expect(answers()[before]).not.toContain('less than 15 minutes ago');
  });

  it('metrics: reminders sent by channel, and the time from request to decision', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${e2e.port}/metrics`)).text();
    const theirs = await (await fetch(`http://127.0.0.1:${replica.port}/metrics`)).text();
    const value = (line: RegExp) => Number(metrics.match(line)?.[1] ?? 'NaN');
    // Which replica sent which reminder is chance (they race for each): a channel one of them never used has no
    // line there. Across both, each channel's counter moved.
    const sent = (channel: string) =>
      [metrics, theirs]
        .map((text) =>
          text.match(new RegExp(`telegent_ops_approval_reminders_total\\{channel="${channel}"\\} (\\d+)`)),
        )
        .reduce((sum, match) => sum + Number(match?.[1] ?? 0), 0);
    expect(sent('thread')).toBeGreaterThan(0);
    expect(sent('dm')).toBeGreaterThan(0);
    // The rejection above was decided at once (first bucket); the expiry run expired the three requests still
    // pending, each at its 24 h deadline.
    const bucket = (le: string, decision: string) =>
      value(
        new RegExp(
          `approval_decision_seconds_bucket\\{le="${le}",operation="provision",decision="${decision}"\\} (\\d+)`,
        ),
      );
    expect(bucket('60', 'rejected')).toBe(1);
    expect(bucket('28800', 'expired')).toBe(0);
    expect(bucket('86400', 'expired')).toBe(3);
  });
});

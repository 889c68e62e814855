import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { checkNoticeSender } from '../../src/requests/notice-sender-check.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import {
  APPROVALS_CHANNEL,
  APPROVER,
  CHANNEL,
  type E2E,
  REQUESTER,
  startE2E,
  startReplica,
  textOf,
} from './harness.js';

const FROM = SEED_NUMBERS[0]!;
const notice = { from: FROM, company: 'Acme Mobile' };
const OUTBOUND = '/v1.0/message/outbound';

describe('the line is texted first when a SIM swap or a port-out PIN is requested', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ deps: { customerNotice: notice } });
  });
  afterAll(() => e2e.close());

  const textsTo = (line: string) => e2e.sandbox.sentMessages().filter((m) => m.To.includes(line));
  const cardsFor = (line: string): FakeSlackCall[] =>
    e2e.fake.calls.filter(
      (c) =>
        (c.method === 'chat.postMessage' || c.method === 'chat.update') &&
        c.body.channel === APPROVALS_CHANNEL &&
        textOf(c.body).includes(formatPhone(line)),
    );
  const requestIdOf = async (kind: string, line: string) =>
    (
      await e2e.store.db.query<{ id: string }>(
        "SELECT id FROM requests WHERE kind = $1 AND input->>'phoneNumber' = $2",
        [kind, line],
      )
    ).rows[0]?.id;

  it('Swap SIM…: exactly one text, before anything is sent for the change; the card says when', async () => {
    const line = SEED_NUMBERS[12]!;
    await e2e.slack.blockAction({
      actionId: 'number.swap-sim',
      value: line,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.5',
    });
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.line.swap-sim');
    const since = e2e.sandbox.journal().length;
    await e2e.submit(form, { iccid: '' });
    await expect.poll(() => cardsFor(line).length).toBeGreaterThan(0);
    const card = cardsFor(line).at(-1)!;
    expect(textOf(card.body)).toContain('Customer texted');
    expect(textOf(card.body)).toMatch(/Customer texted\* <!date\^\d+\^/);

    const [text] = textsTo(line);
    expect(textsTo(line)).toHaveLength(1);
    expect(text!.From).toBe(FROM);
    expect(text!.Body).toContain('Acme Mobile');
    expect(text!.Body).toContain('new SIM');
    expect(text!.Body).toMatch(/If this was not you, call Acme Mobile now/);
    // Nothing but the text was sent to Telegent for this request before its approval.
    const sent = e2e.sandbox
      .journal()
      .slice(since)
      .filter((j) => j.method === 'POST' && j.path !== '/v1.0/oauth2/tokens');
    expect(sent.map((j) => j.path)).toEqual([OUTBOUND]);

    const requestId = (await requestIdOf('swap-sim', line))!;
    const stored = await e2e.store.customerNotices.get(requestId);
    expect(stored).toMatchObject({ status: 'sent', messageId: expect.stringMatching(/^TMID-/) });
    const approveTs = String(cardsFor(line).find((c) => c.method === 'chat.postMessage')!.response.ts);
    await e2e.slack.blockAction({
      actionId: 'request.approve',
      value: requestId,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: approveTs,
    });
    await expect
      .poll(() =>
        e2e.sandbox
          .journal()
          .slice(since)
          .some((j) => j.path === '/v1.0/numbers/status'),
      )
      .toBe(true);
    const order = e2e.sandbox
      .journal()
      .slice(since)
      .map((j) => j.path);
    expect(order.indexOf(OUTBOUND)).toBeLessThan(order.indexOf('/v1.0/numbers/status'));
    expect(textsTo(line)).toHaveLength(1);
  });

  it('Port-out PIN: one text that never carries the PIN', async () => {
    const line = SEED_NUMBERS[13]!;
    await e2e.command(`portout ${line}`);
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portout' && textOf(v).includes(line),
    );
    await e2e.submit(form, { pin: '48151623' });
    await expect.poll(() => textsTo(line).length).toBe(1);
    expect(textsTo(line)[0]!.Body).not.toContain('48151623');
    expect(textsTo(line)[0]!.Body).toContain('port-out PIN');
    await expect
      .poll(() => cardsFor(line).some((c) => textOf(c.body).includes('Customer texted')))
      .toBe(true);
  });

  it('the process dies between the text and its record: still one text, and the card says it may have failed', async () => {
    const line = SEED_NUMBERS[14]!;
    // Telegent takes the text, then its answer never comes: the sender is stuck between the send and the
    // record, as a process killed there would leave it.
    e2e.sandbox.injectFault({ kind: 'timeout', endpoint: OUTBOUND, applyMutation: true, count: 1 });
    const dying = e2e.ops.ctx.workflow.submit({
      kind: 'portout',
      raw: { phoneNumber: line, verificationMethod: 'Photo ID in store' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      reason: 'ZD-4821 customer leaving',
    });
    await expect.poll(() => textsTo(line).length, { timeout: 5_000 }).toBe(1);
    const requestId = (await requestIdOf('portout', line))!;
    expect((await e2e.store.customerNotices.get(requestId))?.status).toBe('sending');

    // Another process on the same store, minutes later, after the claim expired: it does not text again.
    const later = await startReplica(e2e, {
      deps: { customerNotice: notice, now: () => new Date(Date.now() + 3 * 60_000) },
    });
    try {
      await later.ops.runExpiryOnce();
      expect(await e2e.store.customerNotices.get(requestId)).toMatchObject({ status: 'unknown' });
      await expect
        .poll(() =>
          cardsFor(line).some((c) => textOf(c.body).includes('Texting the customer may have failed')),
        )
        .toBe(true);
      // A second submission of the same request (a redelivery) is the same request: no text either.
      expect(textsTo(line)).toHaveLength(1);
    } finally {
      await later.close();
    }
    const outcome = await dying;
    expect(outcome.status).toBe('pending_approval');
    expect(textsTo(line)).toHaveLength(1);
    expect(await e2e.store.customerNotices.get(requestId)).toMatchObject({ status: 'unknown' });
    const audit = await e2e.store.db.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE request_id = $1 AND action LIKE 'customer_text%'",
      [requestId],
    );
    expect(audit.rows.map((r) => r.action)).toContain('customer_text_unknown');
  }, 30_000);

  it('an approval that comes while the text is on its way waits for it: the text still goes first', async () => {
    const line = SEED_NUMBERS[15]!;
    e2e.sandbox.injectFault({ kind: 'latency', endpoint: OUTBOUND, latencyMs: 2_000, count: 1 });
    const filing = e2e.ops.ctx.workflow.submit({
      kind: 'portout',
      raw: { phoneNumber: line, verificationMethod: 'Photo ID in store' },
      requestedBy: REQUESTER,
      channelId: CHANNEL,
      reason: 'ZD-4822 customer leaving',
    });
    let requestId: string | undefined;
    await expect
      .poll(async () => {
        requestId = await requestIdOf('portout', line);
        return requestId && (await e2e.store.customerNotices.get(requestId))?.status;
      })
      .toBe('sending');
    // As App Home's Approve would, before the text is recorded.
    const approved = await e2e.ops.ctx.workflow.approve(requestId!, APPROVER);
    expect(approved.status).toBe('approved');
    await filing;
    const paths = e2e.sandbox
      .journal()
      .filter((j) => j.path === OUTBOUND || j.path === '/v1.0/numbers/portout')
      .filter((j) => JSON.stringify(j.body).includes(line))
      .map((j) => j.path);
    expect(paths).toEqual([OUTBOUND, '/v1.0/numbers/portout']);
    expect(textsTo(line)).toHaveLength(1);
  }, 30_000);

  it('a notice number that is not ours, or that cannot text, stops start-up with a sentence', async () => {
    await expect(checkNoticeSender(e2e.telegent, { from: '+18015559876', company: 'Acme' })).rejects.toThrow(
      'CUSTOMER_NOTICE_FROM: +18015559876 is not a number of your Telegent account',
    );
    await expect(
      checkNoticeSender(e2e.telegent, { from: SEED_NUMBERS[18]!, company: 'Acme' }),
    ).rejects.toThrow(/is Parked, so it cannot send texts/);
    await expect(checkNoticeSender(e2e.telegent, notice)).resolves.toBeUndefined();
  });
});

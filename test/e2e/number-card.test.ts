import type { ModalView } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone, shortId } from '../../src/operations/glossary.js';
import {
  SEED_MESSAGE_ROUTE_IDS,
  SEED_NO_SWAPS_NUMBER,
  SEED_NUMBERS,
  SEED_PARKED_NUMBER,
  SEED_SUBSCRIBER_IDS,
} from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

const STATUS_PATH = '/v1.0/numbers/status';

describe('the number card and line changes, end to end', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  const statusChanges = () => e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === STATUS_PATH);
  const card = async (number: string) => {
    const before = e2e.responses().length;
    await e2e.command(`number ${number}`);
    // The first card of the run reads cold lists (routes, plans: a token per endpoint) on a loaded machine.
    await expect.poll(() => e2e.responses().length, { timeout: 5_000 }).toBe(before + 1);
    return e2e.responses()[before]!.body as { text: string; blocks: unknown[]; response_type: string };
  };
  const answerTo = async (text: string) => {
    const before = e2e.responses().length;
    await e2e.command(text);
    await expect.poll(() => e2e.responses().length).toBe(before + 1);
    return e2e.responses()[before]!.body as { text: string; blocks: unknown[] };
  };
  const buttonsOf = (blocks: unknown[]) =>
    [...textOf(blocks).matchAll(/"action_id":"(number\.[a-z-]+)"/g)].map((m) => m[1]);
  const clickOnCard = (actionId: string, number: string) =>
    e2e.slack.blockAction({
      actionId,
      value: number,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.5',
    });
  const openLineForm = async (kind: string, number: string) => {
    await clickOnCard(`number.${kind}`, number);
    return e2e.latestView((v) => v.callback_id === `telegent.line.${kind}` && textOf(v).includes(number));
  };
  const approvalCard = async (number: string, title: string) => {
    let found: FakeSlackCall | undefined;
    await expect
      .poll(() => {
        found = e2e.fake
          .callsTo('chat.postMessage')
          .findLast(
            (c) =>
              c.body.channel === APPROVALS_CHANNEL &&
              textOf(c.body).includes(formatPhone(number)) &&
              textOf(c.body).includes(title) &&
              textOf(c.body).includes('request.approve'),
          );
        return found;
      })
      .toBeDefined();
    const requestId = textOf(found!.body.blocks).match(
      /"action_id":"request\.approve".*?"value":"(req_[a-z0-9]+)"/,
    )![1]!;
    return { requestId, ts: String(found!.response.ts), body: found!.body };
  };
  const closedParks = async (number: string) =>
    Number(
      (
        await e2e.store.db.query(
          "SELECT count(*)::int AS n FROM orders WHERE kind = 'park' AND $1 = ANY(numbers) AND closed_at IS NOT NULL",
          [number],
        )
      ).rows[0]!.n,
    );
  /** Port-out PIN… on the card, approved: a port-out of the number is then open. */
  const issuePortOutPin = async (number: string) => {
    await clickOnCard('number.portout', number);
    const pinForm = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portout' && textOf(v).includes(number),
    );
    await e2e.submit(pinForm, { pin: '' });
    const pin = await approvalCard(number, 'Port-out PIN');
    await approve(pin.requestId, pin.ts);
    await expect.poll(async () => (await e2e.store.orders.listOpenForNumber(number)).length).toBe(1);
    // The PIN's DM names the number as people write it and the order by its short id.
    const orderId = (await e2e.store.orders.listOpenForNumber(number))[0]!.orderId;
    const dm = () =>
      e2e.fake
        .callsTo('chat.postMessage')
        .findLast((c) => c.body.channel === `D${REQUESTER}` && textOf(c.body).includes(formatPhone(number)));
    await expect.poll(dm).toBeDefined();
    const said = textOf(dm()!.body);
    expect(said).toContain(`Port-out PIN for ${formatPhone(number)}`);
    expect(said).toContain(shortId(orderId));
    expect(said).not.toContain(orderId);
    expect(said).not.toContain(number);
  };
  const approve = (requestId: string, ts: string) =>
    e2e.slack.blockAction({
      actionId: 'request.approve',
      value: requestId,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: ts,
    });

  it('shows an active number at a glance: SIM last 4 only, subscriber by name, the actions that apply', async () => {
    const number = SEED_NUMBERS[6]!;
    const shown = await card(number);
    const text = textOf(shown.blocks);
    const iccid = e2e.sandbox.getNumber(number)!.Iccid!;
    expect(shown.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: `${formatPhone(number)} · Active` },
    });
    expect(text).toContain(`…${iccid.slice(-4)}`);
    expect(text).not.toContain(iccid);
    expect(text).toMatch(/Bennet Hill — bennet@example\.com/);
    expect(text).toContain('SIM swaps left');
    // Words, not Telegent's values: routes by name, product and messaging in words, dates as days.
    expect(text).toContain('message Main SMS Webhook\\nvoice Main SIP Trunk"'); // the type said once
    expect(text).toContain('SMS + data + voice · phone line');
    expect(text).toContain('messaging on (person-to-person texts)');
    expect(text).toMatch(/more from [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}\)/);
    expect(text).toMatch(/\*Purchased\*\\n[A-Z][a-z]{2} \d{1,2}, \d{4}/);
    expect(text).not.toMatch(/MRID-|CRID-|TSUID-|Sms\+|MVNO|\(p2p\)|\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4}/);
    // The buttons carry the number as their value; what people read does not.
    expect(
      textOf((shown.blocks as Array<{ type: string }>).filter((b) => b.type !== 'actions')),
    ).not.toContain(number);
    expect(shown.text).toContain(formatPhone(number));
    expect(buttonsOf(shown.blocks)).toEqual([
      'number.park',
      'number.swap-sim',
      'number.cancel-line',
      'number.update',
      'number.portout',
      'number.limits',
      'number.plan', // Put on a plan… (the line has none)
    ]);
    const parked = await card(SEED_PARKED_NUMBER);
    expect(buttonsOf(parked.blocks)).toEqual(expect.arrayContaining(['number.activate']));
    expect(buttonsOf(parked.blocks)).not.toContain('number.park');
    const orphan = await card(SEED_NUMBERS[13]!);
    expect(textOf(orphan.blocks)).toContain('no subscriber');
    expect(textOf(orphan.blocks)).not.toContain('orphan');
  });

  it('an unknown number is answered in a sentence, nothing else', async () => {
    const shown = await card('+18015559876');
    expect(shown.text).toContain('is not on your Telegent account');
  });

  it('Park…: form with today pre-filled → approval (confirm) → exactly one park, even on a double click → Parked, and the card follows', async () => {
    const number = SEED_NUMBERS[7]!;
    const form = await openLineForm('park', number);
    expect(textOf(form.view)).toMatch(/"initial_date":"\d{4}-\d{2}-\d{2}"/);
    const sent = await e2e.submit(form, {});
    expect(sent.body).toMatchObject({ response_action: 'update' });
    const { requestId, ts, body } = await approvalCard(number, 'Park line');
    expect(textOf(body)).toContain('suspends the line');
    expect(textOf(body)).toContain('"confirm"');
    await Promise.all([approve(requestId, ts), approve(requestId, ts)]);
    await expect.poll(() => statusChanges().length).toBe(1);
    expect(statusChanges()[0]!.body).toMatchObject({
      StatusChange: 'park',
      PhoneNumbers: [{ Number: number }],
    });
    await expect.poll(() => e2e.sandbox.getNumber(number)!.Status).toBe('Parked');
    // The order is watched in the request's own message in the requester's channel: that message (posted
    // when the request was filed) is edited into the order's root, and no second top-level post is made.
    await expect
      .poll(
        async () => (await e2e.store.orders.listOpenForNumber(number)).length + (await closedParks(number)),
      )
      .toBe(1);
    const storyTs = (await e2e.store.requests.get(requestId))?.storyTs;
    expect(storyTs).toBeTruthy();
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('chat.update')
          .some(
            (c) =>
              c.body.channel === CHANNEL &&
              c.body.ts === storyTs &&
              textOf(c.body).includes('telegent_order') &&
              textOf(c.body).includes(formatPhone(number)),
          ),
      )
      .toBe(true);
    const topLevel = e2e.fake
      .callsTo('chat.postMessage')
      .filter(
        (c) =>
          c.body.channel === CHANNEL && !c.body.thread_ts && textOf(c.body).includes(formatPhone(number)),
      );
    expect(topLevel).toHaveLength(1);
    expect(statusChanges()).toHaveLength(1);

    const after = await card(number);
    expect(textOf(after.blocks)).toContain(`${formatPhone(number)} · Parked`);
    expect(buttonsOf(after.blocks)).toContain('number.activate');
    expect(textOf(after.blocks)).toMatch(/Park line: (approved|Telegent accepted)/);
  });

  it('one change of a line at a time: a second request for the same number is refused while the first is open', async () => {
    const number = SEED_NUMBERS[12]!;
    const park = await openLineForm('park', number);
    await e2e.submit(park, {});
    await approvalCard(number, 'Park line');
    const before = statusChanges().length;
    const cancel = await openLineForm('cancel-line', number);
    await e2e.submit(cancel, {});
    await e2e.viewShows(cancel.id, 'already has a request to change it');
    expect(statusChanges().length).toBe(before);
  });

  it('checked again before it is sent: a port-out opened while a park waited for approval stops the park', async () => {
    const number = SEED_NUMBERS[17]!;
    const park = await openLineForm('park', number);
    await e2e.submit(park, {});
    const parkCard = await approvalCard(number, 'Park line');
    // Meanwhile a port-out PIN is issued for the same number.
    await issuePortOutPin(number);

    const before = statusChanges().length;
    await approve(parkCard.requestId, parkCard.ts);
    await expect.poll(async () => (await e2e.store.requests.get(parkCard.requestId))?.status).toBe('failed');
    const failed = await e2e.store.requests.get(parkCard.requestId);
    expect(failed!.error).toMatch(/^Not sent to Telegent: .*a port-out of it is open/);
    expect(statusChanges().length).toBe(before);
    expect(e2e.sandbox.getNumber(number)!.Status).toBe('Active');
  });

  it('a stale card cannot file a change that no longer applies', async () => {
    const form = await (async () => {
      await clickOnCard('number.park', SEED_PARKED_NUMBER);
      return e2e.latestView((v) => textOf(v).includes('does not apply'));
    })();
    expect(textOf(form.view)).toContain(`${SEED_PARKED_NUMBER} is Parked now`);
  });

  it('Swap SIM… as an eSIM: the QR link reaches the requester by DM only; a bad ICCID is refused inline', async () => {
    const number = SEED_NUMBERS[9]!;
    const form = await openLineForm('swap-sim', number);
    // The title says "Swap SIM"; the body names the number once, as people write it, and tells the requester
    // what the approver weighs instead of addressing the approver.
    const shown = textOf((form.view as ModalView).blocks);
    expect(shown).not.toContain(number);
    expect(shown.split(formatPhone(number))).toHaveLength(2);
    expect(shown).not.toContain('Swap SIM:');
    expect(shown).toMatch(
      /Before deciding, the approver reads: _.*approve only if the customer was verified/,
    );
    const bad = await e2e.submit(form, { iccid: '8901240397190195851' });
    expect(bad.body.response_action).toBe('errors');
    expect(textOf(bad.body.errors)).toMatch(/Luhn check/);
    const before = statusChanges().length;
    await e2e.submit(form, { iccid: '' });
    const { requestId, ts } = await approvalCard(number, 'Swap SIM');
    await approve(requestId, ts);
    await expect.poll(() => statusChanges().length).toBe(before + 1);
    const qr = e2e.sandbox.getNumber(number)!.QrActivationLink!;
    expect(qr).toMatch(/^https:\/\/sandbox\.telegent\.test\/qr\//);
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('chat.postMessage')
          .some((c) => c.body.channel === `D${REQUESTER}` && textOf(c.body).includes(qr)),
      )
      .toBe(true);
    const elsewhere = e2e.fake.calls.filter(
      (c) =>
        !(c.method === 'chat.postMessage' && c.body.channel === `D${REQUESTER}`) &&
        textOf(c.body).includes(qr),
    );
    expect(elsewhere).toHaveLength(0);
    expect(e2e.log.text()).not.toContain(qr);
    // Revealed once, never stored: not in the request's saved answer either.
    const rows = await e2e.store.db.query('SELECT * FROM requests');
    expect(JSON.stringify(rows.rows)).not.toContain(qr);
  });

  it('no swaps left: Telegent refuses, the requester is told, nothing changes', async () => {
    const form = await openLineForm('swap-sim', SEED_NO_SWAPS_NUMBER);
    await e2e.submit(form, {});
    const { requestId, ts } = await approvalCard(SEED_NO_SWAPS_NUMBER, 'Swap SIM');
    await approve(requestId, ts);
    await expect
      .poll(() => e2e.fake.calls.some((c) => textOf(c.body).includes('no SIM swaps remain for this number')))
      .toBe(true);
    expect(e2e.sandbox.getNumber(SEED_NO_SWAPS_NUMBER)!.SwapsRemaining).toBe(0);
  });

  it('Cancel line… is refused while a port-out of the number is open, with the reason, and nothing is sent', async () => {
    const number = SEED_NUMBERS[10]!;
    await issuePortOutPin(number);

    const before = statusChanges().length;
    const form = await openLineForm('cancel-line', number);
    await e2e.submit(form, {});
    await e2e.viewShows(form.id, 'a port-out of it is open');
    expect(statusChanges().length).toBe(before);
  });

  it('an unknown outcome is read back and settled: the park went through', async () => {
    const number = SEED_NUMBERS[11]!;
    const form = await openLineForm('park', number);
    await e2e.submit(form, {});
    const { requestId, ts } = await approvalCard(number, 'Park line');
    e2e.sandbox.injectFault({ endpoint: STATUS_PATH, kind: '504', count: 1, applyMutation: true });
    await approve(requestId, ts);
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.status).toBe('succeeded');
    const stored = await e2e.store.requests.get(requestId);
    expect(textOf(stored!.result)).toContain('The park went through');
    expect(e2e.sandbox.getNumber(number)!.Status).toBe('Parked');
  });

  it('"Limits…" opens the limits form for that number', async () => {
    await clickOnCard('number.limits', SEED_NUMBERS[6]!);
    const form = await e2e.latestView((v: ModalView) => v.callback_id === 'telegent.limits');
    expect(textOf(form.view)).toContain(SEED_NUMBERS[6]!);
  });

  const updates = () =>
    e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === '/v1.0/numbers/update');
  const openUpdateForm = async (number: string) => {
    await clickOnCard('number.update', number);
    return e2e.latestView((v) => v.callback_id === 'telegent.number-update' && textOf(v).includes(number));
  };

  it('Update… binds a subscriber to an orphan number: approval, one numbers/update, the card shows them', async () => {
    const number = SEED_NUMBERS[14]!;
    const form = await openUpdateForm(number);
    expect(textOf(form.view)).toContain('New subscriber…');
    const empty = await e2e.submit(form, {});
    expect(empty.body.response_action).toBe('errors');
    expect(textOf(empty.body.errors)).toContain('change at least one field');
    await e2e.submit(form, { assignedSubscriberId: SEED_SUBSCRIBER_IDS[2]! });
    const { requestId, ts } = await approvalCard(number, 'Update number');
    await approve(requestId, ts);
    await expect.poll(() => updates().length).toBe(1);
    expect(updates()[0]!.body).toEqual({ Number: number, AssignedSubscriberId: SEED_SUBSCRIBER_IDS[2] });
    const after = await card(number);
    expect(textOf(after.blocks)).toContain('Chris Park — chris.park@example.com');
  });

  it('Update… of the message route only runs without approval', async () => {
    const number = SEED_NUMBERS[15]!;
    const before = updates().length;
    const form = await openUpdateForm(number);
    await e2e.submit(form, { messageRouteId: SEED_MESSAGE_ROUTE_IDS[1]! });
    await expect.poll(() => updates().length).toBe(before + 1);
    expect(e2e.sandbox.getNumber(number)!.MessageRouteId).toBe(SEED_MESSAGE_ROUTE_IDS[1]);
    const cards = e2e.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.body.channel === APPROVALS_CHANNEL && textOf(c.body).includes(formatPhone(number)));
    expect(cards).toHaveLength(0);
  });

  it('/telegent history of a number and of an order: who asked, who approved, what Telegent answered; Older… pages back', async () => {
    const number = SEED_NUMBERS[7]!; // parked above
    const byNumber = textOf((await answerTo(`history ${number}`)).blocks);
    expect(byNumber).toContain(`History of ${formatPhone(number)}`);
    expect(byNumber).not.toContain(number);
    expect(byNumber).toContain('Park line: asked by <@U0REQUESTER1>');
    expect(byNumber).toContain('Park line: approved by <@U0APPROVER01>');
    // What Telegent did names nobody: it never reads as if the approver did it.
    expect(byNumber).toMatch(/Park line: Telegent accepted it(\\n|")/);
    expect(byNumber).not.toMatch(/Telegent accepted[^\\"]*<@/);
    expect(byNumber).not.toMatch(/sent to Telegent[^\\"]*<@/);

    const order = (
      await e2e.store.db.query("SELECT order_id FROM orders WHERE kind = 'park' AND $1 = ANY(numbers)", [
        number,
      ])
    ).rows[0]!.order_id as string;
    const byOrder = textOf((await answerTo(`history ${order}`)).blocks);
    expect(byOrder).toContain(`History of ${shortId(order)}`);
    expect(byOrder).toContain('Park line: approved by');

    // More than a page: the no-swaps number's failed swap plus a stack of entries for its request.
    const requestId = (
      await e2e.store.db.query(
        "SELECT id FROM requests WHERE kind = 'swap-sim' AND input->>'phoneNumber' = $1",
        [SEED_NO_SWAPS_NUMBER],
      )
    ).rows[0]!.id as string;
    for (let i = 0; i < 12; i++)
      await e2e.store.audit.append({ actor: 'system', action: `note_${i}`, requestId });
    const first = await answerTo(`history ${SEED_NO_SWAPS_NUMBER}`);
    expect(textOf(first.blocks)).toContain('note 11');
    expect(textOf(first.blocks)).not.toContain('Telegent refused');
    const older = textOf(first.blocks).match(/"action_id":"history\.older".*?"value":"((?:[^"\\]|\\.)*)"/);
    expect(older).not.toBeNull();
    const responses = e2e.responses().length;
    await e2e.slack.blockAction({
      actionId: 'history.older',
      value: JSON.parse(`"${older![1]}"`),
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.5',
    });
    await expect.poll(() => e2e.responses().length).toBe(responses + 1);
    const page2 = textOf(e2e.responses()[responses]!.body);
    expect(page2).toContain('(older)');
    expect(page2).toMatch(/Swap SIM: Telegent refused it: “.*no SIM swaps remain/);
    expect(page2).toContain('Swap SIM: asked by <@U0REQUESTER1>');
  });
});

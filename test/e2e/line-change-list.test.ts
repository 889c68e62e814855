import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { SEED_NUMBERS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import { TEST_DATABASE_URL } from '../support/test-db.js';
import { APPROVALS_CHANNEL, APPROVER, CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

const STATUS_PATH = '/v1.0/numbers/status';

describe('park / activate a list of numbers, end to end', () => {
  let e2e: E2E;
  let active: string[];
  beforeAll(async () => {
    e2e = await startE2E({ storeKind: TEST_DATABASE_URL ? 'postgres' : 'pglite' });
    active = SEED_NUMBERS.filter((n) => e2e.sandbox.getNumber(n)?.Status === 'Active');
  });
  afterAll(() => e2e.close());

  const statusChanges = () => e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === STATUS_PATH);
  const mutationCount = () => e2e.sandbox.mutations().length;
  const requestCount = async () =>
    Number((await e2e.store.db.query('SELECT count(*)::int AS n FROM requests')).rows[0]!.n);
  const answerTo = async (text: string) => {
    const before = e2e.responses().length;
    await e2e.command(text);
    await expect.poll(() => e2e.responses().length).toBe(before + 1);
    return textOf(e2e.responses()[before]!.body);
  };
  /** The list form for these numbers (another list's form may still be the newest view). */
  const listForm = async (numbers: string[], kind = 'park') =>
    e2e.latestView(
      (v) =>
        v.callback_id === `telegent.line.${kind}` &&
        textOf(v).includes(`${numbers.length} number${numbers.length === 1 ? '' : 's'}:`) &&
        numbers.every((n) => textOf(v).includes(formatPhone(n))),
    );
  const approvalCard = async (header: string) => {
    let found: FakeSlackCall | undefined;
    await expect
      .poll(() => {
        found = e2e.fake
          .callsTo('chat.postMessage')
          .findLast(
            (c) =>
              c.body.channel === APPROVALS_CHANNEL &&
              textOf(c.body).includes(header) &&
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
  const approve = (requestId: string, ts: string) =>
    e2e.slack.blockAction({
      actionId: 'request.approve',
      value: requestId,
      userId: APPROVER,
      channelId: APPROVALS_CHANNEL,
      messageTs: ts,
    });
  const ordersNaming = async (number: string) =>
    (
      await e2e.store.db.query<{ order_id: string; numbers: string[] }>(
        'SELECT order_id, numbers FROM orders WHERE $1 = ANY(numbers)',
        [number],
      )
    ).rows;

  it('three numbers, typed as people type them → one form → one approval → exactly one numbers/status with the three, one order', async () => {
    const [a, b, c] = active as [string, string, string];
    const before = statusChanges().length;
    // Spaces, a comma and a number written with spaces and parentheses: all one list.
    await e2e.command(`park ${a} ${b}, ${formatPhone(c)}`);
    const form = await listForm([a, b, c]);
    expect(textOf(form.view)).toMatch(/"initial_date":"\d{4}-\d{2}-\d{2}"/);
    const sent = await e2e.submit(form, {});
    expect(sent.body).toMatchObject({ response_action: 'update' });
    const { requestId, ts, body } = await approvalCard('Park 3 numbers');
    for (const n of [a, b, c]) expect(textOf(body)).toContain(formatPhone(n));
    // One message in the requester's channel for the whole list, its count said.
    const story = () =>
      e2e.fake
        .callsTo('chat.postMessage')
        .filter((m) => m.body.channel === CHANNEL && textOf(m.body).includes('Park 3 numbers'));
    await expect.poll(() => story().length).toBe(1);
    await Promise.all([approve(requestId, ts), approve(requestId, ts)]);
    await expect.poll(() => statusChanges().length).toBe(before + 1);
    expect(statusChanges().at(-1)!.body).toMatchObject({
      StatusChange: 'park',
      PhoneNumbers: [{ Number: a }, { Number: b }, { Number: c }],
    });
    for (const n of [a, b, c]) await expect.poll(() => e2e.sandbox.getNumber(n)!.Status).toBe('Parked');
    await expect.poll(async () => (await ordersNaming(a)).length).toBe(1);
    const [order] = await ordersNaming(a);
    expect(order!.numbers).toEqual([a, b, c]);
    // Settled once and for all: no second order was sent.
    await new Promise((r) => setTimeout(r, 300));
    expect(statusChanges().length).toBe(before + 1);

    // And back: activate the three, the same way, in one order.
    await e2e.command(`activate ${a}, ${b}, ${c}`);
    const back = await listForm([a, b, c], 'activate');
    await e2e.submit(back, {});
    const again = await approvalCard('Activate 3 numbers');
    await approve(again.requestId, again.ts);
    await expect.poll(() => statusChanges().length).toBe(before + 2);
    expect(statusChanges().at(-1)!.body).toMatchObject({
      StatusChange: 'activate',
      PhoneNumbers: [{ Number: a }, { Number: b }, { Number: c }],
    });
    for (const n of [a, b, c]) await expect.poll(() => e2e.sandbox.getNumber(n)!.Status).toBe('Active');
  });

  it('a number with an open port-out is left out, with its reason on the card; the other two go', async () => {
    const [, , , d, e, f] = active as string[] as [string, string, string, string, string, string];
    // A port-out PIN for d, approved: its port-out is then open.
    await e2e.slack.blockAction({
      actionId: 'number.portout',
      value: d,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.5',
    });
    const pinForm = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portout' && textOf(v).includes(d),
    );
    await e2e.submit(pinForm, { pin: '' });
    const pin = await approvalCard('Port-out PIN');
    await approve(pin.requestId, pin.ts);
    await expect.poll(async () => (await e2e.store.orders.listOpenForNumber(d)).length).toBe(1);

    const before = statusChanges().length;
    await e2e.command(`park ${d}\n${e}\n${f}`);
    const form = await listForm([d, e, f]);
    await e2e.submit(form, {});
    // The form's result says what was left out and why, before any approval.
    await e2e.viewShows(form.id, 'Left out (1), not in this request');
    await e2e.viewShows(form.id, 'a port-out of it is open');
    const { requestId, ts, body } = await approvalCard('Park 2 numbers');
    const card = textOf(body);
    expect(card).toContain('Left out (1)');
    expect(card).toContain(`${formatPhone(d)}: ${d} cannot be changed now, a port-out of it is open`);
    await approve(requestId, ts);
    await expect.poll(() => statusChanges().length).toBe(before + 1);
    expect(statusChanges().at(-1)!.body).toMatchObject({ PhoneNumbers: [{ Number: e }, { Number: f }] });
    expect(e2e.sandbox.getNumber(d)!.Status).toBe('Active');

    // Only d, still under its port-out: nothing is left to park, an error in the form and nothing filed.
    const requests = await requestCount();
    await e2e.command(`park ${d}`);
    const alone = await listForm([d]);
    await e2e.submit(alone, {});
    await e2e.viewShows(alone.id, 'None of the numbers can be changed now');
    expect(await requestCount()).toBe(requests);
    expect(statusChanges().length).toBe(before + 1);
  });

  it('bad lists are refused whole with what to fix, and nothing is filed or sent', async () => {
    const mutations = mutationCount();
    const requests = await requestCount();
    const [g, h] = active.slice(6) as [string, string];
    const many = Array.from({ length: 101 }, (_, i) => `+1801555${String(1000 + i).padStart(4, '0')}`);
    expect(await answerTo(`park ${many.join(' ')}`)).toContain('At most 100 numbers at a time; you gave 101');
    expect(await answerTo(`park ${g} 80155 ${h}`)).toContain('80155\\" is not a US number');
    expect(await answerTo(`activate ${g}, ${h}, ${formatPhone(g)}`)).toContain(
      `${formatPhone(g)} is given twice`,
    );
    expect(await answerTo('park')).toContain('Which numbers?');
    // Not on the account: said in the form, by number.
    await e2e.command(`park ${g} +18015559876`);
    const told = await e2e.latestView((v) => textOf(v).includes('Not on your Telegent account'));
    expect(textOf(told.view)).toContain(formatPhone('+18015559876'));
    expect(textOf(told.view)).toContain('Nothing was filed');
    // A number the change does not apply to (activate an Active line): named too.
    await e2e.command(`activate ${g}`);
    const misfit = await e2e.latestView((v) => textOf(v).includes('does not apply to'));
    expect(textOf(misfit.view)).toContain(`${formatPhone(g)} is Active`);
    expect(mutationCount()).toBe(mutations);
    expect(await requestCount()).toBe(requests);
  });
});

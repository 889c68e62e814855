import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { SEED_MESSAGE_ROUTE_IDS, SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import type { FakeSlackCall } from '../support/fake-slack.js';
import {
  APPROVALS_CHANNEL,
  APPROVER,
  BOT_TOKEN,
  CHANNEL,
  type E2E,
  OTHER_APPROVER,
  REQUESTER,
  SIGNING_SECRET,
  STRANGER,
  startE2E,
  textOf,
} from './harness.js';

const ACCOUNT_NUMBER = '55120987';
const CARRIER_PASSWORD = 'Marigold-7731';
const PIN = '918273';
const PROVISION_FILL = {
  productType: 'Sms+Data',
  messageRouteId: SEED_MESSAGE_ROUTE_IDS[0]!,
  assignedSubscriberId: SEED_SUBSCRIBER_IDS[1]!,
};

describe('requests through approval, end to end', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });

  afterAll(async () => {
    // Leak scan over the whole file: no secret in any log line or any Slack call body, except the PIN in
    // the one DM to its requester.
    const secrets = [
      ACCOUNT_NUMBER,
      CARRIER_PASSWORD,
      PIN,
      BOT_TOKEN,
      SIGNING_SECRET,
      e2e.sandbox.accountSecret,
    ];
    const pinDms = e2e.fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && String(c.body.channel) === `D${REQUESTER}`,
    );
    const others = e2e.fake.calls.filter((c) => !pinDms.includes(c));
    const slackBodies = JSON.stringify(others.map((c) => c.body));
    const logs = e2e.log.text();
    for (const secret of secrets) {
      expect(slackBodies, `Slack bodies leak ${secret.slice(0, 3)}…`).not.toContain(secret);
      expect(logs, `logs leak ${secret.slice(0, 3)}…`).not.toContain(secret);
    }
    expect(logs).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}/); // no JWT (Telegent token) in the logs
    await e2e.close();
  });

  const mutations = (path: string) => e2e.sandbox.mutations().filter((m) => m.path.toLowerCase() === path);
  const cardFor = async (predicate: (c: FakeSlackCall) => boolean) => {
    let card: FakeSlackCall | undefined;
    await expect
      .poll(() => {
        card = e2e.fake
          .callsTo('chat.postMessage')
          .find((c) => c.body.channel === APPROVALS_CHANNEL && predicate(c));
        return card;
      })
      .toBeDefined();
    const approve = JSON.stringify(card!.body.blocks).match(
      /"action_id":"request\.approve".*?"value":"(req_[a-z0-9]+)"/,
    );
    return { card: card!, requestId: approve?.[1] ?? '', ts: String(card!.response.ts) };
  };
  const click = (actionId: string, value: string, userId: string, ts: string) =>
    e2e.slack.blockAction({ actionId, value, userId, channelId: APPROVALS_CHANNEL, messageTs: ts });

  async function submitProvision(): Promise<{ requestId: string; ts: string }> {
    const cardsBefore = e2e.fake.callsTo('chat.postMessage').length;
    await e2e.command('provision 801');
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    const submitted = await e2e.submit(form, PROVISION_FILL);
    expect(submitted.body).toMatchObject({ response_action: 'update' });
    return cardFor(
      (c) => e2e.fake.calls.indexOf(c) >= 0 && e2e.fake.callsTo('chat.postMessage').indexOf(c) >= cardsBefore,
    );
  }

  it('a provision form with errors is answered inline under the right inputs', async () => {
    await e2e.command('provision');
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.provision');
    const response = await e2e.submit(form, {
      productType: 'Sms+Data',
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[0]!,
      areaCode: '123',
    });
    expect(response.body.response_action).toBe('errors');
    expect(Object.keys(response.body.errors)).toEqual(expect.arrayContaining(['messageRouteId', 'areaCode']));
    expect(mutations('/v1.0/numbers/provision')).toHaveLength(0);
  });

  it('provision: card in the approvals channel, refusals for others, one approval → OrderId stored and threaded', async () => {
    const { requestId, ts } = await submitProvision();
    expect(requestId).toMatch(/^req_/);
    // The requester's channel gets a pointer to the card.
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('chat.postMessage')
          .some((c) => c.body.channel === CHANNEL && textOf(c.body).includes('approval')),
      )
      .toBe(true);

    const before = e2e.responses().length;
    await click('request.approve', requestId, STRANGER, ts);
    await click('request.approve', requestId, REQUESTER, ts);
    await expect.poll(() => e2e.responses().length).toBe(before + 2);
    const refusals = e2e
      .responses()
      .slice(before)
      .map((c) => textOf(c.body));
    expect(refusals[0]).toMatch(/Only approvers/);
    expect(refusals[1]).toMatch(/Only approvers|own request/);
    expect(mutations('/v1.0/numbers/provision')).toHaveLength(0);

    await click('request.approve', requestId, APPROVER, ts);
    await expect.poll(() => mutations('/v1.0/numbers/provision').length).toBe(1);
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('chat.update')
          .find((c) => c.body.ts === ts && textOf(c.body).includes('Approved by')),
      )
      .toBeDefined();
    const request = await e2e.store.requests.get(requestId);
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.status).toBe('succeeded');
    const order = (
      await e2e.store.db.query<{ order_id: string; thread_ts: string | null }>(
        'SELECT order_id, thread_ts FROM orders WHERE request_id = $1',
        [requestId],
      )
    ).rows[0];
    expect(order?.order_id).toMatch(/^JN/);
    await expect.poll(async () => (await e2e.store.orders.get(order!.order_id))?.threadTs).toBeTruthy();
    expect(request?.approver).toBe(APPROVER);

    // A late click from the other approver: told who decided, nothing else happens.
    const late = e2e.responses().length;
    await click('request.approve', requestId, OTHER_APPROVER, ts);
    await expect.poll(() => e2e.responses().length).toBe(late + 1);
    expect(textOf(e2e.responses()[late]!.body)).toMatch(new RegExp(`Already approved by <@${APPROVER}>`));
    expect(mutations('/v1.0/numbers/provision')).toHaveLength(1);
  });

  it('20 concurrent Approve clicks end in one provision at Telegent', async () => {
    const { requestId, ts } = await submitProvision();
    const before = mutations('/v1.0/numbers/provision').length;
    const clicks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        click('request.approve', requestId, i % 2 ? APPROVER : OTHER_APPROVER, ts),
      ),
    );
    expect(clicks.every((c) => c.status === 200)).toBe(true);
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.status).toBe('succeeded');
    await expect
      .poll(() => e2e.responses().filter((r) => textOf(r.body).includes('Already approved')).length)
      .toBeGreaterThanOrEqual(19);
    expect(mutations('/v1.0/numbers/provision').length - before).toBe(1);
  });

  it('port-in: eligibility verdict, then the form, approval, and an order watched in the channel', async () => {
    await e2e.command('portin (415) 555-0142');
    const verdict = await e2e.latestView((v) => textOf(v).includes('portin.continue'));
    const button = JSON.stringify(verdict.view.blocks).match(
      /"action_id":"portin\.continue".*?"value":"((?:[^"\\]|\\.)*)"/,
    );
    const value = JSON.parse(`"${button![1]}"`) as string;
    await e2e.slack.blockAction({
      actionId: 'portin.continue',
      value,
      userId: REQUESTER,
      view: {
        id: verdict.id,
        callback_id: verdict.view.callback_id,
        private_metadata: verdict.view.private_metadata,
      },
    });
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.portin');
    const submitted = await e2e.submit(form, {
      currentAccountNumber: ACCOUNT_NUMBER,
      currentAccountPassword: CARRIER_PASSWORD,
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[2]!,
      'billingAddress.street1': '1 Market St',
      'billingAddress.city': 'San Francisco',
      'billingAddress.state': 'CA',
      'billingAddress.zip': '94105',
    });
    expect(submitted.body).toMatchObject({ response_action: 'update' });
    const { requestId, ts } = await cardFor((c) => textOf(c.body).includes('(415) 555-0142'));
    await click('request.approve', requestId, APPROVER, ts);
    await expect.poll(() => mutations('/v1.0/numbers/portin').length).toBe(1);
    await expect.poll(async () => (await e2e.store.requests.get(requestId))?.status).toBe('succeeded');
    const open = await e2e.store.orders.listOpenByChannel(CHANNEL);
    const order = open.find((o) => o.requestId === requestId);
    expect(order).toMatchObject({ kind: 'portin', numbers: ['+14155550142'] });

    // Cancel: the status answer carries Cancel port-in…, which opens the cancel form: final, with a reason.
    const before = e2e.responses().length;
    await e2e.command(`portin cancel ${order!.orderId}`);
    await expect.poll(() => e2e.responses().length).toBe(before + 1);
    const status = textOf(e2e.responses()[before]!.body);
    expect(status).toContain('order.cancel');
    await e2e.slack.blockAction({
      actionId: 'order.cancel',
      value: order!.orderId,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.1',
      action: {
        type: 'overflow',
        selected_option: { text: { type: 'plain_text', text: 'Cancel port-in…' }, value: order!.orderId },
      },
    });
    const cancelForm = await e2e.latestView((v) => v.callback_id === 'telegent.portin-cancel');
    expect(textOf(cancelForm.view)).toMatch(/final/);
    expect(textOf(cancelForm.view)).toContain('(415) 555-0142');
    await e2e.submit(cancelForm, { reason: 'ZD-77 customer changed their mind' });
    await e2e.viewShows(cancelForm.id, 'Sent for approval');
    const cancel = await cardFor(
      (c) => textOf(c.body).includes(order!.orderId) && textOf(c.body).includes('request.approve'),
    );
    expect(textOf(cancel.card.body)).toMatch(/confirm/);
    await click('request.approve', cancel.requestId, APPROVER, cancel.ts);
    await expect.poll(() => mutations('/v1.0/numbers/portin/cancel').length).toBe(1);
  });

  it('portin <number> iot: eligibility is checked as iot and the port-in is submitted as iot', async () => {
    const journal = () => e2e.sandbox.journal().length;
    const since = journal();
    await e2e.command('portin (415) 555-0177 iot');
    const verdict = await e2e.latestView(
      (v) => textOf(v).includes('portin.continue') && textOf(v).includes('4155550177'),
    );
    const check = e2e.sandbox
      .journal()
      .slice(since)
      .find((j) => j.path.toLowerCase() === '/v1.0/numbers/portin/eligibility');
    expect(check?.body).toMatchObject({ TargetClassification: 'iot' });
    expect(textOf(verdict.view)).toContain('can be ported in as a device (IoT)');
    const button = JSON.stringify(verdict.view.blocks).match(
      /"action_id":"portin\.continue".*?"value":"((?:[^"\\]|\\.)*)"/,
    );
    await e2e.slack.blockAction({
      actionId: 'portin.continue',
      value: JSON.parse(`"${button![1]}"`) as string,
      userId: REQUESTER,
      view: {
        id: verdict.id,
        callback_id: verdict.view.callback_id,
        private_metadata: verdict.view.private_metadata,
      },
    });
    const form = await e2e.latestView(
      (v) => v.callback_id === 'telegent.portin' && textOf(v).includes('0177'),
    );
    expect(textOf(form.view)).toContain('as a *device (IoT)*');
    await e2e.submit(form, {
      currentAccountNumber: ACCOUNT_NUMBER,
      currentAccountPassword: CARRIER_PASSWORD,
      assignedSubscriberId: SEED_SUBSCRIBER_IDS[2]!,
      'billingAddress.street1': '1 Market St',
      'billingAddress.city': 'San Francisco',
      'billingAddress.state': 'CA',
      'billingAddress.zip': '94105',
    });
    const { requestId, ts } = await cardFor((c) => textOf(c.body).includes('(415) 555-0177'));
    await click('request.approve', requestId, APPROVER, ts);
    await expect
      .poll(() => mutations('/v1.0/numbers/portin').find((m) => textOf(m.body).includes('+14155550177')))
      .toBeDefined();
    const portIn = mutations('/v1.0/numbers/portin').find((m) => textOf(m.body).includes('+14155550177'));
    expect(portIn?.body).toMatchObject({ TargetPortinClassification: 'iot' });
    await e2e.command('portin (415) 555-0177 lte');
    await expect
      .poll(() => e2e.responses().some((r) => /classification|mvno or iot/i.test(textOf(r.body))))
      .toBe(true);
  });

  it('port-out: the PIN reaches the requester by DM only', async () => {
    const number = SEED_NUMBERS[5]!;
    await e2e.command(`portout ${number}`);
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.portout');
    expect(textOf(form.view)).toContain(number);
    await e2e.submit(form, { pin: PIN });
    const { requestId, ts, card } = await cardFor((c) => textOf(c.body).includes(formatPhone(number)));
    expect(textOf(card.body)).toMatch(/confirm/);
    await click('request.approve', requestId, APPROVER, ts);
    await expect.poll(() => mutations('/v1.0/numbers/portout').length).toBe(1);
    await expect
      .poll(() =>
        e2e.fake
          .callsTo('chat.postMessage')
          .find((c) => c.body.channel === `D${REQUESTER}` && textOf(c.body).includes(PIN)),
      )
      .toBeDefined();
    const elsewhere = e2e.fake.calls.filter(
      (c) => c.body.channel !== `D${REQUESTER}` && textOf(c.body).includes(PIN),
    );
    expect(elsewhere).toHaveLength(0);
  });

  it('rejects unsigned, tampered and 5-minute-old requests with 401 and no Slack calls', async () => {
    const callsBefore = e2e.fake.calls.length;
    const body = new URLSearchParams({
      command: '/telegent',
      text: 'help',
      user_id: REQUESTER,
      channel_id: CHANNEL,
    }).toString();
    expect((await e2e.slack.post(body, { signature: null })).status).toBe(401);
    expect((await e2e.slack.post(body, { signature: `v0=${'0'.repeat(64)}` })).status).toBe(401);
    expect((await e2e.slack.post(body, { timestamp: Math.floor(Date.now() / 1000) - 301 })).status).toBe(401);
    expect(e2e.fake.calls.length).toBe(callsBefore);
  });
});

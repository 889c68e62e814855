import { describe, expect, it } from 'vitest';
import { executionOutcomeMessage } from '../../src/messages/execution-outcome-message.js';
import { openOrdersMessage } from '../../src/messages/open-orders-message.js';
import {
  type OrderChange,
  orderRootMessage,
  orderUpdateMessage,
  requesterNotice,
} from '../../src/messages/order-messages.js';
import { orderStatusMessage } from '../../src/messages/order-status-message.js';
import { portDateHeadsUp } from '../../src/messages/port-date-headsup.js';
import { requestPicture } from '../../src/messages/request-picture.js';
import { revealedSecretMessage } from '../../src/messages/revealed-secret-message.js';
import { customerWords, whoWhyText } from '../../src/messages/who-why.js';
import type { OrderDetails } from '../../src/telegent/response-schemas.js';
import { NASTY, NOW, orderRecord, requestRecord } from './fixtures.js';
import { assertWithinSlackLimits } from './slack-limits.js';

const jane = {
  customerName: 'Jane Q. Doe',
  accountName: 'Acme',
  requestReason: 'ZD-4821 switching carriers',
};
const order = orderRecord({ ...jane, numbers: ['+14155550142'] });
const json = (value: unknown) => JSON.stringify(value);

describe('who and why on every order surface', () => {
  it('says whom in the short form for channels, the full one for one reader, and escapes both', () => {
    expect(customerWords(jane)).toBe('J. Doe · Acme');
    expect(customerWords(jane, { full: true })).toBe('Jane Q. Doe · Acme');
    expect(customerWords({ customerName: 'Jane Doe' })).toBe('J. Doe');
    expect(customerWords({})).toBeUndefined();
    expect(whoWhyText(jane)).toBe('J. Doe · Acme · ZD-4821 switching carriers');
    expect(whoWhyText({})).toBe('');
    const nasty = whoWhyText({ customerName: NASTY, requestReason: NASTY });
    expect(nasty).not.toContain('<!channel>');
    expect(nasty.length).toBeLessThan(400);
  });

  it("the order's message leads with the number, the customer and the ticket (no full name)", () => {
    const root = orderRootMessage(order, { sandbox: false });
    assertWithinSlackLimits(root);
    expect(json(root.blocks)).toContain(
      '(415) 555-0142 — J. Doe · Acme · ZD-4821 switching carriers\\nOrder',
    );
    expect(root.text).toContain('(415) 555-0142 — J. Doe · Acme');
    expect(json(root)).not.toContain('Jane');
    // An order of an older request (nothing stored) reads as before.
    expect(json(orderRootMessage(orderRecord(), { sandbox: false }).blocks)).toContain(
      '(801) 555-1234\\nOrder',
    );
  });

  it("thread lines say whom and why: one order's update and a channel's list of several", () => {
    const change = (orderId: string, extra: Partial<OrderChange> = {}): OrderChange => ({
      orderId,
      kind: 'portin',
      numbers: ['+14155550142'],
      status: 'Error',
      statusMessage: '8A-ACCOUNT',
      occurredAt: NOW,
      requestedBy: 'U0MAYA',
      ...jane,
      ...extra,
    });
    const single = orderUpdateMessage([change('JNUOID-a')], { sandbox: false });
    assertWithinSlackLimits(single);
    expect(json(single.blocks)).toContain(
      'Status update · J. Doe · Acme · ZD-4821 switching carriers · order',
    );
    const several = orderUpdateMessage([change('JNUOID-a'), change('JNUOID-b', { customerName: 'Bo Li' })], {
      sandbox: false,
    });
    const text = json(several.blocks);
    expect(text).toContain('(415) 555-0142 — J. Doe · Acme · ZD-4821 switching carriers (`JNUOID-a`)');
    expect(text).toContain('— B. Li · Acme');
    expect(text).not.toContain('Jane');
  });

  it("the requester's final DM names the customer in full and the ticket", () => {
    const done = requesterNotice({ ...order, status: 'Complete' }, { sandbox: false });
    const body = json(done.blocks);
    expect(body).toContain('Your port-in of (415) 555-0142 for Jane Q. Doe · Acme (order');
    expect(body).toContain('Reason / ticket: ZD-4821 switching carriers');
    expect(done.text).toContain('for Jane Q. Doe · Acme: complete');
  });

  it('`/telegent orders` lines and `/telegent status` carry them too', () => {
    const list = openOrdersMessage({ orders: [order] });
    assertWithinSlackLimits(list);
    expect(json(list.blocks)).toContain('(415) 555-0142> — J. Doe · Acme · ZD-4821 switching carriers · *');
    const status = orderStatusMessage({
      order: {
        OrderId: order.orderId,
        OrderType: 'PortIn',
        OrderStatus: 'Submitted',
        PhoneNumbersOrdered: [{ Number: '+14155550142' }],
      } as OrderDetails,
      stored: order,
    });
    const fields = json(status.blocks);
    expect(fields).toContain('*Customer*\\nJane Q. Doe · Acme');
    expect(fields).toContain('*Reason / ticket*\\nZD-4821 switching carriers');
  });

  it('the port-date heads-up and the outcome line say whom and why', () => {
    const eve = portDateHeadsUp({ order, kind: 'eve', timeZone: 'UTC' });
    expect(json(eve.blocks)).toContain('(415) 555-0142 — J. Doe · Acme · ZD-4821 switching carriers (order');
    const outcome = executionOutcomeMessage({
      title: 'Port-in',
      status: 'succeeded',
      orderId: order.orderId,
      order: { status: 'Submitted', numbers: order.numbers },
      customer: 'J. Doe · Acme',
      reason: 'ZD-4821 switching carriers',
      summary: 'Port-in of (415) 555-0142',
    });
    const text = json(outcome.blocks);
    expect(text).toContain('for J. Doe · Acme submitted to Telegent');
    expect(text).toContain('Reason / ticket: ZD-4821 switching carriers');
  });

  it("the request's story and its decision line say whom (short, with the account) and why", () => {
    const rejected = requestRecord({
      status: 'rejected',
      input: { phoneNumber: '+14155550142', customerName: 'Jane Doe', requestReason: 'ZD-4821' },
      cardChannelId: 'C0APPROVALS',
      cardTs: '1.1',
      storyTs: '2.2',
      approver: 'U0APPROVER',
      decidedAt: NOW,
    });
    const picture = requestPicture(
      { request: rejected, order: null, accountName: 'Acme' },
      { approvalsChannelId: 'C0APPROVALS', sandbox: false },
    );
    expect(json(picture.story.message)).toContain('J. Doe · Acme');
    expect(json(picture.story.message)).toContain('ZD-4821');
    expect(picture.lines[0]!.message.text).toContain(
      '<@U0REQUESTER> your Port-in request for J. Doe · Acme (ZD-4821) was rejected',
    );
    expect(json(picture)).not.toContain('Jane');
  });

  it("the requester's PIN DM says for whom (full name) and the ticket; the notification text holds neither", () => {
    const dm = revealedSecretMessage(
      { title: 'Port-out PIN for (801) 555-5555', secret: '4821', note: 'Give it to the customer.' },
      false,
      { customerName: 'Jane Doe', requestReason: 'ZD-4821' },
    );
    expect(json(dm.blocks)).toContain('For Jane Doe · Reason / ticket: ZD-4821');
    expect(dm.text).not.toContain('Jane');
  });
});

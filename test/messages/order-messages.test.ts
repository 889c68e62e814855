import { describe, expect, it } from 'vitest';
import { ACTION } from '../../src/messages/ids.js';
import { openOrdersMessage } from '../../src/messages/open-orders-message.js';
import { orderButtons } from '../../src/messages/order-buttons.js';
import { orderRootMessage, orderUpdateMessage, requesterNotice } from '../../src/messages/order-messages.js';
import { orderRecord } from './fixtures.js';

const order = {
  orderId: 'JNUOID-1',
  kind: 'portin' as const,
  numbers: ['+15125550123'],
  status: 'Error',
  statusMessage: '6B',
  requestedBy: 'U_REQ',
  portInDate: '2030-01-20',
  channelId: 'C1',
};

function sections(blocks: unknown[]): string[] {
  return (blocks as Array<{ type: string; text?: { text: string } }>)
    .filter((b) => b.type === 'section')
    .map((b) => b.text?.text ?? '');
}

describe('order messages', () => {
  it('root message: kind, numbers, OrderId, status line with the fix; SANDBOX only in sandbox mode', () => {
    const live = orderRootMessage(order, { sandbox: false });
    const text = JSON.stringify(live);
    for (const part of [
      'Port-in',
      '(512) 555-0123',
      'JNUOID-1',
      '*Status:*',
      'Carrier rejected: T-Mobile transfer PIN wrong or expired (6B)',
      '*Fix…* below opens the form with what to correct',
      'Sun, Jan 20',
    ])
      expect(text).toContain(part);
    // The Fix… button is right there: no command to copy, and the code is explained once (in the status line).
    expect(text).not.toContain('/telegent portin update');
    expect(text).not.toContain('carrier code');
    // Without buttons (e.g. an edit that drops them) the command is the way to fix it.
    expect(JSON.stringify(orderRootMessage(order, { sandbox: false, actions: false }))).toContain(
      '/telegent portin update JNUOID-1',
    );
    expect(text).not.toContain('SANDBOX');
    expect(JSON.stringify(orderRootMessage(order, { sandbox: true }))).toContain('SANDBOX');
    const closed = orderRootMessage(
      { ...order, status: 'Completed', statusMessage: null },
      { sandbox: false },
    );
    expect(closed.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('an open port-in offers Status, Update and Cancel port-in… (a form, which says it is final)', () => {
    const root = orderRootMessage({ ...order, status: 'Pending', statusMessage: null }, { sandbox: false });
    const actions = root.blocks.find((b) => b.type === 'actions') as unknown as {
      elements: Array<Record<string, unknown>>;
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual([
      'order.status',
      'order.update',
      'order.cancel',
    ]);
    expect(actions.elements[2]!.confirm).toBeUndefined();
  });

  it('a flood of changes stays within 50 blocks and 3000 characters a section', () => {
    const changes = Array.from({ length: 1000 }, (_, i) => ({
      ...order,
      orderId: `JNUOID-${i}`,
      statusMessage: i % 2 ? '8A-ACCOUNT_NUM_REQ_OR_INCORRECT' : null,
      occurredAt: new Date('2030-01-01T00:00:00Z'),
    }));
    const message = orderUpdateMessage(changes, { sandbox: true });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const text of sections(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    expect(sections(message.blocks).join('\n')).toMatch(/and \d+ more changes/);
    expect(message.text).toContain('1000 orders');
  });

  it('a carrier refusal in the thread: said once, and the next step points at the Fix… button below it', () => {
    const orderId = 'JNUOID-6a283dcf-1bb8-4ed1-8387-ce877b4ffc24';
    const update = orderUpdateMessage(
      [{ ...order, orderId, statusMessage: '8A-ACCOUNT_NUM_REQ_OR_INCORRECT', occurredAt: new Date(0) }],
      { sandbox: false },
    );
    const prose = sections(update.blocks).join('\n');
    expect(prose).toContain('*Carrier error* — Carrier rejected: account number wrong (8A)');
    expect(prose.match(/8A/g)).toHaveLength(1);
    expect(prose).not.toContain('losing carrier');
    expect(prose).toContain('*Next step:* *Fix…* below opens the form with what to correct.');
    expect(JSON.stringify(update.blocks)).toContain('JNUOID-6a283dcf…');
    expect(prose).not.toContain(orderId);
    expect(prose).not.toContain('/telegent portin update');
    const actions = update.blocks.find((b) => b.type === 'actions') as unknown as {
      elements: Array<{ action_id: string; text?: { text: string } }>;
    };
    expect(actions.elements[0]).toMatchObject({ action_id: ACTION.orderUpdate, text: { text: 'Fix…' } });

    // Rejected (no code): the same pointer, and Cancel in the ⋯ menu.
    const rejected = orderUpdateMessage(
      [{ ...order, orderId, status: 'Rejected', statusMessage: null, occurredAt: new Date(0) }],
      { sandbox: false },
    );
    const rejectedProse = sections(rejected.blocks).join('\n');
    expect(rejectedProse).toContain(
      '*Fix…* below opens the form with what to correct, or cancel it from the ⋯ menu',
    );
    expect(rejectedProse).not.toContain('/telegent portin');
  });

  it('a provision order is called "Provision", as on its card and story', () => {
    const root = orderRootMessage(
      { ...order, kind: 'provision', status: 'Pending', statusMessage: null },
      { sandbox: false },
    );
    expect(JSON.stringify(root.blocks)).toContain('*Provision* · (512) 555-0123');
    expect(JSON.stringify(root)).not.toContain('Provisioning');
  });

  it('requester notice when done: plain words and the short order id', () => {
    const orderId = 'JNUOID-6a283dcf-1bb8-4ed1-8387-ce877b4ffc24';
    const done = requesterNotice(
      { ...order, orderId, status: 'Completed', statusMessage: null },
      { sandbox: false },
    );
    const text = JSON.stringify(done);
    expect(text).toContain('Your port-in of (512) 555-0123 (order `JNUOID-6a283dcf…`) is complete.');
    expect(text).not.toContain(orderId);
    expect(text).not.toContain('finished: *Completed*');
    const cancelled = requesterNotice(
      { ...order, status: 'Cancelled', statusMessage: null },
      { sandbox: false },
    );
    expect(JSON.stringify(cancelled)).toContain('was cancelled.');
  });

  it('requester notice for a rejection says what to do next and escapes Telegent text', () => {
    const notice = requesterNotice(
      { ...order, status: 'Rejected', statusMessage: 'hold <on> account & more' },
      { sandbox: false },
    );
    const text = JSON.stringify(notice);
    expect(text).toContain('did not go through');
    expect(text).toContain('hold &lt;on&gt; account &amp; more');
    expect(text).toContain('/telegent portin');
    expect(text).toContain('<#C1>');
  });
});

describe('order lists: what needs action first, every row linked to its thread, Cancel in the "⋯" menu', () => {
  it('/telegent orders puts the refused and failed orders first and links each row to its thread', () => {
    const healthy = orderRecord({ orderId: 'JNUOID-ok', status: 'Submitted', threadTs: '1700000000.000100' });
    const refused = orderRecord({ orderId: 'JNUOID-8a', status: 'Error', statusMessage: '8A-ACCOUNT' });
    const msg = openOrdersMessage({ orders: [healthy, refused] });
    const rows = msg.blocks.filter((b) => b.type === 'section') as Array<{ text: { text: string } }>;
    expect(rows[0]!.text.text).toContain('JNUOID-8a');
    expect(rows[1]!.text.text).toContain('JNUOID-ok');
    for (const row of rows) expect(row.text.text).toMatch(/<https:\/\/slack\.com\/archives\/C\w+\/p\d+\|/);
  });

  it('an open port-in has no red Cancel button: Cancel port-in… is in its overflow menu', () => {
    const elements = orderButtons('JNUOID-1', { portIn: true, status: 'Submitted' });
    expect(elements.filter((e) => e.type === 'button' && 'style' in e && e.style === 'danger')).toEqual([]);
    const menu = elements.find((e) => e.type === 'overflow') as {
      action_id: string;
      options: Array<{ value: string; text: { text: string } }>;
    };
    expect(menu.action_id).toBe(ACTION.orderCancel);
    expect(menu.options.map((o) => [o.text.text, o.value])).toEqual([['Cancel port-in…', 'JNUOID-1']]);
  });
});

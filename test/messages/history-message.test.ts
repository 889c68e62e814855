import { describe, expect, it } from 'vitest';
import { historyMessage } from '../../src/messages/history-message.js';
import type { HistoryEntry } from '../../src/store/history-repo.js';
import { NOW } from './fixtures.js';
import { assertWithinSlackLimits } from './slack-limits.js';

const entry = (
  id: number,
  actor: string,
  action: string,
  details: Record<string, unknown> = {},
): HistoryEntry => ({
  source: 'app',
  cursor: `${id}.a.${id}`,
  at: NOW,
  kind: 'portin',
  requestId: 'req_1',
  orderId: null,
  entry: { id, at: NOW, actor, action, requestId: 'req_1', orderId: null, details, kind: 'portin' },
});
const ORDER = 'JNUOID-6a283dcf-1bb8-4ed1-8387-ce877b4ffc24';
const carrier = (id: number, status: string, statusMessage: string | null = null): HistoryEntry => ({
  source: 'carrier',
  cursor: `${id}.e.${id}`,
  at: NOW,
  kind: 'portin',
  requestId: null,
  orderId: ORDER,
  status,
  statusMessage,
});

describe('historyMessage', () => {
  const entries = [
    entry(5, 'U0APPROVER', 'execution_succeeded'),
    entry(4, 'U0APPROVER', 'execution_started'),
    entry(3, 'U0OTHER', 'approve_refused', { reason: 'already_decided' }),
    entry(2, 'U0APPROVER', 'approved'),
    entry(1, 'U0ASKER', 'submitted', { reason: 'ZD-4830 customer switching' }),
  ];

  it('says who asked and who approved, and what Telegent did apart from any person', () => {
    const msg = historyMessage({ subject: '+14155550142', entries });
    assertWithinSlackLimits(msg);
    const json = JSON.stringify(msg.blocks);
    expect(msg.blocks[0]).toMatchObject({ type: 'header', text: { text: 'History of (415) 555-0142' } });
    expect(msg.text).toBe('History of (415) 555-0142');
    expect(json).not.toContain('+14155550142');
    expect(json).toContain('Port-in: asked by <@U0ASKER> — reason: “ZD-4830 customer switching”');
    expect(json).toContain('Port-in: approved by <@U0APPROVER>');
    expect(json).toContain('Port-in: approval not taken from <@U0OTHER> — reason: “already decided”');
    expect(json).not.toContain('already_decided');
    const lines = json.split('\\n');
    const accepted = lines.find((l) => l.includes('Telegent accepted it'));
    const sent = lines.find((l) => l.includes('sent to Telegent'));
    expect(accepted).toBeDefined();
    expect(sent).toBeDefined();
    // Telegent's steps name nobody: they never read as if the approver did them.
    expect(accepted).not.toContain('<@');
    expect(sent).not.toContain('<@');
  });

  it('an order by its short id; an empty history says so', () => {
    const order = 'JNUOID-6a283dcf-1bb8-4ed1-8387-ce877b4ffc24';
    const msg = historyMessage({ subject: order, entries: [] });
    expect(msg.text).toBe('History of JNUOID-6a283dcf…');
    expect(JSON.stringify(msg.blocks)).not.toContain(order);
    expect(JSON.stringify(msg.blocks)).toContain('Nothing from Telegent Ops about JNUOID-6a283dcf…');
  });

  it("the carrier's statuses in words, by Telegent; reminders; Older… carries the oldest entry's cursor", () => {
    const reminder: HistoryEntry = {
      source: 'reminder',
      cursor: '3.r.req_1:0001',
      at: NOW,
      kind: 'swap-sim',
      requestId: 'req_1',
      orderId: null,
      targets: ['U0APPROVER', 'thread'],
    };
    const many = [
      carrier(20, 'Completed'),
      carrier(19, 'Rejected', '8A-ACCOUNT NUMBER INVALID'),
      reminder,
      ...Array.from({ length: 8 }, (_, i) => entry(10 - i, 'U0ASKER', 'note')),
    ];
    const msg = historyMessage({ subject: '+14155550142', kind: 'number', entries: many });
    assertWithinSlackLimits(msg);
    const json = JSON.stringify(msg.blocks);
    expect(json).toContain('Port-in `JNUOID-6a283dcf…`: Telegent says *Completed*');
    expect(json).toContain(
      'Port-in `JNUOID-6a283dcf…`: Telegent says *Rejected* — Carrier rejected: account number wrong (8A)',
    );
    expect(json).toContain("Swap SIM: approvers reminded in the card's thread and by DM to <@U0APPROVER>");
    expect(json).not.toContain('8A-ACCOUNT');
    expect(json).toContain('"value":"{\\"subject\\":\\"+14155550142\\",\\"before\\":\\"4.a.4\\"}"');
    // An order's own history does not repeat its id on every line; a customer is named by name.
    const byOrder = JSON.stringify(
      historyMessage({ subject: ORDER, kind: 'order', entries: [carrier(1, 'Completed')] }),
    );
    expect(byOrder).toContain('Port-in: Telegent says *Completed*');
    const byCustomer = historyMessage({
      subject: 'TSUID-90c644ff-7f70-4587-a27e-d1d45bde7528',
      kind: 'customer',
      label: 'Jane Doe',
      entries: [],
    });
    expect(byCustomer.text).toBe('History of Jane Doe');
  });
});

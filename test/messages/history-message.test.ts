import { describe, expect, it } from 'vitest';
import { historyMessage } from '../../src/messages/history-message.js';
import type { TrailEntry } from '../../src/store/audit-repo.js';
import { NOW } from './fixtures.js';
import { assertWithinSlackLimits } from './slack-limits.js';

const entry = (
  id: number,
  actor: string,
  action: string,
  details: Record<string, unknown> = {},
): TrailEntry => ({
  id,
  at: NOW,
  actor,
  action,
  requestId: 'req_1',
  orderId: null,
  details,
  kind: 'portin',
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
});

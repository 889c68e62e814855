import { describe, expect, it } from 'vitest';
import { digestMessage } from '../../src/messages/digest-message.js';
import { orderRecord } from './fixtures.js';
import { assertWithinSlackLimits } from './slack-limits.js';

describe('digestMessage', () => {
  const base = {
    channelId: 'C1',
    localDate: '2030-02-01', // a Friday: the next business day is Monday 2030-02-04
    localTime: '09:00',
    timeZone: 'UTC',
    now: new Date('2030-02-01T09:00:00Z'),
    closedSince: [],
    sandbox: false,
  };

  it("lists what needs action first, then today's and the next business day's ports", () => {
    const monday = orderRecord({
      orderId: 'JNUOID-mon',
      kind: 'portin',
      status: 'Scheduled',
      portInDate: '2030-02-04',
    });
    const later = orderRecord({
      orderId: 'JNUOID-later',
      kind: 'portin',
      status: 'Scheduled',
      portInDate: '2030-02-12',
    });
    const broken = orderRecord({
      orderId: 'JNUOID-err',
      kind: 'portin',
      status: 'Error',
      statusMessage: '8A-ACCOUNT',
    });
    const message = digestMessage({ ...base, open: [later, broken, monday] });
    assertWithinSlackLimits(message);
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('Porting today or next business day (1)');
    expect(all).toContain('• *Mon, Feb 4* · ');
    // The day once (no "port date Mon, Feb 4" after it), one bullet, the age in words.
    const soon = message.blocks.map((b) => JSON.stringify(b)).find((b) => b.includes('JNUOID-mon'))!;
    expect(soon.match(/Mon, Feb 4/g)).toHaveLength(1);
    expect(soon).not.toContain('· •');
    expect(soon).not.toMatch(/min old|\d+ (h|d) old/);
    // The counts read as sentences.
    expect(all).toContain('*3 open port-ins*, 1 needs action. In the last 24 h: 0 completed, 0 cancelled.');
    expect(all).toContain('Other orders: 0 provisions and 0 port-outs open;');
    expect(all).not.toContain('need action:*');
    // What needs someone comes first, then what ports soon, then the rest.
    expect(all.indexOf('Needs action')).toBeLessThan(all.indexOf('JNUOID-mon'));
    expect(all.indexOf('JNUOID-mon')).toBeLessThan(all.indexOf('JNUOID-later'));
    // Listed once: not again under "by status".
    expect(all.split('JNUOID-mon').length - 1).toBe(1);
  });

  it('says how long ago an order was opened in words: "just now", never "0 min old"', () => {
    const fresh = orderRecord({ kind: 'portin', status: 'Submitted', createdAt: base.now });
    const all = JSON.stringify(digestMessage({ ...base, open: [fresh] }).blocks);
    expect(all).toContain('opened just now');
    expect(all).not.toContain('0 min');
    expect(all).toContain('*1 open port-in*, none needing action.');
  });

  it('names the Telegent account a bound channel files under; none for an unbound one', () => {
    const bound = digestMessage({
      ...base,
      open: [],
      account: { id: 'AID-3f6c2a9e', name: 'Sandbox & Sons' },
    });
    assertWithinSlackLimits(bound);
    expect(JSON.stringify(bound.blocks)).toContain('Account: Sandbox &amp; Sons `AID-3f6c2a9e`');
    expect(JSON.stringify(digestMessage({ ...base, open: [] }).blocks)).not.toContain('Account:');
  });
});

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
    expect(all).not.toContain('Other orders'); // none: not "0 provisions and 0 port-outs"
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

  const jane = {
    customerName: 'Jane Q. Doe',
    accountName: 'Acme',
    requestReason: 'ZD-4821 switching carriers',
  };

  it('per port-in: number, customer (short), ticket, status in words, requester, days open, port date', () => {
    const open = orderRecord({
      ...jane,
      status: 'InProgress',
      requestedBy: 'U0MAYA',
      portInDate: '2030-02-12',
      createdAt: new Date('2030-01-28T08:00:00Z'),
    });
    const message = digestMessage({ ...base, open: [open] });
    assertWithinSlackLimits(message);
    const all = JSON.stringify(message.blocks);
    expect(all).toContain(
      '(801) 555-1234> — J. Doe · Acme · ZD-4821 switching carriers · <@U0MAYA> · open 4 days · port date Tue, Feb 12',
    );
    expect(all).toContain('*In progress* (1)');
    // A channel post: never the full name.
    expect(all).not.toContain('Jane');
  });

  it('names requesters as Slack shows them, without a ping; one Slack cannot name stays a mention', () => {
    const maya = orderRecord({ ...jane, status: 'InProgress', requestedBy: 'U0MAYA' });
    const rejected = orderRecord({
      orderId: 'JNUOID-rej',
      status: 'Rejected',
      statusMessage: '8A',
      requestedBy: 'U0MAYA',
    });
    const other = orderRecord({ orderId: 'JNUOID-other', status: 'Pending', requestedBy: 'U0OTHER' });
    const all = JSON.stringify(
      digestMessage({
        ...base,
        open: [maya, rejected, other],
        requesterNames: new Map([['U0MAYA', 'Maya <ops>']]),
      }).blocks,
    );
    expect(all).not.toContain('<@U0MAYA>');
    expect(all.split('Maya &lt;ops&gt;').length - 1).toBe(2); // escaped: her name is text, never a link or mention
    expect(all).toContain('<@U0OTHER>');
  });

  it('puts a carrier rejection first with whom it is for and what to fix; lists closed ones of the last 24 h', () => {
    const rejected = orderRecord({
      ...jane,
      orderId: 'JNUOID-8a000000-0000',
      status: 'Error',
      statusMessage: '8A-ACCOUNT',
      createdAt: new Date('2030-01-30T09:00:00Z'),
    });
    const done = orderRecord({
      orderId: 'JNUOID-done0000',
      status: 'Complete',
      customerName: 'Bo Li',
      createdAt: new Date('2030-01-27T09:00:00Z'),
      closedAt: new Date('2030-01-31T12:00:00Z'),
    });
    const gone = orderRecord({
      orderId: 'JNUOID-gone0000',
      status: 'Cancelled',
      closedAt: new Date('2030-01-31T18:00:00Z'),
    });
    const message = digestMessage({ ...base, open: [rejected], closedSince: [done, gone] });
    const all = message.blocks.map((b) => JSON.stringify(b)).join('\n');
    const needs = all.indexOf('Needs action (1)');
    expect(needs).toBeGreaterThan(-1);
    const line = message.blocks.map((b) => JSON.stringify(b)).find((b) => b.includes('account number'))!;
    expect(line).toContain('J. Doe · Acme · ZD-4821');
    expect(line).toContain('open 2 days');
    expect(line).toMatch(/Next step:\*.*portin update JNUOID-8a000000-0000/);
    expect(all).toContain('Completed in the last 24 h (1)');
    expect(all).toContain('B. Li');
    expect(all).toContain('took 4 days');
    expect(all).toContain('Cancelled in the last 24 h (1)');
    expect(needs).toBeLessThan(all.indexOf('Completed in the last 24 h'));
  });

  it('words a port-out as a PIN issued, never "port-out done"', () => {
    const pin = orderRecord({ kind: 'portout', status: 'Complete', closedAt: base.now });
    const portin = orderRecord({ status: 'Submitted' });
    const message = digestMessage({ ...base, open: [portin], closedSince: [pin] });
    const all = JSON.stringify(message.blocks);
    expect(all).toContain('Other orders: in the last 24 h 1 port-out PIN issued.');
    expect(all).not.toMatch(/port-outs? done/);
  });

  it('says an empty day in one line', () => {
    const message = digestMessage({ ...base, open: [] });
    assertWithinSlackLimits(message);
    expect(message.blocks).toHaveLength(1);
    expect(message.text).toBe(
      'Port-in digest · Fri, Feb 1: nothing open, nothing completed or cancelled in the last 24 h.',
    );
  });
});

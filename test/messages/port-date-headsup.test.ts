import { describe, expect, it } from 'vitest';
import { portDateHeadsUp } from '../../src/messages/port-date-headsup.js';

describe('portDateHeadsUp', () => {
  const order = {
    orderId: 'JNUOID-6a283dcf-1bb8-4ed1-8387-ce877b4ffc24',
    numbers: ['+15125550123'],
    requestedBy: 'U_REQ',
    portInDate: '2030-02-04',
  };

  it('names the channel’s place in words, never the raw IANA zone, and nothing for UTC', () => {
    const london = JSON.stringify(portDateHeadsUp({ order, kind: 'eve', timeZone: 'Europe/London' }).blocks);
    expect(london).toContain('ports on the next business day, Mon, Feb 4 (London time).');
    expect(london).not.toContain('Europe/London');
    const utc = JSON.stringify(portDateHeadsUp({ order, kind: 'day', timeZone: 'UTC' }).blocks);
    expect(utc).toContain('ports today, Mon, Feb 4. ');
    expect(utc).not.toContain('UTC');
  });
});

import { describe, expect, it } from 'vitest';
import { numberCard } from '../../src/messages/number-card.js';
import type { NumberRecord } from '../../src/telegent/response-schemas.js';
import { orderRecord } from './fixtures.js';
import { assertWithinSlackLimits } from './slack-limits.js';

const MRID = 'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9';
const CRID = 'CRID-509de94f-79cc-429b-a317-2102654dabbb';
const TSUID = 'TSUID-7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d';
const ORDER = 'JNUOID-6a283dcf-1bb8-4ed1-8387-ce877b4ffc24';
const number = {
  Number: '+18015550101',
  Status: 'Active',
  ProductType: 'Sms+Data',
  NumberType: 'mobile',
  Classification: 'IoT',
  MessageEnabled: true,
  MessageType: 'p2p',
  VoiceEnabled: false,
  MessageRouteId: MRID,
  VoiceRouteId: CRID,
  AssignedSubscriberId: TSUID,
  Iccid: '8901240397190195850',
  SwapsRemaining: 0,
  NextSwapResetDate: '2026-12-31T00:00:00',
  OriginalDatePurchased: '09/02/2026',
} as NumberRecord;

describe('numberCard', () => {
  const card = numberCard({
    number,
    subscriber: undefined, // could not be read
    openOrders: [{ order: orderRecord({ orderId: ORDER, status: 'InProgress' }) }],
    history: [],
    routeNames: new Map([[CRID, 'Main SIP Trunk · Trunk']]),
  });
  const shown = JSON.stringify(card.blocks.filter((b) => b.type !== 'actions'));

  it('reads in words: number, product, messaging, dates, statuses', () => {
    assertWithinSlackLimits(card);
    expect(card.blocks[0]).toMatchObject({ type: 'header', text: { text: '(801) 555-0101 · Active' } });
    expect(card.text).toBe('(801) 555-0101: Active');
    for (const words of [
      'SMS + data · device (IoT)',
      'messaging on (person-to-person texts), voice off',
      '0 (more from Thu, Dec 31)',
      'Sep 2, 2026',
      'In progress',
      '…5850',
    ])
      expect(shown).toContain(words);
  });

  it('routes by name with the type said once, else a short id; no raw ids, ISO or US dates', () => {
    expect(shown).toContain('voice Main SIP Trunk');
    expect(shown).not.toContain('Trunk · Trunk');
    expect(shown).toContain('message `MRID-ad0ff867…` (name not found)');
    expect(shown).toContain('TSUID-7a8b9c0d… (details could not be read)');
    expect(shown).toContain('JNUOID-6a283dcf…');
    for (const raw of [
      MRID,
      CRID,
      TSUID,
      ORDER,
      '+18015550101',
      '2026-12-31',
      '09/02/2026',
      'Sms+Data',
      'p2p',
    ])
      expect(shown).not.toContain(raw);
  });
});

describe('numberCard: the line’s plan', () => {
  const draw = (plan?: Parameters<typeof numberCard>[0]['plan']) => {
    const card = numberCard({ number, subscriber: null, openOrders: [], history: [], plan });
    assertWithinSlackLimits(card);
    return JSON.stringify(card.blocks);
  };

  it('on a plan: name and price, and Change plan…', () => {
    const shown = draw({
      state: 'on',
      subscriptionId: 'SUB-1',
      packageId: 'PID-1',
      words: 'Unlimited Plus · $45.00 / month',
    });
    expect(shown).toContain('*Plan*\\nUnlimited Plus · $45.00 / month');
    expect(shown).toContain('"text":"Change plan…","emoji":true},"action_id":"number.plan"');
  });

  it('no plan: "No plan" and Put on a plan…', () => {
    const shown = draw({ state: 'none' });
    expect(shown).toContain('*Plan*\\nNo plan');
    expect(shown).toContain('Put on a plan…');
  });

  it('unreadable: says so, and offers no plan button (nothing to act on)', () => {
    const shown = draw({ state: 'unreadable' });
    expect(shown).toContain('*Plan*\\ncould not be read');
    expect(shown).not.toContain('number.plan');
  });

  it('plans not enabled (or not read at all): no plan field, no plan button', () => {
    for (const shown of [draw({ state: 'hidden' }), draw(undefined)]) {
      expect(shown).not.toContain('*Plan*');
      expect(shown).not.toContain('number.plan');
    }
  });
});

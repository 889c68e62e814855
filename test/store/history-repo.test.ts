import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/store/history-repo.js';
import { insertOrderEvent } from '../../src/store/order-events-repo.js';
import { openTestStore, storeKinds, type TestStore } from '../support/test-db.js';

const t0 = new Date('2030-03-01T12:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const NUMBER = '+13855550777';
const SUBSCRIBER = 'TSUID-11111111-2222-4333-8444-555555555555';
const ORDER = 'JNUOID-77777777-0000-4000-8000-000000000001';

/** A line per entry, to compare whole histories: what it is and when. */
const describeEntry = (e: HistoryEntry) =>
  e.source === 'app'
    ? `${e.entry.action}@${e.at.toISOString()}`
    : e.source === 'carrier'
      ? `carrier ${e.status}@${e.at.toISOString()}`
      : `reminded ${e.targets.join('+')}@${e.at.toISOString()}`;

describe.each(storeKinds())('history repo on %s', (kind) => {
  let store: TestStore;
  let portin: string;
  let cancel: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const suffix = Date.now();
    portin = (
      await store.requests.insert({
        id: `req_hist_portin_${suffix}`,
        kind: 'portin',
        input: { phoneNumber: NUMBER, assignedSubscriberId: SUBSCRIBER, customerName: 'Jane Doe' },
        requestedBy: 'U_ASKER',
        channelId: 'C_SUPPORT',
      })
    ).request.id;
    await store.orders.insert({
      orderId: ORDER,
      kind: 'portin',
      numbers: [NUMBER],
      status: 'Pending',
      channelId: 'C_SUPPORT',
      requestId: portin,
      requestedBy: 'U_ASKER',
      nextCheckAt: at(0),
    });
    cancel = (
      await store.requests.insert({
        id: `req_hist_cancel_${suffix}`,
        kind: 'portin-cancel',
        input: { orderId: ORDER },
        requestedBy: 'U_ASKER',
        channelId: 'C_SUPPORT',
      })
    ).request.id;
    await store.audit.append({ actor: 'U_ASKER', action: 'submitted', requestId: portin, at: at(0) });
    await store.reminders.claim(portin, 0, 'thread', at(1));
    await store.reminders.claim(portin, 0, 'U_APPROVER', at(1));
    await store.audit.append({ actor: 'U_APPROVER', action: 'approved', requestId: portin, at: at(2) });
    await store.audit.append({
      actor: 'system',
      action: 'execution_succeeded',
      requestId: portin,
      at: at(3),
    });
    const event = (status: string, minutes: number, message: string | null = null) =>
      insertOrderEvent(store.db, {
        orderId: ORDER,
        status,
        statusMessage: message,
        occurredAt: at(minutes),
        noticeDue: false,
      });
    await event('Submitted', 10);
    await event('Rejected', 70, '8A-ACCOUNT NUMBER INVALID');
    await store.audit.append({ actor: 'U_ASKER', action: 'submitted', requestId: cancel, at: at(80) });
    await event('Cancelled', 90);
    // Someone else's request and order: never in these histories.
    await store.audit.append({
      actor: 'U_OTHER',
      action: 'submitted',
      requestId: 'req_elsewhere',
      at: at(5),
    });
  });
  afterAll(() => store?.close());

  const EXPECTED = [
    'carrier Cancelled@2030-03-01T13:30:00.000Z',
    'submitted@2030-03-01T13:20:00.000Z', // the cancel request, which names only the order
    'carrier Rejected@2030-03-01T13:10:00.000Z',
    'carrier Submitted@2030-03-01T12:10:00.000Z',
    'execution_succeeded@2030-03-01T12:03:00.000Z',
    'approved@2030-03-01T12:02:00.000Z',
    'reminded U_APPROVER+thread@2030-03-01T12:01:00.000Z',
    'submitted@2030-03-01T12:00:00.000Z',
  ];

  it('merges our steps, reminders and the carrier statuses, newest first, for a number, an order and a customer', async () => {
    for (const [subjectKind, subject] of [
      ['number', NUMBER],
      ['order', ORDER],
      ['customer', SUBSCRIBER],
    ] as const) {
      const entries = await store.history.list(subjectKind, subject, { limit: 50 });
      expect(entries.map(describeEntry), subjectKind).toEqual(EXPECTED);
    }
    const rejected = (await store.history.list('order', ORDER)).find(
      (e) => e.source === 'carrier' && e.status === 'Rejected',
    );
    expect(rejected).toMatchObject({
      kind: 'portin',
      orderId: ORDER,
      statusMessage: '8A-ACCOUNT NUMBER INVALID',
    });
    expect(await store.history.list('customer', 'TSUID-00000000-0000-4000-8000-000000000000')).toEqual([]);
    expect(await store.history.customerName(SUBSCRIBER)).toBe('Jane Doe');
  });

  it('pages by cursor through the merged list: each entry once, in order', async () => {
    const seen: string[] = [];
    let before: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await store.history.list('number', NUMBER, { limit: 3, ...(before ? { before } : {}) });
      seen.push(...page.map(describeEntry));
      if (page.length < 3) break;
      before = page.at(-1)!.cursor;
    }
    expect(seen).toEqual(EXPECTED);
  });
});

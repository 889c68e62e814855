import { describe, expect, it } from 'vitest';
import { trailLine } from '../../src/messages/audit-trail.js';
import { customerNoticeLine } from '../../src/messages/customer-notice-line.js';
import { operations } from '../../src/operations/registry.js';
import { customerNoticeText } from '../../src/requests/customer-notice.js';
import type { TrailEntry } from '../../src/store/audit-repo.js';
import type { CustomerNoticeRecord } from '../../src/store/customer-notices-repo.js';
import { NOW } from './fixtures.js';

const notice = (over: Partial<CustomerNoticeRecord>): CustomerNoticeRecord => ({
  requestId: 'req_1',
  line: '+18015550100',
  status: 'sent',
  messageId: 'TMID-1',
  detail: null,
  createdAt: NOW,
  decidedAt: NOW,
  claimedUntil: null,
  ...over,
});

const entry = (action: string, details: Record<string, unknown>): TrailEntry => ({
  id: 1,
  at: NOW,
  actor: 'system',
  action,
  requestId: 'req_1',
  orderId: null,
  details,
  kind: 'swap-sim',
});

describe('what the approver reads about the text to the line', () => {
  it('sent: when, in Slack date format; otherwise why not', () => {
    const unix = Math.floor(NOW.getTime() / 1000);
    expect(customerNoticeLine(notice({}))).toContain(`*Customer texted* <!date^${unix}^`);
    expect(customerNoticeLine(notice({ status: 'skipped', detail: 'CUSTOMER_NOTICE_FROM is not set' }))).toBe(
      ':no_bell: *Customer not texted:* CUSTOMER_NOTICE_FROM is not set',
    );
    expect(
      customerNoticeLine(notice({ status: 'failed', detail: 'Telegent refused the input (ref x)' })),
    ).toContain('Customer not texted:* Telegent refused the input');
    expect(customerNoticeLine(notice({ status: 'unknown', detail: 'the app stopped' }))).toContain(
      'Texting the customer may have failed',
    );
    expect(customerNoticeLine(null)).toBeNull();
  });

  it('the text names the company and what to do, fits one SMS, and carries no digits (no PIN, no code)', () => {
    for (const op of [operations['swap-sim'], operations.portout]) {
      const what = op.customerNotice!.what;
      const text = customerNoticeText('Acme Mobile', what);
      expect(text).toMatch(/^Acme Mobile: someone asked for /);
      expect(text).toContain('If this was not you, call Acme Mobile now.');
      expect(text).not.toMatch(/\d/);
      // The longest company name CUSTOMER_NOTICE_COMPANY allows still fits one SMS.
      expect(customerNoticeText('x'.repeat(30), what).length).toBeLessThanOrEqual(160);
    }
  });

  it('history says how the customer was verified and whether they were texted', () => {
    expect(trailLine(entry('submitted', { verificationMethod: 'Photo ID in store' }))).toContain(
      'customer verified by Photo ID in store',
    );
    expect(trailLine(entry('customer_texted', { messageId: 'TMID-1' }))).toContain(
      'Swap SIM: the customer was texted',
    );
    expect(trailLine(entry('customer_text_unknown', { error: 'the app stopped' }))).toContain(
      'texting the customer may have failed: “the app stopped”',
    );
  });
});

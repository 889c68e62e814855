import { describe, expect, it } from 'vitest';
import { requestProvisionStep } from '../../src/functions/request-provision.js';
import { stepOutcome } from '../../src/notify/step-outcome.js';
import type { RequestStatus } from '../../src/store/request-lifecycle.js';
import type { RequestRecord } from '../../src/store/requests-repo.js';

const at = new Date('2026-12-07T15:00:00Z');
const request = (status: RequestStatus, more: Partial<RequestRecord> = {}): RequestRecord => ({
  id: 'req_abc123',
  kind: 'provision',
  status,
  input: {},
  hasSecrets: false,
  accountId: null,
  requestedBy: 'U0ANA',
  channelId: 'C0SUPPORT',
  cardChannelId: null,
  cardTs: null,
  storyTs: null,
  approver: null,
  decidedAt: null,
  decisionReason: null,
  result: null,
  error: null,
  expiresAt: null,
  idempotencyKey: null,
  approvalsNeeded: 1,
  approvedBy: [],
  createdAt: at,
  updatedAt: at,
  ...more,
});
const outputs = () => ({ outputs: { phone_number: '+18015550100', order_id: 'JNUOID-1' } });

describe('how a request step run ends, from its request', () => {
  it('is not over while the request waits, is approved or is being sent', () => {
    for (const status of ['pending_approval', 'approved', 'executing'] as const) {
      expect(stepOutcome(request(status), null, outputs, {})).toBeNull();
    }
  });

  it('succeeded: the step’s outputs', () => {
    expect(stepOutcome(request('succeeded'), null, outputs, {})).toEqual({
      kind: 'success',
      outputs: { phone_number: '+18015550100', order_id: 'JNUOID-1' },
    });
  });

  it('every other end is one sentence with what happened, who decided, and the request to look up', () => {
    const cases: Array<[RequestRecord, string | undefined, RegExp]> = [
      [
        request('rejected', { decisionReason: 'No budget' }),
        'Ben Ortiz',
        /^Rejected by Ben Ortiz: "No budget"\. Nothing was sent to Telegent/,
      ],
      [request('rejected'), undefined, /^Rejected by an approver\. Nothing was sent/],
      [request('expired'), undefined, /^Nobody approved it in time, so it expired/],
      [request('cancelled'), 'Ana Lee', /^Withdrawn by Ana Lee before approval/],
      [
        request('failed', { error: 'Telegent refused it: no numbers left in 801.' }),
        undefined,
        /^Not done: Telegent refused it: no numbers left in 801 \(request/,
      ],
      [
        request('unknown', { error: 'The answer was lost.' }),
        undefined,
        /^Sent to Telegent, but whether it took effect is not known: The answer was lost\. Check it/,
      ],
    ];
    for (const [stored, decidedBy, sentence] of cases) {
      const outcome = stepOutcome(stored, null, outputs, { decidedBy });
      expect(outcome?.kind).toBe('error');
      const error = outcome?.kind === 'error' ? outcome.error : '';
      expect(error).toMatch(sentence);
      expect(error).toContain('(request req_abc123).');
      expect(error).not.toContain('<@');
    }
  });

  it('request_provision through read-back (the answer lost, the line found): the number read back, no blank order', () => {
    const readBack = request('succeeded', {
      result: { reconciliation: { checked: 'numbers', found: true, detail: '', number: '+18015550177' } },
    });
    expect(stepOutcome(readBack, null, requestProvisionStep.outputs, {})).toEqual({
      kind: 'success',
      outputs: { phone_number: '+18015550177' },
    });
  });

  it('request_provision succeeded with no number known anywhere: an error saying the line was made, never a blank output', () => {
    const outcome = stepOutcome(request('succeeded', { result: {} }), null, requestProvisionStep.outputs, {});
    expect(outcome).toEqual({
      kind: 'error',
      error: expect.stringMatching(
        /^The new line was made, but its number is not known .*\(request req_abc123\)\.$/,
      ),
    });
  });
});

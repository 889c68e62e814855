import { describe, expect, it } from 'vitest';
import { batchStoryMessage } from '../../src/messages/batch-story.js';
import type { RequestRecord } from '../../src/store/requests-repo.js';

const request = {
  id: 'req_1',
  kind: 'provision',
  requestedBy: 'U0REQUESTER',
  input: { customerName: 'Jane Doe' },
} as unknown as RequestRecord;

const item = (n: number, status: 'pending' | 'claimed' | 'done' | 'failed' | 'unknown', extra = {}) => ({
  item: n,
  status,
  result: null,
  error: null,
  ...extra,
});

/** A batch's one message, redrawn as its items settle. */
describe('batchStoryMessage', () => {
  const draw = (items: ReturnType<typeof item>[]) =>
    batchStoryMessage({
      request,
      title: 'Provision',
      summary: '3 new lines: SMS + data phone line in area code 801',
      items,
    })
      .blocks.map((b) => JSON.stringify(b))
      .join('\n');

  it('lists the numbers as they arrive, and how many are still on the way', () => {
    const text = draw([
      item(0, 'done', { result: { numbers: ['+18015550101'] } }),
      item(1, 'done', { result: { numbers: ['+18015550102'] } }),
      item(2, 'claimed'),
    ]);
    expect(text).toContain('Provisioned 2 of 3');
    expect(text).toContain('(801) 555-0101, (801) 555-0102');
    expect(text).toContain('1 still on the way');
    expect(text).toContain('J. Doe');
    expect(text).not.toContain('Jane');
  });

  it('says what Telegent refused and what is not known, with what to do', () => {
    const text = draw([
      item(0, 'done', { result: { numbers: ['+18015550101'] } }),
      item(1, 'failed', { error: 'Telegent refused it: no numbers left in 801 (ref abc1)' }),
      item(2, 'unknown', { error: 'Telegent did not answer (ref def2)' }),
    ]);
    expect(text).toContain('Provisioned 1 of 3');
    expect(text).toContain('1 not done: Telegent refused it: no numbers left in 801');
    expect(text).toContain('1 not known (not sent again; check with Telegent before retrying)');
    expect(text).not.toContain('still on the way');
  });

  it('items that differ (a port-in of several numbers): "Submitted 1 of 3" and one line per number, a refusal with its reason', () => {
    const text = batchStoryMessage({
      request: { ...request, kind: 'portin' } as RequestRecord,
      title: 'Port-in · 3 numbers',
      summary: 'Port-in of 3 numbers',
      items: [
        item(2, 'pending'),
        item(0, 'done', { result: { numbers: ['+13135550701'], orderId: 'JNUOID-a' } }),
        item(1, 'failed', { error: 'Telegent refused it: duplicate port-in' }),
      ],
      itemWords: { done: 'Submitted', labels: ['(313) 555-0701', '(313) 555-0702', '(313) 555-0703'] },
    })
      .blocks.map((b) => JSON.stringify(b))
      .join('\n');
    expect(text).toContain('Submitted 1 of 3* · 1 not done');
    expect(text).toContain('✅ *(313) 555-0701*: submitted · order `JNUOID-a`');
    expect(text).toContain('❌ *(313) 555-0702*: not done: Telegent refused it: duplicate port-in');
    expect(text).toContain('⏳ *(313) 555-0703*: waiting');
    // In the order of the numbers, whatever order the items come in.
    expect(text.indexOf('0701')).toBeLessThan(text.indexOf('0702'));
    expect(text.indexOf('0702')).toBeLessThan(text.indexOf('0703'));
    expect(text).not.toContain('Provisioned');
  });

  it("a number's line shows its order as last read: a carrier's refusal in words", () => {
    const text = batchStoryMessage({
      request: { ...request, kind: 'portin' } as RequestRecord,
      title: 'Port-in · 2 numbers',
      summary: 'Port-in of 2 numbers',
      items: [
        item(0, 'done', { result: { numbers: ['+13135550701'], orderId: 'JNUOID-a' } }),
        item(1, 'done', { result: { numbers: ['+13135550702'], orderId: 'JNUOID-b' } }),
      ],
      itemWords: { done: 'Submitted', labels: ['(313) 555-0701', '(313) 555-0702'] },
      orders: [
        { orderId: 'JNUOID-a', status: 'Submitted', statusMessage: null },
        { orderId: 'JNUOID-b', status: 'Error', statusMessage: '8A-ACCOUNT_NUM_REQ_OR_INCORRECT' },
      ],
    })
      .blocks.map((b) => JSON.stringify(b))
      .join('\n');
    expect(text).toContain('*(313) 555-0701*: Submitted · order `JNUOID-a`');
    expect(text).toContain(
      ':warning: *(313) 555-0702*: Carrier error (Carrier rejected: account number wrong (8A)) · order `JNUOID-b`',
    );
    // Every number submitted, but one waits on a fix: the headline warns, it does not say all is well.
    expect(text).toContain('⚠️ ');
    expect(text).not.toContain('✅ ');
  });
});

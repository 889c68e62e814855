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
    expect(text).toContain('1 refused by Telegent: Telegent refused it: no numbers left in 801');
    expect(text).toContain('1 not known (not sent again; check with Telegent before retrying)');
    expect(text).not.toContain('still on the way');
  });
});

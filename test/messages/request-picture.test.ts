import { describe, expect, it } from 'vitest';
import { requestPicture } from '../../src/messages/request-picture.js';
import { orderRecord, requestRecord } from './fixtures.js';

const APPROVALS = 'C0APPROVALS';
const text = (value: unknown) => JSON.stringify(value);

/** What a request shows is a pure function of what is stored: no flags, the same state draws the same picture. */
describe('requestPicture', () => {
  it('without an approvals channel the card is the story: buttons while pending, then the order root', () => {
    const pending = requestRecord({ cardChannelId: 'C0CHANNEL', cardTs: '1.1', storyTs: '1.1' });
    const waiting = requestPicture({ request: pending, order: null, accountName: null }, { sandbox: false });
    expect(waiting.cardIsStory).toBe(true);
    expect(waiting.story).toBe(waiting.card);
    expect(text(waiting.card)).toContain('request.approve');
    expect(waiting.lines).toEqual([]);

    const ran = { ...pending, status: 'succeeded' as const, approver: 'U0APPROVER', decidedAt: new Date() };
    const rooted = requestPicture(
      { request: ran, order: orderRecord({ threadTs: '1.1' }), accountName: null },
      { sandbox: false },
    );
    expect(rooted.card?.shows).toBe('order');
    expect(text(rooted.card)).not.toContain('request.approve');
    // Its outcome once, in its own thread; no second outcome "on the card".
    expect(rooted.lines.map((l) => [l.name, l.thread])).toEqual([['story-outcome', 'story']]);
  });

  it('with an approvals channel: the card shows who decided, the story says rejected, the requester is told', () => {
    const rejected = requestRecord({
      status: 'rejected',
      cardChannelId: APPROVALS,
      cardTs: '1.1',
      storyTs: '2.2',
      approver: 'U0APPROVER',
      decidedAt: new Date('2026-03-04T16:00:00Z'),
      decisionReason: 'Call the customer first',
    });
    const picture = requestPicture(
      { request: rejected, order: null, accountName: null },
      { approvalsChannelId: APPROVALS, sandbox: false },
    );
    expect(picture.cardIsStory).toBe(false);
    expect(text(picture.card)).toContain('Rejected by <@U0APPROVER>');
    expect(text(picture.card)).not.toContain('request.approve');
    expect(text(picture.story)).toContain('rejected by <@U0APPROVER>');
    expect(picture.lines).toHaveLength(1);
    expect(picture.lines[0]).toMatchObject({ name: 'decision', thread: 'story' });
    expect(picture.lines[0]!.message.text).toContain('<@U0REQUESTER> your Port-in request was rejected');
    expect(picture.lines[0]!.message.text).toContain('Call the customer first');
  });

  it('an expiry draws the same picture every time (a redraw that changes nothing sends nothing)', () => {
    const expired = requestRecord({
      status: 'expired',
      cardChannelId: APPROVALS,
      cardTs: '1.1',
      storyTs: '2.2',
    });
    const draw = () =>
      requestPicture(
        { request: expired, order: null, accountName: null },
        { approvalsChannelId: APPROVALS, sandbox: true },
      );
    expect(text(draw())).toBe(text(draw()));
    expect(text(draw().card)).toMatch(/Expired/);
  });

  it('a request that ran at once has no card; its message is its outcome and owes no thread line', () => {
    const ran = requestRecord({
      kind: 'limits',
      status: 'failed',
      expiresAt: null,
      error: 'Telegent refused it.',
    });
    const picture = requestPicture(
      { request: ran, order: null, accountName: null },
      { approvalsChannelId: APPROVALS, sandbox: false },
    );
    expect(picture.card).toBeNull();
    expect(picture.story.shows).toBe('story');
    expect(text(picture.story)).toContain('Telegent refused it.');
    expect(picture.lines).toEqual([]);
  });
});

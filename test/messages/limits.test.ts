import { describe, expect, it } from 'vitest';
import { context, section } from '../../src/messages/blocks.js';
import { escapeMrkdwn, fitBlocks, fitItems, safeMrkdwn, truncate } from '../../src/messages/limits.js';

describe('truncate', () => {
  it('leaves short text alone and cuts long text to the limit with an ellipsis', () => {
    expect(truncate('hello', 5)).toBe('hello');
    const cut = truncate('hello world', 8);
    expect(cut.length).toBeLessThanOrEqual(8);
    expect(cut.endsWith('…')).toBe(true);
  });

  it('never splits a surrogate pair, an entity or a Slack token', () => {
    expect(truncate('ab😀cd', 4)).toBe('ab…');
    expect(truncate('abc &amp; def', 7)).toBe('abc…');
    expect(truncate('hi <@U123456> there', 8)).toBe('hi…');
    const escaped = safeMrkdwn('a&b'.repeat(100), 50);
    expect(escaped.length).toBeLessThanOrEqual(50);
    expect(escaped).not.toMatch(/&[a-z]*…$/);
  });

  it('escapes the three mrkdwn control characters', () => {
    expect(escapeMrkdwn('<!channel> & <@U1>')).toBe('&lt;!channel&gt; &amp; &lt;@U1&gt;');
  });
});

describe('fitItems / fitBlocks', () => {
  const render = (n: number) => [section(`item ${n}`), context(`detail ${n}`)];

  it('keeps whole items and adds one "more" line within the block budget', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const out = fitItems(items, render, { maxBlocks: 11 }, (hidden) => context(`${hidden} more`));
    expect(out).toHaveLength(11);
    expect(out.at(-1)).toEqual(context('95 more'));
  });

  it('adds nothing when everything fits exactly', () => {
    const out = fitItems([1, 2], render, { maxBlocks: 4 }, () => context('more'));
    expect(out).toHaveLength(4);
    expect(JSON.stringify(out)).not.toContain('more');
  });

  it('respects a character budget', () => {
    const items = Array.from({ length: 50 }, () => 'y'.repeat(1000));
    const out = fitItems(
      items,
      (t) => [section(t)],
      { maxBlocks: 50, maxChars: 5000 },
      (h) => context(`${h} more`),
    );
    expect(out.length).toBeLessThan(6);
    expect(JSON.stringify(out.at(-1))).toContain('more');
  });

  it('fitBlocks replaces the overflow with a count', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => section(`b${i}`));
    const out = fitBlocks(blocks, 100, (n) => `${n} hidden`);
    expect(out).toHaveLength(100);
    expect(JSON.stringify(out.at(-1))).toContain('21 hidden');
  });
});

describe('assertWithinSlackLimits (the test helper itself)', () => {
  it('catches each kind of violation', async () => {
    const { slackLimitProblems } = await import('./slack-limits.js');
    const tooMany = { text: 't', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) };
    expect(slackLimitProblems(tooMany)).toContain('51 blocks > 50');
    const longButton = {
      text: 't',
      blocks: [
        {
          type: 'actions',
          elements: [
            { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'x'.repeat(76) } },
            {
              type: 'button',
              action_id: 'a',
              text: { type: 'plain_text', text: 'ok' },
              value: 'v'.repeat(2001),
            },
          ],
        },
      ],
    };
    expect(slackLimitProblems(longButton)).toHaveLength(3);
    const modal = {
      type: 'modal',
      title: { type: 'plain_text', text: 'x'.repeat(25) },
      private_metadata: 'm'.repeat(3001),
      blocks: [
        {
          type: 'input',
          block_id: 'a',
          label: { type: 'plain_text', text: 'L' },
          element: { type: 'plain_text_input', action_id: 'a' },
        },
      ],
    };
    expect(slackLimitProblems(modal)).toHaveLength(3);
    const longSection = {
      text: 't',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }],
    };
    expect(slackLimitProblems(longSection)).toHaveLength(1);
  });
});

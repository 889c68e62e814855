import { describe, expect, it } from 'vitest';
import { run } from '../../drills/bad-input.js';
import { BAD_INPUT_CASES } from '../../drills/bad-input-cases.js';
import { formatReport } from '../../drills/support/report.js';

describe('drill 5: bad input', () => {
  it('the case list covers every subcommand and form with at least 60 hostile inputs', () => {
    expect(BAD_INPUT_CASES.length).toBeGreaterThanOrEqual(60);
    const subcommands = new Set(
      BAD_INPUT_CASES.flatMap((c) => (c.kind === 'command' ? [c.text.split(' ')[0]] : [])),
    );
    for (const sub of [
      'search',
      'provision',
      'portin',
      'portout',
      'limits',
      'usage',
      'status',
      'digest',
      'number',
      'history',
      'subscriber',
      'account',
    ]) {
      expect(subcommands).toContain(sub);
    }
    const forms = new Set(BAD_INPUT_CASES.flatMap((c) => (c.kind === 'form' ? [c.form] : [])));
    expect([...forms].sort()).toEqual([
      'limits',
      'line.swap-sim',
      'number-update',
      'portin',
      'portin-update',
      'portout',
      'provision',
      'subscriber-new',
    ]);
  });

  it('refused users try commands, card buttons and pickers: guests, other organisations, non-requesters', () => {
    const refused = BAD_INPUT_CASES.filter((c) => c.kind === 'refused');
    expect(new Set(refused.map((c) => c.user))).toEqual(new Set(['guest', 'external', 'non-member']));
    for (const user of ['guest', 'external', 'non-member']) {
      const theirs = refused.filter((c) => c.user === user).map((c) => Object.keys(c.request)[0]);
      expect(new Set(theirs)).toEqual(new Set(['command', 'click', 'options']));
    }
  });

  it(`all ${BAD_INPUT_CASES.length} hostile inputs are refused clearly by a real app process, with no Telegent mutation`, async () => {
    const result = await run();
    expect(result.passed, formatReport(result)).toBe(true);
    expect(result.figures['answered with a clear error']).toBe(BAD_INPUT_CASES.length);
    expect(result.figures['Telegent mutations']).toBe(0);
    expect(result.figures['Telegent requests for inputs refused before lookup']).toBe(0);
    expect(result.figures['app healthy after the drill']).toBe(true);
    expect(result.figures['error log lines']).toBe(0);
    expect(result.figures['leak scan: leaks']).toBe(0);
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { MAX_GUARDIAN_NUMBERS } from '../../src/operations/fields/guardian-numbers.js';
import { forLine } from '../../src/operations/guardian-line.js';
import { operations } from '../../src/operations/registry.js';
import { validateInput } from '../../src/operations/validation-errors.js';

const LINE = '+18015550101';
const base = { phoneNumber: LINE, subscriberId: 'TSUID-1', action: 'block', channels: 'calls' };
const check = (raw: Record<string, unknown>) => validateInput(operations.protect, { ...base, ...raw });

describe('protect: the numbers a Guardian form names', () => {
  it('takes several numbers as people type them, separated by spaces, commas or new lines', () => {
    const result = check({ callers: '+1 801 555 9999, (801) 555-9998\n801.555.9997 +18015559996' });
    expect(result.ok && result.value.callers).toEqual([
      '+18015559999',
      '+18015559998',
      '+18015559997',
      '+18015559996',
    ]);
  });

  it('drops a number typed twice', () => {
    const result = check({ callers: '+18015559999 (801) 555-9999' });
    expect(result.ok && result.value.callers).toEqual(['+18015559999']);
  });

  it('names what is not a number', () => {
    const result = check({ callers: '+18015559999, spammer' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.callers).toMatch(/"spammer" is not a phone number/);
  });

  it(`takes ${MAX_GUARDIAN_NUMBERS} numbers and refuses ${MAX_GUARDIAN_NUMBERS + 1}`, () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `+1801555${2000 + i}`).join(', ');
    const fifty = check({ callers: list(MAX_GUARDIAN_NUMBERS) });
    expect(fifty.ok && fifty.value.callers).toHaveLength(MAX_GUARDIAN_NUMBERS);
    const more = check({ callers: list(MAX_GUARDIAN_NUMBERS + 1) });
    expect(!more.ok && more.errors.callers).toMatch(/at most 50 numbers at once \(got 51\)/);
  });

  it("refuses the line's own number, however it is typed", () => {
    const result = check({ callers: '+18015559999\n(801) 555-0101' });
    expect(!result.ok && result.errors.callers).toMatch(/\(801\) 555-0101 is the line itself/);
  });

  it('refuses an empty list and a missing choice of calls or texts', () => {
    const empty = check({ callers: '  ' });
    expect(!empty.ok && empty.errors.callers).toMatch(/required/);
    const noChannels = check({ callers: '+18015559999', channels: undefined });
    expect(!noChannels.ok && noChannels.errors.channels).toMatch(/calls, texts or both/);
  });

  it('a text filter change needs a mode and no numbers', () => {
    const ok = validateInput(operations.protect, { ...base, action: 'text-mode', textMode: 'MONITOR_ONLY' });
    expect(ok.ok).toBe(true);
    const none = validateInput(operations.protect, { ...base, action: 'text-mode' });
    expect(!none.ok && none.errors.textMode).toMatch(/Active, Monitor only or Paused/);
  });

  it('only Allow… may change who else gets through', () => {
    const block = check({ callers: '+18015559999', everyoneElse: 'blocked' });
    expect(!block.ok && block.errors.everyoneElse).toMatch(/only Allow…/);
    const allow = check({ callers: '+18015559999', action: 'allow', everyoneElse: 'blocked' });
    if (!allow.ok) throw new Error('valid');
    expect(operations.protect.summary(allow.value)).toContain(
      'everyone else blocked: only numbers on the allowed list will ring',
    );
  });

  it('only Unblock… takes numbers off the allowed list', () => {
    const block = check({ callers: '+18015559999', lists: 'allowed' });
    expect(!block.ok && block.errors.lists).toMatch(/only Unblock…/);
    const unblock = check({ callers: '+18015559999', action: 'unblock', lists: 'both' });
    if (!unblock.ok) throw new Error('valid');
    expect(operations.protect.summary(unblock.value)).toContain('(off the blocked and allowed lists)');
  });

  it('says what it does in words, numbers formatted', () => {
    const result = check({ callers: '+18015559999', channels: 'both' });
    if (!result.ok) throw new Error('valid');
    expect(operations.protect.summary(result.value)).toBe(
      'Block (801) 555-9999 on (801) 555-0101 for calls and texts',
    );
    expect(operations.protect.needsApproval).toBe(false);
  });
});

describe('protect: which listed filter is the line’s', () => {
  it('compares Phone as E.164: a formatted "+1 801-555-0101" from Telegent is the line, another line is not', () => {
    const filters = [
      { FilterId: 'a', Phone: '+1 801-555-0101' },
      { FilterId: 'b', Phone: '(801) 555-0102' },
      { FilterId: 'c', Phone: undefined },
    ];
    expect(forLine(filters, LINE).map((f) => f.FilterId)).toEqual(['a', 'c']);
  });
});

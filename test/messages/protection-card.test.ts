import { describe, expect, it } from 'vitest';
import { noSubscriberBlocks, numberList, protectionCard } from '../../src/messages/protection-card.js';
import type { LineProtection } from '../../src/operations/guardian-line.js';
import type { CallFilter, MessageFilter } from '../../src/telegent/guardian-api.js';

const LINE = '+18015550101';
const call = (patch: Partial<CallFilter> = {}): CallFilter => ({
  FilterId: 'CFID-1',
  Phone: LINE,
  FilterMode: 'BLACKLIST',
  AllowedNumbers: [],
  BlockedNumbers: [],
  NotificationPhones: [],
  ...patch,
});
const text = (patch: Partial<MessageFilter> = {}): MessageFilter => ({
  FilterId: 'MFID-1',
  Phone: LINE,
  FilterMode: 'ACTIVE',
  AllowedContacts: [],
  BlockedContacts: [],
  NotificationPhones: [],
  ...patch,
});
const state = (patch: Partial<LineProtection> = {}): LineProtection => ({
  phoneNumber: LINE,
  subscriberId: 'TSUID-1',
  calls: true,
  texts: true,
  callFilter: call(),
  messageFilter: text(),
  duplicateCallFilters: 0,
  duplicateMessageFilters: 0,
  ...patch,
});
const shown = (s: LineProtection, withButtons = true) =>
  JSON.stringify(protectionCard({ state: s, subscriberName: 'Jane <Doe>', withButtons }));

describe('the protection card', () => {
  it('lists blocked and allowed numbers formatted, and says whose line it is (escaped)', () => {
    const text = shown(
      state({ callFilter: call({ BlockedNumbers: ['+18015559999'], AllowedNumbers: ['+12125550142'] }) }),
    );
    expect(text).toContain('Protection · (801) 555-0101');
    expect(text).toContain('Blocked: (801) 555-9999');
    expect(text).toContain('Allowed: (212) 555-0142');
    expect(text).toContain('Jane &lt;Doe&gt;');
    expect(text).toContain('the allowed list is informational for calls');
  });

  it('warns when only allowed numbers ring, when a switch is off, and when Telegent lists a duplicate', () => {
    const text = shown(
      state({ calls: false, callFilter: call({ FilterMode: 'WHITELIST' }), duplicateMessageFilters: 1 }),
    );
    expect(text).toContain('Only numbers on the allowed list ring');
    expect(text).toContain('Guardian for calls is off, so this filter does nothing yet');
    expect(text).toContain('Telegent lists 2 text filters for this line');
  });

  it('says what each text filter mode does, in words', () => {
    expect(shown(state({ messageFilter: text({ FilterMode: 'MONITOR_ONLY' }) }))).toContain(
      'Monitor only: nothing is dropped',
    );
    expect(shown(state({ messageFilter: text({ FilterMode: 'INACTIVE' }) }))).toContain('Paused');
    expect(shown(state({ messageFilter: null }))).toContain('No text filter yet');
  });

  it('has Block…, Unblock…, Allow…, Text filter… only where asked', () => {
    const buttons = (t: string) => [...t.matchAll(/"action_id":"(protect\.[a-z-]+)"/g)].map((m) => m[1]);
    expect(buttons(shown(state()))).toEqual([
      'protect.block',
      'protect.unblock',
      'protect.allow',
      'protect.text-mode',
    ]);
    expect(buttons(shown(state(), false))).toEqual([]);
  });

  it('shows at most 40 numbers of a list and counts the rest', () => {
    const many = Array.from({ length: 45 }, (_, i) => `+1801555${2000 + i}`);
    expect(numberList(many)).toMatch(/\(801\) 555-2039 and 5 more$/);
    expect(numberList([])).toBe('none');
  });

  it('a line with no subscriber: says so and how to bind one, no buttons', () => {
    const text = JSON.stringify(noSubscriberBlocks(LINE));
    expect(text).toContain('has no subscriber');
    expect(text).toContain(`/telegent number ${LINE}`);
    expect(text).not.toContain('action_id');
  });
});

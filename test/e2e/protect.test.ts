import type { ModalView } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/operations/glossary.js';
import { SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { CHANNEL, type E2E, REQUESTER, startE2E, textOf } from './harness.js';

/**
 * Issue 25's "Protection", as a new user would try it: `/telegent protect +1…` → Block… `+1 801 555 9999` for
 * calls → the line's call filter (a block list) blocks it, Guardian is on for the subscriber, no allow list
 * appears, and the card lists "(801) 555-9999". Checked in the sandbox's own Guardian state.
 */
const LINE = SEED_NUMBERS[0]!; // +18015550101, Bennet Hill's
const BENNET = SEED_SUBSCRIBER_IDS[0]!;
const NO_SUBSCRIBER_LINE = SEED_NUMBERS[12]!;
const SPAMMER = '+18015559999';
const SECOND = '+13855550199';

describe('protect a line (AI Guardian), end to end', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  const guardianWrites = () =>
    e2e.sandbox.mutations().filter((m) => /guardian-features|call-filter|message-filter/.test(m.path));
  const guardian = () => e2e.sandbox.guardian(BENNET);

  /** The first view opened, pushed or updated after call `from` that `predicate` accepts. */
  async function viewAfter(from: number, predicate: (view: ModalView) => boolean) {
    let found: { id: string; view: ModalView } | undefined;
    await expect
      .poll(
        () => {
          const call = e2e.fake.calls
            .slice(from)
            .find(
              (c) =>
                ['views.open', 'views.push', 'views.update'].includes(c.method) &&
                predicate(c.body.view as ModalView),
            );
          found = call
            ? { id: String(call.response.view?.id), view: call.body.view as ModalView }
            : undefined;
          return found;
        },
        { timeout: 5_000 },
      )
      .toBeDefined();
    return found!;
  }

  /** The modal `viewId` was updated to show `text` (a run reads Telegent several times: a loaded machine is slow). */
  const shows = (viewId: string, text: string) =>
    expect
      .poll(
        () =>
          e2e.fake
            .callsTo('views.update')
            .some((c) => c.body.view_id === viewId && textOf(c.body.view).includes(text)),
        { timeout: 5_000 },
      )
      .toBe(true);

  const isCard = (v: ModalView) => textOf(v).includes('protect.block');
  async function openCard(typed: string) {
    const from = e2e.fake.calls.length;
    await e2e.command(`protect ${typed}`);
    return viewAfter(
      from,
      (v) => isCard(v) || textOf(v).includes(':warning:') || textOf(v).includes('Protection ·'),
    );
  }

  /** Clicks one of the card's buttons and returns the form pushed over it. */
  async function openForm(card: { id: string; view: ModalView }, action: string) {
    const from = e2e.fake.calls.length;
    // The button as the card showed it (Text filter… carries the filter's mode now).
    const shownButton = (
      card.view.blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === `protect.${action}`);
    await e2e.slack.blockAction({
      actionId: `protect.${action}`,
      userId: REQUESTER,
      ...(shownButton?.value !== undefined ? { value: shownButton.value } : {}),
      view: { id: card.id, callback_id: card.view.callback_id, private_metadata: card.view.private_metadata },
    });
    const form = await viewAfter(from, (v) => v.callback_id === `telegent.protect.${action}`);
    expect(e2e.fake.calls.slice(from).some((c) => c.method === 'views.push')).toBe(true);
    return form;
  }

  it('shows whose line it is, both switches off and no filters yet', async () => {
    const card = await openCard('+1 801 555 0101');
    const text = textOf(card.view);
    expect(text).toContain(`Protection · ${formatPhone(LINE)}`);
    expect(text).toContain('Belongs to *Bennet Hill*');
    expect(text).toContain('Guardian for calls');
    expect(text).toMatch(/white_circle: off/);
    expect(text).toContain('No call filter yet');
    expect(text).toContain('No text filter yet');
    for (const action of ['block', 'unblock', 'allow', 'text-mode'])
      expect(text).toContain(`"action_id":"protect.${action}"`);
  });

  it('Block… for calls: Guardian on for calls, one block-list call filter with the number, the card lists it', async () => {
    const card = await openCard('(801) 555-0101');
    const form = await openForm(card, 'block');
    const before = e2e.fake.calls.length;
    const response = await e2e.submit(form, { callers: '+1 801 555 9999', channels: 'calls' });
    expect(response.body?.response_action).toBe('update');
    await shows(form.id, formatPhone(SPAMMER));

    const state = guardian();
    expect(state.EnableIntelligentGuardianCalls).toBe(true);
    // Texts were not asked for: their switch is kept as it was.
    expect(state.EnableIntelligentGuardianMessages).toBe(false);
    expect(state.CallFilters).toHaveLength(1);
    expect(state.CallFilters[0]).toMatchObject({
      Phone: LINE,
      FilterMode: 'BLACKLIST',
      BlockedNumbers: [SPAMMER],
      BlockUnknownNumbers: false,
      ApplyToInbound: true,
    });
    expect(state.CallFilters.filter((f) => f.FilterMode === 'WHITELIST')).toEqual([]);
    expect(state.MessageFilters).toEqual([]);

    // The card it was pushed from is drawn again from Telegent: the number formatted, Guardian on.
    await shows(card.id, formatPhone(SPAMMER));
    const redrawn = e2e.fake.calls
      .slice(before)
      .findLast((c) => c.method === 'views.update' && c.body.view_id === card.id)!;
    expect(textOf(redrawn.body.view)).toMatch(/Guardian for calls\*\\n:large_green_circle: on/);
    // Audited like every request: in the line's history, not in the blocked caller's.
    const requests = await e2e.store.db.query("SELECT status FROM requests WHERE kind = 'protect'");
    expect(requests.rows).toEqual([{ status: 'succeeded' }]);
    expect(textOf(await e2e.store.history.list('number', LINE, { limit: 10 }))).toContain('protect');
    expect(await e2e.store.history.list('number', SPAMMER, { limit: 10 })).toEqual([]);
  });

  it('blocking a second number adds to the same filter: still one call filter, the mode kept', async () => {
    const card = await openCard(LINE);
    const form = await openForm(card, 'block');
    await e2e.submit(form, { callers: `${SECOND}, ${SPAMMER}`, channels: 'calls' });
    await shows(form.id, formatPhone(SECOND));
    const state = guardian();
    expect(state.CallFilters).toHaveLength(1);
    expect(state.CallFilters[0]!.FilterMode).toBe('BLACKLIST');
    expect([...state.CallFilters[0]!.BlockedNumbers].sort()).toEqual([SPAMMER, SECOND].sort());
    // The one already blocked was not sent again; no filter was created a second time.
    const creates = guardianWrites().filter((m) => m.path.endsWith('/call-filter'));
    expect(creates).toHaveLength(1);
  });

  it('Block… for texts: an Active text filter blocking the number, Guardian on for texts, calls kept on', async () => {
    const card = await openCard(LINE);
    const form = await openForm(card, 'block');
    await e2e.submit(form, { callers: SPAMMER, channels: 'texts' });
    await shows(form.id, 'Texts');
    await expect.poll(() => guardian().MessageFilters.length).toBe(1);
    const state = guardian();
    expect(state.MessageFilters[0]).toMatchObject({
      Phone: LINE,
      FilterMode: 'ACTIVE',
      BlockedContacts: [SPAMMER],
      BlockUnknownNumbers: false,
    });
    expect(state.EnableIntelligentGuardianMessages).toBe(true);
    expect(state.EnableIntelligentGuardianCalls).toBe(true);
    expect(state.CallFilters).toHaveLength(1);
  });

  it.each([
    ['not a number', 'spam', /"spam" is not a phone number/],
    ['the line itself', '+1 (801) 555-0101', /is the line itself/],
    [
      'more than 50',
      Array.from({ length: 51 }, (_, i) => `+1801555${2000 + i}`).join('\n'),
      /at most 50 numbers at once/i,
    ],
    ['nothing', '', /required/i],
  ])(
    'bad input (%s): an error under the numbers, nothing sent to Telegent',
    async (_name, typed, message) => {
      const card = await openCard(LINE);
      const form = await openForm(card, 'block');
      const writes = guardianWrites().length;
      const response = await e2e.submit(form, { callers: typed, channels: 'both' });
      expect(response.body?.response_action).toBe('errors');
      expect(response.body?.errors?.callers).toMatch(message);
      expect(guardianWrites()).toHaveLength(writes);
    },
  );

  it('Allow… says the allowed list is informational for calls; Unblock… takes the number off', async () => {
    const card = await openCard(LINE);
    const allowForm = await openForm(card, 'allow');
    expect(textOf(allowForm.view)).toContain('the allowed list is informational');
    await e2e.submit(allowForm, { callers: '(212) 555-0142', channels: 'calls' });
    await shows(allowForm.id, '(212) 555-0142');
    expect(guardian().CallFilters[0]).toMatchObject({
      FilterMode: 'BLACKLIST',
      AllowedNumbers: ['+12125550142'],
    });

    const unblockForm = await openForm(card, 'unblock');
    await e2e.submit(unblockForm, { callers: SPAMMER, channels: 'both' });
    await shows(unblockForm.id, 'no longer blocked');
    const state = guardian();
    expect(state.CallFilters[0]!.BlockedNumbers).toEqual([SECOND]);
    expect(state.MessageFilters[0]!.BlockedContacts).toEqual([]);
    expect(state.CallFilters).toHaveLength(1);
    expect(state.MessageFilters).toHaveLength(1);

    // The allowed list too, when Unblock… is told to.
    const offAllowed = await openForm(card, 'unblock');
    await e2e.submit(offAllowed, { callers: '(212) 555-0142', channels: 'calls', lists: 'allowed' });
    await shows(offAllowed.id, 'off the allowed list for calls');
    expect(guardian().CallFilters[0]!.AllowedNumbers).toEqual([]);
    expect(guardian().CallFilters[0]!.BlockedNumbers).toEqual([SECOND]);

    // Put back for what follows.
    const again = await openForm(card, 'allow');
    await e2e.submit(again, { callers: '(212) 555-0142', channels: 'calls' });
    await shows(again.id, 'on the allowed list for calls');
  });

  it('Text filter… sets the mode and keeps the filter’s lists', async () => {
    const card = await openCard(LINE);
    const form = await openForm(card, 'text-mode');
    expect(textOf(form.view)).toContain('Monitor only');
    // It opens on the mode the filter has now (Active, from Block… for texts).
    const radio = (
      form.view.blocks as Array<{ block_id?: string; element?: { initial_option?: { value?: string } } }>
    ).find((b) => b.block_id === 'textMode');
    expect(radio?.element?.initial_option?.value).toBe('ACTIVE');
    await e2e.submit(form, { textMode: 'MONITOR_ONLY' });
    await shows(form.id, 'Monitor only');
    const filter = guardian().MessageFilters[0]!;
    expect(filter.FilterMode).toBe('MONITOR_ONLY');
    expect(filter.ApplyToInbound).toBe(true);
    expect(guardian().MessageFilters).toHaveLength(1);
  });

  it('an unknown outcome is read back: the number is blocked, so it is settled and never added twice', async () => {
    const third = '+15125550177';
    const card = await openCard(LINE);
    const form = await openForm(card, 'block');
    const adds = () => guardianWrites().filter((m) => m.path.endsWith('/call-filter/blocked-numbers/add'));
    const addsBefore = adds().length;
    // Telegent adds the number, then answers 504: the app cannot know it worked until it reads back.
    e2e.sandbox.injectFault({
      endpoint: '/v1.0/subscribers/call-filter/blocked-numbers/add',
      kind: '504',
      count: 1,
      applyMutation: true,
    });
    await e2e.submit(form, { callers: third, channels: 'calls' });
    await shows(form.id, formatPhone(third));
    const rows = await e2e.store.db.query(
      "SELECT status, result FROM requests WHERE kind = 'protect' ORDER BY created_at DESC LIMIT 1",
    );
    expect(rows.rows[0]!.status).toBe('succeeded');
    expect(textOf(rows.rows[0]!.result)).toContain('the change went through');
    expect(adds()).toHaveLength(addsBefore + 1);
    expect(guardian().CallFilters[0]!.BlockedNumbers).toContain(third);
    expect(guardian().CallFilters).toHaveLength(1);
  });

  it('Allow… with everyone else blocked: an allow list, behind the warning; back to a block list the same way', async () => {
    const card = await openCard(LINE);
    const form = await openForm(card, 'allow');
    expect(textOf(form.view)).toContain('only numbers on the allowed list will ring');
    const before = guardian().CallFilters[0]!;
    await e2e.submit(form, { callers: '(206) 555-0150', channels: 'calls', everyoneElse: 'blocked' });
    await shows(form.id, 'only numbers on the allowed list ring now');
    const whitelisted = guardian().CallFilters;
    expect(whitelisted).toHaveLength(1);
    // The update replaced the whole filter: what it held is kept, only the mode changed.
    expect(whitelisted[0]).toMatchObject({
      FilterId: before.FilterId,
      FilterMode: 'WHITELIST',
      BlockedNumbers: before.BlockedNumbers,
      AllowedNumbers: [...before.AllowedNumbers, '+12065550150'],
      ApplyToInbound: true,
    });
    await shows(card.id, 'Only numbers on the allowed list ring');

    const back = await openForm(card, 'allow');
    await e2e.submit(back, { callers: '(206) 555-0150', channels: 'calls', everyoneElse: 'through' });
    await shows(back.id, 'everyone not blocked rings again');
    expect(guardian().CallFilters[0]).toMatchObject({
      FilterMode: 'BLACKLIST',
      BlockedNumbers: before.BlockedNumbers,
    });
  });

  it('a call filter already an allow list (made elsewhere) stays one when a number is blocked', async () => {
    const line = SEED_NUMBERS[1]!;
    const ana = SEED_SUBSCRIBER_IDS[1]!;
    await e2e.telegent.guardian.createCallFilter({
      SubscriberId: ana,
      Phone: line,
      FilterMode: 'WHITELIST',
      AllowedNumbers: ['+12125550100'],
      ApplyToInbound: true,
      ApplyToOutbound: false,
    });
    const card = await openCard(line);
    expect(textOf(card.view)).toContain('Only numbers on the allowed list ring');
    const form = await openForm(card, 'block');
    await e2e.submit(form, { callers: SPAMMER, channels: 'calls' });
    await shows(form.id, formatPhone(SPAMMER));
    const filters = e2e.sandbox.guardian(ana).CallFilters;
    expect(filters).toHaveLength(1);
    expect(filters[0]).toMatchObject({
      FilterMode: 'WHITELIST',
      AllowedNumbers: ['+12125550100'],
      BlockedNumbers: [SPAMMER],
    });
  });

  it('keyword rules are read with the keywords op and kept by every update: Allow… everyone else, Text filter…', async () => {
    const line = SEED_NUMBERS[2]!;
    const chris = SEED_SUBSCRIBER_IDS[2]!;
    const keywords = '{"CustomKeywords":["scam"]}';
    // Telegent's known duplicate (KB): two call filters for one line; the first transcribes with keyword rules.
    e2e.sandbox.seedCallFilter({
      SubscriberId: chris,
      Phone: line,
      FilterMode: 'BLACKLIST',
      EnableTranscription: true,
      KeywordFilter: keywords,
    });
    e2e.sandbox.seedCallFilter({ SubscriberId: chris, Phone: line, FilterMode: 'BLACKLIST' });
    e2e.sandbox.seedMessageFilter({
      SubscriberId: chris,
      Phone: line,
      FilterMode: 'ACTIVE',
      KeywordFilter: keywords,
      BlockedContacts: ['+12125550111'],
      ApplyToInbound: true,
    });
    const card = await openCard(line);
    expect(textOf(card.view)).toContain('Telegent lists 2 call filters for this line');

    const allowForm = await openForm(card, 'allow');
    await e2e.submit(allowForm, { callers: '+12125550112', channels: 'both', everyoneElse: 'blocked' });
    await shows(allowForm.id, 'only numbers on the allowed list ring now');
    const calls = e2e.sandbox.guardian(chris).CallFilters.filter((f) => f.Phone === line);
    expect(calls[0]).toMatchObject({ FilterMode: 'WHITELIST', EnableTranscription: true });
    expect(JSON.parse(calls[0]!.KeywordFilter!)).toMatchObject({ CustomKeywords: ['scam'] });
    const texts = e2e.sandbox.guardian(chris).MessageFilters;
    expect(texts[0]).toMatchObject({ BlockUnknownNumbers: true });
    expect(JSON.parse(texts[0]!.KeywordFilter!)).toMatchObject({ CustomKeywords: ['scam'] });

    const textForm = await openForm(card, 'text-mode');
    await e2e.submit(textForm, { textMode: 'MONITOR_ONLY' });
    await shows(textForm.id, 'Text filter set to Monitor only');
    expect(e2e.sandbox.guardian(chris).MessageFilters).toEqual([
      expect.objectContaining({
        FilterMode: 'MONITOR_ONLY',
        BlockedContacts: ['+12125550111'],
        ApplyToInbound: true,
      }),
    ]);
    const after = e2e.sandbox.guardian(chris).MessageFilters[0]!;
    expect(JSON.parse(after.KeywordFilter!)).toMatchObject({ CustomKeywords: ['scam'] });
  });

  it('two Block… at once on one line: the second is refused while the first is open, one filter made', async () => {
    const line = SEED_NUMBERS[4]!;
    const owner = e2e.sandbox.getNumber(line)!.AssignedSubscriberId!;
    const card = await openCard(line);
    const first = await openForm(card, 'block');
    const second = await openForm(card, 'block');
    await Promise.all([
      e2e.submit(first, { callers: '+14155550181', channels: 'calls' }),
      e2e.submit(second, { callers: '+14155550182', channels: 'calls' }),
    ]);
    await shows(first.id, '(415) 555-0181');
    await shows(second.id, 'already has a protection change on its way');
    const filters = e2e.sandbox.guardian(owner).CallFilters.filter((f) => f.Phone === line);
    expect(filters).toHaveLength(1);
    expect(filters[0]!.BlockedNumbers).toEqual(['+14155550181']);
    const creates = guardianWrites().filter(
      (m) => m.path.endsWith('/call-filter') && (m.body as { Phone?: string } | null)?.Phone === line,
    );
    expect(creates).toHaveLength(1);
  });

  it('a line with no subscriber says so and what to do, with nothing to press', async () => {
    const card = await openCard(NO_SUBSCRIBER_LINE);
    const text = textOf(card.view);
    expect(text).toContain('has no subscriber');
    expect(text).toContain('Update…');
    expect(text).not.toContain('protect.block');
  });

  it('Protect… is on each line of the customer card', async () => {
    const before = e2e.responses().length;
    await e2e.command('customer bennet@example.com');
    await expect.poll(() => e2e.responses().length).toBe(before + 1);
    const card = textOf(e2e.responses()[before]!.body);
    expect(card).toContain(`Protect ${formatPhone(LINE)}…`);
    expect(card).toMatch(new RegExp(`"action_id":"protect\\.open#\\d+","value":"\\${LINE}"`));
  });

  it('Protect… is on the number card and opens the same card', async () => {
    const before = e2e.responses().length;
    await e2e.command(`number ${LINE}`);
    await expect.poll(() => e2e.responses().length).toBe(before + 1);
    expect(textOf(e2e.responses()[before]!.body)).toContain('"action_id":"protect.open"');
    const from = e2e.fake.calls.length;
    await e2e.slack.blockAction({
      actionId: 'protect.open',
      value: LINE,
      userId: REQUESTER,
      channelId: CHANNEL,
      messageTs: '1.5',
    });
    const card = await viewAfter(from, isCard);
    expect(textOf(card.view)).toContain(formatPhone(SECOND));
  });
});

describe('protect when APPROVAL_REQUIRED_FOR names it', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ approvals: { requiredFor: ['protect'] } });
  });
  afterAll(() => e2e.close());

  it('Block… waits for a second person; nothing is sent to Telegent until then', async () => {
    await e2e.command(`protect ${LINE}`);
    const card = await e2e.latestView((v) => textOf(v).includes('protect.block'));
    await e2e.slack.blockAction({
      actionId: 'protect.block',
      userId: REQUESTER,
      view: { id: card.id, callback_id: card.view.callback_id, private_metadata: card.view.private_metadata },
    });
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.protect.block');
    await e2e.submit(form, { callers: SPAMMER, channels: 'calls' });
    await e2e.viewShows(form.id, 'Sent for approval');
    const writes = e2e.sandbox
      .mutations()
      .filter((m) => /guardian-features|call-filter|message-filter/.test(m.path));
    expect(writes).toEqual([]);
    const rows = await e2e.store.db.query("SELECT status FROM requests WHERE kind = 'protect'");
    expect(rows.rows).toEqual([{ status: 'pending_approval' }]);
  });

  it('a second Block… on the line while the first waits is refused with a sentence; nothing is sent', async () => {
    await e2e.command(`protect ${LINE}`);
    const card = await e2e.latestView((v) => textOf(v).includes('protect.block'));
    const from = e2e.fake.calls.length;
    await e2e.slack.blockAction({
      actionId: 'protect.block',
      userId: REQUESTER,
      view: { id: card.id, callback_id: card.view.callback_id, private_metadata: card.view.private_metadata },
    });
    await expect
      .poll(() => e2e.fake.calls.slice(from).some((c) => c.method === 'views.push'), { timeout: 5_000 })
      .toBe(true);
    const form = await e2e.latestView((v) => v.callback_id === 'telegent.protect.block');
    await e2e.submit(form, { callers: SECOND, channels: 'calls' });
    await e2e.viewShows(form.id, 'already has a protection change on its way');
    const writes = e2e.sandbox
      .mutations()
      .filter((m) => /guardian-features|call-filter|message-filter/.test(m.path));
    expect(writes).toEqual([]);
    const rows = await e2e.store.db.query("SELECT status FROM requests WHERE kind = 'protect'");
    expect(rows.rows).toEqual([{ status: 'pending_approval' }]);
  });
});

import { z } from 'zod';
import { TELEGENT_ENDPOINTS } from '../telegent/endpoints.js';
import { isTelegentError, TelegentError } from '../telegent/errors.js';
import type { CallFilter, MessageFilter, MessageFilterMode } from '../telegent/guardian-api.js';
import { MESSAGE_FILTER_MODES } from '../telegent/guardian-api.js';
import { guardianNumbersSchema } from './fields/guardian-numbers.js';
import { phoneNumberSchema } from './fields/phone-number.js';
import { optionalField } from './fields/result.js';
import { formatPhone } from './glossary.js';
import { type LineProtection, readLineProtection } from './guardian-line.js';
import { channelWords, TEXT_MODE_WORDS } from './guardian-words.js';
import { defineOperation, type OpContext, type Reconciliation } from './operation.js';
import { listNumbers, plural } from './summary-format.js';

/**
 * AI Guardian on one line (`/telegent protect`, Protect… on the cards): block, unblock or allow numbers for calls,
 * texts or both, or set the text filter's mode. One call filter and one message filter per (subscriber, line):
 * found and added to, created only when none exists, never re-created. Blocking never switches a line to an
 * allow list or "block unknown numbers": those would silence every caller not listed.
 */
export const PROTECT_ACTIONS = ['block', 'unblock', 'allow', 'text-mode'] as const;
export type ProtectAction = (typeof PROTECT_ACTIONS)[number];
export const PROTECT_CHANNELS = ['calls', 'texts', 'both'] as const;
export type ProtectChannels = (typeof PROTECT_CHANNELS)[number];
/**
 * Allow…'s explicit choice for everyone NOT on the allowed list: kept as it is (the default), blocked (calls: the
 * call filter becomes an allow list; texts: unknown senders are blocked), or let through again (a block list).
 */
export const EVERYONE_ELSE = ['keep', 'blocked', 'through'] as const;
export type EveryoneElse = (typeof EVERYONE_ELSE)[number];
/** Unblock…: which lists the numbers come off (the blocked list unless the form says otherwise). */
export const UNBLOCK_LISTS = ['blocked', 'allowed', 'both'] as const;
export type UnblockLists = (typeof UNBLOCK_LISTS)[number];
/** The warning the choice is made behind. */
export const ONLY_ALLOWED_WARNING = 'only numbers on the allowed list will ring (or text)';

export interface ProtectInput {
  /** The line (E.164). */
  phoneNumber: string;
  /** Who the line belongs to, as the protection card read it: Guardian is set per subscriber. */
  subscriberId: string;
  action: ProtectAction;
  /**
   * Block / unblock / allow: the callers and texters (E.164, at most 50). Not `numbers`, which names the lines a
   * request changes (history and the customer card look requests up by it): these are other people's numbers.
   */
  callers?: string[] | undefined;
  channels?: ProtectChannels | undefined;
  /** Text filter…: the mode to set. */
  textMode?: MessageFilterMode | undefined;
  /** Allow…: what happens to everyone not on the allowed list (absent: kept as it is). */
  everyoneElse?: EveryoneElse | undefined;
  /** Unblock…: the lists the numbers come off (absent: the blocked list). */
  lists?: UnblockLists | undefined;
}

/** What was done, step by step, and the line's Guardian as read back afterwards (undefined: unreadable). */
export interface ProtectResult {
  steps: string[];
  after?: LineProtection | undefined;
}

const ACTION_WORDS: Record<ProtectAction, string> = {
  block: 'Block',
  unblock: 'Unblock',
  allow: 'Allow',
  'text-mode': 'Text filter',
};

function protectSchema(): z.ZodType<ProtectInput> {
  return z
    .object({
      phoneNumber: phoneNumberSchema,
      subscriberId: z.string().trim().min(1).max(80),
      action: z.enum(PROTECT_ACTIONS),
      callers: optionalField(guardianNumbersSchema),
      channels: optionalField(z.enum(PROTECT_CHANNELS)),
      textMode: optionalField(z.enum(MESSAGE_FILTER_MODES)),
      everyoneElse: optionalField(z.enum(EVERYONE_ELSE)),
      lists: optionalField(z.enum(UNBLOCK_LISTS)),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (v.action === 'text-mode') {
        if (!v.textMode) issue('textMode', 'required; choose Active, Monitor only or Paused');
        return;
      }
      if (!v.callers) issue('callers', 'required; enter one or more numbers, e.g. +18015559999');
      if (!v.channels) issue('channels', 'required; choose calls, texts or both');
      if (v.action !== 'allow' && v.everyoneElse !== undefined && v.everyoneElse !== 'keep')
        issue('everyoneElse', 'only Allow… changes who else gets through');
      if (v.action !== 'unblock' && v.lists !== undefined && v.lists !== 'blocked')
        issue('lists', 'only Unblock… takes numbers off the allowed list');
      if (v.callers?.includes(v.phoneNumber))
        issue(
          'callers',
          `${formatPhone(v.phoneNumber)} is the line itself: a line cannot block or allow its own number`,
        );
    });
}

const wants = (input: ProtectInput) => ({
  calls: input.channels === 'calls' || input.channels === 'both',
  texts: input.channels === 'texts' || input.channels === 'both',
});

/** Switches Guardian on where this change needs it, keeping the other switch as it is (both are always sent). */
async function switchOn(ctx: OpContext, before: LineProtection, need: { calls: boolean; texts: boolean }) {
  const calls = before.calls || need.calls;
  const texts = before.texts || need.texts;
  if (calls === before.calls && texts === before.texts) return [];
  await ctx.telegent.guardian.setFeatures(
    {
      SubscriberId: before.subscriberId,
      EnableIntelligentGuardianCalls: calls,
      EnableIntelligentGuardianMessages: texts,
    },
    ctx.callOptions,
  );
  const turned = [calls && !before.calls ? 'calls' : '', texts && !before.texts ? 'texts' : ''].filter(
    Boolean,
  );
  return [`Guardian turned on for ${turned.join(' and ')}`];
}

const isConflict = (error: unknown) => isTelegentError(error) && error.status === 409;

/**
 * The line's call filter, created (block list, inbound) only when none exists. A 409 means one exists after all
 * (made since we looked): it is read and used, never made twice.
 */
async function callFilterOf(
  ctx: OpContext,
  before: LineProtection,
  create: { BlockedNumbers?: string[]; AllowedNumbers?: string[] },
): Promise<{ filter: CallFilter; created: boolean }> {
  if (before.callFilter) return { filter: before.callFilter, created: false };
  try {
    const filter = await ctx.telegent.guardian.createCallFilter(
      {
        SubscriberId: before.subscriberId,
        Phone: before.phoneNumber,
        FilterMode: 'BLACKLIST',
        ...create,
        // Sent explicitly: an omitted direction may default to a filter that applies to nothing (§6.10).
        ApplyToInbound: true,
        ApplyToOutbound: false,
        BlockUnknownNumbers: false,
      },
      ctx.callOptions,
    );
    return { filter, created: true };
  } catch (error) {
    if (!isConflict(error)) throw error;
    const again = await readLineProtection(ctx, before.phoneNumber, before.subscriberId);
    if (!again.callFilter) throw error;
    return { filter: again.callFilter, created: false };
  }
}

/** The line's message filter, created (Active, inbound) only when none exists; as for calls on a 409. */
async function messageFilterOf(
  ctx: OpContext,
  before: LineProtection,
  create: { BlockedContacts?: string[]; AllowedContacts?: string[]; FilterMode?: MessageFilterMode },
): Promise<{ filter: MessageFilter; created: boolean }> {
  if (before.messageFilter) return { filter: before.messageFilter, created: false };
  try {
    const filter = await ctx.telegent.guardian.createMessageFilter(
      {
        SubscriberId: before.subscriberId,
        Phone: before.phoneNumber,
        FilterMode: 'ACTIVE',
        ...create,
        ApplyToInbound: true,
        ApplyToOutbound: false,
        BlockUnknownNumbers: false,
      },
      ctx.callOptions,
    );
    return { filter, created: true };
  } catch (error) {
    if (!isConflict(error)) throw error;
    const again = await readLineProtection(ctx, before.phoneNumber, before.subscriberId);
    if (!again.messageFilter) throw error;
    return { filter: again.messageFilter, created: false };
  }
}

const missingFrom = (numbers: readonly string[], list: readonly string[]) =>
  numbers.filter((n) => !list.includes(n));
const presentIn = (numbers: readonly string[], list: readonly string[]) =>
  numbers.filter((n) => list.includes(n));

async function block(ctx: OpContext, input: ProtectInput, before: LineProtection): Promise<string[]> {
  const numbers = input.callers ?? [];
  const want = wants(input);
  const steps = await switchOn(ctx, before, want);
  if (want.calls) {
    const { filter, created } = await callFilterOf(ctx, before, { BlockedNumbers: numbers });
    const fresh = created ? [] : missingFrom(numbers, filter.BlockedNumbers);
    // Added to the list (a sub-resource op: the rest of the filter is left as it is, its mode included).
    if (fresh.length > 0)
      await ctx.telegent.guardian.addBlockedNumbers(
        { subscriberId: before.subscriberId, filterId: filter.FilterId },
        fresh,
        ctx.callOptions,
      );
    steps.push(
      created
        ? `Call filter created, blocking ${listNumbers(numbers)}`
        : fresh.length > 0
          ? `Calls from ${listNumbers(fresh)} blocked`
          : `Calls from ${listNumbers(numbers)} were already blocked`,
    );
  }
  if (want.texts) {
    const { filter, created } = await messageFilterOf(ctx, before, { BlockedContacts: numbers });
    const fresh = created ? [] : missingFrom(numbers, filter.BlockedContacts);
    if (fresh.length > 0)
      await ctx.telegent.guardian.addBlockedContacts(
        { subscriberId: before.subscriberId, filterId: filter.FilterId },
        fresh,
        ctx.callOptions,
      );
    steps.push(
      created
        ? `Text filter created, blocking ${listNumbers(numbers)}`
        : fresh.length > 0
          ? `Texts from ${listNumbers(fresh)} blocked`
          : `Texts from ${listNumbers(numbers)} were already blocked`,
    );
  }
  return steps;
}

async function unblock(ctx: OpContext, input: ProtectInput, before: LineProtection): Promise<string[]> {
  const numbers = input.callers ?? [];
  const want = wants(input);
  const from = offLists(input);
  const steps: string[] = [];
  const g = ctx.telegent.guardian;
  const call = before.callFilter;
  const text = before.messageFilter;
  // Each list: the numbers on it come off (a sub-resource op: the rest of the filter stays as it is).
  const lists = [
    {
      on: want.calls && from.blocked,
      filter: call,
      listed: call?.BlockedNumbers,
      remove: g.removeBlockedNumbers,
      done: (n: string) => `Calls from ${n} no longer blocked`,
      none: `Calls from ${listNumbers(numbers)} were not blocked`,
    },
    {
      on: want.calls && from.allowed,
      filter: call,
      listed: call?.AllowedNumbers,
      remove: g.removeAllowedNumbers,
      done: (n: string) => `${n} off the allowed list for calls`,
      none: `${listNumbers(numbers)} were not on the allowed list for calls`,
    },
    {
      on: want.texts && from.blocked,
      filter: text,
      listed: text?.BlockedContacts,
      remove: g.removeBlockedContacts,
      done: (n: string) => `Texts from ${n} no longer blocked`,
      none: `Texts from ${listNumbers(numbers)} were not blocked`,
    },
    {
      on: want.texts && from.allowed,
      filter: text,
      listed: text?.AllowedContacts,
      remove: g.removeAllowedContacts,
      done: (n: string) => `${n} off the allowed list for texts`,
      none: `${listNumbers(numbers)} were not on the allowed list for texts`,
    },
  ];
  for (const list of lists) {
    if (!list.on) continue;
    const listed = presentIn(numbers, list.listed ?? []);
    if (!list.filter || listed.length === 0) {
      steps.push(list.none);
      continue;
    }
    await list.remove(
      { subscriberId: before.subscriberId, filterId: list.filter.FilterId },
      listed,
      ctx.callOptions,
    );
    steps.push(list.done(listNumbers(listed)));
  }
  return steps;
}

/** Which lists Unblock… takes the numbers off. */
function offLists(input: ProtectInput) {
  const lists = input.lists ?? 'blocked';
  return { blocked: lists !== 'allowed', allowed: lists !== 'blocked' };
}

/** Adds to the allowed lists; the switches are left as they are (allowing silences no one). */
async function allow(ctx: OpContext, input: ProtectInput, before: LineProtection): Promise<string[]> {
  const numbers = input.callers ?? [];
  const want = wants(input);
  const steps: string[] = [];
  refuseToEraseKeywords(input, before);
  if (want.calls) {
    const { filter, created } = await callFilterOf(ctx, before, { AllowedNumbers: numbers });
    const fresh = created ? [] : missingFrom(numbers, filter.AllowedNumbers);
    if (fresh.length > 0)
      await ctx.telegent.guardian.addAllowedNumbers(
        { subscriberId: before.subscriberId, filterId: filter.FilterId },
        fresh,
        ctx.callOptions,
      );
    steps.push(
      fresh.length > 0 || created
        ? `${listNumbers(numbers)} on the allowed list for calls`
        : `${listNumbers(numbers)} were already allowed for calls`,
    );
  }
  if (want.texts) {
    const { filter, created } = await messageFilterOf(ctx, before, { AllowedContacts: numbers });
    const fresh = created ? [] : missingFrom(numbers, filter.AllowedContacts);
    if (fresh.length > 0)
      await ctx.telegent.guardian.addAllowedContacts(
        { subscriberId: before.subscriberId, filterId: filter.FilterId },
        fresh,
        ctx.callOptions,
      );
    steps.push(
      fresh.length > 0 || created
        ? `${listNumbers(numbers)} on the allowed list for texts`
        : `${listNumbers(numbers)} were already allowed for texts`,
    );
  }
  const choice = input.everyoneElse ?? 'keep';
  if (choice === 'keep') return steps;
  // Everyone else blocked only takes effect with Guardian on for what it applies to.
  if (choice === 'blocked') steps.push(...(await switchOn(ctx, before, want)));
  const now = await readLineProtection(ctx, before.phoneNumber, before.subscriberId);
  return [...steps, ...(await setEveryoneElse(ctx, now, want, choice === 'blocked'))];
}

/**
 * Changing a call filter's mode is an update, which replaces the whole filter (§3.3), and a listed call filter
 * comes without its keyword rules (§3.4): a filter that transcribes calls (keywords only act then, §3.5) would
 * lose them. Refused before anything is sent, with what to do.
 */
function refuseToEraseKeywords(input: ProtectInput, before: LineProtection): void {
  const call = before.callFilter;
  const choice = input.everyoneElse ?? 'keep';
  if (choice === 'keep' || !wants(input).calls || !call) return;
  if (call.EnableTranscription !== true || call.KeywordFilter !== undefined) return;
  throw new TelegentError({
    kind: 'invalid-request',
    endpoint: TELEGENT_ENDPOINTS.callFilterUpdate.path,
    hint: "This line's call filter transcribes calls with keyword rules Telegent does not list, and changing who else rings would erase them: change it in the Telegent portal, or allow the numbers with everyone else kept as it is",
  });
}

const orUndefined = <T>(value: T | null | undefined) => (value === null ? undefined : value);
const TRANSCRIPTION_ACTIONS = ['WARNING', 'TERMINATE', 'NOTIFY'] as const;

/**
 * Allow…'s explicit "everyone else" choice. An update REPLACES the filter's configuration (§3.3, §6.10): the
 * filter as just read is sent whole, with only the mode (calls) or "block unknown numbers" (texts) changed.
 */
async function setEveryoneElse(
  ctx: OpContext,
  state: LineProtection,
  want: { calls: boolean; texts: boolean },
  onlyAllowed: boolean,
): Promise<string[]> {
  const steps: string[] = [];
  const call = state.callFilter;
  const mode = onlyAllowed ? 'WHITELIST' : 'BLACKLIST';
  if (want.calls && call && (call.FilterMode ?? '').toUpperCase() !== mode) {
    const action = (TRANSCRIPTION_ACTIONS as readonly string[]).includes(call.TranscriptionAction ?? '')
      ? (call.TranscriptionAction as (typeof TRANSCRIPTION_ACTIONS)[number])
      : undefined;
    await ctx.telegent.guardian.updateCallFilter(
      {
        FilterId: call.FilterId,
        FilterMode: mode,
        AllowedNumbers: call.AllowedNumbers,
        BlockedNumbers: call.BlockedNumbers,
        EnableTranscription: orUndefined(call.EnableTranscription),
        // Sent back as read (update replaces): a list answer without it cannot keep it (§3.4).
        KeywordFilter: call.KeywordFilter,
        TranscriptionAction: action,
        WarningMessage: orUndefined(call.WarningMessage),
        NotificationPhones: call.NotificationPhones,
        ApplyToInbound: orUndefined(call.ApplyToInbound),
        ApplyToOutbound: orUndefined(call.ApplyToOutbound),
        BlockUnknownNumbers: orUndefined(call.BlockUnknownNumbers),
        BlockInternational: orUndefined(call.BlockInternational),
        RecordFlaggedCalls: orUndefined(call.RecordFlaggedCalls),
      },
      ctx.callOptions,
    );
    steps.push(
      onlyAllowed
        ? 'Calls: only numbers on the allowed list ring now'
        : 'Calls: everyone not blocked rings again (block list)',
    );
  }
  const text = state.messageFilter;
  if (want.texts && text && Boolean(text.BlockUnknownNumbers) !== onlyAllowed) {
    await ctx.telegent.guardian.updateMessageFilter(
      { ...messageFilterAsIs(text), BlockUnknownNumbers: onlyAllowed },
      ctx.callOptions,
    );
    steps.push(
      onlyAllowed
        ? 'Texts: senders not on the allowed list are blocked now'
        : 'Texts: senders not on the allowed list get through again',
    );
  }
  return steps;
}

/** A message filter as read, as an update must send it (the whole configuration). */
function messageFilterAsIs(current: MessageFilter) {
  const mode = (current.FilterMode ?? '').toUpperCase() as MessageFilterMode;
  return {
    FilterId: current.FilterId,
    FilterMode: MESSAGE_FILTER_MODES.includes(mode) ? mode : undefined,
    AllowedContacts: current.AllowedContacts,
    BlockedContacts: current.BlockedContacts,
    KeywordFilter: current.KeywordFilter,
    NotificationPhones: current.NotificationPhones,
    ApplyToInbound: orUndefined(current.ApplyToInbound),
    ApplyToOutbound: orUndefined(current.ApplyToOutbound),
    BlockUnknownNumbers: orUndefined(current.BlockUnknownNumbers),
    BlockLinks: orUndefined(current.BlockLinks),
    BlockMedia: orUndefined(current.BlockMedia),
  };
}

/**
 * The text filter's mode. An update REPLACES the filter's configuration (§3.3): the filter as just read is sent
 * whole with the new mode, so its lists and switches are kept.
 */
async function textMode(ctx: OpContext, input: ProtectInput, before: LineProtection): Promise<string[]> {
  const mode = input.textMode ?? 'ACTIVE';
  const words = TEXT_MODE_WORDS[mode].name;
  // A filter that filters needs the switch; pausing one leaves the switch alone.
  const steps = await switchOn(ctx, before, { calls: false, texts: mode !== 'INACTIVE' });
  const current = before.messageFilter;
  if (!current) {
    await messageFilterOf(ctx, before, { FilterMode: mode });
    return [...steps, `Text filter created: ${words}`];
  }
  if ((current.FilterMode ?? '').toUpperCase() === mode)
    return [...steps, `Text filter was already ${words}`];
  await ctx.telegent.guardian.updateMessageFilter(
    { ...messageFilterAsIs(current), FilterMode: mode },
    ctx.callOptions,
  );
  return [...steps, `Text filter set to ${words}`];
}

const RUN: Record<ProtectAction, typeof block> = {
  block,
  unblock,
  allow,
  'text-mode': textMode,
};

/** The read-back after the change; a read that fails does not undo what was done (the card is read again). */
async function readBack(ctx: OpContext, input: ProtectInput): Promise<LineProtection | undefined> {
  return readLineProtection(ctx, input.phoneNumber, input.subscriberId).catch(() => undefined);
}

/** Which of the asked numbers the line's lists show as asked (blocked, unblocked, allowed). */
function settled(
  input: ProtectInput,
  state: LineProtection,
): { done: string[]; notDone: string[]; everyoneElse: boolean } {
  const want = wants(input);
  const numbers = input.callers ?? [];
  const lists = (calls: readonly string[] | undefined, texts: readonly string[] | undefined) => (n: string) =>
    (!want.calls || (calls ?? []).includes(n)) && (!want.texts || (texts ?? []).includes(n));
  const blocked = lists(state.callFilter?.BlockedNumbers, state.messageFilter?.BlockedContacts);
  const allowed = lists(state.callFilter?.AllowedNumbers, state.messageFilter?.AllowedContacts);
  const from = offLists(input);
  const on = (list: readonly string[] | undefined, n: string) => (list ?? []).includes(n);
  const stillListed = (n: string) =>
    (want.calls && from.blocked && on(state.callFilter?.BlockedNumbers, n)) ||
    (want.calls && from.allowed && on(state.callFilter?.AllowedNumbers, n)) ||
    (want.texts && from.blocked && on(state.messageFilter?.BlockedContacts, n)) ||
    (want.texts && from.allowed && on(state.messageFilter?.AllowedContacts, n));
  const ok =
    input.action === 'block' ? blocked : input.action === 'allow' ? allowed : (n: string) => !stillListed(n);
  return {
    done: numbers.filter(ok),
    notDone: numbers.filter((n) => !ok(n)),
    everyoneElse: everyoneElseAsAsked(input, state),
  };
}

/** Allow…'s "everyone else" choice shows on the filters as read (true when none was made). */
function everyoneElseAsAsked(input: ProtectInput, state: LineProtection): boolean {
  const choice = input.everyoneElse ?? 'keep';
  if (input.action !== 'allow' || choice === 'keep') return true;
  const want = wants(input);
  const onlyAllowed = choice === 'blocked';
  const callMode = (state.callFilter?.FilterMode ?? '').toUpperCase();
  const calls = !want.calls || callMode === (onlyAllowed ? 'WHITELIST' : 'BLACKLIST');
  const texts = !want.texts || Boolean(state.messageFilter?.BlockUnknownNumbers) === onlyAllowed;
  return calls && texts;
}

const UNBLOCK_WORDS: Record<UnblockLists, string> = {
  blocked: '',
  allowed: ' (off the allowed list)',
  both: ' (off the blocked and allowed lists)',
};

/** "; everyone else blocked: only numbers on the allowed list will ring (or text)", or nothing. */
function everyoneElseWords(input: ProtectInput): string {
  if (input.action !== 'allow') return '';
  if (input.everyoneElse === 'blocked') return `; everyone else blocked: ${ONLY_ALLOWED_WARNING}`;
  if (input.everyoneElse === 'through') return '; everyone else gets through again';
  return '';
}

const VERB: Record<ProtectAction, string> = {
  block: 'blocked',
  unblock: 'unblocked',
  allow: 'allowed',
  'text-mode': 'set',
};

export const protect = defineOperation<ProtectInput, ProtectResult, ProtectInput>({
  kind: 'protect',
  title: 'Protect line',
  mutates: true,
  needsApproval: false,
  secretFields: [],
  schema: protectSchema,
  summary(input) {
    const line = formatPhone(input.phoneNumber);
    if (input.action === 'text-mode')
      return `Set the text filter of ${line} to ${TEXT_MODE_WORDS[input.textMode ?? 'ACTIVE'].name}`;
    const numbers = input.callers ?? [];
    const count = numbers.length > 1 ? ` (${plural(numbers.length, 'number')})` : '';
    const channels = input.channels ? channelWords(input.channels) : 'calls and texts';
    const off =
      input.action === 'unblock' && input.lists && input.lists !== 'blocked'
        ? UNBLOCK_WORDS[input.lists]
        : '';
    return `${ACTION_WORDS[input.action]} ${listNumbers(numbers)}${count} on ${line} for ${channels}${off}${everyoneElseWords(input)}`;
  },
  facts(input) {
    const rows: Array<[string, string]> = [
      ['Line', formatPhone(input.phoneNumber)],
      ['Change', ACTION_WORDS[input.action]],
    ];
    if (input.action === 'text-mode')
      return [...rows, ['Text filter', TEXT_MODE_WORDS[input.textMode ?? 'ACTIVE'].name]];
    return [
      ...rows,
      ['Numbers', listNumbers(input.callers ?? [], 10)],
      ['For', channelWords(input.channels ?? 'both')],
      ...(everyoneElseWords(input)
        ? [['Everyone else', everyoneElseWords(input).replace(/^; everyone else /, '')] as [string, string]]
        : []),
    ];
  },
  toTelegent: (input) => input,
  async execute(ctx, input) {
    const before = await readLineProtection(ctx, input.phoneNumber, input.subscriberId);
    const steps = await RUN[input.action](ctx, input, before);
    return { steps, after: await readBack(ctx, input) };
  },
  /** Reads the filters back: what is already as asked is not asked again (never added twice). */
  async reconcile(ctx, input): Promise<Reconciliation> {
    const state = await readLineProtection(ctx, input.phoneNumber, input.subscriberId);
    const checked = 'AI Guardian filters';
    if (input.action === 'text-mode') {
      const mode = input.textMode ?? 'ACTIVE';
      const done = (state.messageFilter?.FilterMode ?? '').toUpperCase() === mode;
      return {
        checked,
        found: Boolean(state.messageFilter),
        number: input.phoneNumber,
        resolved: done,
        detail: done
          ? `The text filter of ${formatPhone(input.phoneNumber)} is ${TEXT_MODE_WORDS[mode].name}: the change went through.`
          : `The text filter of ${formatPhone(input.phoneNumber)} is not ${TEXT_MODE_WORDS[mode].name}. Open \`/telegent protect ${input.phoneNumber}\` and set it again.`,
      };
    }
    const { done, notDone, everyoneElse } = settled(input, state);
    const verb = VERB[input.action];
    const line = formatPhone(input.phoneNumber);
    const again = `Open \`/telegent protect ${input.phoneNumber}\` and do it again`;
    return {
      checked,
      found: done.length > 0,
      number: input.phoneNumber,
      resolved: notDone.length === 0 && everyoneElse,
      detail:
        notDone.length > 0
          ? `Telegent does not show ${listNumbers(notDone)} ${verb} on ${line}. ${again} for those.`
          : everyoneElse
            ? `Telegent shows ${listNumbers(done)} ${verb} on ${line}: the change went through.`
            : `Telegent shows ${listNumbers(done)} ${verb} on ${line}, but not the change for everyone else. ${again}.`,
    };
  },
});

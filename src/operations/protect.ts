import { z } from 'zod';
import { isTelegentError } from '../telegent/errors.js';
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

export interface ProtectInput {
  /** The line (E.164). */
  phoneNumber: string;
  /** Who the line belongs to, as the protection card read it: Guardian is set per subscriber. */
  subscriberId: string;
  action: ProtectAction;
  /** Block / unblock / allow: the numbers (E.164, at most 50). */
  numbers?: string[] | undefined;
  channels?: ProtectChannels | undefined;
  /** Text filter…: the mode to set. */
  textMode?: MessageFilterMode | undefined;
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
      numbers: optionalField(guardianNumbersSchema),
      channels: optionalField(z.enum(PROTECT_CHANNELS)),
      textMode: optionalField(z.enum(MESSAGE_FILTER_MODES)),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (v.action === 'text-mode') {
        if (!v.textMode) issue('textMode', 'required; choose Active, Monitor only or Paused');
        return;
      }
      if (!v.numbers) issue('numbers', 'required; enter one or more numbers, e.g. +18015559999');
      if (!v.channels) issue('channels', 'required; choose calls, texts or both');
      if (v.numbers?.includes(v.phoneNumber))
        issue(
          'numbers',
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
  const numbers = input.numbers ?? [];
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
  const numbers = input.numbers ?? [];
  const want = wants(input);
  const steps: string[] = [];
  const call = before.callFilter;
  if (want.calls) {
    const listed = call ? presentIn(numbers, call.BlockedNumbers) : [];
    if (call && listed.length > 0) {
      const ref = { subscriberId: before.subscriberId, filterId: call.FilterId };
      await ctx.telegent.guardian.removeBlockedNumbers(ref, listed, ctx.callOptions);
      steps.push(`Calls from ${listNumbers(listed)} no longer blocked`);
    } else steps.push(`Calls from ${listNumbers(numbers)} were not blocked`);
  }
  const text = before.messageFilter;
  if (want.texts) {
    const listed = text ? presentIn(numbers, text.BlockedContacts) : [];
    if (text && listed.length > 0) {
      const ref = { subscriberId: before.subscriberId, filterId: text.FilterId };
      await ctx.telegent.guardian.removeBlockedContacts(ref, listed, ctx.callOptions);
      steps.push(`Texts from ${listNumbers(listed)} no longer blocked`);
    } else steps.push(`Texts from ${listNumbers(numbers)} were not blocked`);
  }
  return steps;
}

/** Adds to the allowed lists; the switches are left as they are (allowing silences no one). */
async function allow(ctx: OpContext, input: ProtectInput, before: LineProtection): Promise<string[]> {
  const numbers = input.numbers ?? [];
  const want = wants(input);
  const steps: string[] = [];
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
  return steps;
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
  const defined = <T>(value: T | null | undefined) => (value === null ? undefined : value);
  await ctx.telegent.guardian.updateMessageFilter(
    {
      FilterId: current.FilterId,
      FilterMode: mode,
      AllowedContacts: current.AllowedContacts,
      BlockedContacts: current.BlockedContacts,
      NotificationPhones: current.NotificationPhones,
      ApplyToInbound: defined(current.ApplyToInbound),
      ApplyToOutbound: defined(current.ApplyToOutbound),
      BlockUnknownNumbers: defined(current.BlockUnknownNumbers),
      BlockLinks: defined(current.BlockLinks),
      BlockMedia: defined(current.BlockMedia),
    },
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
function settled(input: ProtectInput, state: LineProtection): { done: string[]; notDone: string[] } {
  const want = wants(input);
  const numbers = input.numbers ?? [];
  const lists = (calls: readonly string[] | undefined, texts: readonly string[] | undefined) => (n: string) =>
    (!want.calls || (calls ?? []).includes(n)) && (!want.texts || (texts ?? []).includes(n));
  const blocked = lists(state.callFilter?.BlockedNumbers, state.messageFilter?.BlockedContacts);
  const allowed = lists(state.callFilter?.AllowedNumbers, state.messageFilter?.AllowedContacts);
  const anyBlocked = (n: string) =>
    (want.calls && (state.callFilter?.BlockedNumbers ?? []).includes(n)) ||
    (want.texts && (state.messageFilter?.BlockedContacts ?? []).includes(n));
  const ok =
    input.action === 'block' ? blocked : input.action === 'allow' ? allowed : (n: string) => !anyBlocked(n);
  return { done: numbers.filter(ok), notDone: numbers.filter((n) => !ok(n)) };
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
    const numbers = input.numbers ?? [];
    const count = numbers.length > 1 ? ` (${plural(numbers.length, 'number')})` : '';
    const channels = input.channels ? channelWords(input.channels) : 'calls and texts';
    return `${ACTION_WORDS[input.action]} ${listNumbers(numbers)}${count} on ${line} for ${channels}`;
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
      ['Numbers', listNumbers(input.numbers ?? [], 10)],
      ['For', channelWords(input.channels ?? 'both')],
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
    const { done, notDone } = settled(input, state);
    const verb = VERB[input.action];
    return {
      checked,
      found: done.length > 0,
      number: input.phoneNumber,
      resolved: notDone.length === 0,
      detail:
        notDone.length === 0
          ? `Telegent shows ${listNumbers(done)} ${verb} on ${formatPhone(input.phoneNumber)}: the change went through.`
          : `Telegent does not show ${listNumbers(notDone)} ${verb} on ${formatPhone(input.phoneNumber)}. Open \`/telegent protect ${input.phoneNumber}\` and do it again for those.`,
    };
  },
});

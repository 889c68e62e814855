import { TELEGENT_ENDPOINTS } from '../telegent/endpoints.js';
import { isTelegentError, TelegentError } from '../telegent/errors.js';
import type { CallFilter, MessageFilter, MessageFilterMode } from '../telegent/guardian-api.js';
import { MESSAGE_FILTER_MODES } from '../telegent/guardian-api.js';
import { type LineProtection, readLineProtection } from './guardian-line.js';
import type { OpContext } from './operation.js';
import { type ProtectInput, wants } from './protect-input.js';

/**
 * The changes to a line's AI Guardian the protect steps are made of: the switches, the one call filter and one
 * message filter per (subscriber, line) found or created, and whole-filter updates (an update replaces, §3.3).
 */
/** Switches Guardian on where this change needs it, keeping the other switch as it is (both are always sent). */
export async function switchOn(
  ctx: OpContext,
  before: LineProtection,
  need: { calls: boolean; texts: boolean },
) {
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
export async function callFilterOf(
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
export async function messageFilterOf(
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

/**
 * Changing a call filter's mode is an update, which replaces the whole filter (§3.3), and a listed call filter
 * comes without its keyword rules (§3.4): a filter that transcribes calls (keywords only act then, §3.5) would
 * lose them. Refused before anything is sent, with what to do.
 */
export function refuseToEraseKeywords(input: ProtectInput, before: LineProtection): void {
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
export async function setEveryoneElse(
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
export function messageFilterAsIs(current: MessageFilter) {
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

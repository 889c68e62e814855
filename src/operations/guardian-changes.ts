import { TELEGENT_ENDPOINTS } from '../telegent/endpoints.js';
import { isTelegentError, TelegentError } from '../telegent/errors.js';
import type {
  CallFilter,
  FilterKeywords,
  MessageFilter,
  MessageFilterMode,
} from '../telegent/guardian-api.js';
import { MESSAGE_FILTER_MODES } from '../telegent/guardian-api.js';
import { type LineProtection, readLineProtection } from './guardian-line.js';
import type { OpContext } from './operation.js';

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
 * The line's filter of one kind, or a new one when it has none: one filter per (subscriber, line). A 409 on create
 * means one exists after all (made since we looked): it is read and used, never made twice.
 */
async function foundOrCreated<F>(
  existing: F | null | undefined,
  create: () => Promise<F>,
  readAgain: () => Promise<F | null | undefined>,
): Promise<{ filter: F; created: boolean }> {
  if (existing) return { filter: existing, created: false };
  try {
    return { filter: await create(), created: true };
  } catch (error) {
    if (!isConflict(error)) throw error;
    const again = await readAgain();
    if (!again) throw error;
    return { filter: again, created: false };
  }
}

/** Sent explicitly on create: an omitted direction may default to a filter that applies to nothing (§6.10). */
const INBOUND_ONLY = { ApplyToInbound: true, ApplyToOutbound: false, BlockUnknownNumbers: false } as const;

/** The line's call filter, created (block list, inbound) only when none exists. */
export function callFilterOf(
  ctx: OpContext,
  before: LineProtection,
  create: { BlockedNumbers?: string[]; AllowedNumbers?: string[] },
): Promise<{ filter: CallFilter; created: boolean }> {
  return foundOrCreated(
    before.callFilter,
    () =>
      ctx.telegent.guardian.createCallFilter(
        {
          SubscriberId: before.subscriberId,
          Phone: before.phoneNumber,
          FilterMode: 'BLACKLIST',
          ...create,
          ...INBOUND_ONLY,
        },
        ctx.callOptions,
      ),
    async () => (await readLineProtection(ctx, before.phoneNumber, before.subscriberId)).callFilter,
  );
}

/** The line's message filter, created (Active, inbound) only when none exists. */
export function messageFilterOf(
  ctx: OpContext,
  before: LineProtection,
  create: { BlockedContacts?: string[]; AllowedContacts?: string[]; FilterMode?: MessageFilterMode },
): Promise<{ filter: MessageFilter; created: boolean }> {
  return foundOrCreated(
    before.messageFilter,
    () =>
      ctx.telegent.guardian.createMessageFilter(
        {
          SubscriberId: before.subscriberId,
          Phone: before.phoneNumber,
          FilterMode: 'ACTIVE',
          ...create,
          ...INBOUND_ONLY,
        },
        ctx.callOptions,
      ),
    async () => (await readLineProtection(ctx, before.phoneNumber, before.subscriberId)).messageFilter,
  );
}

/** The keyword rules an update must send back, per filter (undefined: none to keep). */
export interface KeptKeywords {
  call?: string | undefined;
  text?: string | undefined;
}

const AGE_PRESETS = ['CHILD', 'TEENAGER', 'ADOLESCENT'];

const refuse = (endpoint: string, hint: string, cause?: unknown) =>
  new TelegentError({ kind: 'invalid-request', endpoint, hint, cause });

/** `KeywordFilter` as an update sends it: the parsed read stringified, or nothing when there are none. */
function asKeywordFilter(read: FilterKeywords): string | undefined {
  const empty =
    read.CustomKeywords.length === 0 &&
    Object.keys(read.SystemKeywords).length === 0 &&
    Object.keys(read.SeverityMap).length === 0;
  return empty ? undefined : JSON.stringify(read);
}

/**
 * Before any filter UPDATE (which replaces the whole filter, §3.3): the list answer leaves keyword rules out
 * (§3.4), so they are read with the keywords op (§3.5) and sent back. Refused, before anything is sent, when they
 * cannot be read, when the call filter is an age preset (an update cannot set one back, §3.4), or when the text
 * filter's mode is one the app does not know (it could not be sent back as it is).
 */
export async function keywordsToKeep(
  ctx: OpContext,
  before: LineProtection,
  update: { calls: boolean; texts: boolean },
): Promise<KeptKeywords> {
  const E = TELEGENT_ENDPOINTS;
  const kept: KeptKeywords = {};
  const ref = (filterId: string) => ({ subscriberId: before.subscriberId, filterId });
  const call = update.calls ? before.callFilter : null;
  if (call) {
    const mode = (call.FilterMode ?? '').toUpperCase();
    if (AGE_PRESETS.includes(mode))
      throw refuse(
        E.callFilterUpdate.path,
        `This line's call filter uses the age preset ${mode}, which an update cannot set back: change it in the Telegent portal, or allow the numbers with everyone else kept as it is`,
      );
    const read = await ctx.telegent.guardian
      .callFilterKeywords(ref(call.FilterId), ctx.callOptions)
      .catch((error: unknown) => {
        throw refuse(
          E.callFilterKeywords.path,
          "The keyword rules of this line's call filter could not be read, and the change would erase them: nothing was changed; try again in a few minutes",
          error,
        );
      });
    kept.call = asKeywordFilter(read);
  }
  const text = update.texts ? before.messageFilter : null;
  if (text) {
    const mode = (text.FilterMode ?? '').toUpperCase() as MessageFilterMode;
    if (!MESSAGE_FILTER_MODES.includes(mode))
      throw refuse(
        E.messageFilterUpdate.path,
        `This line's text filter has a mode the app does not know (${text.FilterMode || 'none'}), which an update could not keep: change it in the Telegent portal`,
      );
    const read = await ctx.telegent.guardian
      .messageFilterKeywords(ref(text.FilterId), ctx.callOptions)
      .catch((error: unknown) => {
        throw refuse(
          E.messageFilterKeywords.path,
          "The keyword rules of this line's text filter could not be read, and the change would erase them: nothing was changed; try again in a few minutes",
          error,
        );
      });
    kept.text = asKeywordFilter(read);
  }
  return kept;
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
  keywords: KeptKeywords,
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
        // Sent back as read with the keywords op (update replaces; the list answer leaves it out, §3.4).
        KeywordFilter: keywords.call,
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
      { ...messageFilterAsIs(text, keywords.text), BlockUnknownNumbers: onlyAllowed },
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
export function messageFilterAsIs(current: MessageFilter, keywords: string | undefined) {
  const mode = (current.FilterMode ?? '').toUpperCase() as MessageFilterMode;
  return {
    FilterId: current.FilterId,
    FilterMode: MESSAGE_FILTER_MODES.includes(mode) ? mode : undefined,
    AllowedContacts: current.AllowedContacts,
    BlockedContacts: current.BlockedContacts,
    KeywordFilter: keywords,
    NotificationPhones: current.NotificationPhones,
    ApplyToInbound: orUndefined(current.ApplyToInbound),
    ApplyToOutbound: orUndefined(current.ApplyToOutbound),
    BlockUnknownNumbers: orUndefined(current.BlockUnknownNumbers),
    BlockLinks: orUndefined(current.BlockLinks),
    BlockMedia: orUndefined(current.BlockMedia),
  };
}

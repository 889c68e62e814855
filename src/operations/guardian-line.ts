import { isTelegentError } from '../telegent/errors.js';
import type { CallFilter, MessageFilter } from '../telegent/guardian-api.js';
import { normalisePhoneNumber } from './fields/phone-number.js';
import type { OpContext } from './operation.js';

/**
 * What AI Guardian does for one line today: the subscriber's two switches and the line's call and message
 * filter (one of each per (subscriber, line), reference §6.13). Read by the protection card and by the protect
 * operation before and after it changes anything.
 */
export interface LineProtection {
  phoneNumber: string;
  subscriberId: string;
  /** Guardian for calls / for texts: a filter does nothing while its switch is off (§3.1). */
  calls: boolean;
  texts: boolean;
  callFilter: CallFilter | null;
  messageFilter: MessageFilter | null;
  /** More than one filter of a kind for the pair: Telegent's known duplicate problem (§6.13), shown, never made. */
  duplicateCallFilters: number;
  duplicateMessageFilters: number;
}

/** A phone as E.164 when it parses (Telegent may answer "+1 801-555-0101"), else as given. */
function e164(phone: string): string {
  const parsed = normalisePhoneNumber(phone);
  return parsed.ok ? parsed.value : phone.trim();
}

/**
 * The filter for this line among those listed (the list is asked by line; a filter naming another line is not
 * it). Both sides compared as E.164, so a formatted `Phone` still matches.
 */
export function forLine<F extends { Phone?: string | null | undefined }>(
  filters: F[],
  phoneNumber: string,
): F[] {
  const line = e164(phoneNumber);
  return filters.filter((f) => !f.Phone || e164(f.Phone) === line);
}

/** A subscriber Guardian was never set up for may be a 404: both switches off. */
async function readFeatures(ctx: OpContext, subscriberId: string) {
  try {
    const f = await ctx.telegent.guardian.getFeatures(subscriberId, ctx.callOptions);
    return { calls: f.EnableIntelligentGuardianCalls, texts: f.EnableIntelligentGuardianMessages };
  } catch (error) {
    if (isTelegentError(error) && error.status === 404) return { calls: false, texts: false };
    throw error;
  }
}

export async function readLineProtection(
  ctx: OpContext,
  phoneNumber: string,
  subscriberId: string,
): Promise<LineProtection> {
  const query = { subscriberId, phone: phoneNumber };
  const [features, callFilters, messageFilters] = await Promise.all([
    readFeatures(ctx, subscriberId),
    ctx.telegent.guardian.listCallFilters(query, ctx.callOptions),
    ctx.telegent.guardian.listMessageFilters(query, ctx.callOptions),
  ]);
  const calls = forLine(callFilters, phoneNumber);
  const texts = forLine(messageFilters, phoneNumber);
  return {
    phoneNumber,
    subscriberId,
    ...features,
    callFilter: calls[0] ?? null,
    messageFilter: texts[0] ?? null,
    duplicateCallFilters: Math.max(0, calls.length - 1),
    duplicateMessageFilters: Math.max(0, texts.length - 1),
  };
}

import { type FieldResult, fail, ok, parsedString } from './result.js';

export const ORDER_ID_PREFIXES = ['JNUOID-', 'JNOID-', 'TNOID-'] as const;
export const ORDER_ID_MAX_LENGTH = 80;
export const ORDER_ID_HINT = 'the Telegent order id, e.g. JNUOID-6c058364-66a7-485b-93e1-7a2aa75e4fed';

/**
 * OrderIds are opaque and case-sensitive, so the value is kept as typed (trimmed); only its
 * shape is checked: a known prefix (any case), then letters, digits and dashes.
 */
export function parseOrderId(raw: string): FieldResult<string> {
  const value = raw.trim();
  if (value === '') return fail(`required; enter ${ORDER_ID_HINT}`);
  if (value.length > ORDER_ID_MAX_LENGTH)
    return fail(`too long (at most ${ORDER_ID_MAX_LENGTH} characters); enter ${ORDER_ID_HINT}`);
  const upper = value.toUpperCase();
  const prefix = ORDER_ID_PREFIXES.find((p) => upper.startsWith(p));
  if (!prefix) return fail(`must start with ${ORDER_ID_PREFIXES.join(', ')}; enter ${ORDER_ID_HINT}`);
  const rest = value.slice(prefix.length);
  if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(rest)) {
    return fail(`may contain only letters, digits and dashes after ${prefix}; enter ${ORDER_ID_HINT}`);
  }
  return ok(value);
}

export const orderIdSchema = parsedString(parseOrderId, ORDER_ID_HINT);

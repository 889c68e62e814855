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

/** How messages mark a shortened id ("JNUOID-85f74761…"); three dots are what people type for it. */
const SHORTENED_MARK = /(?:…|\.\.\.)$/;

/**
 * An order id as a person pastes it from a message: backticks and the "…" of a shortened id dropped.
 * `shortened`: the "…" was there, so it is certainly a prefix, never a whole id to send to Telegent.
 */
export function typedOrderId(raw: string): { value: string; shortened: boolean } {
  const bare = raw
    .trim()
    .replace(/^`+|`+$/g, '')
    .trim();
  const shortened = SHORTENED_MARK.test(bare);
  return { value: bare.replace(SHORTENED_MARK, '').trim(), shortened };
}

const UUID_SHAPE = 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';

/**
 * Whether a (shape-checked) id could be a whole OrderId rather than the start of one: Telegent's ids are a
 * prefix and a UUID, so anything that is only the beginning of a UUID ("JNUOID-85f74761", what a message
 * shows) is a prefix. Ids of another shape count as whole once longer than a message's short form.
 */
export function looksLikeWholeOrderId(orderId: string): boolean {
  const prefix = ORDER_ID_PREFIXES.find((p) => orderId.toUpperCase().startsWith(p));
  const rest = prefix ? orderId.slice(prefix.length) : orderId;
  const uuidStart =
    rest.length <= UUID_SHAPE.length &&
    [...rest].every((c, i) => (UUID_SHAPE[i] === '-' ? c === '-' : /[0-9a-f]/i.test(c)));
  if (uuidStart) return rest.length === UUID_SHAPE.length;
  return rest.length > 8;
}

import { z } from 'zod';

/** Outcome of a pure field parser: the normalised value, or a message saying what is expected. */
export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

export const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
export const fail = <T = never>(message: string): FieldResult<T> => ({ ok: false, message });

/**
 * A zod schema for a string field backed by a pure parser. Non-strings get `typeHint`;
 * parser failures become a custom issue carrying the parser's message.
 */
export function parsedString<T>(parse: (raw: string) => FieldResult<T>, typeHint: string) {
  return z.string({ error: typeHint }).transform((raw, ctx): T => {
    const result = parse(raw);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });
}

/** Slack modals send unfilled inputs as null or ''; treat both as absent. */
export function blankToUndefined(value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

/** An optional field where null and blank strings count as "not given". */
export function optionalField<S extends z.ZodType>(schema: S) {
  return z.preprocess(blankToUndefined, schema.optional()).optional();
}

/** An optional field that falls back to `fallback` when absent or blank. */
export function withDefault<S extends z.ZodType>(schema: S, fallback: () => z.output<S>) {
  return optionalField(schema).transform((value): z.output<S> => (value === undefined ? fallback() : value));
}

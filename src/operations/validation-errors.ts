import type { z } from 'zod';
import { fieldLabel } from './field-labels.js';
import type { SchemaOptions } from './operation.js';

/** field (top-level or dotted input path) → one message naming the field and saying what is expected. */
export type FieldErrors = Record<string, string>;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let current = raw;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * Turns zod issues into `{ field: message }`, first issue per field. Type errors get the field's
 * hint ("required; …" when nothing was given); our own rule messages are kept as written. Messages
 * never quote secret values: rule messages do not echo their input.
 */
export function toFieldErrors(error: z.ZodError, raw?: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length === 0 ? '_form' : issue.path.map(String).join('.');
    if (errors[field] !== undefined) continue;
    const { label, hint } = fieldLabel(field);
    let message: string;
    if (issue.code === 'custom') {
      message = issue.message;
    } else if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
      message = isBlank(valueAt(raw, issue.path)) ? `required; ${hint}` : hint;
    } else {
      message = `${issue.message.replace(/^Invalid input:?\s*/i, '') || 'not valid'}; ${hint}`;
    }
    errors[field] = `${label}: ${message}`;
  }
  return errors;
}

type SchemaBuilder = { schema(options?: Partial<SchemaOptions>): z.ZodType };

/**
 * Each operation's schema, built once per clock: building one (and zod's compile on its first parse) costs
 * ~0.1 ms for a status and ~1 ms for a provision, on the event loop every Slack ack shares. The clock is
 * read when a value is parsed, never when the schema is built, so a kept schema is never stale.
 */
const built = new WeakMap<SchemaBuilder, WeakMap<object, WeakMap<object, z.ZodType>>>();
const DEFAULT_CLOCK = {};
const DEFAULT_METHODS = {};

/** Kept per clock and per list of verification methods (the config's one array: built once). */
function schemaOf(op: SchemaBuilder, options: Partial<SchemaOptions>): z.ZodType {
  const byClock = built.get(op) ?? new WeakMap<object, WeakMap<object, z.ZodType>>();
  built.set(op, byClock);
  const clock = options.now ?? DEFAULT_CLOCK;
  const byMethods = byClock.get(clock) ?? new WeakMap<object, z.ZodType>();
  byClock.set(clock, byMethods);
  const methods = options.verificationMethods ?? DEFAULT_METHODS;
  const schema = byMethods.get(methods) ?? op.schema(options);
  byMethods.set(methods, schema);
  return schema;
}

/** Validates raw input (modal values, parsed command text, stored JSON) against an operation's schema. */
export function validateInput<O extends SchemaBuilder>(
  op: O,
  raw: unknown,
  options: Partial<SchemaOptions> = {},
): ValidationResult<z.output<ReturnType<O['schema']>>> {
  const parsed = schemaOf(op, options).safeParse(raw ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as z.output<ReturnType<O['schema']>> };
  return { ok: false, errors: toFieldErrors(parsed.error, raw) };
}

/** One readable paragraph for a chat reply: each field error on its own line. */
export function formatFieldErrors(errors: FieldErrors): string {
  return Object.values(errors)
    .map((message) => `• ${message}`)
    .join('\n');
}

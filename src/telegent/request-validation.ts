import type { z } from 'zod';
import { TelegentError } from './errors.js';
import { describeIssues } from './response-parsing.js';

/** Checks our own input before anything is sent; the error names fields, never their values. */
export function validateRequest<S extends z.ZodType>(
  endpoint: string,
  schema: S,
  input: unknown,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new TelegentError({
    kind: 'invalid-request',
    endpoint,
    telegentMessage: describeIssues(parsed.error),
  });
}

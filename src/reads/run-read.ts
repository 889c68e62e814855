import type { AppContext } from '../app-context.js';
import type { Operation } from '../operations/operation.js';
import { formatFieldErrors, validateInput } from '../operations/validation-errors.js';

/**
 * Validates and runs a read-only operation; a bad input comes back as one sentence naming the field. The
 * definition carries its input and result types, so callers get Telegent's answer typed.
 */
export async function runRead<Input, Result>(
  ctx: AppContext,
  op: Operation<Input, Result>,
  raw: Record<string, unknown>,
): Promise<{ ok: true; value: Result; input: Input } | { ok: false; error: string }> {
  const checked = checkInput(ctx, op, raw);
  if (!checked.ok) return checked;
  const value = await op.execute(ctx.opContext(), checked.value);
  return { ok: true, value, input: checked.value };
}

/** Validates without running (e.g. a number before opening a modal). */
export function checkInput<Input>(
  ctx: AppContext,
  op: Operation<Input, unknown>,
  raw: Record<string, unknown>,
): { ok: true; value: Input } | { ok: false; error: string } {
  const validated = validateInput(op, raw, { now: ctx.now });
  return validated.ok
    ? { ok: true, value: validated.value }
    : { ok: false, error: formatFieldErrors(validated.errors) };
}

import type { AppContext } from '../app-context.js';
import type { OperationKind } from '../operations/registry.js';
import { getOperation } from '../operations/registry.js';
import { formatFieldErrors, validateInput } from '../operations/validation-errors.js';

/** Validates and runs a read-only operation; a bad input comes back as one sentence naming the field. */
export async function runRead<T>(
  ctx: AppContext,
  kind: OperationKind,
  raw: Record<string, unknown>,
): Promise<{ ok: true; value: T; input: Record<string, unknown> } | { ok: false; error: string }> {
  const checked = checkInput(ctx, kind, raw);
  if (!checked.ok) return checked;
  const value = (await getOperation(kind).execute(ctx.opContext(), checked.value)) as T;
  return { ok: true, value, input: checked.value };
}

/** Validates without running (e.g. a number before opening a modal). */
export function checkInput(
  ctx: AppContext,
  kind: OperationKind,
  raw: Record<string, unknown>,
): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  const validated = validateInput(getOperation(kind), raw, { now: ctx.now });
  return validated.ok
    ? { ok: true, value: validated.value as Record<string, unknown> }
    : { ok: false, error: formatFieldErrors(validated.errors) };
}

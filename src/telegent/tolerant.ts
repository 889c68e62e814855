import { z } from 'zod';

// Telegent's examples disagree with each other; these accept every form seen and yield one type.

/** `true`, `"true"`, `"True"` → true (and the same for false). */
export const looseBoolean = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const lower = value.trim().toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return value;
}, z.boolean());

/** `12`, `"12"` → 12. */
export const looseNumber = z.preprocess((value) => {
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return value;
}, z.number());

/** A string, or a number printed as one (e.g. `AreaCode: 201`). */
export const looseString = z.preprocess(
  (value) => (typeof value === 'number' ? String(value) : value),
  z.string(),
);

export const optString = looseString.nullish();
export const optBoolean = looseBoolean.nullish();
export const optNumber = looseNumber.nullish();

/** `null` or a missing array both become `[]`. */
export function looseArray<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => value ?? [], z.array(item));
}

export const phoneNumberItem = z.object({ Number: looseString });

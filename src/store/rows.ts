/** snake_case column names → camelCase keys; values are already typed by the Db (see db.ts). */
export function camelRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] = value;
  }
  return out as T;
}

/** jsonb parameters go in as text: pg would turn a JS array into a Postgres array literal. */
export const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

import { normalizePath } from './faults.js';
import { isObject } from './fields.js';
import { GUARDIAN_WRITE_PATHS } from './guardian-routes.js';
import type { JournalEntry } from './types.js';

const SECRET_KEYS = new Set([
  'accountsecret',
  'portoutpin',
  'currentaccountpassword',
  'currentaccountnumber',
  'password',
]);

/** Paths whose POSTs change state (what `mutations()` returns). */
export const MUTATION_PATHS = new Set([
  '/v1.0/numbers/provision',
  '/v1.0/numbers/portin',
  '/v1.0/numbers/portin/update',
  '/v1.0/numbers/portin/cancel',
  '/v1.0/numbers/portout',
  '/v1.0/numbers/data-usage',
  '/v1.0/subscribers/create',
  ...GUARDIAN_WRITE_PATHS,
  '/v1.0/numbers/status',
  '/v1.0/numbers/update',
  '/v1.0/message/outbound',
]);

/** A deep copy with every secret field (any depth, any casing) replaced by '***'. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] =
      SECRET_KEYS.has(key.toLowerCase()) && inner !== null && inner !== undefined
        ? '***'
        : maskSecrets(inner);
  }
  return out;
}

export class Journal {
  private entries: JournalEntry[] = [];
  private nextIndex = 0;

  add(entry: Omit<JournalEntry, 'index'>): JournalEntry {
    const full = { index: this.nextIndex++, ...entry };
    this.entries.push(full);
    return full;
  }

  list(since = 0): JournalEntry[] {
    return this.entries.filter((e) => e.index >= since).map((e) => structuredClone(e));
  }

  mutations(): JournalEntry[] {
    return this.list().filter((e) => e.method === 'POST' && MUTATION_PATHS.has(normalizePath(e.path)));
  }

  clear(): void {
    this.entries = [];
  }
}

import { normalizePath } from './faults.js';
import { isObject } from './fields.js';
import type { JournalEntry } from './types.js';

const SECRET_KEYS = new Set([
  'accountsecret',
  'portoutpin',
  'currentaccountpassword',
  'currentaccountnumber',
  'password',
]);

/** AI Guardian: every POST under these changes state (the GET on a shared path is not a POST). */
const GUARDIAN_WRITE_PATHS = [
  '/v1.0/subscribers/guardian-features',
  ...(['call-filter', 'message-filter'] as const).flatMap((base) => {
    const lists =
      base === 'call-filter'
        ? ['blocked-numbers', 'allowed-numbers']
        : ['blocked-contacts', 'allowed-contacts'];
    return [
      base,
      `${base}/update`,
      `${base}/delete`,
      ...lists.flatMap((list) => [`${base}/${list}/add`, `${base}/${list}/remove`]),
    ].map((path) => `/v1.0/subscribers/${path}`);
  }),
];

/** Paths whose POSTs change state (what `mutations()` returns). */
export const MUTATION_PATHS = new Set([
  '/v1.0/numbers/provision',
  '/v1.0/numbers/portin',
  '/v1.0/numbers/portin/update',
  '/v1.0/numbers/portin/cancel',
  '/v1.0/numbers/portout',
  '/v1.0/numbers/data-usage',
  '/v1.0/subscribers/create',
  '/v1.0/numbers/status',
  '/v1.0/numbers/update',
  '/v1.0/message/outbound',
  ...GUARDIAN_WRITE_PATHS,
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

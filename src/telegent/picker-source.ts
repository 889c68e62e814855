import type { TelegentClient } from './client.js';
import type { CallPriority } from './rate-limiter.js';
import type { Subscriber } from './response-schemas.js';

export interface PickerOption {
  label: string;
  value: string;
  /** Subscribers: their email (lower case), for the uniqueness check of a new one. */
  email?: string;
  /** Message routes Telegent lists as disabled: still shown (labelled), never preselected. */
  disabled?: boolean;
  /** Subscribers: the record as Telegent listed it (lines, account), for `/telegent customer`. */
  subscriber?: Subscriber;
}

/** The Telegent lists the forms' pickers choose from. */
export type PickerKind = 'messageRoute' | 'voiceRoute' | 'subscriber';

export const PICKER_KINDS: readonly PickerKind[] = ['messageRoute', 'voiceRoute', 'subscriber'];

export interface PickerSource {
  /**
   * Up to 100 options (Slack's limit) whose label or id contains `query`, case-insensitively; of the account
   * `accountId` when given (a channel bound to a distributor account), else of the default one. A list read
   * once is answered at once even when old (a fresh one is read in the background meanwhile).
   */
  search(kind: PickerKind, query: string, accountId?: string): Promise<PickerOption[]>;
  /** The whole list (not cut to a picker's 100), read as `search` reads it. */
  list(kind: PickerKind, accountId?: string): Promise<PickerOption[]>;
  /** The list last read, at once; undefined when none was read yet. */
  listLoaded(kind: PickerKind, accountId?: string): PickerOption[] | undefined;
  /** The subscriber with this email (case-insensitive), from the cached list (emails are unique platform-wide). */
  findSubscriberByEmail(email: string): Promise<PickerOption | undefined>;
  /**
   * `search` over the list last read, at once: undefined when none was read yet (a picker then says it is still
   * loading); what a picker answers when a read under way does not finish inside Slack's 3 s.
   */
  searchLoaded(kind: PickerKind, query: string, accountId?: string): PickerOption[] | undefined;
  /** Loads every list in the background (a form that uses them is opening); failures are ignored. */
  warm(): void;
  /** A cached list changed (a subscriber was just created): it is read again now, and searches wait for it. */
  forget(kind: PickerKind): void;
  /**
   * Keeps the default account's subscriber list warm: read now and again every `refreshMs`, at background
   * priority (within the rate budget, behind every interactive call), so the first picker never waits for it.
   */
  start(): void;
  stop(): void;
}

const MAX_OPTIONS = 100;

/** A list by kind and account: the read under way or last done, and the last list read. */
interface CacheEntry {
  at: number;
  items: Promise<PickerOption[]>;
  last?: PickerOption[] | undefined;
  /** Searches wait for this read (the first, or one asked for because the list changed). */
  awaited: boolean;
  settled: boolean;
}
const NAME_EMAIL_SEPARATOR = ' — ';

/** "Jane Doe — jane@example.com": a name alone is ambiguous, an id means nothing to a person. */
export function subscriberLabel(s: {
  name?: string | undefined;
  email?: string | undefined;
  id: string;
}): string {
  return [s.name, s.email].filter(Boolean).join(NAME_EMAIL_SEPARATOR) || s.id;
}

/**
 * The subscriber's name in a label `subscriberLabel` made (a picked option's text), or undefined when the
 * subscriber has none: the label is then their email or id, which must not pass for a name on channel posts.
 */
export function nameInSubscriberLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const [first, ...rest] = label.split(NAME_EMAIL_SEPARATOR);
  const name = first?.trim();
  if (!name) return undefined;
  if (rest.length > 0) return name;
  return name.includes('@') || /^[A-Z]+-[0-9a-f-]{8,}$/i.test(name) ? undefined : name;
}
const SUBSCRIBER_PAGES = 5;

/**
 * Message routes, voice routes and subscribers for the external_select pickers and `/telegent customer`, from
 * Telegent's list endpoints: cached so typing ahead does not spend the Telegent rate limit, and served stale
 * while a fresh read runs, so a list once read never makes a person wait again.
 */
export function createPickerSource(
  telegent: TelegentClient,
  options: { ttlMs?: number; refreshMs?: number; now?: () => number } = {},
): PickerSource {
  const ttlMs = options.ttlMs ?? 60_000;
  const refreshMs = options.refreshMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  /** By kind and account ('' = the default account): the read under way or last done, and the last list read. */
  const cache = new Map<string, CacheEntry>();
  const key = (kind: PickerKind, accountId = '') => `${kind}:${accountId}`;
  const scope = (accountId?: string) => (accountId ? { AccountId: accountId } : {});
  let timer: NodeJS.Timeout | undefined;

  const loaders: Record<
    PickerKind,
    (accountId: string | undefined, priority: CallPriority) => Promise<PickerOption[]>
  > = {
    messageRoute: async (accountId, priority) =>
      (await telegent.listMessageRoutes(scope(accountId), { priority })).Results.map((r) => ({
        label: `${r.RouteName ?? 'Unnamed route'}${r.MessageRouteEnabled === false ? ' (disabled)' : ''}`,
        value: r.MessageRouteId,
        ...(r.MessageRouteEnabled === false ? { disabled: true } : {}),
      })),
    voiceRoute: async (accountId, priority) =>
      (await telegent.listVoiceRoutes(scope(accountId), { priority })).Results.map((r) => ({
        label: `${r.RouteName ?? 'Unnamed route'}${r.RouteType ? ` · ${r.RouteType}` : ''}`,
        value: r.CallRouteId,
      })),
    subscriber: async (accountId, priority) => {
      const items: PickerOption[] = [];
      for (let page = 1; page <= SUBSCRIBER_PAGES; page++) {
        const result = await telegent.listDistributorSubscribers(
          { PageNumber: page, TotalPerPage: 100, ...scope(accountId) },
          { priority },
        );
        for (const s of result.Subscribers) {
          const name = s.Name?.trim();
          const email = s.Email?.trim();
          items.push({
            label: subscriberLabel({ name, email, id: s.SubscriberId }),
            value: s.SubscriberId,
            ...(email ? { email: email.toLowerCase() } : {}),
            subscriber: s,
          });
        }
        if (items.length >= (result.TotalSubscribers ?? 0) || result.Subscribers.length === 0) break;
      }
      return items;
    },
  };

  /**
   * Reads the list again; the last list read stays until the new one arrives. `awaited`: searches wait for this
   * read (the first one, or one asked for because the list changed); otherwise they answer with the last list.
   */
  function refresh(kind: PickerKind, accountId: string | undefined, priority: CallPriority, awaited = true) {
    const k = key(kind, accountId);
    const previous = cache.get(k);
    const items = loaders[kind](accountId, priority);
    const entry: CacheEntry = { at: now(), items, last: previous?.last, awaited, settled: false };
    cache.set(k, entry);
    items.then(
      (list) => {
        entry.settled = true;
        if (cache.get(k) === entry) entry.last = list;
      },
      () => {
        entry.settled = true;
        // A failed read is tried again by the next search; a list read before keeps answering meanwhile.
        if (cache.get(k) === entry) {
          if (entry.last) {
            const last = entry.last;
            cache.set(k, { at: 0, items: Promise.resolve(last), last, awaited: false, settled: true });
          } else cache.delete(k);
        }
      },
    );
    return entry;
  }

  function load(
    kind: PickerKind,
    accountId?: string,
    priority: CallPriority = 'interactive',
  ): Promise<PickerOption[]> {
    const hit = cache.get(key(kind, accountId));
    if (!hit) return refresh(kind, accountId, priority).items;
    if (now() - hit.at >= ttlMs) {
      // Old: answer with what was read last (if anything) while a fresh read runs in the background.
      const fresh = refresh(kind, accountId, 'background', false);
      fresh.items.catch(() => undefined);
      return hit.last ? Promise.resolve(hit.last) : fresh.items;
    }
    // A background read under way does not hold a person up: the last list answers meanwhile.
    if (!hit.settled && !hit.awaited && hit.last) return Promise.resolve(hit.last);
    return hit.items;
  }

  function matching(items: PickerOption[], query: string): PickerOption[] {
    const needle = query.trim().toLowerCase();
    return items
      .filter(
        (item) =>
          !needle || item.label.toLowerCase().includes(needle) || item.value.toLowerCase().includes(needle),
      )
      .slice(0, MAX_OPTIONS);
  }

  return {
    async search(kind, query, accountId) {
      return matching(await load(kind, accountId), query);
    },
    list: (kind, accountId) => load(kind, accountId),
    listLoaded: (kind, accountId) => cache.get(key(kind, accountId))?.last,
    async findSubscriberByEmail(email) {
      const wanted = email.trim().toLowerCase();
      return (await load('subscriber')).find((item) => item.email === wanted);
    },
    searchLoaded(kind, query, accountId) {
      const last = cache.get(key(kind, accountId))?.last;
      return last ? matching(last, query) : undefined;
    },
    warm() {
      for (const kind of PICKER_KINDS) load(kind, undefined, 'background').catch(() => undefined);
    },
    forget(kind) {
      for (const k of [...cache.keys()]) {
        if (!k.startsWith(`${kind}:`)) continue;
        const accountId = k.slice(kind.length + 1) || undefined;
        refresh(kind, accountId, 'interactive').items.catch(() => undefined);
      }
    },
    start() {
      if (timer) return;
      load('subscriber', undefined, 'background').catch(() => undefined);
      timer = setInterval(() => {
        refresh('subscriber', undefined, 'background', false).items.catch(() => undefined);
      }, refreshMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

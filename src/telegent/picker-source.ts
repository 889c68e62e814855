import type { TelegentClient } from './client.js';

export interface PickerOption {
  label: string;
  value: string;
  /** Subscribers: their email (lower case), for the uniqueness check of a new one. */
  email?: string;
  /** Message routes Telegent lists as disabled: still shown (labelled), never preselected. */
  disabled?: boolean;
}

/** The Telegent lists the forms' pickers choose from. */
export type PickerKind = 'messageRoute' | 'voiceRoute' | 'subscriber';

export const PICKER_KINDS: readonly PickerKind[] = ['messageRoute', 'voiceRoute', 'subscriber'];

export interface PickerSource {
  /**
   * Up to 100 options (Slack's limit) whose label or id contains `query`, case-insensitively; of the account
   * `accountId` when given (a channel bound to a distributor account), else of the default one.
   */
  search(kind: PickerKind, query: string, accountId?: string): Promise<PickerOption[]>;
  /** The subscriber with this email (case-insensitive), from the cached list (emails are unique platform-wide). */
  findSubscriberByEmail(email: string): Promise<PickerOption | undefined>;
  /** Loads every list in the background (a form that uses them is opening); failures are ignored. */
  warm(): void;
  /** Drops a cached list (a subscriber was just created): the next search reads Telegent again. */
  forget(kind: PickerKind): void;
}

const MAX_OPTIONS = 100;
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
 * Message routes, voice routes and subscribers for the external_select pickers, from Telegent's list
 * endpoints, cached briefly so typing ahead does not spend the Telegent rate limit.
 */
export function createPickerSource(
  telegent: TelegentClient,
  options: { ttlMs?: number; now?: () => number } = {},
): PickerSource {
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  /** By kind and account ('' = the default account). */
  const cache = new Map<string, { at: number; items: Promise<PickerOption[]> }>();
  const key = (kind: PickerKind, accountId = '') => `${kind}:${accountId}`;
  const scope = (accountId?: string) => (accountId ? { AccountId: accountId } : {});

  const loaders: Record<PickerKind, (accountId?: string) => Promise<PickerOption[]>> = {
    messageRoute: async (accountId) =>
      (await telegent.listMessageRoutes(scope(accountId))).Results.map((r) => ({
        label: `${r.RouteName ?? 'Unnamed route'}${r.MessageRouteEnabled === false ? ' (disabled)' : ''}`,
        value: r.MessageRouteId,
        ...(r.MessageRouteEnabled === false ? { disabled: true } : {}),
      })),
    voiceRoute: async (accountId) =>
      (await telegent.listVoiceRoutes(scope(accountId))).Results.map((r) => ({
        label: `${r.RouteName ?? 'Unnamed route'}${r.RouteType ? ` · ${r.RouteType}` : ''}`,
        value: r.CallRouteId,
      })),
    subscriber: async (accountId) => {
      const items: PickerOption[] = [];
      for (let page = 1; page <= SUBSCRIBER_PAGES; page++) {
        const result = await telegent.listDistributorSubscribers({
          PageNumber: page,
          TotalPerPage: 100,
          ...scope(accountId),
        });
        for (const s of result.Subscribers) {
          const name = s.Name?.trim();
          const email = s.Email?.trim();
          items.push({
            label: subscriberLabel({ name, email, id: s.SubscriberId }),
            value: s.SubscriberId,
            ...(email ? { email: email.toLowerCase() } : {}),
          });
        }
        if (items.length >= (result.TotalSubscribers ?? 0) || result.Subscribers.length === 0) break;
      }
      return items;
    },
  };

  function load(kind: PickerKind, accountId?: string): Promise<PickerOption[]> {
    const k = key(kind, accountId);
    const hit = cache.get(k);
    if (hit && now() - hit.at < ttlMs) return hit.items;
    const items = loaders[kind](accountId);
    cache.set(k, { at: now(), items });
    items.catch(() => cache.delete(k));
    return items;
  }

  return {
    async search(kind, query, accountId) {
      const needle = query.trim().toLowerCase();
      const items = await load(kind, accountId);
      return items
        .filter(
          (item) =>
            !needle || item.label.toLowerCase().includes(needle) || item.value.toLowerCase().includes(needle),
        )
        .slice(0, MAX_OPTIONS);
    },
    async findSubscriberByEmail(email) {
      const wanted = email.trim().toLowerCase();
      return (await load('subscriber')).find((item) => item.email === wanted);
    },
    warm() {
      for (const kind of PICKER_KINDS) load(kind).catch(() => undefined);
    },
    forget(kind) {
      for (const k of [...cache.keys()]) if (k.startsWith(`${kind}:`)) cache.delete(k);
    },
  };
}

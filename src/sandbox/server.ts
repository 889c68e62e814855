import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_PREFIX, handleAdmin } from './admin.js';
import {
  applyConfig,
  findOrder,
  forceOrderStatus,
  numberSnapshot,
  type OrderSnapshot,
  setUsedBytes,
  snapshotOrder,
} from './control.js';
import { SandboxCore } from './core.js';
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_SANDBOX_ACCOUNT_KEY,
  DEFAULT_SANDBOX_ACCOUNT_SECRET,
  DEFAULT_TOKEN_TTL_SECONDS,
} from './defaults.js';
import {
  type CallFilterSeed,
  type MessageFilterSeed,
  seedCallFilter,
  seedMessageFilter,
} from './guardian-control.js';
import type { CallFilterRecord, MessageFilterRecord } from './guardian-state.js';
import { type GuardianSnapshot, guardianSnapshot, guardianSnapshots } from './guardian-view.js';
import { readBody, send } from './http.js';
import { handleApi, type Pending } from './pipeline.js';
import type { NumberRecord, SentMessage } from './state.js';
import type { FaultSpec, JournalEntry, SandboxClock, SandboxOptions } from './types.js';

export type { OrderSnapshot } from './control.js';
export {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_SANDBOX_ACCOUNT_KEY,
  DEFAULT_SANDBOX_ACCOUNT_SECRET,
  DEFAULT_SANDBOX_PORT,
  DEFAULT_TOKEN_TTL_SECONDS,
} from './defaults.js';
export type { NumberRecord, SentMessage } from './state.js';
export type { FaultKind, FaultSpec, JournalEntry, SandboxClock, SandboxOptions } from './types.js';

export interface Sandbox {
  /** e.g. http://127.0.0.1:4010 (no trailing slash); API paths are url + '/v1.0/…'. */
  url: string;
  accountKey: string;
  accountSecret: string;
  /** The seeded direct account (AID-…) under the distributor key. */
  accountId: string;
  clock: SandboxClock;
  /** Every API request received (admin requests excluded), secrets masked. */
  journal(): JournalEntry[];
  clearJournal(): void;
  /** Only the mutating POSTs: provision, portin, portin/update, portin/cancel, portout, data-usage. */
  mutations(): JournalEntry[];
  /** Returns the fault's id. */
  injectFault(spec: FaultSpec): number;
  clearFaults(): void;
  forceOrderStatus(orderId: string, status: string, message?: string | null): OrderSnapshot;
  setRateLimit(perMinute: number): void;
  resetRateLimit(): void;
  setTokenTtl(seconds: number): void;
  setSpeed(speed: number): void;
  /** Sets data used so far on a number (bytes). */
  setDataUsed(number: string, bytes: number): void;
  getOrder(orderId: string): OrderSnapshot | undefined;
  listOrders(): OrderSnapshot[];
  getNumber(number: string): NumberRecord | undefined;
  listNumbers(): NumberRecord[];
  /**
   * AI Guardian state of one subscriber (switch off and no filters when never configured), or of every
   * subscriber with any Guardian state when no id is given.
   */
  guardian(subscriberId: string): GuardianSnapshot;
  guardian(): GuardianSnapshot[];
  /**
   * Puts a call/message filter in directly, without the API's checks (duplicate, line ownership, age preset): for
   * states the API refuses to make, e.g. the duplicate filter the KB says Telegent can hold.
   */
  seedCallFilter(seed: CallFilterSeed): CallFilterRecord;
  seedMessageFilter(seed: MessageFilterSeed): MessageFilterRecord;
  /** Every text sent through POST /v1.0/message/outbound, oldest first. */
  sentMessages(): SentMessage[];
  /** Keeps only these message and voice routes (ids), e.g. an account with a single route of each kind. */
  keepOnlyRoutes(routeIds: readonly string[]): void;
  close(): Promise<void>;
}

export async function startSandbox(options: Partial<SandboxOptions> = {}): Promise<Sandbox> {
  const opts: SandboxOptions = {
    port: 0,
    host: '127.0.0.1',
    accountKey: DEFAULT_SANDBOX_ACCOUNT_KEY,
    accountSecret: DEFAULT_SANDBOX_ACCOUNT_SECRET,
    rateLimitPerMinute: DEFAULT_RATE_LIMIT_PER_MINUTE,
    tokenTtlSeconds: DEFAULT_TOKEN_TTL_SECONDS,
    speed: 1,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
  const core = new SandboxCore(opts);
  const pending: Pending = { timers: new Set() };

  const server = createServer((req, res) => {
    void route(core, pending, req, res).catch((error) => {
      core.logger.error({ err: error }, 'sandbox request failed');
      send(res, { status: 500, body: { StatusCode: 500, Message: 'Internal server error' } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  core.logger.info({ url }, 'telegent sandbox listening');

  let closed = false;
  return {
    url,
    accountKey: opts.accountKey,
    accountSecret: opts.accountSecret,
    accountId: core.data.accountId,
    clock: {
      now: () => core.clock.now(),
      advance: (seconds) => {
        core.clock.advance(seconds);
        core.settle();
      },
    },
    journal: () => core.journal.list(),
    clearJournal: () => core.journal.clear(),
    mutations: () => core.journal.mutations(),
    injectFault: (spec) => core.faults.add(spec),
    clearFaults: () => core.faults.clear(),
    forceOrderStatus: (orderId, status, message) => forceOrderStatus(core, orderId, status, message),
    setRateLimit: (perMinute) => void applyConfig(core, { rateLimitPerMinute: perMinute }),
    resetRateLimit: () => core.rateLimiter.reset(),
    setTokenTtl: (seconds) => void applyConfig(core, { tokenTtlSeconds: seconds }),
    setSpeed: (speed) => void applyConfig(core, { speed }),
    setDataUsed: (number, bytes) => setUsedBytes(core, number, bytes),
    keepOnlyRoutes: (routeIds) => {
      core.data.messageRoutes = core.data.messageRoutes.filter((r) => routeIds.includes(r.MessageRouteId));
      core.data.voiceRoutes = core.data.voiceRoutes.filter((r) => routeIds.includes(r.CallRouteId));
    },
    guardian: ((subscriberId?: string) =>
      subscriberId === undefined
        ? guardianSnapshots(core)
        : guardianSnapshot(core, subscriberId)) as Sandbox['guardian'],
    seedCallFilter: (seed) => seedCallFilter(core, seed),
    seedMessageFilter: (seed) => seedMessageFilter(core, seed),
    getOrder: (orderId) => {
      core.settle();
      const order = findOrder(core, orderId);
      return order ? snapshotOrder(order, core.nowMs()) : undefined;
    },
    listOrders: () => {
      core.settle();
      const now = core.nowMs();
      return [...core.data.orders.values()].map((o) => snapshotOrder(o, now));
    },
    getNumber: (number) => {
      core.settle();
      const record = core.data.numbers.get(number);
      return record ? numberSnapshot(record) : undefined;
    },
    listNumbers: () => {
      core.settle();
      return [...core.data.numbers.values()].map(numberSnapshot);
    },
    sentMessages: () => core.data.messages.map((m) => structuredClone(m)),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const timer of pending.timers) clearTimeout(timer);
      pending.timers.clear();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await done;
    },
  };
}

async function route(
  core: SandboxCore,
  pending: Pending,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  // Date on the sandbox clock, like tokenExpiry: clients measure token lifetimes against it.
  res.setHeader('Date', core.clock.now().toUTCString());
  let raw: string;
  try {
    raw = await readBody(req);
  } catch {
    send(res, { status: 413, body: { StatusCode: 413, Message: 'Request body too large.' } });
    return;
  }
  if (url.pathname.toLowerCase().startsWith(ADMIN_PREFIX)) {
    let body: unknown;
    try {
      body = raw.trim() ? JSON.parse(raw) : {};
    } catch {
      send(res, { status: 400, body: { StatusCode: 400, Message: 'admin body must be JSON' } });
      return;
    }
    send(res, handleAdmin(core, req.method ?? 'GET', url.pathname, url.searchParams, body));
    return;
  }
  await handleApi(core, pending, req, res, url, raw);
}

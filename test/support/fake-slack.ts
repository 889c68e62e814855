import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Slack payloads and Web API bodies: loosely typed on purpose, tests index into them freely. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Json = Record<string, any>;

/** One request the app made to the fake Slack: a Web API call, or a POST to a response_url. */
export interface FakeSlackCall {
  /** Web API method (`chat.postMessage`), or `response_url` for posts to `responseUrl(...)`. */
  method: string;
  /** Form-decoded (blocks / view / attachments / metadata JSON-parsed), or the JSON body. */
  body: Json;
  /** Bearer token (or `token` form field) the call carried. */
  token: string | undefined;
  /** For response_url posts: the key in `/response/<key>`. */
  path?: string;
  status: number;
  response: Json;
}

export type FakeSlackFailure =
  | { status: 429; retryAfter: number }
  | { status: number }
  | { error: string }
  /** Slack does the work (the message is stored) but the answer is an HTTP error: the caller cannot tell. */
  | { acceptedThenStatus: number };

/** A message as the fake stores it per conversation (what conversations.history/replies hand back). */
export interface FakeSlackMessage {
  type: 'message';
  ts: string;
  thread_ts?: string;
  text?: string;
  blocks?: Json[];
  metadata?: { event_type: string; event_payload: Json };
  bot_id: string;
  user: string;
}

export interface FakeSlackOptions {
  /** usergroup id → member user ids (usergroups.users.list). Unknown groups answer no_such_subteam. */
  usergroups?: Record<string, string[]>;
  /** user id → IANA time zone (users.info). Others get `defaultTz`. */
  userTz?: Record<string, string>;
  defaultTz?: string;
  /** user id → fields users.info shows over a full member of the fake's team (is_restricted, team_id, …). */
  users?: Record<string, Json>;
  /** What auth.test returns. */
  identity?: { botId?: string; botUserId?: string; teamId?: string; team?: string; url?: string };
  /** What apps.connections.open hands out (a Socket Mode server of the test's); default a URL that refuses. */
  socketModeUrl?: () => string;
  /** Tokens that always get invalid_auth (auth.test and every other method). */
  invalidTokens?: string[];
}

export interface FakeSlack {
  /** Web API base URL, ending in `/api/` (pass as slackApiUrl). */
  url: string;
  /** Server root, e.g. http://127.0.0.1:1234 */
  origin: string;
  calls: FakeSlackCall[];
  callsTo(method: string): FakeSlackCall[];
  /** Resolves with the first call to `method` matching `predicate` (already made or arriving within `timeoutMs`). */
  waitFor(
    method: string,
    predicate?: (call: FakeSlackCall) => boolean,
    timeoutMs?: number,
  ): Promise<FakeSlackCall>;
  /** The next call to `method` fails: HTTP 429 with Retry-After, another HTTP status, or `{ ok: false, error }`. */
  failNext(method: string, failure: FakeSlackFailure): void;
  /** Every later call with `token` is refused as `token_revoked` (a Workflow Builder run's token past its life). */
  revokeToken(token: string): void;
  /**
   * The next call to `method` matching `predicate` is carried out (a post is stored) and then `hold` runs
   * BEFORE the answer is sent: a test can kill the caller in the instant between Slack accepting a post and
   * the caller hearing of it. With `{ before: true }` the hold runs before the call is carried out: a slow
   * call, which Slack applies only once the hold ends (the predicate sees the call without its response).
   */
  holdNext(
    method: string,
    predicate: (call: FakeSlackCall) => boolean,
    hold: (call: FakeSlackCall) => Promise<void>,
    options?: { before?: boolean },
  ): void;
  /** Messages stored in a conversation (top level and replies), oldest first. */
  messagesIn(channel: string): FakeSlackMessage[];
  /** A response_url that records what is posted to it as a `response_url` call. */
  responseUrl(key?: string): string;
  setUsergroupMembers(usergroupId: string, userIds: string[]): void;
  setUserTz(userId: string, tz: string): void;
  /** What users.info shows for `userId` over a full member (`{ is_restricted: true }`, `{ team_id: 'T…' }`). */
  setUser(userId: string, fields: Json): void;
  /** Every recorded body as one string, for leak scans. */
  allBodiesText(): string;
  reset(): void;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'metadata']);

function decodeBody(raw: string, contentType: string | undefined): Json {
  if (!raw) return {};
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw);
    } catch {
      return { _raw: raw };
    }
  }
  const body: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_FIELDS.has(key)) {
      try {
        body[key] = JSON.parse(value);
        continue;
      } catch {
        // keep the string
      }
    }
    body[key] = value;
  }
  return body;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls: FakeSlackCall[] = [];
  const failures = new Map<string, FakeSlackFailure[]>();
  const completedRuns = new Set<string>();
  const usergroups = new Map(Object.entries(options.usergroups ?? {}));
  const userTz = new Map(Object.entries(options.userTz ?? {}));
  const users = new Map(Object.entries(options.users ?? {}));
  const invalidTokens = new Set(options.invalidTokens ?? []);
  const revokedTokens = new Set<string>();
  const views = new Map<string, { hash: string; view: Json }>();
  const homeViews = new Map<string, string>();
  const conversations = new Map<string, FakeSlackMessage[]>();
  const holds: {
    method: string;
    predicate: (call: FakeSlackCall) => boolean;
    hold: (call: FakeSlackCall) => Promise<void>;
    before: boolean;
  }[] = [];
  const waiters = new Set<() => void>();
  let counter = 0;
  let origin = '';
  const identity = {
    botId: 'B0FAKEBOT',
    botUserId: 'U0FAKEBOT',
    teamId: 'T0FAKE',
    team: 'Fake Workspace',
    url: 'https://fake-workspace.slack.com/',
    ...options.identity,
  };

  const next = () => {
    counter += 1;
    return counter;
  };
  const nextTs = () => `${1_700_000_000 + next()}.${String(counter).padStart(6, '0')}`;

  function storeView(id: string, view: Json): Json {
    const hash = `${Date.now()}.h${next()}`;
    const full = { ...view, id, hash, team_id: identity.teamId, app_id: 'A0FAKE', bot_id: identity.botId };
    views.set(id, { hash, view: full });
    return full;
  }

  const flag = (value: unknown) => value === true || value === 'true' || value === 1 || value === '1';
  const stored = (channel: string) => {
    const list = conversations.get(channel) ?? [];
    conversations.set(channel, list);
    return list;
  };
  /** Slack hands metadata back only when asked (include_all_metadata). */
  const shown = (message: FakeSlackMessage, withMetadata: boolean): FakeSlackMessage => {
    if (withMetadata) return { ...message };
    const { metadata: _hidden, ...rest } = message;
    return rest;
  };
  /** Cursor pagination over a list: the cursor is the offset, as an opaque string. */
  function page(list: FakeSlackMessage[], body: Json, withMetadata: boolean): Json {
    const offset = Number(body.cursor ?? 0) || 0;
    const limit = Math.min(Math.max(Number(body.limit ?? 100) || 100, 1), 999);
    const slice = list.slice(offset, offset + limit).map((m) => shown(m, withMetadata));
    const more = offset + limit < list.length;
    return {
      ok: true,
      messages: slice,
      has_more: more,
      response_metadata: { next_cursor: more ? String(offset + limit) : '' },
    };
  }

  function answer(method: string, body: Json): Json {
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: identity.url,
          team: identity.team,
          user: 'telegent-ops',
          team_id: identity.teamId,
          user_id: identity.botUserId,
          bot_id: identity.botId,
          is_enterprise_install: false,
        };
      case 'apps.connections.open':
        return {
          ok: true,
          url: options.socketModeUrl?.() ?? `${origin.replace('http', 'ws')}/socket-mode/${next()}`,
        };
      case 'chat.postMessage': {
        const ts = nextTs();
        const channel = String(body.channel ?? '');
        const metadata =
          body.metadata && typeof body.metadata === 'object' && body.metadata.event_type
            ? {
                event_type: String(body.metadata.event_type),
                event_payload: body.metadata.event_payload ?? {},
              }
            : undefined;
        stored(channel).push({
          type: 'message',
          ts,
          ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
          text: body.text,
          blocks: body.blocks,
          ...(metadata ? { metadata } : {}),
          bot_id: identity.botId,
          user: identity.botUserId,
        });
        return {
          ok: true,
          channel,
          ts,
          message: {
            type: 'message',
            text: body.text,
            blocks: body.blocks,
            ts,
            bot_id: identity.botId,
            user: identity.botUserId,
            thread_ts: body.thread_ts,
          },
        };
      }
      case 'chat.update': {
        const message = stored(String(body.channel ?? '')).find((m) => m.ts === String(body.ts ?? ''));
        if (message) {
          if (body.text !== undefined) message.text = body.text;
          if (body.blocks !== undefined) message.blocks = body.blocks;
          if (body.metadata?.event_type) message.metadata = body.metadata;
        }
        return {
          ok: true,
          channel: body.channel,
          ts: body.ts,
          text: body.text,
          message: { text: body.text, blocks: body.blocks },
        };
      }
      case 'conversations.history': {
        // Top-level messages (and thread parents), newest first, between oldest and latest.
        const oldest = Number(body.oldest ?? 0);
        const latest = body.latest ? Number(body.latest) : Number.POSITIVE_INFINITY;
        const top = stored(String(body.channel ?? ''))
          .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
          .filter((m) => Number(m.ts) > oldest && Number(m.ts) <= latest)
          .reverse();
        return page(top, body, flag(body.include_all_metadata));
      }
      case 'conversations.replies': {
        // The parent first, then its replies oldest first; a thread nobody posted in is not found.
        const ts = String(body.ts ?? '');
        const thread = stored(String(body.channel ?? '')).filter((m) => m.ts === ts || m.thread_ts === ts);
        if (thread.length === 0) return { ok: false, error: 'thread_not_found' };
        return page(thread, body, flag(body.include_all_metadata));
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: body.channel,
          permalink: `${identity.url}archives/${body.channel}/p${String(body.message_ts ?? '').replace('.', '')}`,
        };
      case 'views.open':
      case 'views.push':
        if (!body.trigger_id && !body.interactivity_pointer) return { ok: false, error: 'invalid_arguments' };
        return { ok: true, view: storeView(`V${String(next()).padStart(8, '0')}`, body.view ?? {}) };
      case 'views.update': {
        const id = String(body.view_id ?? body.external_id ?? '');
        if (!id) return { ok: false, error: 'invalid_arguments' };
        const known = views.get(id);
        if (known && body.hash && body.hash !== known.hash) return { ok: false, error: 'hash_conflict' };
        return { ok: true, view: storeView(id, body.view ?? {}) };
      }
      case 'views.publish': {
        const user = String(body.user_id ?? '');
        const id = homeViews.get(user) ?? `VH${String(next()).padStart(7, '0')}`;
        homeViews.set(user, id);
        return { ok: true, view: storeView(id, body.view ?? {}) };
      }
      case 'usergroups.users.list': {
        const members = usergroups.get(String(body.usergroup ?? ''));
        return members ? { ok: true, users: [...members] } : { ok: false, error: 'no_such_subteam' };
      }
      case 'users.info': {
        const id = String(body.user ?? '');
        const tz = userTz.get(id) ?? options.defaultTz ?? 'UTC';
        return {
          ok: true,
          user: {
            id,
            team_id: identity.teamId,
            name: id.toLowerCase(),
            real_name: `User ${id}`,
            tz,
            tz_label: tz,
            tz_offset: 0,
            is_bot: false,
            deleted: false,
            ...users.get(id),
          },
        };
      }
      // A Workflow Builder step's outcome (Bolt's complete / fail).
      // A run completes once: Slack refuses a second completion of it.
      case 'functions.completeSuccess':
      case 'functions.completeError': {
        const run = body.function_execution_id;
        if (!run) return { ok: false, error: 'invalid_arguments' };
        if (completedRuns.has(run)) return { ok: false, error: 'execution_not_in_running_state' };
        completedRuns.add(run);
        return { ok: true };
      }
      case 'conversations.open': {
        const users = String(body.users ?? '');
        return { ok: true, channel: { id: `D${users.split(',')[0]}` } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  function record(call: FakeSlackCall): void {
    calls.push(call);
    for (const wake of [...waiters]) wake();
  }

  function send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const body = decodeBody(raw, req.headers['content-type']);

    if (path.startsWith('/response/')) {
      const response = { ok: true };
      record({
        method: 'response_url',
        body,
        token: undefined,
        path: path.slice('/response/'.length),
        status: 200,
        response,
      });
      send(res, 200, response);
      return;
    }
    if (!path.startsWith('/api/')) {
      send(res, 404, { ok: false, error: 'not_found' });
      return;
    }

    const method = path.slice('/api/'.length);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ')
      ? auth.slice('Bearer '.length)
      : (body.token as string | undefined);
    const arriving = holds.findIndex(
      (h) => h.before && h.method === method && h.predicate({ method, body, token, status: 0, response: {} }),
    );
    if (arriving >= 0) {
      const [{ hold }] = holds.splice(arriving, 1) as [(typeof holds)[number]];
      await hold({ method, body, token, status: 0, response: {} });
    }
    const failure = failures.get(method)?.shift();

    let status = 200;
    let response: Json;
    let headers: Record<string, string> = {};
    if (failure && 'acceptedThenStatus' in failure) {
      answer(method, body);
      status = failure.acceptedThenStatus;
      response = { ok: false, error: 'fake_http_error' };
    } else if (failure && 'error' in failure) {
      response = { ok: false, error: failure.error };
    } else if (failure) {
      status = failure.status;
      response = { ok: false, error: status === 429 ? 'ratelimited' : 'fake_http_error' };
      if ('retryAfter' in failure) headers = { 'retry-after': String(failure.retryAfter) };
    } else if (!token) {
      response = { ok: false, error: 'not_authed' };
    } else if (revokedTokens.has(token)) {
      response = { ok: false, error: 'token_revoked' };
    } else if (invalidTokens.has(token)) {
      response = { ok: false, error: 'invalid_auth' };
    } else if (method === 'apps.connections.open' && !token.startsWith('xapp-')) {
      response = { ok: false, error: 'not_allowed_token_type' };
    } else if (method !== 'apps.connections.open' && token.startsWith('xapp-')) {
      response = { ok: false, error: 'not_allowed_token_type' };
    } else {
      response = answer(method, body);
    }
    const call: FakeSlackCall = { method, body, token, status, response };
    record(call);
    const held = holds.findIndex((h) => !h.before && h.method === method && h.predicate(call));
    if (held >= 0) {
      const [{ hold }] = holds.splice(held, 1) as [(typeof holds)[number]];
      await hold(call);
    }
    if (res.destroyed || res.socket?.destroyed) return;
    send(res, status, response, headers);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/api/`,
    origin,
    calls,
    callsTo: (method) => calls.filter((call) => call.method === method),
    waitFor(method, predicate = () => true, timeoutMs = 5_000) {
      const find = () => calls.find((call) => call.method === method && predicate(call));
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const wake = () => {
          const call = find();
          if (!call) return;
          cleanup();
          resolve(call);
        };
        const timer = setTimeout(() => {
          cleanup();
          const seen = calls.map((call) => call.method).join(', ') || 'none';
          reject(
            new Error(
              `fake Slack: no matching ${method} call within ${timeoutMs} ms (calls so far: ${seen})`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
      });
    },
    revokeToken(token) {
      revokedTokens.add(token);
    },
    failNext(method, failure) {
      const queue = failures.get(method) ?? [];
      queue.push(failure);
      failures.set(method, queue);
    },
    holdNext(method, predicate, hold, options = {}) {
      holds.push({ method, predicate, hold, before: options.before ?? false });
    },
    messagesIn: (channel) => [...(conversations.get(channel) ?? [])],
    responseUrl: (key = `r${next()}`) => `${origin}/response/${key}`,
    setUsergroupMembers: (usergroupId, userIds) => {
      usergroups.set(usergroupId, userIds);
    },
    setUserTz: (userId, tz) => {
      userTz.set(userId, tz);
    },
    setUser: (userId, fields) => {
      users.set(userId, fields);
    },
    allBodiesText: () => calls.map((call) => JSON.stringify(call.body)).join('\n'),
    reset() {
      calls.length = 0;
      failures.clear();
      holds.length = 0;
      conversations.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

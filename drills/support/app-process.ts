/**
 * The REAL app (`node dist/main.js` when the build is current, else `node --import tsx src/main.ts`) as a child
 * process, for drills and first-run tests.
 *
 * - `startAppProcess({ env })` spawns it with exactly `env` (plus PATH/HOME unless `bareEnv`), waits until
 *   `GET /healthz` answers 200 (or the process exits: then it throws with the process's stderr).
 * - Every stdout/stderr line is kept (`lines`, JSON logs for leak scans; `errorLines()` = level ≥ 50).
 * - `stop()` sends SIGTERM and waits for the exit; `kill()` sends SIGKILL (crash drills).
 *
 * Use `httpAppEnv(...)` to build the usual HTTP-mode environment (fake Slack, sandbox, store).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiledBuildIsCurrent } from './compiled-build.js';

/** The repository root (where package.json and src/main.ts live). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AppLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** The parsed JSON log line, when the line is one. */
  json?: Record<string, unknown>;
}

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AppProcess {
  /** Label for reports ("A", "B", …). */
  name: string;
  pid: number;
  /** The PORT it serves (`/slack/events`, `/healthz`, `/readyz`, `/metrics`). */
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  child: ChildProcess;
  /** Every line printed so far, both streams, in arrival order. */
  lines: AppLine[];
  /** Lines whose pino level is error (50) or fatal (60), plus stderr lines that are not JSON. */
  errorLines(): AppLine[];
  /** Text of all lines, for `includes` checks. */
  text(): string;
  /** Set once the process has exited. */
  exited: AppExit | undefined;
  /** Resolves on exit. */
  exit: Promise<AppExit>;
  /** SIGTERM, then wait up to `timeoutMs` (default 10 s; then SIGKILL). Resolves with the exit. */
  stop(timeoutMs?: number): Promise<AppExit>;
  /** SIGKILL, wait for the exit. */
  kill(): Promise<AppExit>;
}

export interface StartAppOptions {
  /** The app's environment (PORT included; `httpAppEnv` builds one). PATH and HOME are added unless `bareEnv`. */
  env: Record<string, string | undefined>;
  name?: string;
  /** Default REPO_ROOT. */
  cwd?: string;
  /** Give up waiting for /healthz after this (default 30 s: PGlite's first open alone is ~4 s). */
  readyTimeoutMs?: number;
  /** false → don't wait for /healthz (e.g. processes expected to refuse to start). Default true. */
  waitReady?: boolean;
  /** Echo the child's lines to this process's stderr, prefixed with the name (debugging). */
  echo?: boolean;
  /**
   * true: the compiled build (`node dist/main.js`, after `npm run build`); false: `tsx src/main.ts` (as `npm start`
   * runs it); unset: the build when it is current, else tsx.
   */
  compiled?: boolean;
}

/** A TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a start runs `dist/main.js`: when asked to, or when the build is current (test/support/build-once.ts
 * builds it before `npm test`; CI builds it too). The drills start the app dozens of times, and tsx compiling
 * src/ on every start costs them more than half their time. A stale build (src/ edited since) is never run:
 * the start goes through tsx. DRILL_APP=tsx forces tsx.
 */
function runsCompiled(options: { compiled?: boolean; cwd?: string }): boolean {
  if (options.compiled !== undefined) return options.compiled;
  if (process.env.DRILL_APP === 'tsx') return false;
  const root = options.cwd ?? REPO_ROOT;
  let current = buildChecked.get(root);
  if (current === undefined) {
    current = compiledBuildIsCurrent(root);
    buildChecked.set(root, current);
  }
  return current;
}
const buildChecked = new Map<string, boolean>();

/** Spawns the app, no waiting. Prefer `startAppProcess`. */
export function spawnApp(options: StartAppOptions & { port: number }): AppProcess {
  const name = options.name ?? 'app';
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  for (const [key, value] of Object.entries(options.env)) if (value !== undefined) env[key] = value;
  const args = runsCompiled(options) ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: AppLine[] = [];
  const collect = (stream: 'stdout' | 'stderr') => {
    let rest = '';
    child[stream]!.setEncoding('utf8');
    child[stream]!.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const text of parts) {
        if (!text) continue;
        lines.push({ stream, text, json: parseJson(text) });
        if (options.echo) process.stderr.write(`[${name}] ${text}\n`);
      }
    });
    child[stream]!.on('end', () => {
      if (rest) lines.push({ stream, text: rest, json: parseJson(rest) });
      rest = '';
    });
  };
  collect('stdout');
  collect('stderr');

  let exited: AppExit | undefined;
  const exit = new Promise<AppExit>((resolve) => {
    child.once('exit', (code, signal) => {
      // Let the pipes drain so the last lines are kept.
      setTimeout(() => {
        exited = { code, signal };
        resolve(exited);
      }, 50);
    });
  });

  const app: AppProcess = {
    name,
    pid: child.pid ?? -1,
    port: options.port,
    url: `http://127.0.0.1:${options.port}`,
    child,
    lines,
    errorLines: () =>
      lines.filter((l) =>
        l.json ? Number(l.json.level) >= 50 : l.stream === 'stderr' && l.text.trim() !== '',
      ),
    text: () => lines.map((l) => l.text).join('\n'),
    get exited() {
      return exited;
    },
    exit,
    async stop(timeoutMs = 10_000) {
      if (exited) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const result = await exit;
      clearTimeout(timer);
      return result;
    },
    async kill() {
      if (exited) return exited;
      child.kill('SIGKILL');
      return exit;
    },
  };
  return app;
}

/** GET `url` → status, or 0 when nothing answers. */
export async function httpStatus(url: string, timeoutMs = 2_000): Promise<number> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

/**
 * Starts the app and waits until `/healthz` answers 200. PORT is taken from `env.PORT`, or a free one is
 * picked and set. Throws (after killing the child) when it exits first or is not up in time.
 */
export async function startAppProcess(options: StartAppOptions): Promise<AppProcess> {
  const port = options.env.PORT ? Number(options.env.PORT) : await freePort();
  const app = spawnApp({ ...options, env: { ...options.env, PORT: String(port) }, port });
  if (options.waitReady === false) return app;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (app.exited) {
      throw new Error(
        `app ${app.name} exited (${app.exited.code ?? app.exited.signal}) before /healthz answered:\n${app.text().slice(-2_000)}`,
      );
    }
    if ((await httpStatus(`${app.url}/healthz`, 1_000)) === 200) return app;
    await new Promise((r) => setTimeout(r, 100));
  }
  await app.kill();
  throw new Error(`app ${app.name} did not answer /healthz within ${options.readyTimeoutMs ?? 30_000} ms`);
}

export interface HttpAppEnvOptions {
  signingSecret: string;
  botToken: string;
  /** Fake Slack Web API base (ends in /api/). */
  slackApiUrl: string;
  /** A standalone sandbox (or a proxy in front of it): the app runs in "live" mode against it. */
  telegent: { url: string; accountKey: string; accountSecret: string };
  /** Postgres server (with a shared encryption key, base64 32 bytes) or an embedded PGlite DATA_DIR. */
  store: { databaseUrl: string; encryptionKey: string } | { dataDir: string };
  approverUserIds?: string[];
  approvalsChannelId?: string;
  /** Anything else (ORDER_POLL_MIN_SECONDS, LOG_LEVEL, …); wins over the defaults. */
  extra?: Record<string, string | undefined>;
}

/**
 * HTTP-mode environment: signed requests at /slack/events, Web API calls to the fake Slack, Telegent at
 * the given URL, a generous Telegent rate limit (drills measure correctness, not the limiter), the poller
 * on its default minute tick, debug logs (so leak scans see the most).
 */
export function httpAppEnv(options: HttpAppEnvOptions): Record<string, string | undefined> {
  return {
    SLACK_BOT_TOKEN: options.botToken,
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: options.slackApiUrl,
    TELEGENT_BASE_URL: options.telegent.url,
    TELEGENT_ACCOUNT_KEY: options.telegent.accountKey,
    TELEGENT_ACCOUNT_SECRET: options.telegent.accountSecret,
    TELEGENT_RATE_LIMIT_PER_MINUTE: '6000',
    ...('databaseUrl' in options.store
      ? { DATABASE_URL: options.store.databaseUrl, ENCRYPTION_KEY: options.store.encryptionKey }
      : { DATA_DIR: options.store.dataDir }),
    APPROVER_USER_IDS: options.approverUserIds?.join(','),
    APPROVALS_CHANNEL_ID: options.approvalsChannelId,
    LOG_LEVEL: 'debug',
    ...options.extra,
  };
}

/**
 * Everything a drill runs against, started and closed together:
 *   fake Slack (records every call) + standalone Telegent sandbox (behind a token-recording proxy)
 *   + a store (a fresh database on the Postgres server, or a temp PGlite DATA_DIR) + app processes.
 *
 *   const world = await startDrillWorld({ store: 'server' });      // or 'embedded'
 *   const a = await world.startApp('A');                             // real `node src/main.ts` in HTTP mode
 *   await world.slack(a).answer('help', REQUESTER, CHANNEL);
 *   …; await world.close();                                          // stops apps, drops the database
 *
 * `startApp` may be called again after `app.kill()` (crash drills): every process ever started stays in
 * `world.apps`, so `logLines()` and the leak scan cover them all.
 */
import { randomBytes } from 'node:crypto';
import { type FakeSlack, type FakeSlackOptions, startFakeSlack } from '../../test/support/fake-slack.js';
import { type AppProcess, httpAppEnv, startAppProcess } from './app-process.js';
import { createDrillDatabase, createTempDataDir, type DrillDatabase, serverDatabaseUrl } from './database.js';
import { recordLeakScan, type Secret, scanForLeaks } from './leak-scan.js';
import type { DrillRecorder } from './report.js';
import { type SlackDriver, slackDriver } from './slack-driver.js';
import { type DrillSandbox, startDrillSandbox } from './telegent-sandbox.js';

export const REQUESTER = 'U0REQUESTER1';
export const CHANNEL = 'C0SUPPORT001';
export const APPROVALS_CHANNEL = 'C0APPROVALS1';
/** Not an approver, not the requester. */
export const STRANGER = 'U0STRANGER01';

/** `n` distinct approver user ids (U0APPR0001, …). */
export const approverIds = (n: number) =>
  Array.from({ length: n }, (_, i) => `U0APPR${String(i + 1).padStart(4, '0')}`);

export interface DrillWorldOptions {
  /** 'server' needs DATABASE_URL or TEST_DATABASE_URL (check `serverDatabaseUrl()` first). */
  store: 'server' | 'embedded';
  /** Default: 4 approvers from `approverIds`. */
  approvers?: string[];
  /** Extra env for every app process (ORDER_POLL_MIN_SECONDS, …). */
  appEnv?: Record<string, string | undefined>;
  sandbox?: Parameters<typeof startDrillSandbox>[0];
  fakeSlack?: FakeSlackOptions;
  /** Echo app lines to stderr. */
  echo?: boolean;
  /**
   * How long an app may take to answer /healthz (default 30 s). A fresh PGlite store runs initdb in the first
   * app process: on a two-core machine under the suite's load that alone has taken 25–30 s.
   */
  readyTimeoutMs?: number;
}

export interface DrillWorld {
  fake: FakeSlack;
  telegent: DrillSandbox;
  signingSecret: string;
  botToken: string;
  approvers: string[];
  /** Set for store 'server'. */
  database?: DrillDatabase;
  /** Set for store 'embedded'. */
  dataDir?: string;
  /** Every app process started so far (running or not). */
  apps: AppProcess[];
  /** Starts one more app process on the shared store and waits for /healthz. */
  startApp(name: string, env?: Record<string, string | undefined>): Promise<AppProcess>;
  /** The environment `startApp` uses. */
  appEnv(extra?: Record<string, string | undefined>): Record<string, string | undefined>;
  slack(app: AppProcess): SlackDriver;
  /** Every line of every app process, labelled by process name. */
  logLines(): { source: string; text: string }[];
  /** Error/fatal log lines (and non-JSON stderr) of every app process. */
  errorLines(): { source: string; text: string }[];
  /** Secrets every drill has: Slack bot token and signing secret, Telegent account secret and tokens, encryption key. */
  baseSecrets(): Secret[];
  /** Scans every app log line and Slack call body for `secrets` (default: the base ones) into `recorder`. */
  recordLeakScan(recorder: DrillRecorder, secrets?: Secret[]): void;
  /**
   * Fails the drill for every unhandled promise rejection an app process logged, quoting each line (its
   * message and stack), so a rejection seen once can be traced instead of only counted.
   */
  recordUnhandledRejections(recorder: DrillRecorder): void;
  close(): Promise<void>;
}

export async function startDrillWorld(options: DrillWorldOptions): Promise<DrillWorld> {
  const signingSecret = `drill-signing-${randomBytes(12).toString('hex')}`;
  const botToken = `xoxb-drill-${randomBytes(12).toString('hex')}`;
  const approvers = options.approvers ?? approverIds(4);
  const fake = await startFakeSlack(options.fakeSlack);
  const telegent = await startDrillSandbox(options.sandbox);
  let database: DrillDatabase | undefined;
  let temp: ReturnType<typeof createTempDataDir> | undefined;
  if (options.store === 'server') {
    const server = serverDatabaseUrl();
    if (!server) throw new Error('store "server" needs DATABASE_URL or TEST_DATABASE_URL');
    database = await createDrillDatabase(server);
  } else {
    temp = createTempDataDir();
  }
  const apps: AppProcess[] = [];

  const appEnv = (extra: Record<string, string | undefined> = {}) =>
    httpAppEnv({
      signingSecret,
      botToken,
      slackApiUrl: fake.url,
      telegent,
      store: database
        ? { databaseUrl: database.url, encryptionKey: database.encryptionKey }
        : { dataDir: temp!.dir },
      approverUserIds: approvers,
      approvalsChannelId: APPROVALS_CHANNEL,
      extra: { ...options.appEnv, ...extra },
    });

  const world: DrillWorld = {
    fake,
    telegent,
    signingSecret,
    botToken,
    approvers,
    database,
    dataDir: temp?.dir,
    apps,
    appEnv,
    async startApp(name, env) {
      const app = await startAppProcess({
        name,
        env: appEnv(env),
        echo: options.echo,
        ...(options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {}),
      });
      apps.push(app);
      return app;
    },
    slack: (app) => slackDriver({ fake, appUrl: app.url, signingSecret }),
    logLines: () => apps.flatMap((a) => a.lines.map((l) => ({ source: a.name, text: l.text }))),
    errorLines: () => apps.flatMap((a) => a.errorLines().map((l) => ({ source: a.name, text: l.text }))),
    baseSecrets: () => [
      { label: 'Slack bot token', value: botToken },
      { label: 'Slack signing secret', value: signingSecret },
      { label: 'Telegent account secret', value: telegent.accountSecret },
      ...(database ? [{ label: 'ENCRYPTION_KEY', value: database.encryptionKey }] : []),
      ...[...telegent.tokens].map((value, i) => ({ label: `Telegent token #${i + 1}`, value })),
    ],
    recordLeakScan(recorder, secrets) {
      recordLeakScan(
        recorder,
        scanForLeaks({
          secrets: secrets ?? this.baseSecrets(),
          logLines: this.logLines(),
          slackCalls: fake.calls,
        }),
      );
    },
    recordUnhandledRejections(recorder) {
      const unhandled = this.logLines().filter((l) =>
        /unhandled ?rejection|UnhandledPromiseRejection/i.test(l.text),
      );
      recorder.figure('unhandled promise rejections (goal 0)', unhandled.length);
      for (const line of unhandled) recorder.fail(`[${line.source}] unhandled rejection: ${line.text}`);
    },
    async close() {
      await Promise.all(apps.map((a) => a.stop()));
      await telegent.close();
      await fake.close();
      await database?.drop();
      temp?.remove();
    },
  };
  return world;
}

// A newcomer's first run: `npm start` (the real src/main.ts through tsx, as a child process) with a clean environment.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppProcess,
  freePort,
  httpStatus,
  REPO_ROOT,
  spawnApp,
  startAppProcess,
} from '../../drills/support/app-process.js';
import { createTempDataDir } from '../../drills/support/database.js';
import { slackDriver } from '../../drills/support/slack-driver.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';

const SIGNING_SECRET = 'first-run-signing-secret';
const BOT_TOKEN = 'xoxb-first-run-token';
const STACK_LINE = /^\s{4}at /m;
/** Alone ~2–3 s; in the suite the drills' app processes share the two cores (see the first test). */
const STOP_BOUND_MS = 20_000;

// A developer's own .env in the repo would be read by main.ts and change what these tests see.
const hasDotEnv = existsSync(join(REPO_ROOT, '.env'));

describe.skipIf(hasDotEnv)('first run of npm start (skipped when the repo has a .env)', () => {
  const dataDir = createTempDataDir('telegent-first-run-');
  let fake: FakeSlack;
  let app: AppProcess | undefined;

  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await app?.stop();
    await fake.close();
    dataDir.remove();
  });

  // Alone, a cold `npm start` without tokens stops in 2–3 s. Inside the suite it shares two cores with the
  // drills' app processes, so the bounds here are what "within seconds" means under that load.
  it('without Slack tokens it stops within seconds and says what to set, without a stack trace', async () => {
    const started = Date.now();
    const bare = spawnApp({ name: 'no-tokens', compiled: false, env: { DATA_DIR: dataDir.dir }, port: 0 });
    const exit = await Promise.race([
      bare.exit,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), STOP_BOUND_MS)),
    ]);
    if (!exit) await bare.kill();
    expect(exit, `still running after ${STOP_BOUND_MS / 1000} s`).toBeDefined();
    expect(Date.now() - started).toBeLessThan(STOP_BOUND_MS);
    expect(exit!.code).not.toBe(0);
    const stderr = bare.lines
      .filter((l) => l.stream === 'stderr')
      .map((l) => l.text)
      .join('\n');
    expect(stderr).toContain('SLACK_BOT_TOKEN');
    expect(stderr).toContain('SLACK_APP_TOKEN');
    expect(stderr).toContain('manifest.yml');
    expect(bare.text()).not.toMatch(STACK_LINE);
  });

  it('with a bot token and signing secret it comes up on the embedded store and sandbox and answers /telegent help', async () => {
    app = await startAppProcess({
      name: 'first-run',
      compiled: false,
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        DATA_DIR: dataDir.dir,
        SANDBOX_PORT: String(await freePort()),
      },
      readyTimeoutMs: 40_000,
    });
    expect(await httpStatus(`${app.url}/healthz`)).toBe(200);
    await expect.poll(() => httpStatus(`${app!.url}/readyz`), { timeout: 10_000 }).toBe(200);
    const text = app.text();
    expect(text).toMatch(/embedded/);
    expect(text).toMatch(/SANDBOX/);

    const slack = slackDriver({ fake, appUrl: app.url, signingSecret: SIGNING_SECRET });
    const help = await slack.answer('help', 'U0NEWCOMER1', 'C0NEWCOMER1');
    expect(help.response_type).toBe('ephemeral');
    expect(JSON.stringify(help.blocks)).toContain('/telegent provision');
  }, 90_000);

  it('a second process on the same DATA_DIR is refused with a clear message', async () => {
    expect(app?.exited).toBeUndefined();
    const second = spawnApp({
      name: 'second',
      compiled: false,
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        DATA_DIR: dataDir.dir,
        SANDBOX_PORT: '0',
        PORT: String(await freePort()),
      },
      port: 0,
    });
    const exit = await Promise.race([
      second.exit,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 15_000)),
    ]);
    if (!exit) await second.kill();
    expect(exit?.code).toBe(1);
    const stderr = second.lines
      .filter((l) => l.stream === 'stderr')
      .map((l) => l.text)
      .join('\n');
    expect(stderr).toMatch(/in use by another Telegent Ops process/);
    expect(stderr).toContain(dataDir.dir);
    expect(second.text()).not.toMatch(STACK_LINE);
    // The first one is unaffected.
    expect(await httpStatus(`${app!.url}/healthz`)).toBe(200);
  });

  it('SIGTERM stops it cleanly (exit 0) within seconds', async () => {
    const started = Date.now();
    const exit = await app!.stop(25_000);
    expect(exit.code).toBe(0);
    expect(Date.now() - started).toBeLessThan(STOP_BOUND_MS);
    expect(app!.text()).toMatch(/stopped cleanly/);
  });

  it('CUSTOMER_NOTICE_FROM that is not a number of the account stops start-up with a sentence saying what to set', async () => {
    // The first process has stopped: its DATA_DIR is free and already made (a fresh one costs an initdb).
    expect(app?.exited).toBeDefined();
    const refused = spawnApp({
      name: 'notice-sender',
      compiled: false,
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: fake.url,
        DATA_DIR: dataDir.dir,
        SANDBOX_PORT: String(await freePort()),
        PORT: String(await freePort()),
        CUSTOMER_NOTICE_FROM: '+18015559876',
        CUSTOMER_NOTICE_COMPANY: 'Acme Mobile',
      },
      port: 0,
    });
    const exit = await Promise.race([
      refused.exit,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 40_000)),
    ]);
    if (!exit) await refused.kill();
    expect(exit?.code).toBe(1);
    const stderr = refused.lines
      .filter((l) => l.stream === 'stderr')
      .map((l) => l.text)
      .join('\n');
    expect(stderr).toContain(
      'CUSTOMER_NOTICE_FROM: +18015559876 is not a number of your Telegent account: set one of your messaging-enabled numbers, or leave it empty to text nobody.',
    );
    expect(refused.text()).not.toMatch(STACK_LINE);
  }, 60_000);
});

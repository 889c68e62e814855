// CUSTOMER_NOTICE_FROM is checked when the real process starts (src/main.ts as a child process): a number that
// is not on the account stops start-up with one sentence, like the other start-up errors.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, REPO_ROOT, spawnApp } from '../../drills/support/app-process.js';
import { createTempDataDir } from '../../drills/support/database.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';

const STACK_LINE = /^\s{4}at /m;
const hasDotEnv = existsSync(join(REPO_ROOT, '.env'));

describe.skipIf(hasDotEnv)('CUSTOMER_NOTICE_FROM at start (skipped when the repo has a .env)', () => {
  const dataDir = createTempDataDir('telegent-notice-sender-');
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
    dataDir.remove();
  });

  it('a number that is not on the account stops start-up with a sentence saying what to set', async () => {
    const app = spawnApp({
      name: 'notice-sender',
      env: {
        SLACK_BOT_TOKEN: 'xoxb-notice-sender-token',
        SLACK_SIGNING_SECRET: 'notice-sender-signing-secret',
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
      app.exit,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 40_000)),
    ]);
    if (!exit) await app.kill();
    expect(exit?.code).toBe(1);
    const stderr = app.lines
      .filter((l) => l.stream === 'stderr')
      .map((l) => l.text)
      .join('\n');
    expect(stderr).toContain(
      'CUSTOMER_NOTICE_FROM: +18015559876 is not a number of your Telegent account: set one of your messaging-enabled numbers, or leave it empty to text nobody.',
    );
    expect(app.text()).not.toMatch(STACK_LINE);
  }, 60_000);
});

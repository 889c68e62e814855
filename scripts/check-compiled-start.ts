/**
 * CI step after `npm run build`: the compiled app (`node dist/main.js`, no tsx) starts on the embedded store
 * and sandbox against a fake Slack, answers /readyz, and answers a signed `/telegent help`. Exits non-zero
 * with what went wrong otherwise.
 *
 *   npm run build && npx tsx scripts/check-compiled-start.ts
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpStatus, REPO_ROOT, startAppProcess } from '../drills/support/app-process.js';
import { slackDriver } from '../drills/support/slack-driver.js';
import { startFakeSlack } from '../test/support/fake-slack.js';

const SIGNING_SECRET = 'compiled-start-signing-secret';
const BOT_TOKEN = 'xoxb-compiled-start-token';

if (!existsSync(join(REPO_ROOT, 'dist', 'main.js'))) {
  console.error('check-compiled-start: dist/main.js is missing: run `npm run build` first');
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'telegent-compiled-'));
const fake = await startFakeSlack();
const started = Date.now();
let failed = false;
const app = await startAppProcess({
  name: 'compiled',
  compiled: true,
  env: {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    DATA_DIR: dataDir,
    SANDBOX_PORT: String(await freePort()),
  },
  readyTimeoutMs: 60_000,
});
try {
  for (let i = 0; i < 300 && (await httpStatus(`${app.url}/readyz`)) !== 200; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const ready = await httpStatus(`${app.url}/readyz`);
  const readyMs = Date.now() - started;
  const slack = slackDriver({ fake, appUrl: app.url, signingSecret: SIGNING_SECRET });
  const help = await slack.answer('help', 'U0COMPILED1', 'C0COMPILED1');
  const answered = JSON.stringify(help.blocks ?? []).includes('/telegent provision');
  console.log(
    `check-compiled-start: /readyz ${ready} after ${readyMs} ms; /telegent help answered: ${answered}`,
  );
  if (ready !== 200 || !answered) {
    failed = true;
    console.error(`check-compiled-start: FAILED\n${app.text().slice(-3_000)}`);
  }
} finally {
  const exit = await app.stop();
  if (exit.code !== 0) {
    failed = true;
    console.error(`check-compiled-start: SIGTERM exit ${exit.code ?? exit.signal}`);
  }
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

// Footprint: cold start to /readyz and idle RSS (the whole process tree, 10 s after ready) of Telegent Ops
// started four ways, beside a bare Bolt app started the same way, in one run (the machines are noisy: the
// ratios are what to compare). Fake Slack, embedded Telegent sandbox. Needs `npm run build` first (dist/).
// Goals: compiled + Postgres server ≤ 2× the bare Bolt app's RSS and ≤ 1 s to ready; embedded restart
// ≤ 400 MiB and ≤ 2 s. The server row is production's shape: Telegent is elsewhere (a sandbox in this
// bench's process, reached over HTTP with TELEGENT_ACCOUNT_KEY set), so the app runs no sandbox of its own.
// `--before <dir>`: <dir> holds an earlier build (its dist/ and node_modules): its rows are measured in the
// same run, for before/after figures (e.g. `git worktree add /tmp/before <commit>`, link node_modules,
// `npm run build` there).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, httpStatus, REPO_ROOT } from '../drills/support/app-process.js';
import { createDrillDatabase, serverDatabaseUrl } from '../drills/support/database.js';
import { startSandbox } from '../src/sandbox/server.js';
import { startFakeSlack } from '../test/support/fake-slack.js';

const IDLE_MS = 10_000;
const MIB = 1024 * 1024;

interface Measured {
  mode: string;
  readyMs: number;
  rssMiB: number;
  largestMiB: number;
  processes: number;
}

/** RSS of a process and all its descendants (ps), in bytes, and the largest one. */
function treeRss(root: number): { total: number; largest: number; count: number } {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kb]) => [pid, kb * 1024]));
  const tree: number[] = [];
  const walk = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  const sizes = tree.map((pid) => rss.get(pid) ?? 0);
  return { total: sizes.reduce((a, b) => a + b, 0), largest: Math.max(...sizes), count: tree.length };
}

async function measure(
  mode: string,
  command: string[],
  env: Record<string, string>,
  cwd = REPO_ROOT,
): Promise<Measured> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(port) },
    stdio: 'ignore',
  });
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  let readyMs = Number.NaN;
  for (let i = 0; i < 1_200 && !exited; i++) {
    if ((await httpStatus(`http://127.0.0.1:${port}/readyz`, 500)) === 200) {
      readyMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  if (Number.isNaN(readyMs)) {
    child.kill('SIGKILL');
    throw new Error(`${mode}: never ready`);
  }
  await new Promise((r) => setTimeout(r, IDLE_MS));
  const rss = treeRss(child.pid!);
  child.kill('SIGTERM');
  await new Promise<void>((resolve) => (exited ? resolve() : child.once('exit', () => resolve())));
  return { mode, readyMs, rssMiB: rss.total / MIB, largestMiB: rss.largest / MIB, processes: rss.count };
}

if (!existsSync(join(REPO_ROOT, 'dist', 'main.js'))) {
  console.error('bench/footprint: run `npm run build` first (dist/main.js is missing)');
  process.exit(1);
}
const fake = await startFakeSlack();
const slackEnv = {
  SLACK_BOT_TOKEN: 'xoxb-footprint',
  SLACK_SIGNING_SECRET: 'footprint-secret',
  SLACK_API_URL: fake.url,
  LOG_LEVEL: 'warn',
};
const node = process.execPath;
const beforeFlag = process.argv.indexOf('--before');
const before = beforeFlag > 0 ? process.argv[beforeFlag + 1] : undefined;
if (before && !existsSync(join(before, 'dist', 'main.js'))) {
  console.error(`bench/footprint: --before ${before} has no dist/main.js (build it there first)`);
  process.exit(1);
}
const builds = before
  ? [
      { label: 'before: ', cwd: before },
      { label: '', cwd: REPO_ROOT },
    ]
  : [{ label: '', cwd: REPO_ROOT }];
const results: Measured[] = [];
const scratch = mkdtempSync(join(tmpdir(), 'telegent-footprint-'));
const telegent = await startSandbox({ port: 0 });
try {
  results.push(await measure('bare Bolt app (node)', [node, 'bench/support/bare-bolt-app.mjs'], slackEnv));
  const server = serverDatabaseUrl();
  for (const build of builds) {
    if (server) {
      const database = await createDrillDatabase(server);
      try {
        const env = {
          ...slackEnv,
          DATABASE_URL: database.url,
          ENCRYPTION_KEY: database.encryptionKey,
          TELEGENT_BASE_URL: telegent.url,
          TELEGENT_ACCOUNT_KEY: telegent.accountKey,
          TELEGENT_ACCOUNT_SECRET: telegent.accountSecret,
        };
        results.push(
          await measure(`${build.label}compiled + Postgres server`, [node, 'dist/main.js'], env, build.cwd),
        );
      } finally {
        await database.drop();
      }
    }
    const dataDir = join(scratch, `data-${builds.indexOf(build)}`);
    const embedded = { ...slackEnv, DATA_DIR: dataDir, SANDBOX_PORT: '0' };
    const compiled = [node, 'dist/main.js'];
    results.push(
      await measure(`${build.label}compiled + embedded, first start`, compiled, embedded, build.cwd),
    );
    results.push(await measure(`${build.label}compiled + embedded, restart`, compiled, embedded, build.cwd));
  }
  const embedded = { ...slackEnv, DATA_DIR: join(scratch, `data-${builds.length - 1}`), SANDBOX_PORT: '0' };
  results.push(await measure('npm start + embedded (tsx), restart', ['npm', 'start'], embedded));
  // The machine is shared: a second yardstick at the end shows how much the load moved during the run.
  results.push(
    await measure('bare Bolt app again (drift)', [node, 'bench/support/bare-bolt-app.mjs'], slackEnv),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
  await telegent.close();
  await fake.close();
}

const bare = results[0]!;
const pad = (text: string, n: number) => text.padEnd(n);
console.log(
  `\n${pad('mode', 44)} ${pad('to /readyz', 11)} ${pad('idle RSS (tree)', 16)} ${pad('× bare', 7)} ${pad('largest', 9)} procs`,
);
for (const r of results) {
  console.log(
    `${pad(r.mode, 44)} ${pad(`${(r.readyMs / 1000).toFixed(2)} s`, 11)} ${pad(`${r.rssMiB.toFixed(0)} MiB`, 16)} ${pad(`${(r.rssMiB / bare.rssMiB).toFixed(2)}`, 7)} ${pad(`${r.largestMiB.toFixed(0)} MiB`, 9)} ${r.processes}`,
  );
}
const compiledServer = results.find((r) => r.mode === 'compiled + Postgres server');
const restart = results.find((r) => r.mode === 'compiled + embedded, restart')!;
console.log('\ngoals:');
if (compiledServer) {
  console.log(
    `  compiled + server: RSS ${(compiledServer.rssMiB / bare.rssMiB).toFixed(2)}× bare (goal ≤ 2), ready ${(compiledServer.readyMs / 1000).toFixed(2)} s (goal ≤ 1 s)`,
  );
} else console.log('  compiled + server: not measured (set TEST_DATABASE_URL or DATABASE_URL)');
console.log(
  `  embedded restart: ${restart.rssMiB.toFixed(0)} MiB (goal ≤ 400), ready ${(restart.readyMs / 1000).toFixed(2)} s (goal ≤ 2 s)`,
);

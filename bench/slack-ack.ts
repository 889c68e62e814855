// Ack latency of /telegent status under load: 100 concurrent signed requests against Telegent Ops and
// against a bare Bolt app that only acks, in one run, with the Telegent sandbox answering in 1 s.
// Goal: Telegent Ops p99 / bare p99 ≤ 1.2 (the ack must not wait for Telegent).
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createTelegentOps } from '../src/app.js';
import { silentLogger } from '../src/log.js';
import { createMetrics } from '../src/metrics.js';
import { startSandbox } from '../src/sandbox/server.js';
import { migrate } from '../src/store/migrate.js';
import { storeOver } from '../src/store/open-store.js';
import { createPgliteDb } from '../src/store/pglite-db.js';
import { createTelegentClient } from '../src/telegent/client.js';
import { DEFAULT_JOBS } from '../test/support/app-defaults.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { createSlackRequester } from '../test/support/slack-requests.js';

const CONCURRENT = 100;
const ROUNDS = 10;
/** After a round, Telegent's 1 s answers and the replies they cause; the next round starts once they are done. */
const SETTLE_MS = 1_500;
const SIGNING_SECRET = 'bench-signing-secret';
const TOKEN = 'xoxb-bench';
const GOAL = 1.2;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

/** One round: CONCURRENT signed `/telegent status` at once; the ack times in ms. */
async function round(baseUrl: string, label: string): Promise<number[]> {
  const slack = createSlackRequester({ baseUrl, signingSecret: SIGNING_SECRET });
  const responses = await Promise.all(
    Array.from({ length: CONCURRENT }, (_, i) =>
      slack.command({ text: `status JNUOID-bench-${label}-${i}`, userId: 'U0BENCH', channelId: 'C0BENCH' }),
    ),
  );
  if (responses.some((r) => r.status !== 200)) throw new Error('a request was not acked with 200');
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return responses.map((r) => r.durationMs);
}

const fake = await startFakeSlack();
const sandbox = await startSandbox({ rateLimitPerMinute: 100_000 });
sandbox.injectFault({ kind: 'latency', latencyMs: 1_000, share: 1 });
const db = await createPgliteDb();
await migrate(db);
const store = storeOver(db, Buffer.alloc(32, 1), () => db.close());
const telegent = createTelegentClient({
  baseUrl: sandbox.url,
  accountKey: sandbox.accountKey,
  accountSecret: sandbox.accountSecret,
  rateLimitPerMinute: 100_000,
});
const identity = { botId: 'B0BENCH', botUserId: 'U0BOT' };
const ops = createTelegentOps({
  store,
  telegent,
  logger: silentLogger,
  metrics: createMetrics({ defaultMetrics: false }),
  sandbox: true,
  slack: { botToken: TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.url, port: 0, identity },
  approvals: { approverUserIds: [], requiredFor: [], allowSelfApproval: false, ttlHours: 24 },
  jobs: DEFAULT_JOBS,
  scheduleJobs: false,
});
const { port: opsPort } = await ops.start();

const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events' });
const bare = new App({
  receiver,
  token: TOKEN,
  ...identity,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: fake.url },
});
bare.command('/telegent', async ({ ack }) => {
  await ack();
});
const server = (await bare.start(0)) as unknown as import('node:http').Server;
const barePort = (server.address() as import('node:net').AddressInfo).port;

// Warm both (JIT, connections, who is asking), then measure them round by round, alternating which goes
// first: the machine is shared, and a load that comes and goes then lands on both alike. Each round is one
// burst on a settled process: without the pause, a burst's Telegent answers (1 s later) and the replies they
// post landed in whichever round ran a second later, ours or bare Bolt's, and decided the p99 by chance.
const bareUrl = `http://127.0.0.1:${barePort}`;
const opsUrl = `http://127.0.0.1:${opsPort}`;
await round(bareUrl, 'warm');
await round(opsUrl, 'warm');
const bareTimes: number[] = [];
const opsTimes: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  if (r % 2 === 0) {
    bareTimes.push(...(await round(bareUrl, String(r))));
    opsTimes.push(...(await round(opsUrl, String(r))));
  } else {
    opsTimes.push(...(await round(opsUrl, String(r))));
    bareTimes.push(...(await round(bareUrl, String(r))));
  }
}

const row = (name: string, t: number[]) =>
  console.log(
    `${name.padEnd(22)} p50 ${percentile(t, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(t, 99).toFixed(1).padStart(7)} ms`,
  );
console.log(
  `${CONCURRENT} concurrent signed /telegent status × ${ROUNDS} rounds each, alternating, Telegent sandbox latency 1 s`,
);
row('bare Bolt (ack only)', bareTimes);
row('Telegent Ops', opsTimes);
const p50Ratio = percentile(opsTimes, 50) / percentile(bareTimes, 50);
const p99Ratio = percentile(opsTimes, 99) / percentile(bareTimes, 99);
console.log(`ratio p50 ${p50Ratio.toFixed(2)}  p99 ${p99Ratio.toFixed(2)}  (goal p99 ≤ ${GOAL})`);

await bare.stop();
await ops.stop();
await telegent.close();
await sandbox.close();
await store.close();
await fake.close();
process.exitCode = p99Ratio <= GOAL ? 0 : 1;

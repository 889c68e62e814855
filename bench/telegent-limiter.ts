// Background reads through the shared rate limiter against the sandbox at a raised limit, with
// interactive calls issued during the burst. Prints throughput vs. the ceiling, 429s, and the
// interactive wait. Run: npx tsx bench/telegent-limiter.ts  (or npm run bench)
import { Keyv } from 'keyv';
import { SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../src/sandbox/seed.js';
import { startSandbox } from '../src/sandbox/server.js';
import { type CallEvent, createTelegentClient } from '../src/telegent/client.js';

const LIMIT_PER_MINUTE = 600;
const BACKGROUND_CALLS = 300;
const INTERACTIVE_EVERY_MS = 1_000;

const sb = await startSandbox({ rateLimitPerMinute: LIMIT_PER_MINUTE, speed: 1 });
const starts: number[] = [];
let tooMany = 0;
const client = createTelegentClient({
  baseUrl: sb.url,
  accountKey: sb.accountKey,
  accountSecret: sb.accountSecret,
  rateLimitPerMinute: LIMIT_PER_MINUTE,
  tokenCache: new Keyv({ throwOnErrors: true }),
  onCall: (e: CallEvent) => {
    starts.push(performance.now() - e.durationMs);
    if (e.status === 429) tooMany++;
  },
});

try {
  // Mint both tokens first (they count against the limit too, but are not part of the burst).
  await client.getNumber({ Number: SEED_NUMBERS[0] as string }, { priority: 'background' });
  await client.getSubscriber(SEED_SUBSCRIBER_IDS[0]);
  starts.length = 0;

  const began = performance.now();
  const background = Array.from({ length: BACKGROUND_CALLS }, (_, i) =>
    client.getNumber({ Number: SEED_NUMBERS[i % SEED_NUMBERS.length] as string }, { priority: 'background' }),
  );
  let backgroundDone = false;
  const allBackground = Promise.all(background).finally(() => {
    backgroundDone = true;
  });

  const interactiveWaits: number[] = [];
  const interactive: Promise<void>[] = [];
  while (!backgroundDone) {
    await new Promise((r) => setTimeout(r, INTERACTIVE_EVERY_MS));
    if (backgroundDone) break;
    const issued = performance.now();
    interactive.push(
      client.getSubscriber(SEED_SUBSCRIBER_IDS[1]).then(() => {
        interactiveWaits.push(performance.now() - issued);
      }),
    );
  }
  await allBackground;
  await Promise.all(interactive);
  const elapsedMs = performance.now() - began;

  starts.sort((a, b) => a - b);
  const span = (starts.at(-1) ?? 0) - (starts[0] ?? 0);
  const achievedPerMinute = ((starts.length - 1) / span) * 60_000;
  const sorted = [...interactiveWaits].sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? Number.NaN;
  const slotMs = 60_000 / LIMIT_PER_MINUTE;

  console.log('telegent limiter benchmark');
  console.log(
    `  requests sent during the burst     ${starts.length} (${BACKGROUND_CALLS} background + ${interactiveWaits.length} interactive) in ${(elapsedMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `  achieved throughput / ceiling      ${achievedPerMinute.toFixed(1)} / ${LIMIT_PER_MINUTE} per min = ${(achievedPerMinute / LIMIT_PER_MINUTE).toFixed(3)} (goal ≥ 0.95)`,
  );
  console.log(`  429 responses                      ${tooMany} (goal 0)`);
  console.log(
    `  interactive wait p50 / p95 / max   ${fmt(sorted[Math.floor(sorted.length / 2)])} / ${fmt(p95)} / ${fmt(sorted.at(-1))} ms (one slot = ${slotMs} ms)`,
  );
  if (achievedPerMinute / LIMIT_PER_MINUTE < 0.95 || tooMany > 0) process.exitCode = 1;
} finally {
  await client.close();
  await sb.close();
}

function fmt(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : ms.toFixed(0);
}

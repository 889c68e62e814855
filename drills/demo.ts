/**
 * `npm run demo`: the real app doing real work, narrated. Starts the app (`src/main.ts`, HTTP mode, embedded
 * PGlite in a temp dir) against a Telegent sandbox and a fake Slack workspace, sends a scripted sequence of
 * signed Slack requests (what a support team would type and click), and prints everything the bot posts.
 * Nothing is mocked inside the app: the same process `npm start` runs.
 */

import { SEED_NUMBERS } from '../src/sandbox/seed.js';
import type { FakeSlackCall } from '../test/support/fake-slack.js';
import type { AppProcess } from './support/app-process.js';
import { CHANNEL, type DrillWorld, REQUESTER, startDrillWorld } from './support/drill-world.js';
import { approve, sandboxOrderFor, submitPortIn, submitPortOut, submitProvision } from './support/flows.js';
import { sleep } from './support/wait.js';

const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;

/** The visible text of a message or view, flattened to one short paragraph. */
function visibleText(body: Record<string, unknown>): string {
  const texts: string[] = [];
  const walk = (value: unknown, key?: string) => {
    if (typeof value === 'string' && key === 'text') texts.push(value);
    else if (Array.isArray(value)) for (const v of value) walk(v);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk((body.view as Record<string, unknown>) ?? body.blocks ?? body.text);
  const text = [...new Set(texts)].join(' · ').replace(/\s+/g, ' ');
  return text.length > 260 ? `${text.slice(0, 257)}…` : text;
}

function describe(call: FakeSlackCall): string | undefined {
  switch (call.method) {
    case 'response_url':
      return `${bold('bot → you (only you see this)')}: ${visibleText(call.body)}`;
    case 'chat.postMessage':
      return `${bold(`bot → ${call.body.channel}${call.body.thread_ts ? ' (thread)' : ''}`)}: ${visibleText(call.body)}`;
    case 'chat.update':
      return `${bold(`bot edits a message in ${call.body.channel}`)}: ${visibleText(call.body)}`;
    case 'views.open':
    case 'views.update': {
      const view = call.body.view as { title?: { text?: string } };
      return `${bold(`bot ${call.method === 'views.open' ? 'opens' : 'updates'} a modal "${view.title?.text ?? ''}"`)}: ${visibleText(call.body)}`;
    }
    default:
      return undefined;
  }
}

let shown = 0;
async function narrate(world: DrillWorld, settleMs = 600): Promise<void> {
  await sleep(settleMs);
  for (const call of world.fake.calls.slice(shown)) {
    const line = describe(call);
    if (line) console.log(`   ${line}`);
  }
  shown = world.fake.calls.length;
}

const say = (text: string) => console.log(`\n${bold('▶')} ${text}`);

async function main(): Promise<void> {
  console.log(
    'Starting Telegent Ops (src/main.ts, HTTP mode) on an embedded database, a Telegent sandbox and a fake Slack…',
  );
  const world = await startDrillWorld({ store: 'embedded' });
  try {
    const app: AppProcess = await world.startApp('demo');
    console.log(
      dim(
        `app pid ${app.pid} at ${app.url}/slack/events · sandbox ${world.telegent.sandbox.url} · approvers ${world.approvers.join(', ')}`,
      ),
    );
    const slack = world.slack(app);
    const approver = world.approvers[0]!;

    say(`${REQUESTER} types /telegent help`);
    await slack.command('help', REQUESTER, CHANNEL);
    await narrate(world);

    say(`${REQUESTER} types /telegent search 801`);
    await slack.command('search 801', REQUESTER, CHANNEL);
    await narrate(world);

    say(`${REQUESTER} types /telegent provision 801, fills the form and submits it`);
    const provision = await submitProvision(world, app);
    await narrate(world);
    say(`${approver} clicks Approve on the card`);
    await approve(world, app, provision, '/v1.0/numbers/provision', approver);
    await narrate(world);

    say(`${REQUESTER} types /telegent portin +14155550142, continues, types the carrier account and PIN`);
    const portin = await submitPortIn(world, app, {
      number: '+14155550142',
      accountNumber: '55120987',
      password: 'Marigold-7731',
    });
    await narrate(world);
    say(`${approver} clicks Approve`);
    await approve(world, app, portin, '/v1.0/numbers/portin', approver);
    await narrate(world);

    const orderId = sandboxOrderFor(world, '+14155550142', 'portin')?.OrderId ?? '';
    say(`${REQUESTER} types /telegent status ${orderId}`);
    await slack.command(`status ${orderId}`, REQUESTER, CHANNEL);
    await narrate(world);

    say(`${REQUESTER} types /telegent orders`);
    await slack.command('orders', REQUESTER, CHANNEL);
    await narrate(world);

    say(`${REQUESTER} types /telegent portout ${SEED_NUMBERS[5]} and a PIN; ${approver} approves`);
    const portout = await submitPortOut(world, app, { number: SEED_NUMBERS[5]!, pin: '48151623' });
    await approve(world, app, portout, '/v1.0/numbers/portout', approver);
    await narrate(world);

    say('What reached Telegent (the sandbox journal):');
    const counts = new Map<string, number>();
    for (const e of world.telegent.sandbox.journal()) {
      const key = `${e.method} ${e.path}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, n] of counts) console.log(`   ${String(n).padStart(3)} × ${key}`);

    const exit = await app.stop();
    console.log(
      `\nSIGTERM → the app exited with ${exit.code}. ${world.fake.calls.length} Slack calls in all.`,
    );
  } finally {
    await world.close();
  }
}

await main();

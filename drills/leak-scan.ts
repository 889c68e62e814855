/**
 * Drill 6 — leak scan. One real app process runs a short scripted session with every kind of secret:
 * a provision, a port-in (carrier account number + password), a port-in update with a new password, a
 * port-out with a typed PIN, an eSIM swap (its QR link) and a new subscriber (its temporary password). Then every app log line and every body the app sent to Slack
 * (messages, modals, ephemeral answers, error texts) is scanned for: the PIN, the carrier account numbers
 * and passwords, the Telegent account secret, every Telegent token the sandbox handed out (and anything
 * JWT-looking), the Slack bot token and signing secret (and ENCRYPTION_KEY on the server store).
 * Allowed: the PIN, the QR link and the password each in their one DM to the requester (`D<requester>`);
 * the PIN must arrive exactly once.
 *
 * Drills 1 and 5 run the same scan (drills/support/leak-scan.ts) over their own sessions.
 *
 *   npx tsx drills/leak-scan.ts
 */
import { SEED_NUMBERS } from '../src/sandbox/seed.js';
import { serverDatabaseUrl } from './support/database.js';
import { CHANNEL, REQUESTER, startDrillWorld } from './support/drill-world.js';
import {
  approve,
  createSubscriber,
  sandboxOrderFor,
  submitLineChange,
  submitPortIn,
  submitPortOut,
  submitProvision,
} from './support/flows.js';
import { recordLeakScan, type Secret, scanForLeaks } from './support/leak-scan.js';
import { DrillRecorder, type DrillResult, isMain, runDrillCli } from './support/report.js';
import { textOf } from './support/slack-driver.js';
import { waitFor } from './support/wait.js';

export interface LeakScanOptions {
  store?: 'server' | 'embedded';
  echo?: boolean;
}

export const FULL_SIZE: LeakScanOptions = {};

const SECRETS = {
  pin: '73915284',
  accountNumber: '6154093827',
  password: 'Heron-Quarry-4417',
  newPassword: 'Pelican-Mesa-2093',
};
const PORTIN_NUMBER = '+14155550161';
const PORTOUT_NUMBER = SEED_NUMBERS[5]!;
const SWAP_NUMBER = SEED_NUMBERS[9]!;

export async function run(options: LeakScanOptions = FULL_SIZE): Promise<DrillResult> {
  const recorder = new DrillRecorder(
    'leak-scan',
    'provision, port-in, port-in update and port-out with secrets through one app process, then every log line and Slack body scanned',
  );
  const store = options.store ?? (serverDatabaseUrl() ? 'server' : 'embedded');
  const world = await startDrillWorld({ store, echo: options.echo });
  try {
    const app = await world.startApp('A');
    const slack = world.slack(app);
    recorder.figure('store', store === 'server' ? 'Postgres server' : 'embedded PGlite');

    await approve(world, app, await submitProvision(world, app), '/v1.0/numbers/provision');
    const portin = await submitPortIn(world, app, {
      number: PORTIN_NUMBER,
      accountNumber: SECRETS.accountNumber,
      password: SECRETS.password,
    });
    await approve(world, app, portin, '/v1.0/numbers/portin');
    const orderId = sandboxOrderFor(world, PORTIN_NUMBER, 'portin')?.OrderId;
    if (!orderId) throw new Error('the port-in was not created at the sandbox');

    const since = world.fake.calls.length;
    await slack.command(`portin update ${orderId}`, REQUESTER, CHANNEL);
    const form = await slack.viewAfter(since, (v) => v.callback_id === 'telegent.portin-update');
    const updated = await slack.submit(form, { currentAccountPassword: SECRETS.newPassword }, REQUESTER);
    if (updated.body?.response_action !== 'update') {
      throw new Error(`port-in update form was not accepted: ${textOf(updated.body).slice(0, 300)}`);
    }
    // Updates need no approval by default (APPROVAL_REQUIRED_FOR): the form submits it at once.
    await waitFor('the port-in update at the sandbox', () =>
      world.telegent.sandbox.mutations().some((m) => m.path.toLowerCase() === '/v1.0/numbers/portin/update'),
    );

    await approve(
      world,
      app,
      await submitPortOut(world, app, { number: PORTOUT_NUMBER, pin: SECRETS.pin }),
      '/v1.0/numbers/portout',
    );
    const pinDms = await waitFor('the PIN DM to the requester', () => {
      const dms = world.fake.calls.filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === `D${REQUESTER}` &&
          textOf(c.body).includes(SECRETS.pin),
      );
      return dms.length > 0 && dms;
    });

    await approve(
      world,
      app,
      await submitLineChange(world, app, { kind: 'swap-sim', number: SWAP_NUMBER }),
      '/v1.0/numbers/status',
    );
    const qrLink = world.telegent.sandbox.getNumber(SWAP_NUMBER)?.QrActivationLink ?? '';
    recorder.check(/^https:\/\/sandbox\./.test(qrLink), `the eSIM swap left no new QR link (${qrLink})`);
    await waitFor('the QR link DM to the requester', () =>
      world.fake.calls.some(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === `D${REQUESTER}` &&
          textOf(c.body).includes(qrLink),
      ),
    );
    const password = await createSubscriber(world, app, {
      name: 'Leak Scan',
      email: 'leak.scan@example.com',
    });

    const mutations = world.telegent.sandbox
      .mutations()
      .map((m) => m.path.replace(/\/v1\.0\/(numbers\/)?/, ''));
    recorder.figure('Telegent mutations made', mutations.join(', '));
    recorder.figure('Telegent tokens captured', world.telegent.tokens.size);
    recorder.figure('PIN DMs to the requester', pinDms.length);
    recorder.check(
      pinDms.length === 1,
      `the PIN should reach its requester in exactly one DM (got ${pinDms.length})`,
    );
    recorder.check(
      world.telegent.tokens.size > 0,
      'no Telegent token was captured: the token scan would be empty',
    );

    const errors = world.errorLines();
    recorder.figure('error log lines', errors.length);
    for (const e of errors.slice(0, 5)) recorder.fail(`error logged by ${e.source}: ${e.text.slice(0, 300)}`);
    const exit = await app.stop();
    recorder.check(exit.code === 0, `the app did not stop cleanly on SIGTERM (${exit.code ?? exit.signal})`);

    const secrets: Secret[] = [
      ...world.baseSecrets(),
      { label: 'port-out PIN', value: SECRETS.pin, allowedChannel: `D${REQUESTER}` },
      { label: 'carrier account number', value: SECRETS.accountNumber },
      { label: 'carrier password', value: SECRETS.password },
      { label: 'new carrier password', value: SECRETS.newPassword },
      { label: 'eSIM QR link', value: qrLink, allowedChannel: `D${REQUESTER}` },
      { label: 'temporary subscriber password', value: password, allowedChannel: `D${REQUESTER}` },
    ];
    const scan = scanForLeaks({ secrets, logLines: world.logLines(), slackCalls: world.fake.calls });
    recorder.figure('PIN appearances where allowed (its DM)', scan.allowedAppearances);
    recordLeakScan(recorder, scan);
    return recorder.result();
  } finally {
    await world.close();
  }
}

if (isMain(import.meta.url))
  await runDrillCli(() => run({ ...FULL_SIZE, echo: process.argv.includes('--echo') }));

/**
 * Drill 5 — bad input. One real app process; every hostile input of drills/bad-input-cases.ts sent as a
 * signed Slack request (commands, form submissions, Approve clicks), and people who may not use the app
 * (a guest, another organisation's user, a member outside REQUESTER_USERGROUP_ID) trying commands, card
 * buttons and pickers.
 * Promise: each is answered with a clear error (ephemeral answer / error modal matching what it should
 * say, or `response_action: errors` naming the field), no Telegent request for inputs refused before any
 * lookup and 0 mutations overall, 0 crashes (process healthy, no error-level log line), no answer with a
 * Block Kit text over Slack's 3000-char limit, no secret leaked.
 *
 * Setup first (not measured): an open port-in the app tracks, a cancelled one, a pending provision
 * request, and an order created at the sandbox by someone else. Then the app restarts with the poller
 * off, the sandbox journal is cleared, and the cases run one by one.
 *
 *   npx tsx drills/bad-input.ts        # embedded store (PGlite); the Postgres server when DATABASE_URL is set
 */

import { SEED_NUMBERS, SEED_USAGE_NUMBERS } from '../src/sandbox/seed.js';
import type { JournalEntry } from '../src/sandbox/server.js';
import { createTelegentClient } from '../src/telegent/client.js';
import { TELEGENT_ENDPOINTS } from '../src/telegent/endpoints.js';
import type { Json } from '../test/support/fake-slack.js';
import { BAD_INPUT_CASES, type BadInputCase, type FormName, type RefusedUser } from './bad-input-cases.js';
import { type AppProcess, httpStatus } from './support/app-process.js';
import { serverDatabaseUrl } from './support/database.js';
import {
  APPROVALS_CHANNEL,
  CHANNEL,
  type DrillWorld,
  REQUESTER,
  STRANGER,
  startDrillWorld,
} from './support/drill-world.js';
import {
  approve,
  openPortInForm,
  PROVISION_FILL,
  portInFormFill,
  sandboxOrderFor,
  submitPortIn,
  submitPortInCancel,
  submitProvision,
} from './support/flows.js';
import type { Secret } from './support/leak-scan.js';
import { withDrillStore } from './support/order-fleet.js';
import { DrillRecorder, type DrillResult, isMain, runDrillCli } from './support/report.js';
import { type ShownView, textOf } from './support/slack-driver.js';
import { sleep, waitFor } from './support/wait.js';

export interface BadInputOptions {
  /** Run only the first n cases (default: all). */
  limit?: number;
  /** 'server' uses DATABASE_URL / TEST_DATABASE_URL; default: the server when one is set, else embedded. */
  store?: 'server' | 'embedded';
  echo?: boolean;
  /** Print each case and what the app answered. */
  verbose?: boolean;
}

export const FULL_SIZE: BadInputOptions = {};

/** Port-in secrets typed during setup: they must never show up anywhere. */
const SETUP_SECRETS = {
  openAccountNumber: '7310445829',
  openPassword: 'Quokka-Harbor-5521',
  cancelledAccountNumber: '8820193374',
  cancelledPassword: 'Lantern-Fjord-9043',
  formAccountNumber: '5566778899',
  formPassword: 'Otter-Basin-3318',
};

/** Each form case types its hostile value over a valid fill, so the error can only be the hostile field's. */
const VALID_FILL: Record<FormName, Record<string, string>> = {
  provision: PROVISION_FILL,
  portin: portInFormFill(SETUP_SECRETS.formAccountNumber, SETUP_SECRETS.formPassword),
  'portin-update': {},
  portout: { pin: '' },
  limits: {},
  'subscriber-new': { name: 'Drill Person', email: 'drill.person@example.com' },
  'line.swap-sim': { iccid: '' },
  'number-update': {},
};
/** What the fake Slack says of the refused users (users.info), and the requester group the app is given. */
const REFUSED_USERS: Record<RefusedUser, string> = {
  guest: 'U0GUEST00001',
  external: 'U0EXTERNAL01',
  'non-member': 'U0NONMEMBER1',
};
const REQUESTER_GROUP = 'S0DRILLREQS';
/** The app's warm subscriber list (see the case windows below). */
const SUBSCRIBER_LIST = TELEGENT_ENDPOINTS.distributorSubscribers.path;

const OPEN_PORTIN = '+14155550142';
const CANCELLED_PORTIN = '+14155550143';
const FOREIGN_PORTIN = '+15125550177';

interface Fixtures {
  foreign: string;
  tracked: string;
  finished: string;
  pending: string;
}

const SLACK_TEXT_LIMIT = 3_000;
const UNCLEAR = /\n\s+at |Something went wrong|internal server error|undefined|\[object Object\]/i;

/** The longest `text` string anywhere in a Slack payload. */
function longestText(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let max = 0;
  for (const [key, child] of Object.entries(value)) {
    if (key === 'text' && typeof child === 'string') max = Math.max(max, child.length);
    else max = Math.max(max, longestText(child));
  }
  return max;
}

/** A port-in at the sandbox made by someone else (straight to Telegent, not through the app). */
async function createForeignPortIn(world: DrillWorld): Promise<string> {
  const { sandbox } = world.telegent;
  const client = createTelegentClient({
    baseUrl: sandbox.url,
    accountKey: sandbox.accountKey,
    accountSecret: sandbox.accountSecret,
    rateLimitPerMinute: 6_000,
  });
  try {
    const created = await client.submitPortIn({
      PortInNumber: FOREIGN_PORTIN,
      CurrentCarrierName: 'Verizon',
      CurrentAccountNumber: '11112222',
      CurrentAccountPassword: 'someone-elses',
      CurrentBillingAddress: { Street1: '1 Main St', City: 'Austin', State: 'TX', Zip: '78701' },
    });
    return created.OrderId;
  } finally {
    await client.close();
  }
}

async function setUp(world: DrillWorld): Promise<Fixtures> {
  // The poller may read an order every second here so the cancelled port-in is closed quickly.
  const setup = await world.startApp('setup', { ORDER_POLL_MIN_SECONDS: '1' });
  const slack = world.slack(setup);
  const foreign = await createForeignPortIn(world);

  const open = await submitPortIn(world, setup, {
    number: OPEN_PORTIN,
    accountNumber: SETUP_SECRETS.openAccountNumber,
    password: SETUP_SECRETS.openPassword,
  });
  await approve(world, setup, open, '/v1.0/numbers/portin');
  const cancelled = await submitPortIn(world, setup, {
    number: CANCELLED_PORTIN,
    accountNumber: SETUP_SECRETS.cancelledAccountNumber,
    password: SETUP_SECRETS.cancelledPassword,
  });
  await approve(world, setup, cancelled, '/v1.0/numbers/portin');
  const tracked = sandboxOrderFor(world, OPEN_PORTIN, 'portin')?.OrderId;
  const finished = sandboxOrderFor(world, CANCELLED_PORTIN, 'portin')?.OrderId;
  if (!tracked || !finished) throw new Error('setup: the port-ins were not created at the sandbox');

  const cancelCard = await submitPortInCancel(world, setup, finished);
  await approve(world, setup, cancelCard, '/v1.0/numbers/portin/cancel');
  await waitFor(
    'the cancelled port-in to be closed by the poller',
    async () =>
      /already cancelled/i.test(textOf(await slack.answer(`portin cancel ${finished}`, REQUESTER, CHANNEL))),
    20_000,
    500,
  );

  const pending = await submitProvision(world, setup);
  const exit = await setup.stop();
  if (exit.code !== 0) throw new Error(`setup app did not stop cleanly (${exit.code ?? exit.signal})`);
  // Every Telegent request during a case must be the case's own: as if the poller had just read every open
  // order, none is read again for a day (app A runs with a one-day minimum interval).
  await withDrillStore(world, (store) =>
    store.db.query("UPDATE orders SET next_check_at = now() + interval '1 day' WHERE closed_at IS NULL"),
  );
  return { foreign, tracked, finished, pending: pending.requestId };
}

/** Waits until the sandbox journal has not grown for `quietMs` (reads a flow started have landed). */
async function journalQuiet(world: DrillWorld, quietMs = 200): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  for (;;) {
    const length = world.telegent.sandbox.journal().length;
    if (length !== last) {
      last = length;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) return;
    await sleep(25);
  }
}

const fillIn = (text: string, f: Fixtures) =>
  text
    .replaceAll('{foreign}', f.foreign)
    .replaceAll('{tracked}', f.tracked)
    .replaceAll('{finished}', f.finished)
    .replaceAll('{pending}', f.pending);

/** Opens each form once (its legitimate reads happen here, outside any case's window). */
async function openForm(world: DrillWorld, app: AppProcess, name: FormName, f: Fixtures): Promise<ShownView> {
  const slack = world.slack(app);
  const since = world.fake.calls.length;
  const callback = `telegent.${name}`;
  switch (name) {
    case 'provision':
      await slack.command('provision', REQUESTER, CHANNEL);
      break;
    case 'portout':
      await slack.command(`portout ${SEED_NUMBERS[5]}`, REQUESTER, CHANNEL);
      break;
    case 'limits':
      await slack.command(`limits ${SEED_USAGE_NUMBERS.active}`, REQUESTER, CHANNEL);
      break;
    case 'subscriber-new':
      await slack.command('subscriber new', REQUESTER, CHANNEL);
      break;
    case 'line.swap-sim':
    case 'number-update':
      await slack.blockAction({
        actionId: name === 'number-update' ? 'number.update' : 'number.swap-sim',
        value: SEED_NUMBERS[6]!,
        userId: REQUESTER,
        channelId: CHANNEL,
        messageTs: '1.5',
      });
      break;
    case 'portin-update':
      await slack.command(`portin update ${f.tracked}`, REQUESTER, CHANNEL);
      break;
    case 'portin':
      await openPortInForm(world, app, '+14155550150');
      break;
  }
  const shown = await slack.viewAfter(since, (v) => v.callback_id === callback);
  if (!textOf(shown.view).includes('form.more-options')) return shown;
  // The fields folded behind "More options…" get bad input too: unfold them (the click carries Slack's view).
  const unfolding = world.fake.calls.length;
  const held = world.fake.calls.findLast((c) => c.response?.view?.id === shown.id)!.response.view;
  await slack.blockAction({ actionId: 'form.more-options', userId: REQUESTER, view: held });
  return slack.viewAfter(unfolding, (v) => v.callback_id === callback);
}

interface CaseOutcome {
  c: BadInputCase;
  /** Journal length before the case did anything (before opening a form it needs). */
  journalBefore: number;
  /** Journal length when its own request was sent. */
  journalStart: number;
  answer?: Json;
  ok: boolean;
  problem?: string;
}

async function runCase(
  world: DrillWorld,
  app: AppProcess,
  c: BadInputCase,
  f: Fixtures,
  forms: Map<FormName, ShownView>,
): Promise<CaseOutcome> {
  const slack = world.slack(app);
  const journalBefore = world.telegent.sandbox.journal().length;
  if (c.kind === 'form' && !forms.has(c.form)) {
    forms.set(c.form, await openForm(world, app, c.form, f));
    await journalQuiet(world);
  }
  const journalStart = world.telegent.sandbox.journal().length;
  const since = world.fake.calls.length;
  const outcome: CaseOutcome = { c, journalBefore, journalStart, ok: false };
  try {
    if (c.kind === 'form') {
      const response = await slack.submit(
        forms.get(c.form)!,
        { ...VALID_FILL[c.form], ...c.fill },
        REQUESTER,
      );
      outcome.answer = response.body;
      const errors = response.body?.errors as Record<string, string> | undefined;
      if (response.status !== 200) outcome.problem = `HTTP ${response.status}`;
      else if (response.body?.response_action !== 'errors' || !errors) {
        outcome.problem = `not refused inline: ${textOf(response.body).slice(0, 200)}`;
      } else if (!errors[c.field]) {
        outcome.problem = `no error under ${c.field} (errors under ${Object.keys(errors).join(', ')})`;
      } else outcome.ok = true;
      return outcome;
    }
    if (c.kind === 'refused') return await runRefused(world, app, c, f, outcome);
    const sent =
      c.kind === 'command'
        ? await slack.command(fillIn(c.text, f), REQUESTER, CHANNEL)
        : await slack.click({
            actionId: 'request.approve',
            value: fillIn(c.value, f),
            userId:
              c.user === 'stranger' ? STRANGER : c.user === 'requester' ? REQUESTER : world.approvers[0]!,
            channelId: APPROVALS_CHANNEL,
            messageTs: '1.1',
          });
    if (sent.status !== 200) {
      outcome.problem = `HTTP ${sent.status}`;
      return outcome;
    }
    const answer = await waitFor(
      'an answer',
      () =>
        slack.answersTo(sent.key)[0]?.body ??
        world.fake.calls.slice(since).find((call) => call.method === 'views.update')?.body.view,
      10_000,
    );
    outcome.answer = answer;
    const text = textOf(answer);
    const viaResponseUrl = slack.answersTo(sent.key).length > 0;
    if (c.kind === 'command' && c.telegent === 'reads') await journalQuiet(world);
    if (viaResponseUrl && answer.response_type !== 'ephemeral') outcome.problem = 'answer was not ephemeral';
    else if (!c.expect.test(text)) outcome.problem = `answer does not say ${c.expect}: ${text.slice(0, 200)}`;
    else outcome.ok = true;
  } catch (error) {
    outcome.problem = (error as Error).message;
  }
  if (outcome.ok && outcome.answer && UNCLEAR.test(textOf(outcome.answer))) {
    outcome.ok = false;
    outcome.problem = `unclear answer: ${textOf(outcome.answer).slice(0, 200)}`;
  }
  return outcome;
}

/** A refused user's command, click or option load: the refusal (ephemeral) or an empty option list. */
async function runRefused(
  world: DrillWorld,
  app: AppProcess,
  c: Extract<BadInputCase, { kind: 'refused' }>,
  f: Fixtures,
  outcome: CaseOutcome,
): Promise<CaseOutcome> {
  const slack = world.slack(app);
  const userId = REFUSED_USERS[c.user];
  const { request } = c;
  let answer: Json;
  if ('options' in request) {
    const response = await slack.requester.options({
      actionId: request.options,
      value: request.value,
      userId,
    });
    if (response.status !== 200) return { ...outcome, problem: `HTTP ${response.status}` };
    answer = response.body;
  } else {
    const sent =
      'command' in request
        ? await slack.command(fillIn(request.command, f), userId, CHANNEL)
        : await slack.click({
            actionId: request.click,
            value: fillIn(request.value, f),
            userId,
            channelId: CHANNEL,
            messageTs: '1.7',
          });
    if (sent.status !== 200) return { ...outcome, problem: `HTTP ${sent.status}` };
    answer = (await waitFor('a refusal', () => slack.answersTo(sent.key)[0]?.body, 10_000)) as Json;
    if (answer.response_type !== 'ephemeral')
      return { ...outcome, answer, problem: 'refusal was not ephemeral' };
  }
  outcome.answer = answer;
  if (!c.expect.test(textOf(answer))) {
    outcome.problem = `answer does not say ${c.expect}: ${textOf(answer).slice(0, 200)}`;
  } else outcome.ok = true;
  return outcome;
}

export async function run(options: BadInputOptions = FULL_SIZE): Promise<DrillResult> {
  const cases = BAD_INPUT_CASES.slice(0, options.limit ?? BAD_INPUT_CASES.length);
  const recorder = new DrillRecorder(
    'bad-input',
    `${cases.length} hostile inputs as signed Slack requests to one app process`,
  );
  const store = options.store ?? (serverDatabaseUrl() ? 'server' : 'embedded');
  const world = await startDrillWorld({
    store,
    echo: options.echo,
    appEnv: { REQUESTER_USERGROUP_ID: REQUESTER_GROUP },
    fakeSlack: {
      usergroups: { [REQUESTER_GROUP]: [REQUESTER] },
      users: {
        [REFUSED_USERS.guest]: { is_restricted: true },
        [REFUSED_USERS.external]: { team_id: 'T0OTHERORG', is_stranger: true },
      },
    },
  });
  try {
    const fixtures = await setUp(world);
    const app = await world.startApp('A', {
      ORDER_POLL_MIN_SECONDS: '86400',
      ORDER_POLL_MAX_SECONDS: '86400',
    });
    world.telegent.sandbox.clearJournal();
    recorder.figure('store', store === 'server' ? 'Postgres server' : 'embedded PGlite');

    const forms = new Map<FormName, ShownView>();
    const outcomes: CaseOutcome[] = [];
    for (const c of cases) outcomes.push(await runCase(world, app, c, fixtures, forms));
    await sleep(500); // a late Telegent request after the last answer would land now
    const journal = world.telegent.sandbox.journal();

    // A case's window: from its own request to whatever the next case did first (so late requests count).
    // The app's own warm subscriber list (read at start and every few minutes at background priority, behind
    // every interactive call) lands in whichever case's window it falls: it is no case's doing, so not counted.
    const warmList = (e: JournalEntry) =>
      e.path === SUBSCRIBER_LIST ||
      (e.path.toLowerCase().includes('/oauth2/') && e.scope?.endsWith(SUBSCRIBER_LIST) === true);
    const windows = outcomes.map((o, i) =>
      journal
        .slice(o.journalStart, outcomes[i + 1]?.journalBefore ?? journal.length)
        .filter((e) => !warmList(e)),
    );
    if (options.verbose) {
      outcomes.forEach((o, i) => {
        const answer = o.answer ? textOf(o.answer).replace(/\s+/g, ' ') : '';
        const said = /"text":"((?:[^"\\]|\\.){0,160})/.exec(answer)?.[1] ?? answer.slice(0, 160);
        const shown = o.c.kind === 'form' ? textOf(o.answer?.errors).slice(0, 160) : said;
        console.log(`${o.ok ? '✓' : '✗'} ${o.c.name} [${windows[i]!.length} req] → ${shown}`);
      });
    }
    const apiCalls = (entries: JournalEntry[]) =>
      entries.filter((e) => !e.path.toLowerCase().includes('/oauth2/'));
    let requestsWhereNoneAllowed = 0;
    outcomes.forEach((o, i) => {
      const window = windows[i]!;
      const noneAllowed = o.c.kind !== 'command' || o.c.telegent === 'none';
      if (noneAllowed && window.length > 0) {
        requestsWhereNoneAllowed += window.length;
        o.ok = false;
        o.problem = `${window.length} Telegent request(s) (${
          apiCalls(window)
            .map((e) => e.path)
            .join(', ') || 'token'
        }) for an input refused before any lookup`;
      }
    });
    const mutations = world.telegent.sandbox.mutations();
    const longest = Math.max(0, ...outcomes.map((o) => longestText(o.answer)));

    const count = (kind: BadInputCase['kind']) => cases.filter((c) => c.kind === kind).length;
    recorder.figure('hostile inputs', cases.length);
    recorder.figure(
      '  commands / form fields / clicks / refused users',
      `${count('command')} / ${count('form')} / ${count('click')} / ${count('refused')}`,
    );
    recorder.figure(
      '  subcommands covered',
      new Set(cases.flatMap((c) => (c.kind === 'command' ? [c.text.split(' ')[0]] : []))).size,
    );
    recorder.figure(
      '  forms covered',
      new Set(cases.flatMap((c) => (c.kind === 'form' ? [c.form] : []))).size,
    );
    recorder.figure('answered with a clear error', outcomes.filter((o) => o.ok).length);
    recorder.figure('Telegent requests (reads by flows that look up first)', journal.length);
    recorder.figure('Telegent requests for inputs refused before lookup', requestsWhereNoneAllowed);
    recorder.figure('Telegent mutations', mutations.length);
    recorder.figure('longest text in an answer (chars)', longest);

    for (const o of outcomes.filter((x) => !x.ok)) recorder.fail(`${o.c.name}: ${o.problem}`);
    recorder.check(
      mutations.length === 0,
      `${mutations.length} Telegent mutations: ${mutations.map((m) => m.path).join(', ')}`,
    );
    recorder.check(
      longest <= SLACK_TEXT_LIMIT,
      `an answer carries a ${longest}-char text (Slack's limit is ${SLACK_TEXT_LIMIT})`,
    );

    const healthy = (await httpStatus(`${app.url}/healthz`)) === 200 && !app.exited;
    recorder.figure('app healthy after the drill', healthy);
    recorder.check(healthy, 'the app is not healthy after the hostile inputs');
    const errors = world.errorLines();
    recorder.figure('error log lines', errors.length);
    for (const e of errors.slice(0, 5)) recorder.fail(`error logged by ${e.source}: ${e.text.slice(0, 300)}`);

    const exit = await app.stop();
    recorder.check(exit.code === 0, `the app did not stop cleanly on SIGTERM (${exit.code ?? exit.signal})`);
    const secrets: Secret[] = [
      ...world.baseSecrets(),
      { label: 'carrier account number', value: SETUP_SECRETS.openAccountNumber },
      { label: 'carrier password', value: SETUP_SECRETS.openPassword },
      { label: 'carrier account number', value: SETUP_SECRETS.cancelledAccountNumber },
      { label: 'carrier password', value: SETUP_SECRETS.cancelledPassword },
      { label: 'carrier account number', value: SETUP_SECRETS.formAccountNumber },
      { label: 'carrier password', value: SETUP_SECRETS.formPassword },
    ];
    world.recordLeakScan(recorder, secrets);
    return recorder.result();
  } finally {
    await world.close();
  }
}

if (isMain(import.meta.url))
  await runDrillCli(() =>
    run({ ...FULL_SIZE, echo: process.argv.includes('--echo'), verbose: process.argv.includes('--verbose') }),
  );

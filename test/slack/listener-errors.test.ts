import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, LogLevel, type ReceiverEvent } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifier } from '../../src/notify/notifier.js';
import { tellClicker } from '../../src/notify/tell-clicker.js';
import { createListeners, type Listeners } from '../../src/slack/listeners.js';
import { type AckBudget, startAckBudget } from '../../src/slack/within-ack-deadline.js';
import { TelegentError } from '../../src/telegent/errors.js';
import { loadingModal, workingModal } from '../../src/views/modals/status-modals.js';
import { CHANNEL, REQUESTER } from '../support/app-defaults.js';
import { capturedLogger } from '../support/captured-log.js';
import { type FakeSlack, type FakeSlackCall, type Json, startFakeSlack } from '../support/fake-slack.js';

/**
 * The one error path, per listener kind: a real Bolt app (driven through processEvent) whose listeners are
 * registered through slack/listeners.ts and fail on purpose. Each time the person is told one sentence with
 * a reference, where they acted, and the same reference stands on the captured log line.
 */
const TOKEN = 'xoxb-listener-errors';
const TEAM = { id: 'T0FAKE', domain: 'fake' };
const USER = { id: REQUESTER, name: 'requester', team_id: TEAM.id };
const telegentDown = () =>
  new TelegentError({ kind: 'http', status: 503, endpoint: '/v1.0/numbers/order', retryable: true });

let fake: FakeSlack;
let app: App;
let listeners: Listeners;
const log = capturedLogger('info');
/** Released at the end: the picker that never answers. */
let releaseSlowPicker: () => void = () => undefined;
/** As if the access gate had used up most of the request's budget: a picker's 3 s are nearly gone. */
let shortBudget = false;

beforeAll(async () => {
  fake = await startFakeSlack();
  app = new App({
    token: TOKEN,
    signingSecret: 'listener-errors-secret',
    botId: 'B0FAKEBOT',
    botUserId: 'U0FAKEBOT',
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
  });
  app.use(async ({ context, next }) => {
    startAckBudget(context as AckBudget, shortBudget ? Date.now() - 1_900 : Date.now());
    await next();
  });
  const notify = createNotifier({
    token: TOKEN,
    slackApiUrl: fake.url,
    logger: log.logger,
    rateLimitRetries: 0,
  });
  listeners = createListeners(app, {
    logger: log.logger,
    sandbox: false,
    notify,
    tellClicker: (body, message, respond) => tellClicker(notify, body, message, log.logger, respond),
  });
  listeners.command('/boom', async () => {
    throw new Error('listener exploded before its ack');
  });
  listeners.command('/loading', async ({ ack, client, command }) => {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: loadingModal('Order status', 'Asking…'),
    });
    throw telegentDown();
  });
  listeners.action('boom.button', async ({ ack }) => {
    await ack();
    throw telegentDown();
  });
  listeners.action('boom.in-form', async () => Promise.reject(new Error('rejected before its ack')));
  listeners.view('boom.form', async () => {
    throw new Error('form listener exploded before its ack');
  });
  listeners.view('boom.working', async ({ ack }) => {
    await ack({ response_action: 'update', view: workingModal('Port-out PIN') });
    throw telegentDown();
  });
  listeners.options('boom.picker', async () => {
    throw telegentDown();
  });
  listeners.options('slow.picker', () => new Promise<void>((resolve) => (releaseSlowPicker = resolve)));
  listeners.event('app_home_opened', async () => {
    throw new Error('home exploded');
  });
  listeners.function('boom_step', async () => {
    throw telegentDown();
  });
});

afterAll(async () => {
  releaseSlowPicker();
  await fake.close();
});

/** Bolt's processEvent with a recording ack, as a receiver calls it. */
async function deliver(body: Json, options: { shortBudget?: boolean } = {}) {
  const acks: unknown[] = [];
  const event: ReceiverEvent = {
    body,
    ack: async (response?: unknown) => {
      acks.push(response ?? null);
    },
    retryNum: undefined,
    retryReason: undefined,
    customProperties: {},
  };
  shortBudget = options.shortBudget ?? false;
  const processed = app.processEvent(event);
  return { acks, processed };
}

const since = (from: number, method: string): FakeSlackCall[] =>
  fake.calls.slice(from).filter((c) => c.method === method);

/** The reference in a sentence, checked against the log line that carries it for the same listener. */
function expectSameRefLogged(sentence: string, kind: string, id: string) {
  const ref = sentence.match(/\((?:ref|incident) ([a-z0-9]+)\)/)?.[1];
  expect(ref, sentence).toBeDefined();
  const line = log.lines.map((l) => JSON.parse(l) as Json).find((l) => (l.ref ?? l.incident) === ref);
  expect(line).toMatchObject({ listener: kind, id, user: REQUESTER });
  return ref!;
}

const textOf = (value: unknown) => JSON.stringify(value);
const sentenceIn = (view: Json) => String(view.blocks?.[0]?.text?.text ?? '');

describe('one error path: a failing listener tells the person one sentence with the logged reference', () => {
  it('a command that throws before its ack: acked once, an ephemeral through its response_url', async () => {
    const from = fake.calls.length;
    const { acks, processed } = await deliver({
      team_id: TEAM.id,
      channel_id: CHANNEL,
      user_id: REQUESTER,
      command: '/boom',
      text: 'status JNUOID-1',
      response_url: fake.responseUrl(),
      trigger_id: 'trigger-command',
    });
    await processed;
    expect(acks).toEqual([null]);
    const posted = since(from, 'response_url');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body.response_type).toBe('ephemeral');
    expect(posted[0]!.body.text).toContain('Something went wrong on our side');
    expectSameRefLogged(posted[0]!.body.text, 'command', '/boom');
    const logged = log.lines.map((l) => JSON.parse(l) as Json).findLast((l) => l.listener === 'command');
    expect(logged?.subcommand).toBe('status');
  });

  it('a command that opened a loading modal: the modal turns into the sentence, never left loading', async () => {
    const from = fake.calls.length;
    const { processed } = await deliver({
      team_id: TEAM.id,
      channel_id: CHANNEL,
      user_id: REQUESTER,
      command: '/loading',
      text: 'status JNUOID-1',
      response_url: fake.responseUrl(),
      trigger_id: 'trigger-loading',
    });
    await processed;
    const opened = since(from, 'views.open')[0]!;
    const updates = since(from, 'views.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.body.view_id).toBe(opened.response.view.id);
    expect(updates[0]!.body.view.title.text).toBe('Order status');
    expect(textOf(updates[0]!.body.view)).not.toContain('Asking');
    expect(since(from, 'response_url')).toHaveLength(0);
    expectSameRefLogged(sentenceIn(updates[0]!.body.view), 'command', '/loading');
  });

  it('a button on a message: the sentence goes to the click’s response_url', async () => {
    const from = fake.calls.length;
    const { acks, processed } = await deliver({
      type: 'block_actions',
      user: USER,
      team: TEAM,
      channel: { id: CHANNEL, name: 'support' },
      trigger_id: 'trigger-button',
      response_url: fake.responseUrl(),
      container: { type: 'message', channel_id: CHANNEL, message_ts: '1.5' },
      actions: [{ type: 'button', action_id: 'boom.button', block_id: 'b', value: 'v', action_ts: '1' }],
    });
    await processed;
    expect(acks).toEqual([null]);
    const posted = since(from, 'response_url');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(posted[0]!.body.text).toMatch(/Telegent/);
    expectSameRefLogged(posted[0]!.body.text, 'action', 'boom.button');
  });

  it('a button in a form, rejected before its ack: acked, and a small error view pushed over the form', async () => {
    const from = fake.calls.length;
    const { acks, processed } = await deliver({
      type: 'block_actions',
      user: USER,
      team: TEAM,
      trigger_id: 'trigger-in-form',
      view: {
        id: 'V0FORM01',
        type: 'modal',
        callback_id: 'telegent.provision',
        title: { type: 'plain_text', text: 'Provision' },
        state: { values: {} },
      },
      container: { type: 'view', view_id: 'V0FORM01' },
      actions: [{ type: 'button', action_id: 'boom.in-form', block_id: 'b', value: 'v', action_ts: '1' }],
    });
    await processed;
    expect(acks).toEqual([null]);
    const pushed = since(from, 'views.push');
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.body.view.title.text).toBe('Provision');
    expect(since(from, 'views.update')).toHaveLength(0); // the form under it keeps what was typed
    expectSameRefLogged(sentenceIn(pushed[0]!.body.view), 'action', 'boom.in-form');
  });

  it('a form that throws before its ack: the ack turns the form into the error view', async () => {
    const { acks, processed } = await deliver({
      type: 'view_submission',
      team: TEAM,
      user: USER,
      view: {
        id: 'V0SUBMIT1',
        type: 'modal',
        callback_id: 'boom.form',
        title: { type: 'plain_text', text: 'Data limits' },
        state: { values: {} },
        private_metadata: '',
        hash: 'h1',
      },
    });
    await processed;
    expect(acks).toHaveLength(1);
    const ack = acks[0] as Json;
    expect(ack.response_action).toBe('update');
    expect(ack.view.title.text).toBe('Data limits');
    expectSameRefLogged(sentenceIn(ack.view), 'view', 'boom.form');
  });

  it('a form that failed after "working…": the working view is updated to the sentence', async () => {
    const from = fake.calls.length;
    const { acks, processed } = await deliver({
      type: 'view_submission',
      team: TEAM,
      user: USER,
      view: {
        id: 'V0SUBMIT2',
        type: 'modal',
        callback_id: 'boom.working',
        title: { type: 'plain_text', text: 'Port-out PIN' },
        state: { values: {} },
        private_metadata: '',
        hash: 'h2',
      },
    });
    await processed;
    expect(acks).toHaveLength(1); // the listener's own "working…" ack; the guard does not ack twice
    const updates = since(from, 'views.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.body.view_id).toBe('V0SUBMIT2');
    expect(textOf(updates[0]!.body.view)).not.toContain('Working on it');
    expectSameRefLogged(sentenceIn(updates[0]!.body.view), 'view', 'boom.working');
  });

  it('a picker that throws: acked with no options, and the failure logged with its reference', async () => {
    const before = log.lines.length;
    const { acks, processed } = await deliver({
      type: 'block_suggestion',
      action_id: 'boom.picker',
      block_id: 'b',
      value: 'ab',
      user: USER,
      team: TEAM,
      view: { id: 'V0FORM02', type: 'modal', callback_id: 'telegent.provision', state: { values: {} } },
    });
    await processed;
    expect(acks).toEqual([{ options: [] }]);
    const logged = log.lines
      .slice(before)
      .map((l) => JSON.parse(l) as Json)
      .find((l) => l.ref);
    expect(logged).toMatchObject({ listener: 'options', id: 'boom.picker', status: 503 });
  });

  it('a picker that has not answered when its 3 s run out gets no options instead of a hang', async () => {
    const started = Date.now();
    const { acks } = await deliver(
      {
        type: 'block_suggestion',
        action_id: 'slow.picker',
        block_id: 'b',
        value: 'ab',
        user: USER,
        team: TEAM,
        view: { id: 'V0FORM03', type: 'modal', callback_id: 'telegent.provision', state: { values: {} } },
      },
      { shortBudget: true },
    );
    await expect.poll(() => acks, { timeout: 2_500, interval: 20 }).toEqual([{ options: [] }]);
    expect(Date.now() - started).toBeLessThan(2_000);
    releaseSlowPicker();
  });

  it('App Home that fails: one line on the home tab saying so, with the reference', async () => {
    const from = fake.calls.length;
    const { processed } = await deliver({
      type: 'event_callback',
      team_id: TEAM.id,
      api_app_id: 'A0FAKE',
      event: { type: 'app_home_opened', user: REQUESTER, channel: 'D0HOME', tab: 'home', event_ts: '1.1' },
      event_id: 'Ev0HOME1',
      event_time: 1,
    });
    await processed;
    const published = since(from, 'views.publish');
    expect(published).toHaveLength(1);
    expect(published[0]!.body.user_id).toBe(REQUESTER);
    const line = sentenceIn(published[0]!.body.view);
    expect(line).toContain('could not be shown');
    expectSameRefLogged(line, 'event', 'app_home_opened');
  });

  it('a Workflow Builder step that fails: the step’s error is the sentence', async () => {
    const from = fake.calls.length;
    const { processed } = await deliver({
      type: 'event_callback',
      team_id: TEAM.id,
      api_app_id: 'A0FAKE',
      event: {
        type: 'function_executed',
        function: { id: 'Fn0STEP', callback_id: 'boom_step', title: 'Boom', type: 'app' },
        inputs: {},
        function_execution_id: 'Fx0STEP1',
        workflow_execution_id: 'Wf0RUN1',
        event_ts: '1.2',
        bot_access_token: 'xwfp-step-token',
      },
      event_id: 'Ev0STEP1',
      event_time: 1,
    });
    await processed;
    const failed = since(from, 'functions.completeError');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.body.function_execution_id).toBe('Fx0STEP1');
    expect(String(failed[0]!.body.error)).toMatch(/\(ref [a-z0-9]+\)/);
    const ref = String(failed[0]!.body.error).match(/\(ref ([a-z0-9]+)\)/)![1];
    const line = log.lines.map((l) => JSON.parse(l) as Json).find((l) => l.ref === ref);
    expect(line).toMatchObject({ listener: 'function', id: 'boom_step' });
  });

  it('a button nobody registered reaches no listener: not acked, nothing said (as with Bolt’s own matching)', async () => {
    const from = fake.calls.length;
    const logged = log.lines.length;
    const { acks, processed } = await deliver({
      type: 'block_actions',
      user: USER,
      team: TEAM,
      channel: { id: CHANNEL, name: 'support' },
      trigger_id: 'trigger-unknown',
      response_url: fake.responseUrl(),
      container: { type: 'message', channel_id: CHANNEL, message_ts: '1.5' },
      actions: [
        { type: 'button', action_id: 'nobody.registered', block_id: 'b', value: 'v', action_ts: '1' },
      ],
    });
    await processed;
    expect(acks).toEqual([]);
    expect(fake.calls.slice(from)).toEqual([]);
    expect(log.lines.slice(logged).filter((l) => l.includes('nobody.registered'))).toEqual([]);
  });

  it('refuses a second listener for the same id (one id, one listener: the router keeps one per id)', () => {
    expect(() => listeners.action('boom.button', async () => {})).toThrow(/registered twice/);
  });

  it('keeps every registered id per kind (what the walk over every action compares against)', () => {
    expect(listeners.registered('action')).toEqual(['boom.button', 'boom.in-form']);
    expect(listeners.registered('options')).toEqual(['boom.picker', 'slow.picker']);
    expect(listeners.registered('command')).toEqual(['/boom', '/loading']);
  });
});

describe('every listener is registered through the one error path', () => {
  const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? files(join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [join(dir, entry.name)]
          : [],
    );
  /** Bolt registrations (`app.action(…)`, `slack.app.view(…)`) outside slack/listeners.ts. */
  const boltRegistrations = (sources: { path: string; text: string }[]) =>
    sources
      .filter(({ path }) => path !== 'slack/listeners.ts')
      .filter(({ text }) =>
        /\bapp\s*\.\s*(command|action|options|view|event|function|shortcut|message)\s*\(/.test(text),
      )
      .map(({ path }) => path);

  it('the check finds a direct registration (so it can fail)', () => {
    expect(
      boltRegistrations([
        { path: 'actions/index.ts', text: "slack.app.action('x', listener);" },
        { path: 'slack/listeners.ts', text: "app.action('x', guarded);" },
      ]),
    ).toEqual(['actions/index.ts']);
  });

  it('no module but slack/listeners.ts registers a listener with Bolt', () => {
    const sources = files(SRC).map((path) => ({
      path: relative(SRC, path),
      text: readFileSync(path, 'utf8'),
    }));
    expect(boltRegistrations(sources)).toEqual([]);
  });
});

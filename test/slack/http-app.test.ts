import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics.js';
import { createSlackApp, type SlackApp } from '../../src/slack/create-slack-app.js';
import { capturedLogger } from '../support/captured-log.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { createSlackRequester, plainInput, type SlackRequester } from '../support/slack-requests.js';

const BOT_TOKEN = 'xoxb-1111-2222-secretbottoken';
const SIGNING_SECRET = 'test-signing-secret-0123456789';

describe('Slack app in HTTP mode', () => {
  let fake: FakeSlack;
  let slack: SlackApp;
  let slackReq: SlackRequester;
  let base: string;
  let ready = { ok: true, checks: { database: 'ok' } as Record<string, string> };
  let readinessThrows = false;
  const metrics = createMetrics({ defaultMetrics: false });
  const log = capturedLogger('info');

  beforeAll(async () => {
    fake = await startFakeSlack();
    slack = createSlackApp({
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      slackApiUrl: fake.url.replace(/\/$/, ''), // the factory adds the trailing slash
      port: 0,
      logger: log.logger,
      metrics,
      identity: { botId: 'B0FAKEBOT', botUserId: 'U0FAKEBOT', teamId: 'T0FAKE' },
      readiness: async () => {
        if (readinessThrows) throw new Error(`database down (token ${BOT_TOKEN})`);
        return ready;
      },
    });
    const { app } = slack;
    app.command('/telegent', async ({ ack, command, client }) => {
      await ack();
      if (command.text === 'boom') throw new Error(`listener exploded near ${BOT_TOKEN}`);
      await client.chat.postMessage({ channel: command.channel_id, text: `echo ${command.text}` });
    });
    app.action('approve', async ({ ack, body, client }) => {
      await ack();
      const b = body as { channel?: { id: string }; message?: { ts: string } };
      await client.chat.update({ channel: b.channel!.id, ts: b.message!.ts, text: 'approved' });
    });
    app.view('provision_submit', async ({ ack, view }) => {
      const areaCode = view.state.values.area?.area_code?.value ?? '';
      if (!/^\d{3}$/.test(areaCode)) {
        await ack({ response_action: 'errors', errors: { area: 'Enter a 3-digit area code' } });
        return;
      }
      await ack();
    });
    app.options('number_search', async ({ ack, options }) => {
      await ack({
        options: [{ text: { type: 'plain_text', text: `${options.value}5550100` }, value: 'n1' }],
      });
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
    });
    const { port } = await slack.start();
    base = `http://127.0.0.1:${port}`;
    slackReq = createSlackRequester({
      baseUrl: base,
      signingSecret: SIGNING_SECRET,
      responseUrl: () => fake.responseUrl(),
    });
  });

  afterAll(async () => {
    await slack?.stop();
    await fake?.close();
  });

  it('answers 401 to unsigned, tampered and 5-minute-old requests and never runs the listener', async () => {
    const body = new URLSearchParams({
      command: '/telegent',
      text: 'bad',
      user_id: 'U1',
      channel_id: 'C1',
      team_id: 'T0FAKE',
    }).toString();
    const unsigned = await slackReq.post(body, { signature: null, timestamp: null });
    const tampered = await slackReq.post(body, {
      signature: slackReq.sign(body.replace('bad', 'good'))['x-slack-signature'],
    });
    const old = await slackReq.post(body, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    const wrongSecret = await slackReq.post(body, {
      signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000',
    });
    expect([unsigned.status, tampered.status, old.status, wrongSecret.status]).toEqual([401, 401, 401, 401]);

    // A good request afterwards goes through; the bad ones left no trace at the Web API.
    const good = await slackReq.command({ text: 'after-bad', userId: 'U1', channelId: 'C1' });
    expect(good.status).toBe(200);
    await fake.waitFor('chat.postMessage', (call) => call.body.text === 'echo after-bad');
    expect(
      fake.calls.filter(
        (call) =>
          JSON.stringify(call.body).includes('bad') && !JSON.stringify(call.body).includes('after-bad'),
      ),
    ).toEqual([]);
  });

  it('acks a signed command with an empty 200 fast, then the listener calls the Web API', async () => {
    const response = await slackReq.command({ text: 'search 801', userId: 'U123', channelId: 'C777' });
    expect(response.status).toBe(200);
    expect(response.body).toBe('');
    expect(response.durationMs).toBeLessThan(1_000);
    const call = await fake.waitFor('chat.postMessage', (c) => c.body.text === 'echo search 801');
    expect(call.body.channel).toBe('C777');
    expect(call.token).toBe(BOT_TOKEN);
  });

  it('routes block actions, view submissions, options and events with the shapes Slack sends', async () => {
    const action = await slackReq.blockAction({
      actionId: 'approve',
      value: 'req-1',
      userId: 'U2',
      channelId: 'C9',
      messageTs: '1700000001.000100',
    });
    expect(action.status).toBe(200);
    const update = await fake.waitFor('chat.update');
    expect(update.body).toMatchObject({ channel: 'C9', ts: '1700000001.000100', text: 'approved' });

    const invalid = await slackReq.viewSubmission({
      callbackId: 'provision_submit',
      userId: 'U2',
      values: { area: { area_code: plainInput('80') } },
    });
    expect(invalid).toMatchObject({
      status: 200,
      body: { response_action: 'errors', errors: { area: 'Enter a 3-digit area code' } },
    });
    const valid = await slackReq.viewSubmission({
      callbackId: 'provision_submit',
      userId: 'U2',
      values: { area: { area_code: plainInput('801') } },
    });
    expect(valid).toMatchObject({ status: 200, body: '' });

    const options = await slackReq.options({ actionId: 'number_search', value: '801', userId: 'U2' });
    expect(options.body).toEqual({
      options: [{ text: { type: 'plain_text', text: '8015550100' }, value: 'n1' }],
    });

    const event = await slackReq.event({ type: 'app_home_opened', user: 'U2', channel: 'D2', tab: 'home' });
    expect(event.status).toBe(200);
    const publish = await fake.waitFor('views.publish');
    expect(publish.body).toMatchObject({ user_id: 'U2', view: { type: 'home' } });
  });

  it('logs a failing listener without secrets and keeps serving', async () => {
    const response = await slackReq.command({ text: 'boom', userId: 'U1', channelId: 'C1' });
    expect(response.status).toBe(200);
    await expect.poll(() => log.text()).toContain('Slack listener failed');
    const line = log.lines.find((l) => l.includes('Slack listener failed'))!;
    expect(JSON.parse(line)).toMatchObject({
      kind: 'command',
      command: '/telegent',
      userId: 'U1',
      error: { type: 'Error', message: expect.stringContaining('listener exploded') },
    });
    expect(log.text()).not.toContain(BOT_TOKEN);
    expect(log.text()).not.toContain(SIGNING_SECRET);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('serves /healthz and /readyz', async () => {
    const health = await fetch(`${base}/healthz`);
    expect([health.status, await health.text()]).toEqual([200, 'ok']);

    ready = { ok: true, checks: { database: 'ok' } };
    const ok = await fetch(`${base}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, checks: { database: 'ok' } });

    ready = { ok: false, checks: { database: 'connection refused' } };
    const failing = await fetch(`${base}/readyz`);
    expect(failing.status).toBe(503);
    expect(await failing.json()).toEqual({ ok: false, checks: { database: 'connection refused' } });

    readinessThrows = true;
    const thrown = await fetch(`${base}/readyz`);
    readinessThrows = false;
    expect(thrown.status).toBe(503);
    const text = await thrown.text();
    expect(text).toContain('database down');
    expect(text).not.toContain(BOT_TOKEN);

    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });

  it('exposes the ack-latency histogram by kind and the request counter on /metrics', async () => {
    await slackReq.command({ text: 'metrics', userId: 'U1', channelId: 'C1' });
    // The observation happens on the response's 'finish'; poll the endpoint until it shows.
    await expect
      .poll(async () => (await fetch(`${base}/metrics`)).text())
      .toMatch(/telegent_ops_slack_ack_seconds_count\{kind="command"\} [1-9]/);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/telegent_ops_slack_ack_seconds_bucket\{le="0\.005",kind="command"\}/);
    expect(text).toMatch(/telegent_ops_slack_ack_seconds_count\{kind="view"\} [1-9]/);
    expect(text).toMatch(/telegent_ops_slack_requests_total\{operation="command",outcome="rejected"\} 4/);
    expect(text).toMatch(/telegent_ops_slack_requests_total\{operation="options",outcome="acked"\} 1/);
  });
});

describe('createSlackApp lifecycle', () => {
  it('stop() closes the HTTP server', async () => {
    const slack = createSlackApp({
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      port: 0,
      logger: capturedLogger().logger,
      metrics: createMetrics({ defaultMetrics: false }),
      identity: { botId: 'B1', botUserId: 'U1' },
    });
    const { port } = await slack.start();
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    await slack.stop();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    await slack.stop(); // idempotent
  });

  it('refuses HTTP mode without a signing secret, with the variable to set', () => {
    expect(() =>
      createSlackApp({
        botToken: BOT_TOKEN,
        logger: capturedLogger().logger,
        metrics: createMetrics({ defaultMetrics: false }),
        identity: { botId: 'B1', botUserId: 'U1' },
      }),
    ).toThrow(/SLACK_SIGNING_SECRET is required in HTTP mode/);
  });
});

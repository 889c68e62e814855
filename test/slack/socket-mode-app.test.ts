import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics.js';
import { createSlackApp } from '../../src/slack/create-slack-app.js';
import { SlackStartupError } from '../../src/slack/slack-startup-error.js';
import { capturedLogger } from '../support/captured-log.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';

const APP_TOKEN = 'xapp-1-A0FAKE-socket-appsecret';
const BOT_TOKEN = 'xoxb-socket-bot-secret';

describe('Slack app in Socket Mode', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('gives up with a clear error when the socket never connects,', async () => {
    // The fake hands out a WebSocket URL that refuses the upgrade, so the client keeps retrying.
    const log = capturedLogger('debug');
    const slack = createSlackApp({
      botToken: BOT_TOKEN,
      appToken: APP_TOKEN,
      slackApiUrl: fake.url,
      port: 0,
      logger: log.logger,
      metrics: createMetrics({ defaultMetrics: false }),
      identity: { botId: 'B0FAKEBOT', botUserId: 'U0FAKEBOT' },
      socketStartTimeoutMs: 700,
    });
    expect(slack.mode).toBe('socket');
    const started = Date.now();
    const error = await slack.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SlackStartupError);
    expect((error as SlackStartupError).reason).toBe('socket_timeout');
    expect((error as Error).message).toMatch(
      /Socket Mode did not connect to Slack within 1 s: check SLACK_APP_TOKEN/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    // It did try, with the app token, against the configured API URL.
    expect(fake.callsTo('apps.connections.open').map((c) => c.token)).toContain(APP_TOKEN);
    await slack.stop();
    expect(log.text()).not.toContain(APP_TOKEN);
    expect(log.text()).not.toContain(BOT_TOKEN);
  });
});

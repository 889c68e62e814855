import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSlackConnection, SlackStartupError } from '../../src/slack/preflight.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';

const GOOD_BOT = 'xoxb-good-0000-botsecret';
const BAD_BOT = 'xoxb-revoked-9999-botsecret';
const GOOD_APP = 'xapp-1-A0FAKE-good-appsecret';
const BAD_APP = 'xapp-1-A0FAKE-bad-appsecret';

async function rejection(promise: Promise<unknown>): Promise<SlackStartupError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SlackStartupError);
  return error as SlackStartupError;
}

function expectNoTokens(error: Error): void {
  for (const token of [GOOD_BOT, BAD_BOT, GOOD_APP, BAD_APP]) {
    expect(error.message).not.toContain(token);
    expect(String(error.stack)).not.toContain(token);
  }
}

describe('checkSlackConnection', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack({
      invalidTokens: [BAD_BOT, BAD_APP],
      identity: {
        botId: 'B42',
        botUserId: 'U42',
        teamId: 'T42',
        team: 'Acme',
        url: 'https://acme.slack.com/',
      },
    });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('returns the bot identity from one auth.test', async () => {
    fake.reset();
    const identity = await checkSlackConnection({
      botToken: GOOD_BOT,
      slackApiUrl: fake.url,
      timeoutMs: 2_000,
    });
    expect(identity).toEqual({
      botId: 'B42',
      botUserId: 'U42',
      teamId: 'T42',
      team: 'Acme',
      url: 'https://acme.slack.com/',
    });
    expect(fake.calls.map((c) => [c.method, c.token])).toEqual([['auth.test', GOOD_BOT]]);
  });

  it('checks the app token with apps.connections.open in Socket Mode', async () => {
    fake.reset();
    await checkSlackConnection({
      botToken: GOOD_BOT,
      appToken: GOOD_APP,
      slackApiUrl: fake.url,
      timeoutMs: 2_000,
    });
    expect(fake.calls.map((c) => [c.method, c.token])).toEqual([
      ['auth.test', GOOD_BOT],
      ['apps.connections.open', GOOD_APP],
    ]);
  });

  it('explains a rejected bot token without printing it', async () => {
    fake.reset();
    const error = await rejection(
      checkSlackConnection({ botToken: BAD_BOT, slackApiUrl: fake.url, timeoutMs: 2_000 }),
    );
    expect(error.message).toContain('SLACK_BOT_TOKEN was rejected by Slack');
    expect(error.message).toContain('Bot User OAuth Token (xoxb-…) from OAuth & Permissions');
    expect(error.reason).toBe('invalid_bot_token');
    expectNoTokens(error);
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('does not retry a failing auth.test', async () => {
    fake.reset();
    fake.failNext('auth.test', { status: 500 });
    const error = await rejection(
      checkSlackConnection({ botToken: GOOD_BOT, slackApiUrl: fake.url, timeoutMs: 2_000 }),
    );
    expect(error.message).toMatch(/answered HTTP 500/);
    expect(fake.callsTo('auth.test')).toHaveLength(1);
  });

  it('fails fast on a bad app token in Socket Mode', async () => {
    fake.reset();
    const started = Date.now();
    const error = await rejection(
      checkSlackConnection({
        botToken: GOOD_BOT,
        appToken: BAD_APP,
        slackApiUrl: fake.url,
        timeoutMs: 2_000,
      }),
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.message).toContain('SLACK_APP_TOKEN was rejected by Slack');
    expect(error.message).toContain('connections:write');
    expect(error.reason).toBe('invalid_app_token');
    expectNoTokens(error);
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('explains an app token of the wrong type', async () => {
    fake.failNext('apps.connections.open', { error: 'not_allowed_token_type' });
    const error = await rejection(
      checkSlackConnection({
        botToken: GOOD_BOT,
        appToken: GOOD_APP,
        slackApiUrl: fake.url,
        timeoutMs: 2_000,
      }),
    );
    expect(error.message).toMatch(/SLACK_APP_TOKEN is not an app-level token.*connections:write/);
  });

  it('catches swapped tokens before calling Slack', async () => {
    fake.reset();
    const swapped = await rejection(
      checkSlackConnection({ botToken: GOOD_APP, slackApiUrl: fake.url, timeoutMs: 2_000 }),
    );
    expect(swapped.message).toMatch(
      /SLACK_BOT_TOKEN must start with xoxb- \(it looks like the app-level token/,
    );
    const appAsBot = await rejection(
      checkSlackConnection({
        botToken: GOOD_BOT,
        appToken: GOOD_BOT,
        slackApiUrl: fake.url,
        timeoutMs: 2_000,
      }),
    );
    expect(appAsBot.message).toMatch(/SLACK_APP_TOKEN must start with xapp-/);
    expectNoTokens(swapped);
    expectNoTokens(appAsBot);
    expect(fake.calls).toHaveLength(0);
  });

  it('reports an unreachable Slack within a couple of seconds', async () => {
    const closed = await unusedPort();
    const started = Date.now();
    const error = await rejection(
      checkSlackConnection({
        botToken: GOOD_BOT,
        slackApiUrl: `http://127.0.0.1:${closed}/api/`,
        timeoutMs: 1_500,
      }),
    );
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(error.message).toMatch(
      new RegExp(
        `^could not reach Slack at http://127\\.0\\.0\\.1:${closed}/api/ \\(ECONNREFUSED\\): check network/proxy or SLACK_API_URL$`,
      ),
    );
    expect(error.reason).toBe('unreachable');
  });

  it('gives up on a Slack that never answers after timeoutMs', async () => {
    const silent = await silentServer();
    try {
      const started = Date.now();
      const error = await rejection(
        checkSlackConnection({
          botToken: GOOD_BOT,
          slackApiUrl: `http://127.0.0.1:${silent.port}`,
          timeoutMs: 500,
        }),
      );
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(error.message).toContain('no answer within 500 ms');
      expectNoTokens(error);
    } finally {
      await silent.close();
    }
  });
});

async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP connections and never answers. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SANDBOX_ACCOUNT_KEY,
  DEFAULT_SANDBOX_ACCOUNT_SECRET,
  type Sandbox,
  startSandbox,
} from '../../src/sandbox/server.js';
import { sandboxClient } from './client.js';

let sandbox: Sandbox;
let client: ReturnType<typeof sandboxClient>;

beforeAll(async () => {
  sandbox = await startSandbox({
    speed: 0,
    rateLimitPerMinute: 10_000,
    startTime: new Date('2026-03-02T18:36:13Z'),
  });
  client = sandboxClient(sandbox);
});
afterAll(() => sandbox.close());

describe('token endpoint', () => {
  it('issues an HS256 JWT with the documented claims and camelCase body', async () => {
    expect(sandbox.accountKey).toBe(DEFAULT_SANDBOX_ACCOUNT_KEY);
    expect(sandbox.accountSecret).toBe(DEFAULT_SANDBOX_ACCOUNT_SECRET);
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await client.requestToken('/v1.0/numbers/provision');
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      successful: true,
      tokenExpiry: '03/02/2026 06:46:13 PM',
      apiEndpoint: 'https://api.telegent.com/v1.0/numbers/provision',
      error: '',
    });
    const [head, payload] = (answer.json.token as string)
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(head).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier']).toBe(
      sandbox.accountKey,
    );
    expect(payload['http://schemas.microsoft.com/ws/2008/06/identity/claims/userdata']).toEqual(
      expect.any(String),
    );
    expect(payload).toMatchObject({
      iss: 'https://api.telegent.co',
      aud: 'com.telegent.co',
      scope: 'https://api.telegent.com/v1.0/numbers/provision',
      exp: Date.parse('2026-03-02T18:46:13Z') / 1000,
    });
  });

  it('requires ApiEndpoint (400 with the ASP.NET message)', async () => {
    const answer = await client.requestToken('/x', { ApiEndpoint: undefined });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ StatusCode: 400, Message: 'The ApiEndpoint field is required.' });
  });

  it('rejects bad credentials with 401', async () => {
    const answer = await client.requestToken('/v1.0/numbers/inventory', { AccountSecret: 'wrong' });
    expect(answer.status).toBe(401);
    expect(answer.json.StatusCode).toBe(401);
    expect(answer.json.Message).toMatch(/AccountKey or AccountSecret/);
  });

  it('reads body keys case-insensitively', async () => {
    const answer = await client.raw('POST', '/v1.0/OAuth2/tokens', {
      body: {
        accountkey: sandbox.accountKey,
        ACCOUNTSECRET: sandbox.accountSecret,
        apiEndpoint: 'https://api.telegent.com/v1.0/numbers/inventory',
      },
    });
    expect(answer.status).toBe(200);
  });
});

describe('bearer checks', () => {
  it('401 without a token or with a garbled one', async () => {
    const none = await client.raw('GET', '/v1.0/numbers/inventory');
    expect(none.status).toBe(401);
    expect(none.json).toEqual({
      StatusCode: 401,
      Message:
        'Unauthorized: Bearer token is missing, expired, or invalid. Re-authenticate via POST /v1.0/oauth2/tokens.',
    });
    const garbled = await client.raw('GET', '/v1.0/numbers/inventory', { token: 'abc.def.ghi' });
    expect(garbled.status).toBe(401);
  });

  it('403 when the token is scoped to another endpoint; the scope compares paths only', async () => {
    const provisionToken = await client.token('/v1.0/numbers/provision');
    const wrong = await client.raw('GET', '/v1.0/numbers/inventory', { token: provisionToken });
    expect(wrong.status).toBe(403);
    expect(wrong.json.Message).toMatch(/Check the ApiEndpoint scope/);
    const inventoryToken = await client.token('/v1.0/numbers/inventory');
    const right = await client.raw('GET', '/v1.0/Numbers/Inventory/?PageNumber=1', { token: inventoryToken });
    expect(right.status).toBe(200);
  });

  it('401 once the token expires on the sandbox clock', async () => {
    const token = (await client.requestToken('/v1.0/account/message/routes')).json.token;
    expect((await client.raw('GET', '/v1.0/account/message/routes', { token })).status).toBe(200);
    sandbox.clock.advance(599);
    expect((await client.raw('GET', '/v1.0/account/message/routes', { token })).status).toBe(200);
    sandbox.clock.advance(1);
    expect((await client.raw('GET', '/v1.0/account/message/routes', { token })).status).toBe(401);
  });

  it('honours a shorter TTL', async () => {
    sandbox.setTokenTtl(30);
    const answer = await client.requestToken('/v1.0/account/voice/routes');
    sandbox.setTokenTtl(600);
    sandbox.clock.advance(30);
    expect((await client.raw('GET', '/v1.0/account/voice/routes', { token: answer.json.token })).status).toBe(
      401,
    );
  });
});

describe('routing', () => {
  it('404 for unknown paths and 405 for the wrong method, as JSON', async () => {
    const unknown = await client.raw('GET', '/v1.0/nothing/here');
    expect(unknown.status).toBe(404);
    expect(unknown.json.Message).toMatch(/^Not found/);
    const wrongMethod = await client.raw('GET', '/v1.0/numbers/provision');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('content-type')).toMatch(/application\/json/);
    expect(wrongMethod.json).toEqual({
      StatusCode: 405,
      Message: 'Method not allowed: verify the HTTP method required for this endpoint.',
    });
  });
});

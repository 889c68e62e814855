import type { Sandbox } from '../../src/sandbox/server.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test convenience for reading JSON bodies
  json: any;
}

/** A tiny raw HTTP client for the sandbox tests: one cached token per path, JSON in and out. */
export function sandboxClient(sandbox: Sandbox) {
  const tokens = new Map<string, string>();

  async function raw(
    method: string,
    path: string,
    init: { body?: unknown; token?: string; rawBody?: string } = {},
  ) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers,
      body,
      signal: AbortSignal.timeout(5000),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json } as Answer;
  }

  async function requestToken(apiPath: string, overrides: Record<string, unknown> = {}) {
    return raw('POST', '/v1.0/oauth2/tokens', {
      body: {
        AccountKey: sandbox.accountKey,
        AccountSecret: sandbox.accountSecret,
        ApiEndpoint: `https://api.telegent.com${apiPath}`,
        ...overrides,
      },
    });
  }

  async function token(apiPath: string): Promise<string> {
    const cached = tokens.get(apiPath);
    if (cached) return cached;
    const answer = await requestToken(apiPath);
    if (answer.status !== 200) throw new Error(`token for ${apiPath}: ${answer.status} ${answer.text}`);
    tokens.set(apiPath, answer.json.token);
    return answer.json.token;
  }

  /** Calls an API path with a token scoped to it (renewed once on 401). `path` may carry a query string. */
  async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
    const apiPath = path.split('?')[0] as string;
    const first = await raw(method, path, { body, token: await token(apiPath) });
    if (first.status !== 401) return first;
    tokens.delete(apiPath);
    return raw(method, path, { body, token: await token(apiPath) });
  }

  return {
    raw,
    requestToken,
    token,
    call,
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    forgetTokens: () => tokens.clear(),
  };
}

export const PORTIN_BODY = {
  PortInNumber: '+15125550123',
  CurrentCarrierName: 'Verizon',
  CurrentAccountNumber: '123456789',
  CurrentAccountPassword: '2468',
  CurrentBillingAddress: { Street1: '1 Main St', City: 'Austin', State: 'TX', Zip: '78701' },
  TargetPortinClassification: 'mvno',
  SubscriberName: 'Pat Doe',
};

export const PROVISION_BODY = {
  NumberType: 'mvno',
  MessageType: 'p2p',
  MessageEnabled: true,
  VoiceEnabled: false,
  ProductType: 'Sms+Data',
  MessageRouteId: 'MRID-ad0ff867-57dc-4aeb-80e9-9d18349080e9',
  AreaCode: '801',
};

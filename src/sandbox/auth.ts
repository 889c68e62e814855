import { timingSafeEqual } from 'node:crypto';
import type { HandlerContext } from './context.js';
import type { SandboxCore } from './core.js';
import { ApiError, BAD_CREDENTIALS_MESSAGE, badRequest } from './errors.js';
import { normalizePath } from './faults.js';
import { optString, requiredMessage } from './fields.js';
import { formatTokenExpiry } from './formats.js';
import { peekJwt, signJwt, verifyJwt } from './jwt.js';

/** Claim names of real Telegent tokens (decoded from a documented sample), plus a plain `scope`. */
export const CLAIM_ACCOUNT_KEY = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier';
export const CLAIM_USERDATA = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/userdata';
export const TOKEN_ISSUER = 'https://api.telegent.co';
export const TOKEN_AUDIENCE = 'com.telegent.co';

const sameSecret = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** POST /v1.0/oauth2/tokens */
export function issueToken({ core, now, body }: HandlerContext): unknown {
  const accountKey = optString(body, 'AccountKey');
  const accountSecret = optString(body, 'AccountSecret');
  const apiEndpoint = optString(body, 'ApiEndpoint');
  if (!accountKey) throw badRequest(requiredMessage('AccountKey'));
  if (!accountSecret) throw badRequest(requiredMessage('AccountSecret'));
  if (!apiEndpoint) throw badRequest(requiredMessage('ApiEndpoint'));
  let scopeUrl: URL;
  try {
    scopeUrl = new URL(apiEndpoint);
    if (!/^https?:$/.test(scopeUrl.protocol)) throw new Error('scheme');
  } catch {
    throw badRequest('The ApiEndpoint field is not a valid fully-qualified http, https, or ftp URL.');
  }
  if (accountKey !== core.accountKey || !sameSecret(accountSecret, core.accountSecret))
    throw new ApiError(401, BAD_CREDENTIALS_MESSAGE);
  const exp = Math.floor(now / 1000) + core.tokenTtlSeconds;
  const token = signJwt(
    {
      [CLAIM_ACCOUNT_KEY]: accountKey,
      [CLAIM_USERDATA]: Buffer.from(core.random.uuid()).toString('base64'),
      scope: scopeUrl.toString(),
      exp,
      iss: TOKEN_ISSUER,
      aud: TOKEN_AUDIENCE,
    },
    core.signingKey,
  );
  return {
    token,
    successful: true,
    tokenExpiry: formatTokenExpiry(new Date(exp * 1000)),
    apiEndpoint,
    error: '',
  };
}

const bearer = (header: string | undefined) => /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];

/**
 * 401 for a missing, garbled or expired token; 403 when its scope is another endpoint.
 * Scope compares PATHS only (case-insensitive, no query, no trailing slash): tests reach the sandbox at
 * http://127.0.0.1:PORT while tokens may name https://api.telegent.com.
 */
export function authorize(
  core: SandboxCore,
  authorization: string | undefined,
  requestPath: string,
  now: number,
): void {
  const token = bearer(authorization);
  if (!token) throw new ApiError(401);
  const payload = verifyJwt(token, core.signingKey);
  if (!payload || payload[CLAIM_ACCOUNT_KEY] !== core.accountKey || typeof payload.exp !== 'number')
    throw new ApiError(401);
  if (payload.exp * 1000 <= now) throw new ApiError(401);
  let scopePath: string;
  try {
    scopePath = new URL(String(payload.scope)).pathname;
  } catch {
    throw new ApiError(401);
  }
  if (normalizePath(scopePath) !== normalizePath(requestPath)) throw new ApiError(403);
}

/** The account a request is charged to, for the rate limiter (no verification needed). */
export function rateLimitAccount(
  authorization: string | undefined,
  tokenRequestKey: string | undefined,
): string {
  if (tokenRequestKey) return tokenRequestKey;
  const token = bearer(authorization);
  const key = token ? peekJwt(token)?.[CLAIM_ACCOUNT_KEY] : undefined;
  return typeof key === 'string' ? key : 'anonymous';
}

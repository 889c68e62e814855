/** Documented default credentials (docs/sandbox.md). Not secrets: the sandbox is local-only. */
export const DEFAULT_SANDBOX_ACCOUNT_KEY = 'DID-5a1d0c3e-7b2f-4c8a-9e61-0d5b7f3a2c10';
export const DEFAULT_SANDBOX_ACCOUNT_SECRET = 'sandbox-secret-2f9c4e7a1b6d';
export const DEFAULT_SANDBOX_PORT = 4010;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 50;
export const DEFAULT_TOKEN_TTL_SECONDS = 600;

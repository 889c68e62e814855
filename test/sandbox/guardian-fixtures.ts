import { SEED_NUMBERS, SEED_SUBSCRIBER_IDS } from '../../src/sandbox/seed.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/server.js';
import { sandboxClient } from './client.js';

/** Shared by the AI Guardian conformance probes (plans-guardian reference §3), which speak raw HTTP. */

/** Seeded subscribers 0..5 own SEED_NUMBERS i and i+6. */
export const ANA = SEED_SUBSCRIBER_IDS[0];
export const ANA_LINE = SEED_NUMBERS[0] as string;
export const ANA_OTHER_LINE = SEED_NUMBERS[6] as string;
export const BEN = SEED_SUBSCRIBER_IDS[1];
export const BEN_LINE = SEED_NUMBERS[1] as string;
export const BEN_OTHER_LINE = SEED_NUMBERS[7] as string;
export const UNKNOWN = 'TSUID-00000000-0000-4000-8000-000000000000';
export const SUB = '/v1.0/subscribers';
export const q = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

/** A frozen-clock sandbox with a generous rate limit, and a raw client on it. */
export async function startGuardianSandbox(seed: number): Promise<{
  sandbox: Sandbox;
  client: ReturnType<typeof sandboxClient>;
}> {
  const sandbox = await startSandbox({ speed: 0, rateLimitPerMinute: 10_000, seed });
  return { sandbox, client: sandboxClient(sandbox) };
}

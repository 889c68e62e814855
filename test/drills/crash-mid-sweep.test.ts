import { describe, expect, it } from 'vitest';
import { CI_SIZE, run } from '../../drills/crash-mid-sweep.js';
import { formatReport } from '../../drills/support/report.js';

const SERVER = Boolean(process.env.TEST_DATABASE_URL);

describe('drill: crash mid-sweep (CI size: 40 orders, 3 × kill -9)', () => {
  it.skipIf(SERVER)(
    'PGlite (when no server is configured): after kills and restarts every order ends at the sandbox status, every recorded change posted once',
    async () => {
      const result = await run({ ...CI_SIZE, store: 'embedded' });
      expect(result.failures, formatReport(result)).toEqual([]);
      expect(result.figures['kill -9']).toBe(3);
      expect(result.figures['duplicates (goal 0)']).toBe(0);
      expect(result.figures['missing (goal 0)']).toBe(0);
      expect(result.figures['orders whose DB status ≠ the sandbox’s']).toBe(0);
      expect(Number(result.figures['status changes posted'])).toBeGreaterThan(0);
    },
    120_000,
  );

  it.skipIf(!SERVER)(
    'Postgres server (server only: set TEST_DATABASE_URL): same promises with the store on the server',
    async () => {
      const result = await run({ ...CI_SIZE, store: 'server' });
      expect(result.failures, formatReport(result)).toEqual([]);
      expect(result.figures['kill -9']).toBe(3);
      expect(result.figures['duplicates (goal 0)']).toBe(0);
      expect(result.figures['missing (goal 0)']).toBe(0);
      expect(result.figures['orders whose DB status ≠ the sandbox’s']).toBe(0);
    },
    120_000,
  );
});

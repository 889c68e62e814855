import { describe, expect, it } from 'vitest';
import { run } from '../../drills/kill-after-approve.js';
import { type DrillResult, formatReport } from '../../drills/support/report.js';
import { DRILL_TIMEOUT_MS } from './drill-timeout.js';

const SERVER = Boolean(process.env.TEST_DATABASE_URL);

function expectRecoveredOnce(result: DrillResult) {
  expect(result.failures, formatReport(result)).toEqual([]);
  expect(result.figures['request status after the kill']).toBe('approved');
  expect(result.figures['provisions sent before the restart']).toBe(0);
  expect(result.figures['provisions sent (goal 1)']).toBe(1);
  expect(result.figures['request status after the restart']).toBe('succeeded');
}

describe('drill: kill -9 between an approval and its execution', () => {
  // One store per run, like every other test (PGlite by default, the server when TEST_DATABASE_URL is set):
  // each variant restarts real app processes and costs a minute of a two-core CI machine.
  it(
    `${SERVER ? 'Postgres server' : 'PGlite'}: the restarted app executes the stranded approval exactly once and announces it`,
    async () => {
      expectRecoveredOnce(await run({ store: SERVER ? 'server' : 'embedded' }));
    },
    DRILL_TIMEOUT_MS,
  );
});

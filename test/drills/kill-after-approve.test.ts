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
  it(
    'PGlite: the restarted app executes the stranded approval exactly once and announces it',
    async () => {
      expectRecoveredOnce(await run({ store: 'embedded' }));
    },
    DRILL_TIMEOUT_MS,
  );

  it.skipIf(!SERVER)(
    'Postgres server (server only: set TEST_DATABASE_URL): the same, with the store on the server',
    async () => {
      expectRecoveredOnce(await run({ store: 'server' }));
    },
    DRILL_TIMEOUT_MS,
  );
});

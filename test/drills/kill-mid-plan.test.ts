import { describe, expect, it } from 'vitest';
import { run } from '../../drills/kill-mid-plan.js';
import { formatReport } from '../../drills/support/report.js';
import { DRILL_TIMEOUT_MS } from './drill-timeout.js';

const SERVER = Boolean(process.env.TEST_DATABASE_URL);

describe('drill: kill -9 between a provision and its line’s plan', () => {
  it(
    `${SERVER ? 'Postgres server' : 'PGlite'}: after the restart the line has exactly one subscription, recorded`,
    async () => {
      const result = await run({ store: SERVER ? 'server' : 'embedded' });
      expect(result.failures, formatReport(result)).toEqual([]);
      expect(result.figures['subscriptions of the new number (goal 1)']).toBe(1);
      expect(result.figures['step after the restart']).toBe('done');
    },
    DRILL_TIMEOUT_MS,
  );
});

import { describe, expect, it } from 'vitest';
import { CI_SIZE, run } from '../../drills/kill-mid-batch.js';
import { formatReport } from '../../drills/support/report.js';
import { DRILL_TIMEOUT_MS } from './drill-timeout.js';

const SERVER = Boolean(process.env.TEST_DATABASE_URL);

describe('drill: kill -9 in the middle of a batch', () => {
  // The CI size (3 items, one kill with the second item's answer held); `npm run drills` kills a 6-item batch
  // three times and another before its first item.
  it(
    `${SERVER ? 'Postgres server' : 'PGlite'}: after the restart every item is settled, Telegent got each exactly once, one story`,
    async () => {
      const result = await run({ store: SERVER ? 'server' : 'embedded', ...CI_SIZE });
      expect(result.failures, formatReport(result)).toEqual([]);
      expect(result.figures['batch 1: submissions Telegent received (goal 3)']).toBe(3);
      expect(result.figures['batch 1: distinct numbers the items name (goal 3)']).toBe(3);
      expect(result.figures['batch 1: items done / read back (unknown) / failed / unsettled']).toBe(
        '2 / 1 / 0 / 0',
      );
      expect(result.figures['batch 1: story messages (goal 1)']).toBe(1);
    },
    DRILL_TIMEOUT_MS,
  );
});

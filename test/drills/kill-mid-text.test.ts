import { describe, expect, it } from 'vitest';
import { run } from '../../drills/kill-mid-text.js';
import { formatReport } from '../../drills/support/report.js';
import { DRILL_TIMEOUT_MS } from './drill-timeout.js';

const SERVER = Boolean(process.env.TEST_DATABASE_URL);

describe('drill: kill -9 between the text to the line and its record', () => {
  // The point only (the full drill also kills before the send and after the record): one kill, one
  // restart of a real app process on one store (PGlite by default, the server when TEST_DATABASE_URL is set).
  it(
    `${SERVER ? 'Postgres server' : 'PGlite'}: still one text; the request stands and its card says the text may have failed`,
    async () => {
      const result = await run({ store: SERVER ? 'server' : 'embedded', points: ['between'] });
      expect(result.failures, formatReport(result)).toEqual([]);
      expect(result.figures['between: texts at the kill']).toBe(1);
      expect(result.figures['between: notice after the kill']).toBe('sending');
      expect(result.figures['between: texts after the restart (goal 1)']).toBe(1);
      expect(result.figures['between: card says']).toBe('Texting the customer may have failed');
      expect(result.figures['between: cards posted (goal 1)']).toBe(1);
      expect(result.figures['between: request after the restart']).toBe('pending_approval');
      expect(result.figures['between: notice after the restart']).toBe('unknown');
      expect(result.figures['Telegent changes sent twice (goal 0)']).toBe(0);
    },
    DRILL_TIMEOUT_MS,
  );
});

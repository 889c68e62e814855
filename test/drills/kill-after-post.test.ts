import { describe, expect, it } from 'vitest';
import { run } from '../../drills/kill-after-post.js';
import { type DrillResult, formatReport } from '../../drills/support/report.js';
import { DRILL_TIMEOUT_MS } from './drill-timeout.js';

const SERVER = Boolean(process.env.TEST_DATABASE_URL);

function expectEffectivelyOnce(result: DrillResult) {
  expect(result.failures, formatReport(result)).toEqual([]);
  expect(result.figures['kill -9 in the post→mark gap']).toBe(3);
  expect(result.figures['posts found already in Slack after a restart']).toBeGreaterThanOrEqual(3);
  expect(result.figures['status changes in Slack other than exactly once (goal 0)']).toBe(0);
  expect(result.figures['final-status DMs due']).toBe(3);
  expect(result.figures['DMs other than exactly once (goal 0)']).toBe(0);
}

describe('drill: kill -9 placed between Slack taking a post and the app marking it', () => {
  // One store per run, like every other test (PGlite by default, the server when TEST_DATABASE_URL is set):
  // each variant restarts real app processes and costs a minute of a two-core CI machine.
  it(
    `${SERVER ? 'Postgres server' : 'PGlite'}: thread reply, channel message and DM each found by metadata after the restart, none repeated`,
    async () => {
      expectEffectivelyOnce(await run({ store: SERVER ? 'server' : 'embedded' }));
    },
    DRILL_TIMEOUT_MS,
  );
});

import { describe, expect, it } from 'vitest';
import { ALL_REQUESTS, CI_SIZE, run } from '../../drills/double-click.js';
import { formatReport } from '../../drills/support/report.js';

describe('drill 1: double click on two replicas', () => {
  // One pair of app processes races all three requests in turn: a second and third pair of replicas would
  // prove nothing more and cost a minute of the two-core CI machine.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    `${CI_SIZE.clicks} concurrent Approve clicks via two app processes → one provision, one park, one 2-of-N port-out (needs the Postgres server: TEST_DATABASE_URL)`,
    async () => {
      const result = await run({ ...CI_SIZE, requests: [...ALL_REQUESTS] });
      expect(result.passed, formatReport(result)).toBe(true);
      expect(result.skipped).toBeUndefined();
      for (const request of ALL_REQUESTS) {
        const figure = (name: string) => result.figures[`${request}: ${name}`];
        expect(figure('mutations in the sandbox journal'), request).toBe(1);
        expect(figure('"Already approved …" answers'), request).toBe(CI_SIZE.clicks! - 1);
        expect(figure('clicks acked 200'), request).toBe(CI_SIZE.clicks);
        // 2-of-N port-out: the first approval alone sent nothing; the race for the second sent one.
        const twoApprovers = request === 'portout-2of';
        expect(figure('mutations after the first approval'), request).toBe(twoApprovers ? 0 : undefined);
        expect(figure('first approval answer') ?? null, request).toEqual(
          twoApprovers ? expect.stringMatching(/^Your approval is recorded \(1 of 2 approved by/) : null,
        );
      }
      expect(result.figures['error log lines']).toBe(0);
      expect(result.figures['leak scan: leaks']).toBe(0);
      expect(Number(result.figures['shared token rows in kv_cache'])).toBeGreaterThan(0);
      expect(result.figures['tokens readable in kv_cache']).toBe(0);
    },
    90_000,
  );
});

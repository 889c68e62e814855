import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that take longest (measured 2026-12-07 with the Postgres server on the two-core machine), started first
 * so no long drill is left running alone at the end of the suite. Vitest's own order needs the results cache
 * of an earlier run, which a fresh CI clone does not have: it falls back to file size, and the drills' test
 * files are small (their work lives in drills/), so they would start last. A stale entry costs nothing.
 */
const SLOWEST_FIRST = [
  'test/drills/crash-mid-sweep.test.ts',
  'test/drills/kill-after-post.test.ts',
  'test/drills/kill-mid-text.test.ts',
  'test/drills/kill-mid-plan.test.ts',
  'test/drills/kill-mid-batch.test.ts',
  'test/drills/double-click.test.ts',
  'test/drills/first-run.test.ts',
  'test/drills/bad-input.test.ts',
  'test/drills/slack-weather.test.ts',
  'test/requests/execution.test.ts',
  'test/jobs/poll-loop.test.ts',
  'test/drills/telegent-weather.test.ts',
  'test/store/open-store.test.ts',
  'test/jobs/order-lifecycle.test.ts',
  'test/drills/leak-scan.test.ts',
  'test/e2e/customer-picker-warm.test.ts',
  'test/e2e/customer-notice.test.ts',
];

const rank = (file: TestSpecification) => {
  const index = SLOWEST_FIRST.findIndex((path) => file.moduleId.endsWith(path));
  return index === -1 ? SLOWEST_FIRST.length : index;
};

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    // Stable: the listed files in their listed order, then the rest in Vitest's own order.
    return base
      .map((file, index) => ({ file, index }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.index - b.index)
      .map(({ file }) => file);
  }
}

import { defineConfig } from 'vitest/config';
import SlowestFirstSequencer from './test/support/slow-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on HTTP, SQL and child processes rather than the CPU: three workers on two cores.
    maxWorkers: 3,
    // Each worker imports Bolt, pg, PGlite and the app once for all its files instead of once per file: half
    // the suite's CPU time (measured: 450 s → 224 s user+sys). Safe because no test mocks modules, fakes
    // timers or changes process.env; every world (store, sandbox, app) is built by the file that uses it.
    isolate: false,
    sequence: { sequencer: SlowestFirstSequencer },
    // The drills start the compiled app when dist/ is current: built once here if it is not.
    globalSetup: ['test/support/build-once.ts'],
  },
});

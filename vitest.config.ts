import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on HTTP, SQL and child processes rather than the CPU: three workers on two cores.
    maxWorkers: 3,
  },
});

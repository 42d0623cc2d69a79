import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Budgets for the slowest machine CI runs on (2 cores shared with a second suite): a test waits for
    // events, never for a number of milliseconds, so a generous ceiling only matters when something hangs.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    include: ['test/**/*.test.ts'],
  },
});

// Root vitest project: the spec's own tests (openapi/tests) and the maintainer scripts' (scripts/tests). Packages and examples have their own configs.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Budgets for the slowest machine CI runs on (2 cores shared with a second suite): a test waits for
    // events, never for a number of milliseconds, so a generous ceiling only matters when something hangs.
    testTimeout: 30_000,
    hookTimeout: 30_000,

    include: ['openapi/tests/**/*.test.ts', 'scripts/tests/**/*.test.ts'],
    typecheck: {
      enabled: true,
      include: ['openapi/tests/**/*.test-d.ts'],
      tsconfig: 'openapi/tests/tsconfig.json',
    },
  },
});

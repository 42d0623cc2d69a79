// The package's Vitest config for mutation runs: the same tests, without the type-level tests
// (Stryker mutates run-time code; a type check per mutant would only slow it down).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.spec.ts'],
  },
});

// The package's Vitest config for mutation runs: the same tests, without the type-level tests
// (Stryker mutates run-time code; a type check per mutant would only slow it down).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.spec.ts'],
    // The soak test measures memory over 30,000 requests: it kills no mutant the others miss, and
    // would run for every mutant of the pipeline.
    exclude: ['test/soak.test.ts', '**/node_modules/**'],
  },
});

// The snippets harness (test/snippets.test.ts), and the snippets that are test files themselves,
// written to .snippets/ by the global setup: in Node, and in jsdom those that render with Testing Library.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    globalSetup: ['test/globalSetup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts', '.snippets/**/*.test.ts'],
          exclude: ['.snippets/**/*.dom.test.ts'],
        },
      },
      { extends: true, test: { name: 'jsdom', environment: 'jsdom', include: ['.snippets/**/*.dom.test.ts'] } },
    ],
  },
});

import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Budgets for the slowest machine CI runs on (2 cores shared with a second suite): a test waits for
// events, never for a number of milliseconds, so a generous ceiling only matters when something hangs.
const budgets = { testTimeout: 30_000, hookTimeout: 30_000 };

export default defineConfig({
  test: {
    projects: [
      {
        // The sources as the web build has them (fetch, Web Crypto): every test.
        test: {
          name: 'web',
          ...budgets,
          include: ['test/**/*.test.ts', 'src/**/*.spec.ts'],
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
        },
      },
      {
        // The sources as the Node build has them (tsup.config.ts swaps the same files): the transport
        // suite again, now on node:http.
        test: {
          name: 'node',
          ...budgets,
          include: ['test/transport.test.ts'],
          env: { ACS_TEST_TRANSPORT: 'node' },
        },
        plugins: [
          {
            name: 'node-build-files',
            enforce: 'pre',
            resolveId(source, importer) {
              if (!importer || !/\/(defaultCrypto|platform|defaultTransport)\.js$/.test(source)) return null;
              return resolve(importer, '..', source.replace(/\.js$/, '.node.ts'));
            },
          },
        ],
      },
    ],
  },
});

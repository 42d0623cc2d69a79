// Three projects run the tests a user writes: in Node with msw/node, in jsdom, and in a real
// Chromium (Debian's, never downloaded) with msw/browser and the service worker in public/; the
// files in test/shared run both in jsdom and in Chromium.
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { findChromium } from '../../scripts/lib/chromium.mjs';

// `pnpm test` provisions Chromium first (scripts/provision-browsers.mjs); without one, the global
// setup stops the run with the command to install it. The config itself never throws, so tools
// that load it (knip, editors) work on a machine without Chromium.
const chromium = findChromium() ?? '/usr/bin/chromium';

export default defineConfig({
  test: {
    // Budgets for the slowest machine CI runs on (2 cores shared with a second suite): a test waits for
    // events, never for a number of milliseconds, so a generous ceiling only matters when something hangs.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        test: { name: 'node', environment: 'node', include: ['test/node/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        // The README's React Testing Library recipe: the same file as in the browser project below.
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          testTimeout: 30_000,
          include: ['test/shared/**/*.test.ts'],
          setupFiles: ['test/setup.ts'],
        },
      },
      {
        test: {
          name: 'browser',
          testTimeout: 30_000,
          globalSetup: ['test/requireChromium.ts'],
          setupFiles: ['test/setup.ts'],
          include: ['test/browser/**/*.test.ts', 'test/shared/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: chromium,
                args: [
                  '--no-sandbox',
                  '--disable-background-networking',
                  '--disable-gpu',
                  '--disable-component-update',
                  '--disable-sync',
                  '--disable-dev-shm-usage',
                ],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});

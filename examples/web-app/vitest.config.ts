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
    projects: [
      {
        test: { name: 'node', environment: 'node', include: ['test/node/**/*.test.ts'] },
      },
      {
        // The README's React Testing Library recipe: the same file as in the browser project below.
        test: { name: 'jsdom', environment: 'jsdom', include: ['test/shared/**/*.test.ts'] },
      },
      {
        test: {
          name: 'browser',
          globalSetup: ['test/requireChromium.ts'],
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

// Two projects run the same kind of tests a user writes: in Node with msw/node, and in a real
// Chromium (Debian's, never downloaded) with msw/browser and the service worker in public/.
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { findChromium, INSTALL_COMMAND } from '../../scripts/lib/chromium.mjs';

// `pnpm test` provisions Chromium first (scripts/provision-browsers.mjs); run alone, this says how.
const chromium: string | undefined = findChromium();
if (!chromium)
  throw new Error(
    `The browser tests need Chromium, and none was found. Run:\n  ${INSTALL_COMMAND}\nor: pnpm provision:browsers`,
  );

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'node', environment: 'node', include: ['test/node/**/*.test.ts'] },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
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

// End-to-end: the example app in the system's Chromium (never a downloaded browser), served by
// Vite, calling the mock server that the acs-opensearch-mock command started on another origin
// (so CORS and signature checks are real). Playwright Test starts both servers (webServer).
import { defineConfig } from '@playwright/test';
import { findChromium } from '../../scripts/lib/chromium.mjs';

// Without Chromium, the global setup stops the run with the command to install it.
const chromium = findChromium() ?? '/usr/bin/chromium';
const MOCK_PORT = Number(process.env.E2E_MOCK_PORT ?? 4011);
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 5174);

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './test/requireChromium.ts',
  timeout: 30_000,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    },
  },
  webServer: [
    {
      // The mock server as another language's test suite would start it: the package's bin.
      command: `acs-opensearch-mock --port ${MOCK_PORT} --verify-signature e2e-ak:e2e-secret --seed 1`,
      url: `http://127.0.0.1:${MOCK_PORT}/v4/openapi/app-groups/ping/functions/ping/instances`,
      // Any HTTP answer means it is up (this one is 400 IncompleteSignature).
      reuseExistingServer: false,
      stdout: 'pipe',
      timeout: 20_000,
    },
    {
      command: 'vite --config vite.e2e.config.ts',
      url: `http://127.0.0.1:${APP_PORT}`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        VITE_OPENSEARCH_ENDPOINT: `http://127.0.0.1:${MOCK_PORT}`,
        VITE_APP_GROUP: 'shop',
        VITE_FUNCTION: 'ctr',
        E2E_APP_PORT: String(APP_PORT),
      },
    },
  ],
});

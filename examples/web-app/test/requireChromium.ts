// Global setup of the browser tests (Vitest and Playwright Test): stop with the exact command to
// run when no Chromium is found. `pnpm test` provisions it first (scripts/provision-browsers.mjs).
import { findChromium, INSTALL_COMMAND } from '../../../scripts/lib/chromium.mjs';

export default function requireChromium(): void {
  if (!findChromium()) {
    throw new Error(
      `The browser tests need Chromium, and none was found. Run:\n  ${INSTALL_COMMAND}\nor: pnpm provision:browsers`,
    );
  }
}

#!/usr/bin/env node
// `pnpm provision:browsers` (a turbo task that the browser tests depend on): finds Chromium
// (CHROMIUM_PATH, then the usual system paths) or installs Debian's package when running as root
// with apt-get, and otherwise stops with the exact command to run. Set ACS_NO_BROWSER_INSTALL=1
// to forbid the install.
import { ensureChromium } from './lib/chromium.mjs';

try {
  console.log(`provision: Chromium at ${ensureChromium()}`);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

// Where the browser tests find Chromium, and how `pnpm test` provisions it, the way
// `playwright install --with-deps chromium` does for Playwright users (but from Debian's
// packages: nothing is downloaded from a browser CDN).
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** Known system locations, after CHROMIUM_PATH. */
const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const INSTALL_COMMAND =
  'sudo apt-get install -y chromium   (or set CHROMIUM_PATH to a Chromium or Chrome binary)';

const executable = (path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** CHROMIUM_PATH when it is set (it must then exist), else the first known location, else undefined. */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (!executable(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable file`);
    return env.CHROMIUM_PATH;
  }
  return KNOWN_PATHS.find(executable);
}

/**
 * Returns a Chromium binary, installing Debian's `chromium` when none is found and this process is
 * root with apt-get available (it says so first). Otherwise throws with the exact command to run.
 */
export function ensureChromium({ env = process.env, log = console.error } = {}) {
  const found = findChromium(env);
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt || env.ACS_NO_BROWSER_INSTALL === '1') {
    throw new Error(`The browser tests need Chromium, and none was found. Run:\n  ${INSTALL_COMMAND}`);
  }
  log("provision: no Chromium found; installing Debian's chromium package for the browser tests:");
  log('provision:   apt-get update && apt-get install -y chromium');
  const options = { stdio: ['ignore', 'ignore', 'inherit'], env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } };
  execFileSync('apt-get', ['update', '-qq'], options);
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], options);
  const installed = findChromium(env);
  if (!installed) throw new Error(`apt-get installed chromium, but no binary is at ${KNOWN_PATHS[0]}`);
  log(`provision: installed ${execFileSync(installed, ['--version'], { encoding: 'utf8' }).trim()} at ${installed}`);
  return installed;
}

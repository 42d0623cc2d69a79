#!/usr/bin/env node
// `pnpm start`: runs the demo CLI (examples/cli) with whatever arguments follow.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../examples/cli/list-instances.mjs', import.meta.url));
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);

#!/usr/bin/env node
// `pnpm start`: runs the lifecycle demo (examples/cli/lifecycle.mjs) with whatever arguments follow.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../examples/cli/lifecycle.mjs', import.meta.url));
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);

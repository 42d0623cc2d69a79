#!/usr/bin/env node
// `pnpm start`: runs the lifecycle demo (examples/cli/lifecycle.mjs) with whatever arguments follow,
// then the search page demo (examples/cli/search-page.mjs): the application API end to end.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../examples/cli/lifecycle.mjs', import.meta.url));
const result = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
if (result.status !== 0 || process.argv.slice(2).some((a) => a === '-h' || a === '--help'))
  process.exit(result.status ?? 1);
console.log('\n──── search and push (the application API, v3) ────\n');
const search = fileURLToPath(new URL('../examples/cli/search-page.mjs', import.meta.url));
process.exit(spawnSync(process.execPath, [search], { stdio: 'inherit' }).status ?? 1);

#!/usr/bin/env node
// `pnpm release [--dry-run]`: builds, runs the checks, then publishes with `changeset publish`.
// With --dry-run it shows what would be published (pnpm publish --dry-run) and publishes nothing.
import { execFileSync } from 'node:child_process';

const dryRun = process.argv.includes('--dry-run');
const run = (cmd, args) => {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: 'inherit' });
};

// `pnpm tasks` is turbo with telemetry off (the one place it is set: package.json).
run('pnpm', ['tasks', 'build', 'typecheck', 'test', 'lint:package', '--filter=./packages/*']);
run('pnpm', ['test:consumer']);
if (dryRun) {
  run('pnpm', ['--filter', './packages/*', '-r', 'publish', '--dry-run', '--no-git-checks', '--access', 'public']);
  console.log('\nrelease --dry-run: nothing was published.');
} else {
  run('pnpm', ['exec', 'changeset', 'publish']);
}

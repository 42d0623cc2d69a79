#!/usr/bin/env node
// Release-flow test: in a temporary copy of the repository, write a changeset, run
// `changeset version`, and check the versions, the cross-package range and the changelogs.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const work = mkdtempSync(join(tmpdir(), 'acs-opensearch-release-'));
const failures = [];
let passed = 0;
const check = (ok, message) => {
  if (ok) passed += 1;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${message}`);
  if (!ok) failures.push(message);
};
const readJson = (path) => JSON.parse(readFileSync(join(work, path), 'utf8'));

try {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(work, file)), { recursive: true });
    try {
      cpSync(join(root, file), join(work, file));
    } catch {
      // A file listed by git but deleted in the working tree.
    }
  }
  // changesets needs no install: reuse the workspace's tools.
  symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');

  const before = {
    client: readJson('packages/client/package.json').version,
    mocks: readJson('packages/mocks/package.json').version,
  };
  writeFileSync(
    join(work, '.changeset', 'release-flow-test.md'),
    '---\n"@acs-opensearch/client": patch\n---\n\nRelease-flow test: listFunctionInstances retries a throttled call once more.\n',
  );
  execFileSync(join(root, 'node_modules', '.bin', 'changeset'), ['version'], { cwd: work, stdio: 'pipe' });

  const client = readJson('packages/client/package.json');
  const mocks = readJson('packages/mocks/package.json');
  check(client.version !== before.client, `client version bumped: ${before.client} -> ${client.version}`);
  check(mocks.version === client.version, `mocks version follows (fixed group): ${before.mocks} -> ${mocks.version}`);
  const range = mocks.dependencies['@acs-opensearch/client'];
  check(range === `workspace:^${client.version}`, `mocks' range on the client updated: ${range}`);
  for (const pkg of ['client', 'mocks']) {
    const changelog = readFileSync(join(work, 'packages', pkg, 'CHANGELOG.md'), 'utf8');
    check(changelog.includes(`## ${client.version}`), `packages/${pkg}/CHANGELOG.md has a ${client.version} section`);
  }
  const clientLog = readFileSync(join(work, 'packages', 'client', 'CHANGELOG.md'), 'utf8');
  check(
    clientLog.includes('retries a throttled call once more'),
    "the client's changelog carries the changeset's text",
  );
  check(
    !readFileSync(join(work, 'packages', 'mocks', 'CHANGELOG.md'), 'utf8').includes('undefined'),
    'no "undefined" in the changelogs',
  );
} catch (error) {
  failures.push(error.message);
  console.error(`FAIL ${error.message}\n${error.stderr ?? ''}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`test:release: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);

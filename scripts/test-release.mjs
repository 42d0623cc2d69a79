#!/usr/bin/env node
// `pnpm test:release`: the release flow, as a maintainer runs it, on a copy of the repository.
//   - the repository as committed: the fixed group at one released version (1.0.0 or later), each
//     changelog with a section for it, and the API reports recording the surface it was released with;
//   - on the copy: a new changeset, `changeset version`, the API reports recorded
//     (`pnpm version-packages` without the build: the copy reuses this checkout's dist/), then
//     `pnpm release --dry-run` (its checks on the tarballs, without the consumer test, which
//     `pnpm test:consumer` runs): the next version for all three, the changelogs and the ranges,
//     exactly three tarballs listed at that version, publint and attw passing on them.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyRepository, createReport, run, tryRun } from './lib/harness.mjs';
import { publicPackages } from './release.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const work = mkdtempSync(join(tmpdir(), 'acs-opensearch-release-'));
const report = createReport('test:release');
const { check, step } = report;
const readJson = (base, path) => JSON.parse(readFileSync(join(base, path), 'utf8'));
const config = readJson(root, '.changeset/config.json');
const group = config.fixed?.[0] ?? [];

try {
  const packages = publicPackages(root);
  const released = packages[0]?.version ?? '';
  check(
    packages.length === 3 && group.length === 3 && packages.every((p) => group.includes(p.name)),
    `the fixed group is the three public packages: ${packages.map((p) => p.name).join(', ')}`,
  );
  check(
    packages.every((p) => p.version === released) && Number(released.split('.')[0]) >= 1,
    `the three are at one released version, 1.0.0 or later: ${packages.map((p) => `${p.name}@${p.version}`).join(', ')}`,
  );
  for (const pkg of packages) {
    const log = readFileSync(join(pkg.dir, 'CHANGELOG.md'), 'utf8');
    check(log.includes(`## ${released}`), `${pkg.name}'s CHANGELOG.md has its ${released} section`);
    check(!/undefined|\[object Object\]/.test(log), `${pkg.name}'s CHANGELOG.md has no "undefined"`);
    check(typeof pkg.acsApiSurface === 'string', `${pkg.name}'s package.json records its released API surface`);
  }

  copyRepository(root, work);
  for (const pkg of ['client', 'mocks', 'query']) {
    const dist = join(root, 'packages', pkg, 'dist');
    if (!existsSync(dist)) throw new Error(`packages/${pkg}/dist is missing: build the packages first`);
    cpSync(dist, join(work, 'packages', pkg, 'dist'), { recursive: true });
  }
  // Any changeset pending in this checkout would be released too; the flow is tested on its own.
  for (const file of run('git', ['ls-files', '-co', '--exclude-standard', '.changeset'], root).split('\n'))
    if (file.endsWith('.md') && !file.endsWith('README.md')) rmSync(join(work, file), { force: true });
  writeFileSync(
    join(work, '.changeset', 'release-flow-test.md'),
    '---\n"@acs-opensearch/client": patch\n---\n\nRelease-flow test: listFunctionInstances retries a throttled call once more.\n',
  );
  step('changeset version, then the API reports recorded (pnpm version-packages)', () => {
    run(join(root, 'node_modules', '.bin', 'changeset'), ['version'], work);
    return run(process.execPath, [join(work, 'scripts', 'api-report.mjs'), '--record-release'], work);
  });

  const after = publicPackages(work);
  const [major, minor, patch] = released.split('.').map(Number);
  const next = `${major}.${minor}.${(patch ?? 0) + 1}`;
  check(
    after.every((p) => p.version === next),
    `all three move together to ${next}: ${after.map((p) => `${p.name}@${p.version}`).join(', ')}`,
  );
  for (const pkg of after) {
    const range = pkg.dependencies?.['@acs-opensearch/client'];
    if (range) check(range === `workspace:^${next}`, `${pkg.name}'s range on the client: ${range}`);
    const log = readFileSync(join(pkg.dir, 'CHANGELOG.md'), 'utf8');
    check(
      log.indexOf(`## ${next}`) >= 0 && log.indexOf(`## ${next}`) < log.indexOf(`## ${released}`),
      `${pkg.name}'s changelog: ${next} above ${released}`,
    );
    check(!log.includes('undefined'), `${pkg.name}'s changelog has no "undefined"`);
  }
  const clientLog = readFileSync(join(work, 'packages', 'client', 'CHANGELOG.md'), 'utf8');
  check(
    clientLog.includes('- Release-flow test: listFunctionInstances retries a throttled call once more.'),
    "the client's changelog carries the changeset as one bullet",
  );
  const mocksLog = readFileSync(join(work, 'packages', 'mocks', 'CHANGELOG.md'), 'utf8');
  const mocksEntry = mocksLog.slice(mocksLog.indexOf(`## ${next}`), mocksLog.indexOf(`## ${released}`));
  check(
    mocksEntry.includes(`- Uses \`@acs-opensearch/client\` ${next}.`) && !/Updated dependencies/.test(mocksEntry),
    `the mocks, released with the client, say in one line that they use the client ${next}`,
    mocksEntry,
  );

  const dry = tryRun(
    process.execPath,
    [join(work, 'scripts', 'release.mjs'), '--dry-run', '--skip-verify', '--skip-consumer'],
    work,
  );
  check(
    dry.ok,
    'pnpm release --dry-run passes on the versioned copy (publint --strict and attw on each tarball)',
    dry.out.slice(-3000),
  );
  const listed = [...dry.out.matchAll(/^ {2}(@acs-opensearch\/[a-z-]+)@(\S+) {2}(\S+\.tgz)/gm)];
  check(
    listed.length === 3 && listed.every((m) => m[2] === next && group.includes(m[1] ?? '')),
    `it lists exactly the three tarballs at ${next}: ${listed.map((m) => m[3]).join(', ')}`,
  );
  check(/nothing was published/.test(dry.out), 'and publishes nothing');

  // A release is refused while a changeset is pending (a dry run lists it and goes on). The npm
  // settings make sure nothing could be published even if the refusal broke.
  writeFileSync(join(work, '.changeset', 'pending.md'), '---\n"@acs-opensearch/mocks": patch\n---\n\nPending.\n');
  const noRegistry = { npm_config_registry: 'http://127.0.0.1:9/' };
  const release = (args, env) =>
    tryRun(
      process.execPath,
      [join(work, 'scripts', 'release.mjs'), '--skip-verify', '--skip-consumer', ...args],
      work,
      env,
    );
  const refused = release([], { ...noRegistry, npm_config_dry_run: 'true' });
  check(
    !refused.ok && /pending/.test(refused.out) && !/pnpm pack/.test(refused.out),
    'a release with a pending changeset is refused before anything is packed',
    refused.out.slice(-1500),
  );
  const listedPending = release(['--dry-run'], noRegistry);
  check(
    listedPending.ok &&
      /1 changeset\(s\) pending \(pending\.md\)/.test(listedPending.out) &&
      /nothing was published/.test(listedPending.out),
    'its dry run lists the pending changeset and still checks the tarballs',
    listedPending.out.slice(-1500),
  );
} catch (error) {
  check(false, 'the release flow', `${error.stdout ?? ''}${error.stderr ?? ''}${error.message}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
report.finish();

#!/usr/bin/env node
// `pnpm release [--dry-run]`: publishes exactly the tarballs it checked.
//   1. refuses while a changeset is pending (run `pnpm version-packages` first; a dry run lists them
//      and goes on) or the fixed group's versions differ;
//   2. builds, type-checks and tests the packages (skip with --skip-verify);
//   3. packs every public package of packages/ into .release/ (pnpm pack: workspace ranges rewritten);
//   4. checks each tarball: publint --strict and attw (node16), then the consumer test installs the
//      same tarballs with npm in fresh projects (skip with --skip-consumer);
//   5. --dry-run: lists what would be published and stops. Otherwise `npm publish <tarball>` for
//      each version the registry does not have yet (a push to main with nothing new to release
//      publishes nothing), then `changeset tag` (git tags name@version).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = new Set(process.argv.slice(2));
const dryRun = args.has('--dry-run');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, argv, cwd = root) => {
  console.log(`\n$ ${[cmd.replace(`${root}/`, ''), ...argv].join(' ')}`);
  execFileSync(cmd, argv, { cwd, stdio: 'inherit' });
};
const fail = (message) => {
  console.error(`\nrelease: ${message}`);
  process.exit(1);
};

/** The packages a release publishes: every package of packages/ that is not private. */
export function publicPackages(repo = root) {
  return readdirSync(join(repo, 'packages'))
    .map((dir) => ({ dir: join(repo, 'packages', dir), manifest: join(repo, 'packages', dir, 'package.json') }))
    .filter(({ manifest }) => {
      try {
        return !JSON.parse(readFileSync(manifest, 'utf8')).private;
      } catch {
        return false;
      }
    })
    .map(({ dir, manifest }) => ({ dir, ...JSON.parse(readFileSync(manifest, 'utf8')) }));
}

/** What stops a release before anything is built: pending changesets, versions out of step. */
export function pendingChangesets(repo = root) {
  return readdirSync(join(repo, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
}

export function releaseBlockers(repo = root) {
  const blockers = [];
  const pending = pendingChangesets(repo);
  if (pending.length > 0)
    blockers.push(
      `${pending.length} changeset(s) pending (${pending.join(', ')}): run \`pnpm version-packages\` first`,
    );
  const config = JSON.parse(readFileSync(join(repo, '.changeset', 'config.json'), 'utf8'));
  const versions = new Map(publicPackages(repo).map((p) => [p.name, p.version]));
  for (const group of config.fixed ?? []) {
    const seen = new Set(group.map((name) => versions.get(name)));
    if (seen.size > 1)
      blockers.push(`the fixed group ${group.join(', ')} is at different versions: ${[...seen].join(', ')}`);
  }
  for (const [name, version] of versions)
    if (version === '0.0.0') blockers.push(`${name} is at 0.0.0: nothing has been versioned`);
  return blockers;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // A dry run checks what is committed even while changesets are pending (it lists them: the real
  // release refuses until `pnpm version-packages` has consumed them).
  const pending = pendingChangesets();
  const blockers = releaseBlockers().filter((b) => !(dryRun && b.includes('changeset(s) pending')));
  if (blockers.length > 0) fail(`not releasable:\n  - ${blockers.join('\n  - ')}`);
  if (dryRun && pending.length > 0)
    console.log(
      `release --dry-run: ${pending.length} changeset(s) pending (${pending.join(', ')}); a real release refuses until \`pnpm version-packages\` has run.`,
    );
  const packages = publicPackages();

  if (!args.has('--skip-verify')) run('pnpm', ['tasks', 'build', 'typecheck', 'test', '--filter=./packages/*']);

  const out = join(root, '.release');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const pkg of packages) run('pnpm', ['pack', '--pack-destination', out], pkg.dir);
  const tarballs = readdirSync(out).filter((f) => f.endsWith('.tgz'));
  if (tarballs.length !== packages.length)
    fail(`packed ${tarballs.length} tarballs for ${packages.length} packages: ${tarballs.join(', ')}`);

  for (const tarball of tarballs) {
    run(bin('publint'), ['run', join(out, tarball), '--strict']);
    run(bin('attw'), [join(out, tarball), '--profile', 'node16']);
  }
  if (!args.has('--skip-consumer'))
    run(process.execPath, [join(root, 'scripts', 'test-consumer.mjs'), '--tarballs', out]);

  const list = packages.map((pkg) => {
    const file = tarballs.find((t) => t === `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`);
    if (!file) fail(`no tarball for ${pkg.name}@${pkg.version} in ${out}`);
    return { pkg, file, kb: Math.round(statSync(join(out, file)).size / 1024) };
  });
  console.log(`\n${dryRun ? 'Would publish' : 'Publishing'} (checked tarballs in .release/):`);
  for (const { pkg, file, kb } of list) console.log(`  ${pkg.name}@${pkg.version}  ${file}  ${kb} kB`);
  if (dryRun) {
    console.log('\nrelease --dry-run: nothing was published (a real run skips versions the registry already has).');
  } else {
    const published = ({ pkg }) => {
      try {
        return (
          execFileSync('npm', ['view', `${pkg.name}@${pkg.version}`, 'version'], { encoding: 'utf8' }).trim() !== ''
        );
      } catch {
        return false; // E404: not on the registry yet
      }
    };
    const fresh = list.filter((entry) => !published(entry));
    for (const { pkg } of list.filter((entry) => !fresh.includes(entry)))
      console.log(`  ${pkg.name}@${pkg.version} is already on the registry: skipped`);
    for (const { file } of fresh) run('npm', ['publish', join(out, file), '--access', 'public']);
    if (fresh.length > 0) run(bin('changeset'), ['tag']);
  }
}

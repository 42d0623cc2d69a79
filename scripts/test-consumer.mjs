#!/usr/bin/env node
// Consumer smoke test: packs both packages as they would be published (pnpm pack rewrites the
// workspace ranges), installs the tarballs with npm into a fresh project outside the workspace,
// and uses them from ESM, CJS, strict TypeScript (bundler and node16) and a browser bundle.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const fixture = join(root, 'scripts', 'consumer-fixture');
const work = mkdtempSync(join(tmpdir(), 'acs-opensearch-consumer-'));
const keep = process.argv.includes('--keep');
let passed = 0;
let failed = 0;

function run(command, args, cwd) {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' } });
}

function step(name, fn) {
  try {
    const out = fn();
    passed += 1;
    console.log(`ok   ${name}${out ? `\n${String(out).trim().replace(/^/gm, '     ')}` : ''}`);
  } catch (error) {
    failed += 1;
    const detail = [error.stdout, error.stderr, error.message].filter(Boolean).join('\n').trim();
    console.error(`FAIL ${name}\n${detail.replace(/^/gm, '     ')}`);
  }
}

try {
  const packs = join(work, 'packs');
  const app = join(work, 'app');
  step('pnpm pack both packages (workspace ranges rewritten)', () => {
    for (const pkg of ['client', 'mocks']) run('pnpm', ['pack', '--pack-destination', packs], join(root, 'packages', pkg));
    const tarballs = readdirSync(packs);
    if (tarballs.length !== 2) throw new Error(`expected 2 tarballs, got ${tarballs.join(', ')}`);
    const manifest = JSON.parse(run('tar', ['-xOzf', join(packs, tarballs.find((t) => t.includes('mocks'))), 'package/package.json']));
    const range = manifest.dependencies['@acs-opensearch/client'];
    if (!range || range.startsWith('workspace:')) throw new Error(`mocks depends on the client as ${range}`);
    return tarballs.join(', ');
  });

  step('npm install the tarballs, msw 2, TypeScript and esbuild into a fresh project', () => {
    writeFileSync(join(work, 'package.json'), '{}');
    run('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }, null, 2));
    for (const file of readdirSync(fixture)) copyFileSync(join(fixture, file), join(app, file));
    const tarballs = readdirSync(packs).map((t) => join(packs, t));
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, 'msw@^2.7.0', 'typescript@~5.9.3', 'esbuild@^0.25.0', '@types/node@^20.19.0'], app);
    return run('npm', ['ls', '--depth=0'], app);
  });

  step('ESM: import client and mocks, run the client against msw/node and over HTTP', () => run(process.execPath, ['esm.mjs'], app));
  step('CJS: the same with require()', () => run(process.execPath, ['cjs.cjs'], app));

  // Under node16 the consumer is an ES module (.mts): msw's own types cannot be required from CJS.
  copyFileSync(join(fixture, 'consumer.ts'), join(app, 'consumer.mts'));
  for (const [resolution, module, file] of [['bundler', 'esnext', 'consumer.ts'], ['node16', 'node16', 'consumer.mts']]) {
    step(`strict tsc --noEmit on ${file} with moduleResolution "${resolution}" (and the @ts-expect-error lines hold)`, () => {
      const config = {
        compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], module, moduleResolution: resolution, types: ['node'], skipLibCheck: false, noUncheckedIndexedAccess: true },
        files: [file],
      };
      writeFileSync(join(app, `tsconfig.${resolution}.json`), JSON.stringify(config, null, 2));
      return run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', `tsconfig.${resolution}.json`], app);
    });
  }

  step('browser bundle of the consumer (esbuild, platform browser) has nothing from Node', () => {
    const out = run(
      join(app, 'node_modules', '.bin', 'esbuild'),
      ['consumer.ts', '--bundle', '--platform=browser', '--format=esm', '--minify', '--metafile=meta.json', '--outfile=bundle.js', '--log-level=warning'],
      app,
    );
    const meta = JSON.parse(run('cat', ['meta.json'], app));
    const nodeInputs = Object.keys(meta.inputs).filter((input) => /^node:|(^|\/)node_modules\/@types\/node\//.test(input));
    const nodeImports = Object.values(meta.inputs).flatMap((i) => i.imports.filter((imp) => imp.path.startsWith('node:') || imp.external).map((imp) => imp.path));
    if (nodeInputs.length || nodeImports.length) throw new Error(`Node modules in the browser bundle: ${[...nodeInputs, ...nodeImports].join(', ')}`);
    const bytes = meta.outputs['bundle.js'].bytes;
    return `${out}bundle.js: ${bytes} bytes minified, ${Object.keys(meta.inputs).length} inputs, no node: imports`;
  });
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

console.log(`test:consumer: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

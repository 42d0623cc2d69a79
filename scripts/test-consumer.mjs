#!/usr/bin/env node
// Consumer smoke test: packs the three packages as they would be published (pnpm pack rewrites the
// workspace ranges), installs the tarballs with npm into fresh projects outside the workspace (one
// on the system Node with msw 2 and TypeScript 5.9, one on Node 24 with msw 3 and TypeScript 7), and
// uses them from ESM, CJS, strict TypeScript (bundler and node16, the query package with React Query and Vue Query) and a browser bundle.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createReport, run } from './lib/harness.mjs';
import { node24Binary } from './lib/node24.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const fixture = join(root, 'scripts', 'consumer-fixture');
const work = mkdtempSync(join(tmpdir(), 'acs-opensearch-consumer-'));
const keep = process.argv.includes('--keep');
const report = createReport('test:consumer');
const step = report.step;

const npmCli = realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
// @acs-opensearch/query with the two most used adapters, each as users install it (each may bring its own query-core).
const QUERY_DEPS = ['@tanstack/react-query@^5', '@tanstack/vue-query@^5', 'react@^19', '@types/react@^19', 'vue@^3'];
// The system Node with the majors this repository's tooling uses, and Node 24 (the active LTS) with
// the newest majors users install today: msw 3 (Node >= 22.12) and TypeScript 7.
const variants = [
  {
    label: `Node ${process.version.split('.')[0]}, msw 2, TypeScript 5.9`,
    dir: 'node-system',
    node: process.execPath,
    deps: ['msw@^2.7.0', 'typescript@~5.9.3', 'esbuild@^0.25.0', '@types/node@^20.19.0', ...QUERY_DEPS],
    listen: 'listen-msw2.ts',
  },
  {
    label: 'Node 24, msw 3, TypeScript 7',
    dir: 'node24',
    node: node24Binary(),
    deps: ['msw@^3.0.0', 'typescript@^7.0.0', 'esbuild@^0.25.0', '@types/node@^24.0.0', ...QUERY_DEPS],
    listen: 'listen-msw3.ts',
  },
];

try {
  // `--tarballs DIR`: the tarballs `pnpm release` packed and will publish; by default, pack them here.
  const given = process.argv.indexOf('--tarballs');
  const packs = given > 0 ? resolve(process.argv[given + 1]) : join(work, 'packs');
  step(
    given > 0 ? `the release's tarballs in ${packs}` : 'pnpm pack the three packages (workspace ranges rewritten)',
    () => {
      if (given < 0)
        for (const pkg of ['client', 'mocks', 'query'])
          run('pnpm', ['pack', '--pack-destination', packs], join(root, 'packages', pkg));
      const tarballs = readdirSync(packs).filter((t) => t.endsWith('.tgz'));
      if (tarballs.length !== 3) throw new Error(`expected 3 tarballs, got ${tarballs.join(', ')}`);
      const manifest = JSON.parse(
        run('tar', [
          '-xOzf',
          join(
            packs,
            tarballs.find((t) => t.includes('mocks')),
          ),
          'package/package.json',
        ]),
      );
      const range = manifest.dependencies['@acs-opensearch/client'];
      if (!range || range.startsWith('workspace:')) throw new Error(`mocks depends on the client as ${range}`);
      return tarballs.join(', ');
    },
  );

  step('the packed client ships openapi.json, equal to the bundled spec (without the docs site code samples)', () => {
    const tarball = readdirSync(packs).find((t) => t.includes('client'));
    const shipped = run('tar', ['-xOzf', join(packs, tarball), 'package/openapi.json']);
    const bundle = readFileSync(join(root, 'openapi/generated/openapi.json'), 'utf8');
    const withoutSamples = (text) =>
      JSON.stringify(JSON.parse(text, (key, value) => (key === 'x-codeSamples' ? undefined : value)));
    if (withoutSamples(shipped) !== withoutSamples(bundle))
      throw new Error('package/openapi.json differs from openapi/generated/openapi.json');
    return `${Math.round(shipped.length / 1024)} kB`;
  });

  step('each packed README links only to what ships (or to absolute URLs); every listed file ships', () => {
    const checked = [];
    for (const tarball of readdirSync(packs)) {
      const path = join(packs, tarball);
      const shipped = new Set(
        run('tar', ['-tzf', path])
          .split('\n')
          .filter(Boolean)
          .map((f) => f.replace(/^package\//, '')),
      );
      const readme = run('tar', ['-xOzf', path, 'package/README.md']);
      const slugs = new Set(
        [...readme.matchAll(/^#+ (.+)$/gm)].map((m) =>
          m[1]
            .toLowerCase()
            .trim()
            .replace(/[^\w\- ]/g, '')
            .replace(/ /g, '-'),
        ),
      );
      const broken = [];
      for (const [, target] of readme.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^(https?:|mailto:)/.test(target)) continue;
        const [file, anchor] = target.split('#');
        if (file && !shipped.has(file.replace(/^\.\//, ''))) broken.push(target);
        else if (!file && anchor && !slugs.has(anchor)) broken.push(target);
      }
      const manifest = JSON.parse(run('tar', ['-xOzf', path, 'package/package.json']));
      const missing = (manifest.files ?? []).filter((f) => ![...shipped].some((s) => s === f || s.startsWith(`${f}/`)));
      if (broken.length || missing.length)
        throw new Error(
          `${tarball}: README links to what does not ship [${broken}]; listed files missing [${missing}]`,
        );
      checked.push(`${tarball}: ${shipped.size} files, README links ok`);
    }
    return checked.join('\n');
  });

  for (const variant of variants) {
    const app = join(work, variant.dir);
    const tag = `[${variant.label}]`;
    step(`${tag} npm install the tarballs, ${variant.deps.join(', ')} into a fresh project`, () => {
      mkdirSync(app, { recursive: true });
      writeFileSync(
        join(app, 'package.json'),
        JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }, null, 2),
      );
      for (const file of readdirSync(fixture)) copyFileSync(join(fixture, file), join(app, file));
      const tarballs = readdirSync(packs).map((t) => join(packs, t));
      const install = [npmCli, 'install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, ...variant.deps];
      let note = '';
      try {
        run(variant.node, install, app);
      } catch (error) {
        // The registry can list a package's new version before the new version of a dependency it
        // needs (tldts 7.6.4 wanting tldts-core ^7.6.4, say): npm answers ETARGET for that
        // dependency. Then take what the registry held two days earlier, and say so.
        if (!/ETARGET|notarget/.test(`${error.stderr ?? ''}${error.message}`)) throw error;
        const before = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString();
        note = `(the registry lacked a dependency of a just-published version; installed as of ${before})\n`;
        run(variant.node, [...install, `--before=${before}`], app);
      }
      return note + run(variant.node, [npmCli, 'ls', '--depth=0'], app);
    });

    step(`${tag} ESM: client, signing subpath and mocks, against msw/node and over HTTP`, () =>
      run(variant.node, ['esm.mjs'], app),
    );
    step(`${tag} CJS: the same with require()`, () => run(variant.node, ['cjs.cjs'], app));

    // Under node16 the consumer is an ES module (.mts): msw's own types cannot be required from CJS.
    copyFileSync(join(fixture, 'consumer.ts'), join(app, 'consumer.mts'));
    copyFileSync(join(fixture, 'query.ts'), join(app, 'query.mts'));
    copyFileSync(join(fixture, variant.listen), join(app, variant.listen.replace(/\.ts$/, '.mts')));
    for (const [resolution, module, file] of [
      ['bundler', 'esnext', 'consumer.ts'],
      ['node16', 'node16', 'consumer.mts'],
    ]) {
      step(
        `${tag} strict tsc --noEmit on ${file} with moduleResolution "${resolution}" (and the @ts-expect-error lines hold)`,
        () => {
          const config = {
            compilerOptions: {
              strict: true,
              noEmit: true,
              target: 'es2022',
              lib: ['es2022', 'dom'],
              module,
              moduleResolution: resolution,
              types: ['node'],
              skipLibCheck: false,
              noUncheckedIndexedAccess: true,
            },
            files: [
              file,
              file.endsWith('.mts') ? variant.listen.replace(/\.ts$/, '.mts') : variant.listen,
              // React Query and Vue Query take the query package's options, typed (data, error, cache).
              file.endsWith('.mts') ? 'query.mts' : 'query.ts',
            ],
          };
          writeFileSync(join(app, `tsconfig.${resolution}.json`), JSON.stringify(config, null, 2));
          const version = run(join(app, 'node_modules', '.bin', 'tsc'), ['--version'], app).trim();
          run(join(app, 'node_modules', '.bin', 'tsc'), ['-p', `tsconfig.${resolution}.json`], app);
          return version;
        },
      );
    }

    step(`${tag} browser bundle of the consumer (esbuild, platform browser) has nothing from Node`, () => {
      const out = run(
        join(app, 'node_modules', '.bin', 'esbuild'),
        [
          'consumer.ts',
          '--bundle',
          '--platform=browser',
          '--format=esm',
          '--minify',
          '--metafile=meta.json',
          '--outfile=bundle.js',
          '--log-level=warning',
        ],
        app,
      );
      const meta = JSON.parse(readFileSync(join(app, 'meta.json'), 'utf8'));
      const nodeInputs = Object.keys(meta.inputs).filter((input) =>
        /^node:|(^|\/)node_modules\/@types\/node\//.test(input),
      );
      const nodeImports = Object.values(meta.inputs).flatMap((i) =>
        i.imports.filter((imp) => imp.path.startsWith('node:') || imp.external).map((imp) => imp.path),
      );
      if (nodeInputs.length || nodeImports.length)
        throw new Error(`Node modules in the browser bundle: ${[...nodeInputs, ...nodeImports].join(', ')}`);
      const bytes = meta.outputs['bundle.js'].bytes;
      return `${out}bundle.js: ${bytes} bytes minified, ${Object.keys(meta.inputs).length} inputs, no node: imports`;
    });
  }
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

report.finish();

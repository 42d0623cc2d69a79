#!/usr/bin/env node
// `pnpm bench:scale`: what each cost of the client and the mocks does when the spec grows to the
// whole API, measured before it arrives. Two temporary copies of the repository get a spec of 9
// and of 150 operations: the first 9 of the real spec, and the real spec plus copies of its
// operations under new paths, names and actions until there are 150 (so every shape the spec uses
// is there, in its proportions). Each copy is generated and built with the repository's own
// scripts; then, side by side and interleaved, for both sizes:
// - the first-load bundle of a page that calls 1 operation (by '@acs-opensearch/client/operations'
//   and through createOpenSearchClient), and the bytes each further operation adds;
// - createOpenSearchClient() time (the first in a process, and the median after);
// - a consumer's `tsc --noEmit` that imports one operation;
// - the mocks' handler construction, and the first request to each operation;
// - the setupWorker bundle of the mocks.
// Timings run on Node 24 (what users run). `--write` records the result in bench/RESULTS.md;
// `--rounds=N` sets the rounds (default 5); `--keep` keeps the two copies.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, pageCalling } from '../packages/client/bench/bundle.mjs';
import { copyRepository, run } from './lib/harness.mjs';
import { node24Binary } from './lib/node24.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SIZES = [9, 150];
const option = (name) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const ROUNDS = Number(option('rounds') ?? 5);
const bin = (name) => join(root, 'node_modules', '.bin', name);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (...args) => console.error('bench:scale:', ...args);

/** The spec with `size` operations: the real ones first, then copies under `/v4/openapi/scale<k>/`. */
export function specOfSize(document, size) {
  const doc = structuredClone(document);
  const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
  const real = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method })),
  );
  const paths = {};
  let count = 0;
  const add = (path, item, method, rename) => {
    paths[path] ??= Object.fromEntries(Object.entries(item).filter(([key]) => !METHODS.includes(key)));
    const op = structuredClone(item[method]);
    if (rename) {
      op.operationId = `${op.operationId}${rename}`;
      op['x-acs-action'] = `${op['x-acs-action']}${rename}`;
    }
    paths[path][method] = op;
    count += 1;
  };
  for (let k = 0; count < size; k++)
    for (const { path, method } of real) {
      if (count >= size) break;
      const target = k === 0 ? path : path.replace('/v4/openapi/', `/v4/openapi/scale${k}/`);
      add(target, document.paths[path], method, k === 0 ? '' : `Scale${k}`);
    }
  doc.paths = paths;
  return {
    doc,
    operationIds: Object.values(paths).flatMap((item) =>
      METHODS.filter((m) => item[m]).map((m) => item[m].operationId),
    ),
  };
}

/** A copy of the repository whose spec has `size` operations, generated and built. */
function prepare(size, document) {
  const work = mkdtempSync(join(tmpdir(), `acs-opensearch-scale-${size}-`));
  copyRepository(root, work);
  const { doc, operationIds } = specOfSize(document, size);
  writeFileSync(join(work, 'openapi/scale.json'), JSON.stringify(doc, null, 2));
  const redocly = readFileSync(join(work, 'redocly.yaml'), 'utf8');
  writeFileSync(join(work, 'redocly.yaml'), redocly.replace('root: openapi/openapi.yaml', 'root: openapi/scale.json'));
  run('node', ['scripts/generate.mjs'], work);
  for (const pkg of ['client', 'mocks']) run(bin('tsup'), [], join(work, 'packages', pkg));
  return { size, work, operationIds };
}

/** The gzip bytes a page loads first, bundled from the copy (where its packages resolve). */
const pageBytes = async (work, contents) => (await bundle(contents, join(work, 'packages/mocks'))).gzipBytes;

async function bundles(copy) {
  const ids = copy.operationIds;
  const one = await pageBytes(copy.work, pageCalling(ids, 1));
  const nine = await pageBytes(copy.work, pageCalling(ids, 9));
  const client = await pageBytes(
    copy.work,
    "import { createOpenSearchClient } from '@acs-opensearch/client'; export const client = createOpenSearchClient();",
  );
  const worker = await pageBytes(
    copy.work,
    "import { setupWorker } from 'msw/browser'; import { createOpenSearchHandlers } from '@acs-opensearch/mocks'; export const worker = setupWorker(...createOpenSearchHandlers().handlers);",
  );
  return { one, perOperation: Math.round((nine - one) / 8), client, worker };
}

/** Runs `code` (an ES module) with Node 24 in the copy's client package; it prints one JSON line. */
function node24(copy, pkg, code) {
  const file = join(copy.work, 'packages', pkg, `.bench-${process.pid}.mjs`);
  writeFileSync(file, code);
  try {
    return JSON.parse(
      execFileSync(node24Binary(), [file], { encoding: 'utf8', cwd: join(copy.work, 'packages', pkg) }),
    );
  } finally {
    rmSync(file, { force: true });
  }
}

const CONSTRUCTION = `
import { performance } from 'node:perf_hooks';
const t0 = performance.now();
const { createOpenSearchClient } = await import('./dist/node/index.js');
const imported = performance.now() - t0;
const options = { credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } };
const t1 = performance.now();
createOpenSearchClient(options);
const first = performance.now() - t1;
const batches = [];
for (let b = 0; b < 15; b++) {
  const s = performance.now();
  for (let i = 0; i < 2000; i++) createOpenSearchClient(options);
  batches.push(((performance.now() - s) / 2000) * 1000);
}
batches.sort((a, b) => a - b);
console.log(JSON.stringify({ imported, firstMs: first, steadyUs: batches[7] }));
`;

const MOCKS = `
import { performance } from 'node:perf_hooks';
const { createOpenSearchHandlers } = await import('./dist/index.js');
const { createOpenSearchCore, OPERATIONS, invoke } = await import('@acs-opensearch/client');
const { setupServer } = await import('msw/node');
const t0 = performance.now();
createOpenSearchHandlers({ baseUrl: 'https://first.example' });
const firstMs = performance.now() - t0;
const times = [];
for (let i = 0; i < 15; i++) {
  const s = performance.now();
  createOpenSearchHandlers({ baseUrl: 'https://h' + i + '.example' });
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const mock = createOpenSearchHandlers({ baseUrl: 'https://mock.example' });
const server = setupServer(...mock.handlers);
server.listen({ onUnhandledRequest: 'error' });
const core = createOpenSearchCore({ endpoint: 'https://mock.example', credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' }, retry: false });
const value = (rule) => rule.default ?? rule.enum?.[0] ?? ({ integer: 1, number: 1, boolean: false, array: [], object: {} })[rule.type] ?? 'a1';
const firsts = [];
for (const op of Object.values(OPERATIONS)) {
  const params = {};
  for (const p of op.parameters) if (p.required && p.in !== 'header') params[p.name] = value(p);
  if (op.body?.required) params.body = Object.fromEntries(Object.entries(op.body.fields).filter(([, r]) => r.required).map(([n, r]) => [n, value(r)]));
  const s = performance.now();
  await invoke(core, op, params).catch(() => undefined);
  firsts.push(performance.now() - s);
}
server.close();
console.log(JSON.stringify({ firstMs, constructionMs: times[7], firstRequestMs: [...firsts].sort((a, b) => a - b)[firsts.length >> 1], operations: firsts.length }));
`;

/** A consumer project that imports one operation, type-checked with the repository's TypeScript. */
function consumer(copy) {
  const dir = join(copy.work, 'bench-consumer');
  mkdirSync(join(dir, 'node_modules/@acs-opensearch'), { recursive: true });
  symlinkSync(join(copy.work, 'packages/client'), join(dir, 'node_modules/@acs-opensearch/client'), 'dir');
  const id = copy.operationIds[0];
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        skipLibCheck: true,
        lib: ['es2022', 'dom'],
        types: [],
        noEmit: true,
      },
      files: ['index.ts'],
    }),
  );
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
  writeFileSync(
    join(dir, 'index.ts'),
    `import { createOpenSearchCore, ${id} } from '@acs-opensearch/client/operations';
const core = createOpenSearchCore();
export async function read() {
  const answer = await ${id}(core, {} as Parameters<typeof ${id}>[1]);
  return answer.requestId;
}
`,
  );
  return dir;
}

function tscMs(dir) {
  const start = process.hrtime.bigint();
  run(bin('tsc'), ['-p', 'tsconfig.json'], dir);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const fmt = (n, digits = 1) => (typeof n === 'number' ? n.toFixed(digits) : String(n));
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

async function main() {
  const document = JSON.parse(readFileSync(join(root, 'openapi/generated/openapi.json'), 'utf8'));
  log(`preparing copies with ${SIZES.join(' and ')} operations (generate, build)`);
  const copies = SIZES.map((size) => prepare(size, document));
  try {
    const sized = Object.fromEntries(copies.map((c) => [c.size, { bundles: null, client: [], tsc: [], mocks: [] }]));
    for (const copy of copies) sized[copy.size].bundles = await bundles(copy);
    const dirs = Object.fromEntries(copies.map((c) => [c.size, consumer(c)]));
    log(`timing, ${ROUNDS} interleaved rounds`);
    for (let round = 0; round < ROUNDS; round++)
      for (const copy of round % 2 ? [...copies].reverse() : copies) {
        sized[copy.size].client.push(node24(copy, 'client', CONSTRUCTION));
        sized[copy.size].tsc.push(tscMs(dirs[copy.size]));
        sized[copy.size].mocks.push(node24(copy, 'mocks', MOCKS));
      }
    const [small, large] = SIZES.map((size) => {
      const s = sized[size];
      return {
        size,
        ...s.bundles,
        clientFirstMs: median(s.client.map((c) => c.firstMs)),
        clientSteadyUs: median(s.client.map((c) => c.steadyUs)),
        importMs: median(s.client.map((c) => c.imported)),
        tscMs: median(s.tsc),
        mocksFirstMs: median(s.mocks.map((m) => m.firstMs)),
        mocksConstructionMs: median(s.mocks.map((m) => m.constructionMs)),
        firstRequestMs: median(s.mocks.map((m) => m.firstRequestMs)),
      };
    });
    const ratio = (key) => large[key] / small[key];
    const rows = [
      [
        'page calling 1 operation, by `operations/` (gzip)',
        kB(small.one),
        kB(large.one),
        ratio('one'),
        '≤ 10 kB at both, ≤ 1.02×',
        small.one <= 10_000 && large.one <= 10_000 && ratio('one') <= 1.02,
      ],
      [
        'each further operation, by `operations/` (gzip)',
        `${small.perOperation} B`,
        `${large.perOperation} B`,
        ratio('perOperation'),
        '≤ 150 B',
        large.perOperation <= 150,
      ],
      ['page with `createOpenSearchClient` (gzip)', kB(small.client), kB(large.client), ratio('client'), '', null],
      [
        '`createOpenSearchClient()`, median after the first',
        `${fmt(small.clientSteadyUs, 2)} µs`,
        `${fmt(large.clientSteadyUs, 2)} µs`,
        ratio('clientSteadyUs'),
        '≤ 1.2×',
        ratio('clientSteadyUs') <= 1.2,
      ],
      [
        '`createOpenSearchClient()`, the first in a process',
        `${fmt(small.clientFirstMs, 3)} ms`,
        `${fmt(large.clientFirstMs, 3)} ms`,
        ratio('clientFirstMs'),
        '',
        null,
      ],
      [
        'import of the client (Node build)',
        `${fmt(small.importMs)} ms`,
        `${fmt(large.importMs)} ms`,
        ratio('importMs'),
        '',
        null,
      ],
      [
        "a consumer's `tsc --noEmit` (imports 1 operation)",
        `${fmt(small.tscMs, 0)} ms`,
        `${fmt(large.tscMs, 0)} ms`,
        ratio('tscMs'),
        '≤ 1.3×',
        ratio('tscMs') <= 1.3,
      ],
      [
        "the mocks' handler construction, median",
        `${fmt(small.mocksConstructionMs, 2)} ms`,
        `${fmt(large.mocksConstructionMs, 2)} ms`,
        ratio('mocksConstructionMs'),
        '≤ 1.2×',
        ratio('mocksConstructionMs') <= 1.2,
      ],
      [
        "the mocks' first construction in a process",
        `${fmt(small.mocksFirstMs, 2)} ms`,
        `${fmt(large.mocksFirstMs, 2)} ms`,
        ratio('mocksFirstMs'),
        '',
        null,
      ],
      [
        'first request to each operation (median, MSW)',
        `${fmt(small.firstRequestMs, 2)} ms`,
        `${fmt(large.firstRequestMs, 2)} ms`,
        ratio('firstRequestMs'),
        '',
        null,
      ],
      ['`setupWorker` with the handlers (gzip)', kB(small.worker), kB(large.worker), ratio('worker'), '', null],
    ];
    const table = [
      `| figure | ${small.size} operations | ${large.size} operations | ${large.size} / ${small.size} | target | met |`,
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map(
        ([name, a, b, r, target, met]) =>
          `| ${name} | ${a} | ${b} | ${fmt(r, 2)}× | ${target} | ${met === null ? '' : met ? 'yes' : '**no**'} |`,
      ),
    ].join('\n');
    const nodeVersion = execFileSync(node24Binary(), ['--version'], { encoding: 'utf8' }).trim();
    const text = `# Scale benchmark

Run: \`pnpm bench:scale\`, ${new Date().toISOString().slice(0, 10)}. Timings on Node ${nodeVersion}, medians of ${ROUNDS} interleaved rounds (the two sizes alternate, in turn first), so compare the ratios, not the absolute numbers.

The spec of ${small.size} operations is the first ${small.size} of the real spec; the one of ${large.size} is the real spec and copies of its operations under new paths, names and actions (every shape the spec uses, in its proportions). Both are generated and built with the repository's own scripts. Bundles: esbuild, platform browser, minified, code splitting; what a page loads first (gzip, level 9).

${table}
`;
    console.log(text);
    if (process.argv.includes('--write')) {
      mkdirSync(join(root, 'bench'), { recursive: true });
      writeFileSync(join(root, 'bench/RESULTS.md'), text);
      log('wrote bench/RESULTS.md');
    }
  } finally {
    if (!process.argv.includes('--keep'))
      for (const copy of copies) rmSync(copy.work, { recursive: true, force: true });
    else log(`kept ${copies.map((c) => c.work).join(' ')}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();

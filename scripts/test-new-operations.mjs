#!/usr/bin/env node
// The promise, proved: in a temporary copy of the repository, a maintainer adds operations to the
// spec and follows the README's "Change the spec" steps, with no hand edit anywhere downstream. The
// operations are synthetic (an `acs-test-widgets` collection under the app groups: a paged list, a
// create with a JSON body, a get by name with output levels, an update whose body comes in either
// casing, a settings singleton under each widget, and a read sent as a POST), so they can never collide with the real ones the spec has
// or will have. Then:
// - lint, generate, build, refresh the API report: `check:generated` and `api:check` pass;
// - a probe type-checks the generated methods, the paginator and the raw calls (and the mistakes fail);
// - the built client sends every kind of call to a server that works out the action of each request
//   from the copied spec and verifies every signature with the official signer (@alicloud/openapi-core);
// - the built mocks give the new collection behaviour: create, list, get, 404, a PascalCase body
//   read as camelCase, the declared output levels, and a singleton a PUT changes;
// - the client's, the mocks' and the query package's own test suites pass in the copy, under Node 24
//   (the active LTS our users run): this is also `pnpm test`'s Node 24 leg of those suites, so they
//   run once on the machine's Node (the packages' `test` tasks) and once here, not three times.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { copyRepository, createReport, tryRun } from './lib/harness.mjs';
import { node24Binary } from './lib/node24.mjs';
import { loadReader } from './lib/reader.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const fixture = join(root, 'scripts', 'new-operations-fixture');
const work = mkdtempSync(join(tmpdir(), 'acs-opensearch-new-ops-'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const report = createReport('test:new-operations');
const { check } = report;
// The synthetic names, made unique if the spec already has them (a repeat of this test on its own result).
const taken = readFileSync(join(root, 'openapi/generated/openapi.json'), 'utf8');
let round = 0;
while (taken.includes(`AcsTestWidget${round || ''}`) || taken.includes(`acs-test-widgets${round ? `-${round}` : ''}`))
  round += 1;
const T = `AcsTestWidget${round || ''}`;
const SLUG = `acs-test-widgets${round ? `-${round}` : ''}`;
/** A fixture's text with the synthetic names made unique. */
const unique = (text) => text.replaceAll('AcsTestWidget', T).replaceAll('acs-test-widgets', SLUG);
const ITEMS = `/v4/openapi/app-groups/{appGroupIdentity}/${SLUG}`;

/** The maintainer's spec change: two path files and their two lines in openapi.yaml. */
function addOperations() {
  for (const [file, as] of [
    ['acs-test-widgets.yaml', `${SLUG}.yaml`],
    ['acs-test-widget.yaml', `${SLUG}-item.yaml`],
    ['acs-test-widget-settings.yaml', `${SLUG}-settings.yaml`],
    ['acs-test-widget-estimate.yaml', `${SLUG}-estimate.yaml`],
  ])
    writeFileSync(join(work, 'openapi/paths', as), unique(readFileSync(join(fixture, file), 'utf8')));
  const specPath = join(work, 'openapi/openapi.yaml');
  const spec = readFileSync(specPath, 'utf8');
  const anchor = '\ncomponents:\n';
  if (!spec.includes(anchor)) throw new Error('openapi.yaml has no top-level components: where this test expects it');
  const paths = `  ${ITEMS}:\n    $ref: paths/${SLUG}.yaml\n  ${ITEMS}/{widgetName}:\n    $ref: paths/${SLUG}-item.yaml\n  ${ITEMS}/{widgetName}/settings:\n    $ref: paths/${SLUG}-settings.yaml\n  ${ITEMS}/actions/estimate:\n    $ref: paths/${SLUG}-estimate.yaml\n`;
  writeFileSync(specPath, spec.replace(anchor, `\n${paths}components:\n`).replace(/\n\n(\s+\/v4)/, '\n$1'));
}

/** The README's steps, as written: lint, generate, build, refresh the API report; then the checks. */
function followReadme() {
  const lint = tryRun(bin('redocly'), ['lint'], work, { REDOCLY_TELEMETRY: 'off' });
  check(lint.ok && !/\d+ warnings?/.test(lint.out), 'pnpm lint:spec: the changed spec lints clean', lint.out);
  const generate = tryRun('node', ['scripts/generate.mjs'], work);
  check(generate.ok, 'pnpm generate follows the spec', generate.out);
  const metadata = readFileSync(join(work, 'packages/client/src/generated/metadata.ts'), 'utf8');
  check(
    [`List${T}s`, `Create${T}`, `Get${T}`].every((a) => metadata.includes(`"action": "${a}"`)),
    'the generated metadata carries the new actions',
  );
  for (const pkg of ['client', 'mocks', 'query']) {
    const build = tryRun(bin('tsup'), [], join(work, 'packages', pkg));
    check(build.ok, `pnpm build: the ${pkg} builds`, build.out);
  }
  // The query package follows: the new list gets query, infinite and key exports, the create a mutation.
  const queries = readFileSync(join(work, 'packages/query/dist/index.d.ts'), 'utf8');
  const listId = `list${T}s`;
  check(
    [`${listId}Options`, `${listId}InfiniteOptions`, `${listId}QueryKey`, `create${T}Mutation`, `get${T}Options`].every(
      (name) => queries.includes(name),
    ),
    'the query package gives the new operations their options and mutation, with no hand edit',
  );
  // A read sent as a POST (RAM access level get): query options and a key, no mutation, retried as a read.
  const estimate = `estimate${T}s`;
  check(
    queries.includes(`${estimate}Options`) &&
      queries.includes(`${estimate}QueryKey`) &&
      !queries.includes(`${estimate}Mutation`),
    'a read-only POST gets query options and a key, and no mutation',
  );
  const estimateMeta = /"action": "Estimate[^"]*"[\s\S]*?"idempotent": (\w+)/.exec(metadata)?.[1];
  check(estimateMeta === 'true', 'a read-only POST is retried as a read (idempotent in the metadata)', estimateMeta);
  const update = tryRun('node', ['scripts/api-report.mjs'], work);
  check(update.ok, 'pnpm api:update refreshes the API reports', update.out);
  for (const [script, name] of [
    ['check-generated.mjs', 'check:generated'],
    ['api-report.mjs', 'api:check'],
  ]) {
    const result = tryRun('node', [`scripts/${script}`, ...(name === 'api:check' ? ['--check'] : [])], work);
    check(result.ok, `pnpm ${name} passes after the steps`, result.out);
  }
  const report = readFileSync(join(work, 'packages/client/api-report.md'), 'utf8');
  check(
    new RegExp(
      `\\| \`OperationMethods\\.get${T}\` \\| member \\| \`get${T}\\(params: Get${T}Params.*Promise<Get${T}Response>`,
    ).test(report),
    'the API report records the new method with its signature, so a change to its type shows in review',
  );
  // The steps ask for a changeset: without one naming the client, api:check fails and says how to add it.
  const pending = readdirSync(join(work, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
  const saved = pending.map((f) => [f, readFileSync(join(work, '.changeset', f), 'utf8')]);
  for (const f of pending) rmSync(join(work, '.changeset', f));
  const without = tryRun('node', ['scripts/api-report.mjs', '--check'], work);
  check(
    !without.ok && without.out.includes('@acs-opensearch/client') && without.out.includes('pnpm changeset'),
    'without a changeset, api:check fails and names the package and `pnpm changeset`',
    without.out,
  );
  // Step 5 of the README, as written: a changeset by argument, no prompt.
  const added = tryRun('node', ['scripts/add-changeset.mjs', 'minor', 'Widgets.', '--name', 'widgets'], work);
  check(
    added.ok && existsSync(join(work, '.changeset', 'widgets.md')),
    'pnpm changeset:add writes the changeset',
    added.out,
  );
  const withOne = tryRun('node', ['scripts/api-report.mjs', '--check'], work);
  check(withOne.ok, 'with a changeset that names the packages, api:check passes', withOne.out);
  rmSync(join(work, '.changeset', 'widgets.md'));
  for (const [f, text] of saved) writeFileSync(join(work, '.changeset', f), text);
}

function typeProbe() {
  mkdirSync(join(work, 'packages/client/probe'));
  writeFileSync(join(work, 'packages/client/probe/probe.ts'), unique(readFileSync(join(fixture, 'probe.ts'), 'utf8')));
  writeFileSync(
    join(work, 'packages/client/probe/tsconfig.json'),
    JSON.stringify({
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, noUnusedLocals: false },
      include: ['.', '../src'],
      exclude: ['../src/**/*.node.ts', '../src/**/*.spec.ts'],
    }),
  );
  const types = tryRun(bin('tsc'), ['-p', 'probe/tsconfig.json'], join(work, 'packages/client'));
  check(
    types.ok,
    'the probe type-checks: generated methods, paginator, raw calls, and @ts-expect-error on five mistakes',
    types.out,
  );
}

/** A server that works out each request's operation from the copied spec and verifies it with the official signer. */
async function startVerifyingServer(credentials) {
  const document = JSON.parse(readFileSync(join(work, 'openapi/generated/openapi.json'), 'utf8'));
  const { listOperations } = await loadReader();
  const routes = listOperations(document).map((op) => ({
    method: op.method,
    pattern: new RegExp(`^${op.path.replace(/\{[^{}]+\}/g, '[^/]+')}$`),
    action: op.extensions['x-acs-action'],
  }));
  const require = createRequire(join(root, 'packages/client/package.json'));
  const { OpenApiUtil } = require('@alicloud/openapi-core');
  const seen = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const [pathname, search = ''] = (req.url ?? '').split('?');
      const query = {};
      for (const part of search.split('&').filter(Boolean)) {
        const [k, v = ''] = part.split('=');
        query[decodeURIComponent(k)] = decodeURIComponent(v);
      }
      const route = routes.find((r) => r.method === req.method && r.pattern.test(pathname));
      const hash = createHash('sha256').update(body).digest('hex');
      const expected = OpenApiUtil.getAuthorization(
        { pathname, method: req.method, query, headers: req.headers },
        'ACS3-HMAC-SHA256',
        hash,
        credentials.accessKeyId,
        credentials.accessKeySecret,
      );
      seen.push({ method: req.method, pathname, action: req.headers['x-acs-action'], body: body.toString() });
      const reject = (status, code) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify({ Code: code, Message: code }));
      if (!route) return reject(404, 'InvalidAction.NotFound');
      if (req.headers['x-acs-action'] !== route.action) return reject(400, 'InvalidAction.Mismatch');
      if (req.headers['x-acs-content-sha256'] !== hash || req.headers.authorization !== expected)
        return reject(400, 'SignatureDoesNotMatch');
      if (pathname.includes('/flaky/')) return reject(503, 'ServiceUnavailable');
      const name = decodeURIComponent(pathname.split('/').pop());
      const answer =
        route.action === `Get${T}`
          ? { requestId: 'r-get', result: { widgetName: name, colour: 'red' } }
          : route.action === `List${T}s`
            ? { requestId: 'r-list', totalCount: 1, result: [{ widgetName: 'w1', colour: 'red' }] }
            : { requestId: `r-${req.method}`, totalCount: 0, result: [] };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { server, seen, endpoint: `http://127.0.0.1:${server.address().port}` };
}

async function attempt(name, fn, verify) {
  try {
    const result = await fn();
    check(verify(result), name, JSON.stringify(result));
  } catch (error) {
    check(false, name, error instanceof Error ? error.message : String(error));
  }
}

async function theWire() {
  const credentials = { accessKeyId: 'new-ops-ak', accessKeySecret: 'new-ops-secret' };
  const { server, seen, endpoint } = await startVerifyingServer(credentials);
  try {
    const { createOpenSearchClient, OpenSearchError } = await import(
      pathToFileURL(join(work, 'packages/client/dist/node/index.js')).href
    );
    const client = createOpenSearchClient({ endpoint, credentials, retry: { baseDelayMs: 1 } });
    const path = { appGroupIdentity: 'my app' };
    const last = () => seen.at(-1);
    await attempt(
      `client.get${T} is signed as Get${T} and verified by the official signer`,
      () => client[`get${T}`]({ ...path, widgetName: 'w_é' }),
      (r) => r.result.widgetName === 'w_é' && last().action === `Get${T}`,
    );
    await attempt(
      `client.create${T} is signed as Create${T}, body included`,
      () => client[`create${T}`]({ ...path, body: { widgetName: 'w2', colour: 'blue' } }),
      (r) => r.requestId === 'r-POST' && last().body === '{"widgetName":"w2","colour":"blue"}',
    );
    await attempt(
      `client.paginate${T}s pages as List${T}s`,
      async () => {
        const pages = [];
        for await (const page of client[`paginate${T}s`]({ ...path, colour: 'red' })) pages.push(page);
        return pages;
      },
      (pages) => pages.length === 1 && last().action === `List${T}s`,
    );
    await attempt(
      `raw client.GET on the item path is signed as Get${T}`,
      () => client.GET(`${ITEMS}/{widgetName}`, { params: { path: { ...path, widgetName: 'x' } } }),
      (r) => r.data?.result.widgetName === 'x' && last().action === `Get${T}`,
    );
    await attempt(
      `raw client.POST on the collection is signed as Create${T}`,
      () => client.POST(ITEMS, { params: { path }, body: { widgetName: 'raw' } }),
      (r) => r.data?.requestId === 'r-POST' && last().action === `Create${T}`,
    );
    await attempt(
      'the existing operations keep their own action',
      () => client.listFunctionInstances({ ...path, functionName: 'ctr' }),
      () => last().action === 'ListFunctionInstances',
    );
    const before = seen.length;
    const error = await client[`create${T}`]({ appGroupIdentity: 'flaky', body: { widgetName: 'once' } }).catch(
      (e) => e,
    );
    check(
      error instanceof OpenSearchError && error.status === 503 && seen.length === before + 1,
      'a new POST that got a 503 is not sent again',
    );
    const bad = await client[`create${T}`]({ ...path, body: { widgetName: 'n', size: 3 } }).catch((e) => e);
    check(
      bad?.name === 'ValidationError' && bad.parameter === 'body.size' && seen.length === before + 1,
      'an unknown body field is refused before the network',
    );
    // The server's check has teeth: a request signed with another operation's action is refused.
    const { signRequest } = await import(pathToFileURL(join(work, 'packages/client/dist/node/signing.js')).href);
    const url = `${endpoint}/v4/openapi/app-groups/a/${SLUG}/w`;
    const wrong = await signRequest(
      { method: 'GET', url },
      { credentials, action: `List${T}s`, version: '2017-12-25' },
    );
    const refused = await fetch(url, { headers: wrong.headers });
    check(
      refused.status === 400 && (await refused.json()).Code === 'InvalidAction.Mismatch',
      'the server refuses a request signed with another operation’s action',
    );
  } finally {
    server.close();
  }
}

/** The built mocks give the new collection behaviour, with no hand edit. */
async function theMocks() {
  const { startMockServer } = await import(pathToFileURL(join(work, 'packages/mocks/dist/node.js')).href);
  const { createOpenSearchClient } = await import(pathToFileURL(join(work, 'packages/client/dist/node/index.js')).href);
  const credentials = { accessKeyId: 'ak', accessKeySecret: 'sk' };
  const mock = await startMockServer({ verifySignature: credentials });
  try {
    const client = createOpenSearchClient({ endpoint: mock.url, credentials, retry: false });
    const path = { appGroupIdentity: 'shop' };
    await attempt(
      'the mocks create, list and get a new widget, signed and verified',
      async () => {
        await client[`create${T}`]({ ...path, body: { widgetName: 'fresh', colour: 'blue' } });
        const blue = await client[`list${T}s`]({ ...path, colour: 'blue' });
        const got = await client[`get${T}`]({ ...path, widgetName: 'fresh' });
        return { blue: blue.result.map((w) => w.widgetName), got: got.result };
      },
      (r) => r.blue.includes('fresh') && r.got.colour === 'blue',
    );
    const missing = await client[`get${T}`]({ ...path, widgetName: 'nope' }).catch((e) => e);
    check(missing?.status === 404, 'the mocks answer 404 for a widget they do not hold', String(missing));
    await attempt(
      'the mocks read a PascalCase body as its camelCase form, and store no twin',
      async () => {
        await client.PUT(`${ITEMS}/{widgetName}`, {
          params: { path: { ...path, widgetName: 'fresh' } },
          body: { Colour: 'red' },
        });
        return (await client[`get${T}`]({ ...path, widgetName: 'fresh' })).result;
      },
      (r) => r.colour === 'red' && !('Colour' in r),
    );
    await attempt(
      'the mocks answer the output level the new operation declares',
      async () => ({
        simple: await client[`get${T}`]({ ...path, widgetName: 'fresh', output: 'simple' }),
        detail: await client[`get${T}`]({ ...path, widgetName: 'fresh', output: 'detail' }),
      }),
      (r) => Object.keys(r.simple.result).join() === 'widgetName' && r.detail.result.colour === 'red',
    );
    await attempt(
      'the mocks keep the new singleton: a PUT changes what the next GET answers, per widget',
      async () => {
        const before = await client[`get${T}Settings`]({ ...path, widgetName: 'fresh' });
        await client[`update${T}Settings`]({ ...path, widgetName: 'fresh', body: { mode: 'manual' } });
        const after = await client[`get${T}Settings`]({ ...path, widgetName: 'fresh' });
        const other = await client[`get${T}Settings`]({ ...path, widgetName: 'w1' });
        const absent = await client[`get${T}Settings`]({ ...path, widgetName: 'nope' }).catch((e) => e);
        return {
          before: before.result.mode,
          after: after.result.mode,
          other: other.result.mode,
          absent: absent?.status,
        };
      },
      (r) => r.before === 'auto' && r.after === 'manual' && r.other === 'auto' && r.absent === 404,
    );
  } finally {
    await mock.close();
  }
}

/**
 * The packages' own suites, in the copy and under Node 24: adding an operation leaves them green,
 * on the runtime users run. vitest's own CLI is started by the Node 24 binary (its workers inherit
 * it); the suites' runtime tests check the major through EXPECT_NODE_MAJOR. The type-level tests
 * ran on the machine's Node in the packages' `test` tasks, and the probe above types the new ones;
 * the property tests run a sixth of their runs here and the signer's differential test 3,000 cases
 * (they test the code; they run in full there), while the soak test of the mocks' memory runs
 * only here (Node 22 and later). One suite at a time: run at once, they fight over the 2 cores.
 */
function theSuites() {
  const node = node24Binary();
  const vitest = join(root, 'node_modules/vitest/vitest.mjs');
  for (const pkg of ['client', 'mocks', 'query']) {
    const files = readdirSync(join(work, 'packages', pkg, 'test')).length;
    const suite = tryRun(
      node,
      [vitest, 'run', '--reporter=dot', '--typecheck.enabled=false'],
      join(work, 'packages', pkg),
      {
        CI: 'true',
        EXPECT_NODE_MAJOR: '24',
        PROPERTY_RUNS: '10',
        DIFFERENTIAL_CASES: '3000',
      },
    );
    check(
      suite.ok,
      `the ${pkg} package's test suite (${files} files) passes in the copy, under Node 24`,
      suite.out.slice(-4000),
    );
  }
}

try {
  copyRepository(root, work);
  addOperations();
  followReadme();
  typeProbe();
  await theWire();
  await theMocks();
  theSuites();
} catch (error) {
  check(false, 'test:new-operations ran to the end', error.stack);
} finally {
  if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
report.finish();

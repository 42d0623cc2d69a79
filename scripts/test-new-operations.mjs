#!/usr/bin/env node
// The promise, proved: in a temporary copy of the repository, add two real operations of the API to
// the spec (GetFunctionInstance, a GET with one more path parameter; CreateFunctionInstance, a POST
// with a JSON body on the list's own path), then lint, generate and build, type-check a probe that
// calls both generated methods and both raw calls, and send all four through the built client to a
// local HTTP server that checks x-acs-action per request and verifies every signature with the
// official signer (@alicloud/openapi-core). No hand edit anywhere downstream of the spec.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const fixture = join(root, 'scripts', 'new-operations-fixture');
const work = mkdtempSync(join(tmpdir(), 'acs-opensearch-new-ops-'));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const failures = [];
let passed = 0;
const check = (ok, message, detail = '') => {
  if (ok) passed += 1;
  else failures.push(message);
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${message}${!ok && detail ? `\n     ${String(detail).replace(/\n/g, '\n     ')}` : ''}`,
  );
};
const run = (command, args, cwd) => {
  try {
    return { ok: true, out: execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    return { ok: false, out: `${error.stdout ?? ''}${error.stderr ?? ''}${error.message}` };
  }
};

const LIST = '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances';
const ITEM = `${LIST}/{instanceName}`;

try {
  // 1. A copy of the repository, sharing the installed dependencies.
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  for (const file of files) {
    if (file.startsWith('examples/')) continue;
    mkdirSync(dirname(join(work, file)), { recursive: true });
    try {
      cpSync(join(root, file), join(work, file));
    } catch {
      // A file listed by git but deleted in the working tree.
    }
  }
  for (const dir of ['', 'packages/client', 'packages/openapi-reader']) {
    symlinkSync(join(root, dir, 'node_modules'), join(work, dir, 'node_modules'), 'dir');
  }

  // 2. The spec change a maintainer makes: two operations, nothing else.
  cpSync(join(fixture, 'function-instance.yaml'), join(work, 'openapi/paths/function-instance.yaml'));
  appendFileSync(
    join(work, 'openapi/paths/function-instances.yaml'),
    readFileSync(join(fixture, 'create-function-instance.yaml'), 'utf8'),
  );
  const specPath = join(work, 'openapi/openapi.yaml');
  const spec = readFileSync(specPath, 'utf8');
  const anchor = '    $ref: paths/function-instances.yaml\n';
  if (!spec.includes(anchor)) throw new Error('openapi.yaml no longer has the list path where this test expects it');
  writeFileSync(specPath, spec.replace(anchor, `${anchor}  ${ITEM}:\n    $ref: paths/function-instance.yaml\n`));

  const lint = run(bin('redocly'), ['lint'], work);
  check(lint.ok, 'the changed spec passes redocly lint', lint.out);
  const generate = run('node', ['scripts/generate.mjs'], work);
  check(generate.ok, 'pnpm generate follows the spec', generate.out);
  const metadata = readFileSync(join(work, 'packages/client/src/generated/metadata.ts'), 'utf8');
  check(
    metadata.includes('"action": "GetFunctionInstance"') && metadata.includes('"action": "CreateFunctionInstance"'),
    'the generated metadata carries both new actions',
  );
  const build = run(bin('tsup'), [], join(work, 'packages/client'));
  check(build.ok, 'the client builds', build.out);

  // 3. Types: both generated methods and both raw calls compile; the three mistakes do not.
  mkdirSync(join(work, 'packages/client/probe'));
  cpSync(join(fixture, 'probe.ts'), join(work, 'packages/client/probe/probe.ts'));
  writeFileSync(
    join(work, 'packages/client/probe/tsconfig.json'),
    JSON.stringify({
      extends: '../tsconfig.json',
      compilerOptions: { noEmit: true, noUnusedLocals: false },
      include: ['.', '../src'],
      exclude: ['../src/**/*.node.ts', '../src/**/*.spec.ts'],
    }),
  );
  const types = run(bin('tsc'), ['-p', 'probe/tsconfig.json'], join(work, 'packages/client'));
  check(
    types.ok,
    'the probe type-checks: generated methods, raw calls, and @ts-expect-error on a missing path value, a wrong and an unknown body field',
    types.out,
  );

  // 4. The wire: a server that checks the action per request and verifies with the official signer.
  const require = createRequire(join(root, 'packages/client/package.json'));
  const { OpenApiUtil } = require('@alicloud/openapi-core');
  const credentials = { accessKeyId: 'new-ops-ak', accessKeySecret: 'new-ops-secret' };
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
      const expectedAction =
        req.method === 'GET' && /\/instances\/[^/]+$/.test(pathname)
          ? 'GetFunctionInstance'
          : req.method === 'POST' && /\/instances$/.test(pathname)
            ? 'CreateFunctionInstance'
            : req.method === 'GET'
              ? 'ListFunctionInstances'
              : undefined;
      const hash = createHash('sha256').update(body).digest('hex');
      const expected = OpenApiUtil.getAuthorization(
        { pathname, method: req.method, query, headers: req.headers },
        'ACS3-HMAC-SHA256',
        hash,
        credentials.accessKeyId,
        credentials.accessKeySecret,
      );
      const entry = { method: req.method, pathname, action: req.headers['x-acs-action'], body: body.toString() };
      seen.push(entry);
      const reject = (code) =>
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ Code: code, Message: code }));
      if (req.headers['x-acs-action'] !== expectedAction) return reject('InvalidAction.Mismatch');
      if (req.headers['x-acs-content-sha256'] !== hash || req.headers.authorization !== expected)
        return reject('SignatureDoesNotMatch');
      if (pathname.endsWith('/flaky/instances')) return res.writeHead(503).end('{"Code":"ServiceUnavailable"}');
      const answer =
        expectedAction === 'GetFunctionInstance'
          ? {
              requestId: 'r-get',
              result: { instanceName: decodeURIComponent(pathname.split('/').pop()), functionName: 'ctr' },
            }
          : { requestId: `r-${req.method}` };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  try {
    const { createOpenSearchClient, OpenSearchError } = await import(
      pathToFileURL(join(work, 'packages/client/dist/node/index.js')).href
    );
    const client = createOpenSearchClient({ endpoint, credentials, retry: { baseDelayMs: 1 } });
    const path = { appGroupIdentity: 'my app', functionName: 'ctr' };
    const attempt = async (name, fn, verify) => {
      try {
        const result = await fn();
        check(verify(result), name, JSON.stringify(result));
      } catch (error) {
        check(false, name, error instanceof Error ? error.message : String(error));
      }
    };
    await attempt(
      'client.getFunctionInstance is signed as GetFunctionInstance and verified by the official signer',
      () => client.getFunctionInstance({ ...path, instanceName: 'ctr_é', output: 'simple' }),
      (r) => r.result.instanceName === 'ctr_é',
    );
    await attempt(
      'client.createFunctionInstance is signed as CreateFunctionInstance, body included',
      () => client.createFunctionInstance({ ...path, body: { instanceName: 'ctr_new', modelType: 'tf_checkpoint' } }),
      (r) => r.requestId === 'r-POST' && seen.at(-1).body === '{"instanceName":"ctr_new","modelType":"tf_checkpoint"}',
    );
    await attempt(
      'raw client.GET on the item path is signed as GetFunctionInstance',
      () => client.GET(ITEM, { params: { path: { ...path, instanceName: 'x' } } }),
      (r) => r.data?.result.instanceName === 'x',
    );
    await attempt(
      'raw client.POST on the list path is signed as CreateFunctionInstance',
      () => client.POST(LIST, { params: { path }, body: { instanceName: 'raw', modelType: 'm' } }),
      (r) => r.data?.requestId === 'r-POST' && r.response.status === 200,
    );
    await attempt(
      'the list still goes out as ListFunctionInstances',
      () => client.listFunctionInstances(path).catch((e) => e),
      (r) =>
        seen.at(-1).action === 'ListFunctionInstances' && !(r instanceof Error && r.code === 'InvalidAction.Mismatch'),
    );
    const before = seen.length;
    const error = await client
      .createFunctionInstance({
        appGroupIdentity: 'app',
        functionName: 'flaky',
        body: { instanceName: 'once', modelType: 'm' },
      })
      .catch((e) => e);
    check(
      error instanceof OpenSearchError && error.status === 503 && seen.length === before + 1,
      'a POST that got a 503 is not sent again',
    );
    const bad = await client
      .createFunctionInstance({ ...path, body: { instanceName: 'n', modelType: 'm', colour: 'red' } })
      .catch((e) => e);
    check(
      bad?.name === 'ValidationError' && bad.parameter === 'body.colour' && seen.length === before + 1,
      'an unknown body field is refused before the network',
    );

    // The server's check has teeth: a request signed with the list's action on the item path is refused.
    const { signRequest } = await import(pathToFileURL(join(work, 'packages/client/dist/node/signing.js')).href);
    const url = `${endpoint}/v4/openapi/app-groups/a/functions/b/instances/c`;
    const wrong = await signRequest(
      { method: 'GET', url },
      { credentials, action: 'ListFunctionInstances', version: '2017-12-25' },
    );
    const refused = await fetch(url, { headers: wrong.headers });
    check(
      refused.status === 400 && (await refused.json()).Code === 'InvalidAction.Mismatch',
      'the server refuses a fixed, per-client action',
    );
  } finally {
    server.close();
  }
} catch (error) {
  check(false, 'test:new-operations ran to the end', error.stack);
} finally {
  if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}

console.log(`test:new-operations: ${passed} passed, ${failures.length} failed`);
if (failures.length > 0) process.exit(1);

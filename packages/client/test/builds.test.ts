// The two builds, as users get them through the package's export conditions: the Node build signs
// with node:crypto and never touches Web Crypto; the browser build imports no node: module.
// Needs the package built (turbo runs build before test).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));

describe('the Node build (export condition "node")', () => {
  it('signs without Web Crypto: crypto.subtle is poisoned, and the request is still signed', () => {
    const script = `
      const real = globalThis.crypto;
      Object.defineProperty(globalThis, 'crypto', { configurable: true, value: { randomUUID: () => real.randomUUID(), get subtle() { throw new Error('Web Crypto was used'); } } });
      const { createOpenSearchClient } = await import('@acs-opensearch/client');
      let sent;
      const fetch = async (url, init) => { sent = init.headers; return new Response('{"requestId":"r","totalCount":0,"result":[]}', { headers: { 'content-type': 'application/json' } }); };
      const client = createOpenSearchClient({ credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' }, fetch });
      await client.listFunctionInstances({ appGroupIdentity: 'a', functionName: 'b' });
      await client.GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', { params: { path: { appGroupIdentity: 'a', functionName: 'b' } } });
      console.log(JSON.stringify({ backend: client.config.signingCrypto, authorization: sent.authorization, userAgent: sent['user-agent'] }));
    `;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg, encoding: 'utf8' }),
    );
    expect(out.backend).toBe('node:crypto');
    const { version } = JSON.parse(readFileSync(`${pkg}/package.json`, 'utf8'));
    expect(out.userAgent).toBe(`acs-opensearch-client/${version} node/${process.version.slice(1)}`);
    expect(out.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=ak,SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}$/,
    );
  });

  it('the CommonJS entry resolves to the Node build too', () => {
    const out = execFileSync(
      process.execPath,
      [
        '-e',
        "console.log(require('@acs-opensearch/client').createOpenSearchClient({ credentials: { accessKeyId: 'a', accessKeySecret: 'b' } }).config.signingCrypto)",
      ],
      {
        cwd: pkg,
        encoding: 'utf8',
      },
    );
    expect(out.trim()).toBe('node:crypto');
  });
});

describe('the browser build (conditions "browser", "worker", "default")', () => {
  it.each([['browser'], ['worker']])(
    'bundled for %s, it imports no node: module and signs with Web Crypto',
    async (condition) => {
      const result = await build({
        stdin: {
          contents:
            "export { createOpenSearchClient } from '@acs-opensearch/client'; export * from '@acs-opensearch/client/signing';",
          resolveDir: pkg,
        },
        bundle: true,
        format: 'esm',
        platform: condition === 'browser' ? 'browser' : 'neutral',
        conditions: [condition, 'import', 'default'],
        mainFields: ['module', 'main'],
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.filter((i) => i.startsWith('node:'))).toEqual([]);
      expect(inputs.some((i) => i.includes('dist/web/'))).toBe(true);
      const text = result.outputFiles[0]!.text;
      expect(text).not.toMatch(/from\s*["']node:|require\(["']node:|import\(["']node:/);
      expect(text).toContain('"web-crypto"');
    },
  );

  it('no file of dist/web names a node: module', () => {
    const dir = `${pkg}dist/web`;
    for (const file of readdirSync(dir).filter((f) => /\.(c?js)$/.test(f))) {
      expect(readFileSync(`${dir}/${file}`, 'utf8'), file).not.toMatch(/["']node:/);
    }
  });
});

describe('copies of the package in one app (ESM and CJS builds, the entries of the CJS build)', () => {
  it("an error from any copy is an instance of every copy's classes, by its own kind only", () => {
    const script = `
      const esm = await import('@acs-opensearch/client');
      const { createRequire } = await import('node:module');
      const require = createRequire(process.cwd() + '/package.json');
      const cjs = require('@acs-opensearch/client');
      const cjsOperations = require('@acs-opensearch/client/operations');
      const esmOperations = await import('@acs-opensearch/client/operations');
      const fetch = async () => new Response('{"code":"InvalidParameter","message":"bad"}', { status: 400, headers: { 'content-type': 'application/json' } });
      const options = { credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' }, fetch, retry: false };
      const op = Object.values(esm.OPERATIONS)[0];
      const errors = {
        validation: await cjsOperations[op.operationId](cjsOperations.createOpenSearchCore(options), { body: 1, nope: 1 }).catch((e) => e),
        client: await esm.invoke(cjs.createOpenSearchCore(options), op, {}).catch((e) => e),
        operations: await esmOperations[op.operationId](cjsOperations.createOpenSearchCore(options), {}).catch((e) => e),
        config: (() => { try { cjs.createOpenSearchClient({ regionId: 'mars-1' }); } catch (e) { return e; } })(),
      };
      const out = {};
      for (const [name, error] of Object.entries(errors))
        out[name] = [esm, cjs].map((copy) => [
          error instanceof copy.OpenSearchError,
          error instanceof copy.ValidationError,
          error instanceof copy.ClientError,
          error instanceof Error,
        ]);
      out.plain = [new Error('x') instanceof esm.OpenSearchError, { name: 'ValidationError' } instanceof cjs.ValidationError];
      console.log(JSON.stringify(out));
    `;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: pkg, encoding: 'utf8' }),
    );
    expect(out.validation).toEqual(Array(2).fill([true, true, false, true]));
    expect(out.client).toEqual(Array(2).fill([true, false, true, true]));
    expect(out.operations).toEqual(Array(2).fill([true, false, true, true]));
    expect(out.config).toEqual(Array(2).fill([true, true, false, true]));
    expect(out.plain).toEqual([false, false]);
  });
});

describe('the browser bundle of a page that calls one operation (esbuild, minified, code splitting)', () => {
  it('loads the core and that operation first, at most 10 kB gzip; failures, call options and paging load apart', async () => {
    const { OPERATIONS } = await import('../src/index.js');
    const [id, second] = Object.keys(OPERATIONS);
    const page = (ids: string[]) =>
      `import { createOpenSearchCore, ${ids.join(', ')} } from '@acs-opensearch/client/operations';\nconst core = createOpenSearchCore();\nexport const calls = [${ids.map((i) => `() => ${i}(core, {} as never)`).join(', ')}];`;
    const firstLoad = async (ids: string[]) => {
      const result = await build({
        stdin: { contents: page(ids), resolveDir: pkg, loader: 'ts' },
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        splitting: true,
        outdir: '/tmp/acs-bundle-test',
        write: false,
        metafile: true,
        logLevel: 'silent',
      });
      const outputs = result.metafile!.outputs;
      const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint === '<stdin>')!;
      const initial = new Set([entry]);
      for (const name of initial)
        for (const i of outputs[name]!.imports)
          if (i.kind === 'import-statement' && outputs[i.path]) initial.add(i.path);
      const file = (name: string) =>
        result.outputFiles!.find((f) => f.path.endsWith(name.slice(name.lastIndexOf('/'))))!;
      const inputs = [...initial].flatMap((name) => Object.keys(outputs[name]!.inputs));
      const lazy = Object.keys(outputs).filter((name) => !initial.has(name) && name.endsWith('.js'));
      return {
        gzip: gzipSync(Buffer.concat([...initial].map((name) => file(name).contents)), { level: 9 }).length,
        inputs,
        lazy: lazy.flatMap((name) => Object.keys(outputs[name]!.inputs)),
      };
    };
    const one = await firstLoad([id!]);
    const two = await firstLoad([id!, second!]);
    expect(one.gzip).toBeLessThanOrEqual(9_990);
    expect(two.gzip - one.gzip).toBeLessThanOrEqual(400);
    for (const apart of ['failures', 'redact', 'callOptions', 'paginate', 'hooks', 'cache'])
      expect(
        one.inputs.some((input) => input.includes(apart)),
        `${apart} is not in the first load`,
      ).toBe(false);
    expect(one.lazy.some((input) => input.includes('failures'))).toBe(true);
    expect(one.inputs.some((input) => input.includes('openapi-fetch'))).toBe(false);
  });
});

// Property-based tests (fast-check), seeded and bounded so that `pnpm test` stays fast. Rerun one
// property with more runs or one seed: PROPERTY_SEED=123 PROPERTY_RUNS=2000 pnpm vitest run test/properties.test.ts.
// - the signer: any request signs, then verifies; any tampering after signing is refused; its
//   Authorization equals the official signer's;
// - the client's validation: any parameter object either throws a ValidationError or sends a
//   request the spec's validator accepts;
// - the mocks' pipeline: any request gets a 2xx or 4xx whose body is valid against the spec;
// - the store: any sequence of create, update, delete and list matches a simple model.
import { createRequire } from 'node:module';
import { createOpenSearchClient, OPERATIONS, type OperationMeta, ValidationError } from '@acs-opensearch/client';
import { signRequest } from '@acs-opensearch/client/signing';
import { fc, test } from '@fast-check/vitest';
import { getResponse } from 'msw';
import { describe, expect } from 'vitest';
import {
  createOpenSearchHandlers,
  createOperationValidators,
  listOperations,
  type OpenApiOperation,
  openApiDocument,
  verifySignature,
} from '../src/index.js';

// Several fixed seeds and one random seed (printed), so that the properties hold for any seed, not
// only the one they were written with. PROPERTY_SEED=<n> runs that seed alone.
const random = Math.floor(Math.random() * 2 ** 31);
const SEEDS = process.env.PROPERTY_SEED ? [Number(process.env.PROPERTY_SEED)] : [20171225, 7, random];
const RUNS = Number(process.env.PROPERTY_RUNS ?? 60);
console.info(
  `properties: seeds ${SEEDS.join(', ')}${process.env.PROPERTY_SEED ? '' : ' (the last one random)'}, ${RUNS} runs each`,
);
const paramsFor = (seed: number) => ({ seed, numRuns: RUNS, endOnFailure: true });
const require = createRequire(import.meta.url);
const { OpenApiUtil } = require('@alicloud/openapi-core') as {
  OpenApiUtil: {
    getAuthorization(
      request: { pathname: string; method: string; query: Record<string, string>; headers: Record<string, string> },
      algorithm: string,
      payloadHash: string,
      accessKeyId: string,
      accessKeySecret: string,
    ): string;
  };
};

const operations = listOperations(openApiDocument);
const validators = createOperationValidators(openApiDocument);
const validatorOf = new Map<string, ReturnType<typeof validators.forOperation>>(
  operations.map((op) => [op.operationId, validators.forOperation(op)]),
);
const key = { accessKeyId: 'prop-ak', accessKeySecret: 'prop-sk' };

// Text of every kind: ASCII, reserved characters, unicode (astral too), never a lone surrogate.
const text = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });
const segment = text(12).map((s) => (s === '' || s === '.' || s === '..' ? `x${s}` : s));

const signable = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
  segments: fc.array(segment, { minLength: 1, maxLength: 4 }),
  query: fc.dictionary(
    text(8).filter((k) => k !== ''),
    text(16),
    { maxKeys: 5 },
  ),
  headers: fc.dictionary(
    fc.constantFrom('x-acs-trace-id', 'x-acs-caller', 'x-custom', 'accept', 'user-agent'),
    fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,20}[\x21-\x7e])?$/),
    { maxKeys: 3 },
  ),
  body: fc.option(text(40), { nil: undefined }),
});

type Signable = typeof signable extends fc.Arbitrary<infer T> ? T : never;

async function sign(c: Signable) {
  const path = `/${c.segments.map(encodeURIComponent).join('/')}`;
  const search = Object.entries(c.query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  const url = `https://prop.example${path}${search ? `?${search}` : ''}`;
  const body = c.method === 'GET' ? undefined : c.body;
  const headers: Record<string, string> = {
    ...c.headers,
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
  };
  const signed = await signRequest(
    { method: c.method, url, headers, body },
    { credentials: key, action: 'PropAction', version: '2017-12-25' },
  );
  return { url, body, headers, signed };
}

const verify = (request: Request) => verifySignature(request, { key, action: 'PropAction', version: '2017-12-25' });

describe.each(SEEDS)('the signer, with seed %i', (seed) => {
  test.prop([signable], paramsFor(seed))('any request signs, then verifies', async (c) => {
    const { url, body, headers, signed } = await sign(c);
    const request = new Request(url, { method: c.method, headers: { ...headers, ...signed.headers }, body });
    expect(await verify(request)).toBeNull();
  });

  test.prop([signable, fc.constantFrom('path', 'query', 'header', 'body', 'secret')], paramsFor(seed))(
    'any tampering after signing is refused',
    async (c, what) => {
      const { url, body, headers, signed } = await sign({ ...c, method: what === 'body' ? 'POST' : c.method });
      const u = new URL(url);
      if (what === 'path') u.pathname += 'x';
      if (what === 'query') u.searchParams.append('tampered', '1');
      const h = { ...headers, ...signed.headers };
      if (what === 'header') h['x-acs-version'] = '2099-01-01';
      const sentBody = what === 'body' ? `${body ?? ''}!` : body;
      const request = new Request(u, { method: what === 'body' ? 'POST' : c.method, headers: h, body: sentBody });
      const result =
        what === 'secret'
          ? await verifySignature(request, { key: { ...key, accessKeySecret: 'other' }, action: 'PropAction' })
          : await verify(request);
      expect(result).not.toBeNull();
    },
  );

  test.prop([signable], { ...paramsFor(seed), numRuns: Math.min(RUNS, 60) })(
    "its Authorization equals the official signer's",
    async (c) => {
      const { url, headers, signed } = await sign(c);
      const u = new URL(url);
      const oracleHeaders: Record<string, string> = { host: u.host, ...headers };
      for (const [k, v] of Object.entries(signed.headers)) if (k !== 'authorization') oracleHeaders[k] = v;
      const expected = OpenApiUtil.getAuthorization(
        { pathname: u.pathname, method: c.method, query: c.query, headers: oracleHeaders },
        'ACS3-HMAC-SHA256',
        signed.headers['x-acs-content-sha256']!,
        key.accessKeyId,
        key.accessKeySecret,
      );
      expect(signed.authorization).toBe(expected);
    },
  );
});

/** A value for a parameter rule: often valid, sometimes junk of any JSON type. */
function valueFor(rule: { type: string; enum?: readonly unknown[]; minimum?: number; maximum?: number }) {
  const nested = fc.array(
    fc.oneof(
      fc.record({ name: fc.oneof(fc.string(), fc.integer()), value: fc.oneof(fc.string(), fc.constant(null)) }),
      fc.record({ key: fc.string(), value: fc.string() }, { requiredKeys: [] }),
      fc.string(),
    ),
    { maxLength: 3 },
  );
  const junk = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), nested);
  const valid =
    rule.enum !== undefined
      ? fc.constantFrom(...rule.enum)
      : rule.type === 'integer'
        ? fc.integer({ min: rule.minimum ?? -1000, max: Math.min(rule.maximum ?? 1000, 2 ** 31 - 1) })
        : rule.type === 'array'
          ? fc.oneof(fc.array(fc.record({ key: fc.string(), value: fc.string() }), { maxLength: 3 }), nested)
          : text(12);
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: junk });
}

const operationMetas = Object.values(OPERATIONS) as OperationMeta[];
const callOf = fc.constantFrom(...operationMetas).chain((op) =>
  fc.record({
    op: fc.constant(op),
    params: fc.record(
      {
        ...Object.fromEntries(op.parameters.map((p) => [p.name, valueFor(p)])),
        ...(op.body
          ? {
              body: fc.oneof(
                fc.record(Object.fromEntries(Object.entries(op.body.fields).map(([n, f]) => [n, valueFor(f)])), {
                  requiredKeys: [],
                }),
                fc.jsonValue(),
              ),
            }
          : {}),
        stray: fc.string(),
      },
      { requiredKeys: [] },
    ),
  }),
);

describe.each(SEEDS)("the client's validation, with seed %i", (seed) => {
  test.prop([callOf], paramsFor(seed))(
    "any parameters either throw a ValidationError or send a request the spec's validator accepts",
    async ({ op, params: given }) => {
      const sent: Request[] = [];
      const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        sent.push(new Request(input, init));
        return Response.json({ requestId: 'r' }, { status: 500 });
      };
      const client = createOpenSearchClient({
        credentials: key,
        fetch: fetch as typeof globalThis.fetch,
        retry: false,
      });
      const method = (client as unknown as Record<string, (p: unknown) => Promise<unknown>>)[op.operationId]!;
      const error = await method(given).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (sent.length === 0) {
        expect(error).toBeInstanceOf(ValidationError);
        return;
      }
      const request = sent[0]!;
      const found = operations.find((o) => o.operationId === op.operationId) as OpenApiOperation;
      const url = new URL(request.url);
      const path: Record<string, string> = {};
      const templ = found.path.split('/');
      url.pathname.split('/').forEach((part, i) => {
        const name = /^\{(.+)\}$/.exec(templ[i] ?? '')?.[1];
        if (name) path[name] = decodeURIComponent(part);
      });
      const query: Record<string, string> = {};
      for (const part of url.search.slice(1).split('&').filter(Boolean)) {
        const [k, v = ''] = part.split('=');
        query[decodeURIComponent(k!)] = decodeURIComponent(v);
      }
      const validator = validatorOf.get(op.operationId)!;
      expect(validator.validateParameters({ path, query, header: {} }).violations).toEqual([]);
      const text = await request.text();
      expect(validator.validateBody(text === '' ? undefined : JSON.parse(text))).toEqual([]);
      expect(request.headers.get('x-acs-action')).toBe(op.action);
    },
  );
});

const anyRequest = fc.record({
  op: fc.constantFrom(...operations),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'),
  sameMethod: fc.boolean(),
  values: fc.array(fc.oneof(segment, fc.constantFrom('%', '%ZZ', '%2F', '..', 'a b', '1', '0')), {
    minLength: 6,
    maxLength: 6,
  }),
  query: fc.dictionary(
    fc.oneof(fc.constantFrom('pageSize', 'pageNumber', 'source', 'output', 'tags', 'startTime', 'status'), text(6)),
    fc.oneof(text(10), fc.integer().map(String), fc.constantFrom('[]', '[{"key":"a","value":"b"}]', '{', '-1', '0x10')),
    { maxKeys: 4 },
  ),
  body: fc.oneof(
    fc.constant(undefined),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    text(20),
  ),
  action: fc.option(fc.constantFrom(...operations.map((o) => String(o.extensions['x-acs-action']))), {
    nil: undefined,
  }),
});

describe.each(SEEDS)("the mocks' pipeline, with seed %i", (seed) => {
  const { handlers } = createOpenSearchHandlers({ baseUrl: 'https://pipeline.example', maxRecordedRequests: 10 });
  test.prop([anyRequest], paramsFor(seed))(
    'any request gets a 2xx or a 4xx, and a body the spec allows for that status',
    async (r) => {
      let i = 0;
      const path = r.op.path.replace(/\{[^{}]+\}/g, () => encodeURIComponent(r.values[i++]!).replace(/%25/g, '%'));
      const search = Object.entries(r.query)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
        .join('&');
      const method = r.sameMethod ? r.op.method : r.method;
      const withBody = method !== 'GET' && method !== 'HEAD' && r.body !== undefined;
      const headers: Record<string, string> = withBody ? { 'content-type': 'application/json' } : {};
      if (r.action) headers['x-acs-action'] = r.action;
      let request: Request;
      try {
        request = new Request(`https://pipeline.example${path}${search ? `?${search}` : ''}`, {
          method,
          headers,
          body: withBody ? r.body : undefined,
        });
      } catch {
        return; // Not a request fetch could send.
      }
      const response = await getResponse(handlers, request);
      if (!response) return; // Not an operation's method and path: MSW's unhandled-request path.
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(500);
      const data = response.status === 204 || method === 'HEAD' ? undefined : await response.json();
      const match = operations.find(
        (o) =>
          o.method === method &&
          new RegExp(`^${o.path.replace(/\{[^{}]+\}/g, '[^/]+')}$`).test(new URL(request.url).pathname),
      );
      if (match && data !== undefined)
        expect(validatorOf.get(match.operationId)!.validateResponse(response.status, data)).toEqual([]);
    },
  );
});

/** The model of one app group and function's instances: insertion order, updates in place. */
type Command =
  | { kind: 'create'; name: string; modelType: string }
  | { kind: 'update'; name: string; description: string }
  | { kind: 'delete'; name: string }
  | { kind: 'list'; pageNumber: number; pageSize: number; modelType: string | undefined };

const name = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const modelType = fc.constantFrom('m1', 'm2');
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), name, modelType }),
  fc.record({ kind: fc.constant('update' as const), name, description: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), name }),
  fc.record({
    kind: fc.constant('list' as const),
    pageNumber: fc.integer({ min: 1, max: 4 }),
    pageSize: fc.integer({ min: 1, max: 4 }),
    modelType: fc.option(modelType, { nil: undefined }),
  }),
);

describe.each(SEEDS)('the store, with seed %i', (seed) => {
  test.prop([fc.array(command, { maxLength: 30 })], paramsFor(seed))(
    'any sequence of create, update, delete and list matches a simple model',
    async (commands) => {
      const mock = createOpenSearchHandlers({ baseUrl: 'https://store.example', appGroups: { shop: [] } });
      const client = createOpenSearchClient({
        endpoint: 'https://store.example',
        credentials: key,
        retry: false,
        fetch: (async (input: RequestInfo | URL, init?: RequestInit) =>
          (await getResponse(mock.handlers, new Request(input, init))) ?? Response.error()) as typeof fetch,
      });
      const where = { appGroupIdentity: 'shop', functionName: 'ctr' };
      const model: Array<{ name: string; modelType: string; description?: string }> = [];
      for (const c of commands) {
        const at = 'name' in c ? model.findIndex((m) => m.name === c.name) : -1;
        if (c.kind === 'create') {
          const result = await client
            .createFunctionInstance({ ...where, body: { instanceName: c.name, modelType: c.modelType } })
            .then(
              () => 200,
              (e: { status: number }) => e.status,
            );
          expect(result).toBe(at >= 0 ? 409 : 200);
          if (at < 0) model.push({ name: c.name, modelType: c.modelType });
        } else if (c.kind === 'update') {
          const result = await client
            .updateFunctionInstance({ ...where, instanceName: c.name, body: { description: c.description } })
            .then(
              () => 200,
              (e: { status: number }) => e.status,
            );
          expect(result).toBe(at >= 0 ? 200 : 404);
          if (at >= 0) model[at] = { ...model[at]!, description: c.description };
        } else if (c.kind === 'delete') {
          const result = await client.deleteFunctionInstance({ ...where, instanceName: c.name }).then(
            () => 200,
            (e: { status: number }) => e.status,
          );
          expect(result).toBe(at >= 0 ? 200 : 404);
          if (at >= 0) model.splice(at, 1);
        } else {
          const page = await client.listFunctionInstances({
            ...where,
            pageNumber: c.pageNumber,
            pageSize: c.pageSize,
            ...(c.modelType ? { modelType: c.modelType } : {}),
          });
          const matching = model.filter((m) => !c.modelType || m.modelType === c.modelType);
          const start = (c.pageNumber - 1) * c.pageSize;
          expect(page.totalCount).toBe(matching.length);
          expect(page.result.map((i) => [i.instanceName, i.description])).toEqual(
            matching.slice(start, start + c.pageSize).map((m) => [m.name, m.description]),
          );
        }
      }
    },
  );
});

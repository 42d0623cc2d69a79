import { createOpenSearchClient, OpenSearchError } from '@acs-opensearch/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createOpenSearchHandlers,
  MockViolationError,
  makeFunctionInstance,
  makeFunctionInstances,
  NORMAL_FIELDS,
  SIMPLE_FIELDS,
} from '../src/index.js';

const BASE = 'https://opensearch.cn-hangzhou.aliyuncs.com';
const key = { accessKeyId: 'mock-ak', accessKeySecret: 'mock-secret' };
const mock = createOpenSearchHandlers({ seed: 7 });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers(...mock.handlers);
  mock.controller.reset();
});
afterAll(() => server.close());

const client = createOpenSearchClient({ endpoint: BASE, credentials: key, retry: { baseDelayMs: 1 } });
const params = { appGroupIdentity: 'any_app', functionName: 'ctr' } as const;
const raw = (query: string, path = 'any_app/functions/ctr') =>
  fetch(`${BASE}/v4/openapi/app-groups/${path}/instances${query}`);

describe('default dataset', () => {
  it('answers any app group and function with the spec examples, then generated instances', async () => {
    const page = await client.listFunctionInstances({ appGroupIdentity: 'whatever', functionName: 'hot' });
    expect(page.result.slice(0, 3).map((i) => i.instanceName)).toEqual(['instance_1', 'instance_2', 'ctr_test']);
    expect(page.result.every((i) => i.functionName === 'hot')).toBe(true);
    expect(page.requestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });
});

describe('pagination', () => {
  it('slices the filtered list 1-based, totalCount is the filtered total, past the end is empty', async () => {
    const all = mock.controller.instances('any_app', 'ctr', { source: 'user' });
    const p1 = await client.listFunctionInstances({ ...params, pageSize: 4 });
    const p2 = await client.listFunctionInstances({ ...params, pageSize: 4, pageNumber: 2 });
    expect(p1.totalCount).toBe(all.length);
    expect(p1.result.map((i) => i.instanceName)).toEqual(all.slice(0, 4).map((i) => i.instanceName));
    expect(p2.result.map((i) => i.instanceName)).toEqual(all.slice(4, 8).map((i) => i.instanceName));
    const past = await client.listFunctionInstances({ ...params, pageSize: 4, pageNumber: 1000 });
    expect(past.result).toEqual([]);
    expect(past.totalCount).toBe(all.length);
  });

  it('pages with the client paginator to exactly the whole list', async () => {
    const names: string[] = [];
    for await (const page of client.paginateFunctionInstances({ ...params, pageSize: 3, source: 'all' }))
      names.push(...page.result.map((i) => i.instanceName));
    expect(names).toEqual(mock.controller.instances('any_app', 'ctr').map((i) => i.instanceName));
  });
});

describe('filters', () => {
  it('source defaults to user; builtin and all filter accordingly', async () => {
    const user = await client.listFunctionInstances({ ...params, pageSize: 100 });
    const builtin = await client.listFunctionInstances({ ...params, pageSize: 100, source: 'builtin' });
    const all = await client.listFunctionInstances({ ...params, pageSize: 100, source: 'all' });
    expect(user.result.every((i) => i.source === 'user')).toBe(true);
    expect(builtin.result.length).toBeGreaterThan(0);
    expect(builtin.result.every((i) => i.source === 'builtin')).toBe(true);
    expect(all.totalCount).toBe(user.totalCount! + builtin.totalCount!);
  });

  it('modelType and functionType filter too', async () => {
    const page = await client.listFunctionInstances({
      ...params,
      pageSize: 100,
      source: 'all',
      modelType: 'offline_inference',
      functionType: 'PAAS',
    });
    expect(page.totalCount).toBeGreaterThan(0);
    expect(page.result.every((i) => i.modelType === 'offline_inference' && i.functionType === 'PAAS')).toBe(true);
  });

  it('with appGroups, only those exist and instances sit under their functionName', async () => {
    const scoped = createOpenSearchHandlers({
      baseUrl: 'https://scoped.example',
      appGroups: {
        shop: [
          makeFunctionInstance({ functionName: 'ctr', instanceName: 'a' }),
          makeFunctionInstance({ functionName: 'hot', instanceName: 'b', source: 'user' }),
        ],
      },
    });
    server.use(...scoped.handlers);
    const scopedClient = createOpenSearchClient({ endpoint: 'https://scoped.example', credentials: key, retry: false });
    const hot = await scopedClient.listFunctionInstances({
      appGroupIdentity: 'shop',
      functionName: 'hot',
      source: 'all',
    });
    expect(hot.result.map((i) => i.instanceName)).toEqual(['b']);
    const error = await scopedClient
      .listFunctionInstances({ appGroupIdentity: 'nope', functionName: 'ctr' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(OpenSearchError);
    expect(error).toMatchObject({ status: 404, code: 'Instance.NotExist' });
  });
});

describe('output levels', () => {
  it('simple, normal and detail return growing field sets', async () => {
    const fields = async (output: 'simple' | 'normal' | 'detail') => {
      const page = await client.listFunctionInstances({ ...params, output, pageSize: 100, source: 'all' });
      return new Set(page.result.flatMap((i) => Object.keys(i)));
    };
    const simple = await fields('simple');
    const normal = await fields('normal');
    const detail = await fields('detail');
    for (const f of simple) expect(SIMPLE_FIELDS).toContain(f);
    for (const f of normal) expect(NORMAL_FIELDS).toContain(f);
    expect(simple.has('createParameters')).toBe(false);
    expect(normal.has('createParameters') && normal.has('cron')).toBe(true);
    expect(normal.has('extendInfo')).toBe(false);
    expect(detail.has('extendInfo')).toBe(true);
  });
});

describe('request validation against the spec', () => {
  it.each([
    ['?pageSize=0', 'pageSize'],
    ['?pageNumber=-1', 'pageNumber'],
    ['?pageSize=abc', 'pageSize'],
    ['?pageNumber=1.5', 'pageNumber'],
    ['?source=everything', 'source'],
    ['?output=verbose', 'output'],
  ])('%s gets 400 InvalidParameter naming %s', async (query, parameter) => {
    const response = await raw(query);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.Code).toBe('InvalidParameter');
    expect(body.Message).toContain(parameter);
  });

  it("onViolation: 'throw' fails loudly instead", async () => {
    // MSW prints the thrown error; keep the test output readable.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const strict = createOpenSearchHandlers({ baseUrl: 'https://strict.example', onViolation: 'throw' });
    server.use(...strict.handlers);
    const response = await fetch('https://strict.example/v4/openapi/app-groups/a/functions/b/instances?pageSize=0');
    // MSW turns an exception thrown by a handler into a 500 that carries the error.
    expect(response.status).toBe(500);
    expect(await response.text()).toContain('MockViolationError');
    expect(
      new MockViolationError('op', [{ parameter: 'pageSize', message: 'pageSize must be >= 1' }]).message,
    ).toContain('pageSize');
    expect(quiet).toHaveBeenCalled();
    quiet.mockRestore();
  });
});

describe('signature verification', () => {
  const verified = createOpenSearchHandlers({ baseUrl: 'https://signed.example', verifySignature: key });
  const signedClient = (credentials = key) =>
    createOpenSearchClient({ endpoint: 'https://signed.example', credentials, retry: false });
  const call = (c = signedClient()) =>
    c.listFunctionInstances({ appGroupIdentity: 'a', functionName: 'b' }).catch((e: unknown) => e);

  it('accepts the client’s signature', async () => {
    server.use(...verified.handlers);
    const page = await signedClient().listFunctionInstances({ appGroupIdentity: 'a', functionName: 'b' });
    expect(page.result.length).toBeGreaterThan(0);
  });

  it('missing or malformed Authorization: IncompleteSignature', async () => {
    server.use(...verified.handlers);
    const missing = await fetch('https://signed.example/v4/openapi/app-groups/a/functions/b/instances');
    expect((await missing.json()).Code).toBe('IncompleteSignature');
    const malformed = await fetch('https://signed.example/v4/openapi/app-groups/a/functions/b/instances', {
      headers: { authorization: 'ACS3-HMAC-SHA256 nonsense' },
    });
    expect((await malformed.json()).Code).toBe('IncompleteSignature');
  });

  it('wrong secret: SignatureDoesNotMatch', async () => {
    server.use(...verified.handlers);
    expect(await call(signedClient({ ...key, accessKeySecret: 'wrong' }))).toMatchObject({
      status: 400,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('x-acs-date more than 15 minutes off: InvalidTimeStamp.Expired with a Date header', async () => {
    server.use(...verified.handlers);
    const { signRequest } = await import('@acs-opensearch/client/signing');
    const url = 'https://signed.example/v4/openapi/app-groups/a/functions/b/instances';
    const signed = await signRequest(
      { method: 'GET', url },
      { credentials: key, action: 'ListFunctionInstances', version: '2017-12-25', now: () => Date.now() - 20 * 60_000 },
    );
    const response = await fetch(url, { headers: signed.headers });
    expect(response.status).toBe(400);
    expect((await response.json()).Code).toBe('InvalidTimeStamp.Expired');
    expect(Date.parse(response.headers.get('date')!)).toBeGreaterThan(0);
  });

  it('a reused nonce: SignatureNonceUsed', async () => {
    server.use(...verified.handlers);
    const { signRequest } = await import('@acs-opensearch/client/signing');
    const url = 'https://signed.example/v4/openapi/app-groups/a/functions/b/instances';
    const signed = await signRequest(
      { method: 'GET', url },
      { credentials: key, action: 'ListFunctionInstances', version: '2017-12-25' },
    );
    expect((await fetch(url, { headers: signed.headers })).status).toBe(200);
    const replay = await fetch(url, { headers: signed.headers });
    expect(replay.status).toBe(400);
    expect((await replay.json()).Code).toBe('SignatureNonceUsed');
  });
});

describe('controller', () => {
  it('adds, removes and resets data, and records requests', async () => {
    mock.controller.add('shop', makeFunctionInstance({ functionName: 'ctr', instanceName: 'added_one' }, { seed: 3 }));
    let names = (
      await client.listFunctionInstances({
        appGroupIdentity: 'shop',
        functionName: 'ctr',
        pageSize: 100,
        source: 'all',
      })
    ).result.map((i) => i.instanceName);
    expect(names).toContain('added_one');
    expect(mock.controller.remove('shop', 'added_one')).toBe(1);
    names = (
      await client.listFunctionInstances({
        appGroupIdentity: 'shop',
        functionName: 'ctr',
        pageSize: 100,
        source: 'all',
      })
    ).result.map((i) => i.instanceName);
    expect(names).not.toContain('added_one');
    expect(mock.controller.requestsOf('listFunctionInstances').map((r) => r.params.pageSize)).toEqual([100, 100]);
    expect(mock.controller.requests[0]).toMatchObject({
      operationId: 'listFunctionInstances',
      method: 'GET',
      params: { appGroupIdentity: 'shop', source: 'all', output: 'normal', pageNumber: 1 },
    });
    mock.controller.reset();
    expect(mock.controller.requests).toHaveLength(0);
  });

  it('typed overrides are MSW handlers: respond answers one operation with one status, resetHandlers removes it', async () => {
    server.use(
      mock.mock.respond(
        'listFunctionInstances',
        200,
        { requestId: 'fixed', totalCount: 1, result: [{ instanceName: 'only', functionName: 'ctr' }] },
        { once: true },
      ),
    );
    expect((await client.listFunctionInstances(params)).result.map((i) => i.instanceName)).toEqual(['only']);
    expect((await client.listFunctionInstances(params)).result.length).toBeGreaterThan(1);
    server.use(mock.mock.respond('listFunctionInstances', 200, { requestId: 'fixed', totalCount: 0, result: [] }));
    expect((await client.listFunctionInstances(params)).result).toEqual([]);
    server.resetHandlers(...mock.handlers);
    expect((await client.listFunctionInstances(params)).result.length).toBeGreaterThan(1);
  });

  it('error: a code the spec documents, with its status and shape, for one or every operation', async () => {
    server.use(mock.mock.error('Instance.NotExist'));
    expect(await client.listFunctionInstances(params).catch((e) => e)).toMatchObject({
      status: 404,
      code: 'Instance.NotExist',
      kind: 'client',
    });
    server.resetHandlers(...mock.handlers);
    server.use(mock.mock.error('Forbidden.RAM', { operationId: 'listFunctionInstances', message: 'nope' }));
    expect(await client.listFunctionInstances(params).catch((e) => e)).toMatchObject({
      status: 403,
      code: 'Forbidden.RAM',
    });
    // A typo is refused when the override is made, not answered as a silent 400.
    expect(() => mock.mock.error('Instance.NotExsit' as never)).toThrow(/Unknown error code "Instance.NotExsit"/);
  });

  it('throttle: 429 with Retry-After, which the client honours and retries', async () => {
    server.use(
      mock.mock.throttle({ retryAfterSeconds: 0, once: true }),
      mock.mock.throttle({ retryAfterSeconds: 0, once: true }),
    );
    const page = await client.listFunctionInstances(params);
    expect(page.result.length).toBeGreaterThan(0);
    // Every attempt is recorded: the two the overrides answered, then the handlers' answer.
    expect(mock.controller.requests.map((r) => [r.status, r.overridden])).toEqual([
      [429, true],
      [429, true],
      [200, false],
    ]);
    server.use(mock.mock.throttle({ retryAfterSeconds: 0 }));
    expect(await client.listFunctionInstances(params).catch((e) => e)).toMatchObject({
      kind: 'throttling',
      status: 429,
      code: 'Throttling.User',
    });
  });

  it('networkError: fetch rejects', async () => {
    server.use(mock.mock.networkError());
    expect(await client.listFunctionInstances(params).catch((e) => e)).toMatchObject({ kind: 'network' });
  });

  it('delay: the handlers behind answer late, and the client can time out', async () => {
    server.use(mock.mock.delay(200));
    const impatient = createOpenSearchClient({ endpoint: BASE, credentials: key, timeoutMs: 50, retry: false });
    expect(await impatient.listFunctionInstances(params).catch((e) => e)).toMatchObject({ kind: 'timeout' });
  });
});

describe('casing and determinism', () => {
  it("casing: 'pascal' answers in PascalCase, which the client normalizes", async () => {
    const pascal = createOpenSearchHandlers({ baseUrl: 'https://pascal.example', casing: 'pascal' });
    server.use(...pascal.handlers);
    const response = await fetch('https://pascal.example/v4/openapi/app-groups/a/functions/b/instances');
    const body = await response.json();
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['RequestId', 'TotalCount', 'Result']));
    expect(body.Result[0]).toHaveProperty('InstanceName');
    const page = await createOpenSearchClient({
      endpoint: 'https://pascal.example',
      credentials: key,
    }).listFunctionInstances({ appGroupIdentity: 'a', functionName: 'b' });
    expect(page.result[0]).toHaveProperty('instanceName');
  });

  it('the same seed and request give the same data; another seed gives other data', () => {
    const a = createOpenSearchHandlers({ seed: 42 }).controller.instances('x', 'ctr');
    const b = createOpenSearchHandlers({ seed: 42 }).controller.instances('x', 'ctr');
    const c = createOpenSearchHandlers({ seed: 43 }).controller.instances('x', 'ctr');
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(makeFunctionInstances(5, {}, { seed: 9 })).toEqual(makeFunctionInstances(5, {}, { seed: 9 }));
  });
});

// Every request resolves its own operation (by method and path template), is validated from the
// generated rules, and is signed with that operation's action; nothing unmatched reaches the network.
import { describe, expect, it } from 'vitest';
import { createOpenSearchClient, OPERATIONS, type paths, ValidationError } from '../src/index.js';
import { credentials, fakeFetch, page, params } from './fakeFetch.js';

const LIST = '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances';
/** A path no API could have: it stays unmatched whatever the spec gains. */
const NO_SUCH_PATH = '/v4/openapi/__acs-opensearch-test__/no-such-path';

function setup() {
  const { fetch, sent } = fakeFetch(() => page(['a'], 1));
  return { client: createOpenSearchClient({ credentials, fetch, retry: false }), sent };
}

describe('operation resolution', () => {
  it('signs generated and raw calls with the action and version of the matched operation', async () => {
    const { client, sent } = setup();
    await client.listFunctionInstances(params);
    await client.GET(LIST, { params: { path: params } });
    await client.request('get', LIST, { params: { path: params } });
    expect(sent.map((s) => s.headers.get('x-acs-action'))).toEqual(
      Array(3).fill(OPERATIONS.listFunctionInstances.action),
    );
    expect(sent.map((s) => s.headers.get('x-acs-version'))).toEqual(
      Array(3).fill(OPERATIONS.listFunctionInstances.version),
    );
  });

  // Derived from the spec, so that adding an operation never turns them into real calls.
  const ops = Object.values(OPERATIONS) as Array<{ method: string; path: string }>;
  const [lackingMethod, onPath] = (['PATCH', 'DELETE', 'POST', 'PUT', 'GET'] as const)
    .flatMap((m) => ops.filter((o) => !ops.some((p) => p.path === o.path && p.method === m)).map((o) => [m, o.path]))
    .at(0) as [string, string];
  type C = ReturnType<typeof setup>['client'];
  it.each([
    [
      `${lackingMethod} on a path whose other methods the spec has`,
      (c: C) => c.request(lackingMethod.toLowerCase() as never, onPath as never, { params: { path: params } } as never),
    ],
    [
      'DELETE through request() on a path no API has',
      (c: C) => c.request('delete' as never, NO_SUCH_PATH as never, {} as never),
    ],
    ['GET on a path no API has', (c: C) => c.GET(NO_SUCH_PATH as never)],
    [
      'GET on a filled-in path instead of a template',
      (c: C) => c.GET('/v4/openapi/app-groups/a/functions/b/instances' as never),
    ],
  ])('refuses %s before the network, naming the method and the path', async (_name, call) => {
    const { client, sent } = setup();
    const error = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/No operation in the spec is (PATCH|POST|PUT|DELETE|GET) \/v4\//);
    expect(sent).toHaveLength(0);
  });
});

describe('validation of every call', () => {
  it('an unknown parameter is a ValidationError naming the key, in generated and raw calls', async () => {
    const { client, sent } = setup();
    const generated = await client.listFunctionInstances({ ...params, pageSzie: 5 } as never).catch((e: unknown) => e);
    expect(generated).toMatchObject({ name: 'ValidationError', parameter: 'pageSzie' });
    const raw = await client
      .GET(LIST, { params: { path: params, query: { bogus: 1 } as never } })
      .catch((e: unknown) => e);
    expect(raw).toMatchObject({ name: 'ValidationError', parameter: 'bogus' });
    const rawPath = await client
      .GET(LIST, { params: { path: { ...params, extra: 'x' } as never } })
      .catch((e: unknown) => e);
    expect(rawPath).toMatchObject({ name: 'ValidationError', parameter: 'extra' });
    expect(sent).toHaveLength(0);
  });

  it('raw calls check types, enums and ranges too', async () => {
    const { client, sent } = setup();
    for (const query of [{ pageSize: 0 }, { pageSize: '10' }, { source: 'everything' }, { pageNumber: 2 ** 31 }]) {
      const error = await client
        .GET(LIST, { params: { path: params, query: query as never } })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ValidationError', parameter: Object.keys(query)[0] });
    }
    expect(
      await client.GET(LIST, { params: { path: { appGroupIdentity: 'a' } as never } }).catch((e: unknown) => e),
    ).toMatchObject({
      parameter: 'functionName',
    });
    expect(
      await client.GET(LIST, { params: { path: params }, body: { x: 1 } as never }).catch((e: unknown) => e),
    ).toMatchObject({
      parameter: 'body',
    });
    expect(sent).toHaveLength(0);
  });

  it('__proto__ in JSON-parsed parameters carries nothing past validation and changes nothing on the wire', async () => {
    const { client, sent } = setup();
    const flat = JSON.parse(
      '{"appGroupIdentity":"a","functionName":"b","__proto__":{"pageSize":1000,"output":"detail"}}',
    );
    expect(await client.listFunctionInstances(flat).catch((e: unknown) => e)).toMatchObject({
      name: 'ValidationError',
      parameter: '__proto__',
    });
    const query = JSON.parse('{"__proto__":{"pageSize":1000}}');
    expect(await client.GET(LIST, { params: { path: params, query } }).catch((e: unknown) => e)).toMatchObject({
      parameter: '__proto__',
    });
    const pages = client.paginateFunctionInstances(flat);
    expect(await pages.next().catch((e: unknown) => e)).toMatchObject({ parameter: '__proto__' });
    expect(sent).toHaveLength(0);
    // And a clean call still sends exactly the parameters given.
    await client.listFunctionInstances(JSON.parse('{"appGroupIdentity":"a","functionName":"b","pageSize":3}'));
    expect(sent[0]!.url.search).toBe('?pageSize=3');
  });

  it('values are encoded once, in their own segment, and the query is sorted', async () => {
    const { client, sent } = setup();
    await client.listFunctionInstances({
      appGroupIdentity: 'a/b?c',
      functionName: 'é*',
      source: 'all',
      output: 'simple',
      pageSize: 2,
    });
    expect(sent[0]!.url.pathname).toBe('/v4/openapi/app-groups/a%2Fb%3Fc/functions/%C3%A9%2A/instances');
    expect(sent[0]!.url.search).toBe('?output=simple&pageSize=2&source=all');
  });

  it('the raw methods keep openapi-fetch types: a typo in the path does not compile', () => {
    const typed: keyof paths = LIST;
    expect(typed).toBe(LIST);
  });
});

describe('headers of a raw call', () => {
  it('a caller x-acs-* header is sent and signed; the signature verifies over what was sent', async () => {
    const { computeSignature, parseAuthorization } = await import('../src/signing/index.js');
    const { client, sent } = setup();
    await client.GET(LIST, { params: { path: params }, headers: { 'x-acs-trace-id': 'trace-1', 'x-custom': 'c' } });
    const headers = sent[0]!.headers;
    expect(headers.get('x-acs-trace-id')).toBe('trace-1');
    expect(headers.get('x-custom')).toBe('c');
    const auth = parseAuthorization(headers.get('authorization'))!;
    expect(auth.signedHeaders).toContain('x-acs-trace-id');
    expect(auth.signedHeaders).not.toContain('x-custom');
    const { signature } = await computeSignature({
      method: 'GET',
      url: sent[0]!.url,
      headers: [...headers.entries(), ['host', sent[0]!.url.host]],
      payloadHash: headers.get('x-acs-content-sha256')!,
      accessKeySecret: credentials.accessKeySecret,
      signedHeaders: auth.signedHeaders,
    });
    expect(signature).toBe(auth.signature);
  });
});

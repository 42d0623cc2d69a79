// More behaviour pinned where mutation testing found it loose: raw middleware, the client's own
// printing, the attempt timer and the caller's signal, the streamed body cap, opaque redirects,
// the UTF-16 fallback, signRequest's header forms, and casing corner cases.
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalizeCasing } from '../src/engine/normalizeCasing.js';
import { createOpenSearchClient, OPERATIONS } from '../src/index.js';
import { prepareFlat } from '../src/operations/validateParameters.js';
import type { OperationMeta } from '../src/shared/operationMeta.js';
import { canonicalQuery, signRequest } from '../src/signing/index.js';
import { credentials, fakeFetch, json, latch, page, params, type Responder } from './fakeFetch.js';
import { testEngine } from './testEngine.js';

const LIST = '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances';
afterEach(() => vi.restoreAllMocks());

describe('raw middleware: use and eject', () => {
  it('middleware registered before or after the first raw call sees raw requests; eject removes it', async () => {
    const { fetch } = fakeFetch(() => page(['a'], 1));
    const client = createOpenSearchClient({ credentials, fetch });
    const seen: string[] = [];
    const first = { onRequest: ({ request }: { request: Request }) => void seen.push(`first ${request.method}`) };
    const second = {
      onResponse: ({ response }: { response: Response }) => void seen.push(`second ${response.status}`),
    };
    client.use(first);
    await client.GET(LIST, { params: { path: params } });
    client.use(second);
    await client.GET(LIST, { params: { path: params } });
    client.eject(first);
    await client.GET(LIST, { params: { path: params } });
    client.eject(second);
    await client.GET(LIST, { params: { path: params } });
    expect(seen).toEqual(['first GET', 'first GET', 'second 200', 'second 200']);
  });

  it('refuses what is not middleware, as openapi-fetch does; falsy entries are skipped', () => {
    const client = createOpenSearchClient({ credentials });
    expect(() => client.use({} as never)).toThrow('Middleware must be an object with one of `onRequest()`');
    expect(() => client.use((() => {}) as never)).toThrow('Middleware must be an object');
    expect(() => client.use(undefined as never)).not.toThrow();
  });

  it('a caller’s host header is never sent (the signed host is the URL’s)', async () => {
    const { fetch, sent } = fakeFetch(() => page([], 0));
    const client = createOpenSearchClient({ credentials, fetch });
    await client.GET(LIST, { params: { path: params }, headers: { host: 'evil.example', 'x-extra': '1' } });
    expect(sent[0]!.headers.get('host')).toBeNull();
    expect(sent[0]!.headers.get('x-extra')).toBe('1');
  });
});

describe('the client prints without secrets', () => {
  it('toString, toJSON and util.inspect', () => {
    const client = createOpenSearchClient({ credentials, endpoint: 'https://h.example' });
    expect(String(client)).toBe('OpenSearchClient(https://h.example)');
    expect(JSON.parse(JSON.stringify(client))).toEqual(JSON.parse(JSON.stringify(client.config)));
    const inspect = (client as unknown as Record<symbol, () => string>)[Symbol.for('nodejs.util.inspect.custom')]!;
    expect(inspect()).toBe(`OpenSearchClient ${JSON.stringify(client.config)}`);
    expect(`${String(client)}${inspect()}`).not.toContain(credentials.accessKeySecret);
  });

  it('only paged operations get a paginator; no user-agent is sent unless set (outside Node)', async () => {
    const client = createOpenSearchClient({ credentials }) as unknown as Record<string, unknown>;
    for (const op of Object.values(OPERATIONS) as OperationMeta[])
      if (op.paginator) expect(typeof client[op.paginator]).toBe('function');
    expect('null' in client).toBe(false);
    const { fetch, sent } = fakeFetch(() => page([], 0));
    await createOpenSearchClient({ credentials, fetch }).listFunctionInstances(params);
    expect(sent[0]!.headers.has('user-agent')).toBe(false);
  });
});

describe('the attempt timer and the caller’s signal', () => {
  const op = OPERATIONS.listFunctionInstances as unknown as OperationMeta;
  const call = { op, url: 'https://h.example/x', sign: () => ({}) };
  const engine = (responders: Responder[], timeoutMs = 10_000) => testEngine(responders, { timeoutMs });
  const hang: Responder = (_s, signal) =>
    new Promise((_r, reject) => signal!.addEventListener('abort', () => reject(signal!.reason)));

  it('a timeout aborts the fetch with a TimeoutError DOMException naming the time', async () => {
    let reason: unknown;
    const capture: Responder = (_s, signal) =>
      new Promise((_r, reject) =>
        signal!.addEventListener('abort', () => {
          reason = signal!.reason;
          reject(signal!.reason);
        }),
      );
    await engine([capture], 15)
      .send(call)
      .catch(() => {});
    expect(reason).toMatchObject({ name: 'TimeoutError', message: 'timed out after 15 ms' });
  });

  it("the caller's abort reaches the fetch with the caller's reason, and the listener is removed after", async () => {
    const controller = new AbortController();
    const started = latch();
    const hangAndTell: Responder = (sent, signal) => {
      started.fire();
      return hang(sent, signal);
    };
    const pending = engine([hangAndTell]).send(call, { signal: controller.signal });
    await started.happened; // the fetch has started (no wall-clock wait)
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    controller.abort(new Error('user left'));
    await expect(pending).rejects.toThrow('user left');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const done = new AbortController();
    await engine([() => json({})]).send(call, { signal: done.signal });
    expect(getEventListeners(done.signal, 'abort')).toHaveLength(0);
  });
});

describe('bodies, redirects and casing corners', () => {
  const op = OPERATIONS.listFunctionInstances as unknown as OperationMeta;
  const call = { op, url: 'https://h.example/x', sign: () => ({}) };
  const send = (answer: () => Response, max = 64) =>
    testEngine([answer], { timeoutMs: 1000, maxResponseBytes: max }).send(call);

  it('a compressed body is counted as decoded, whatever its declared length; exactly the cap declared is read', async () => {
    const encoded = () =>
      new Response('x'.repeat(100), { headers: { 'content-encoding': 'gzip', 'content-length': '10' } });
    await expect(send(encoded)).rejects.toMatchObject({ code: 'ResponseTooLarge' });
    expect((await send(() => new Response('y'.repeat(64), { headers: { 'content-length': '64' } }))).text).toHaveLength(
      64,
    );
    const cancelled = vi.fn(async () => {});
    const declared = new Response(new ReadableStream({ cancel: cancelled }), { headers: { 'content-length': '65' } });
    await expect(send(() => declared)).rejects.toMatchObject({ code: 'ResponseTooLarge' });
    expect(cancelled).toHaveBeenCalled();
  });

  it('an opaque redirect (a browser’s manual redirect) is refused as HTTP opaque', async () => {
    const opaque = () =>
      Object.defineProperties(new Response(null, { status: 200 }), {
        type: { value: 'opaqueredirect' },
        status: { value: 0 },
      });
    await expect(send(opaque)).rejects.toThrow('answered a redirect (HTTP opaque to no Location)');
  });

  it('lone surrogates are refused where String.prototype.isWellFormed is missing too', () => {
    const proto = String.prototype as unknown as Record<string, unknown>;
    const original = proto.isWellFormed;
    delete proto.isWellFormed;
    try {
      const op = OPERATIONS.listFunctionInstances as unknown as OperationMeta;
      for (const bad of ['a\uD800', '\uDC00b', '\uD800\uD800'])
        expect(() => prepareFlat(op, { ...params, functionName: bad })).toThrow('lone surrogate');
      for (const good of ['\uD83D\uDE00', 'plain'])
        expect(() => prepareFlat(op, { ...params, functionName: good })).not.toThrow();
    } finally {
      proto.isWellFormed = original;
    }
  });

  it('casing: an empty key, a body with requestId, and keys that are not letters', () => {
    expect(normalizeCasing({ requestId: 'r', Other: 1 })).toEqual({ requestId: 'r', Other: 1 });
    expect(normalizeCasing({ '': { A: 1 }, B: 2 })).toEqual({ '': { a: 1 }, b: 2 });
    expect(normalizeCasing({ _x: 1, '1y': 2 })).toEqual({ _x: 1, '1y': 2 });
    const out = normalizeCasing<Record<string, unknown>>({ A: 1 });
    out.a = 2;
    delete out.a;
    expect(out).toEqual({});
  });

  it('the canonical query keeps equal keys ordered by value, and an empty query is empty', () => {
    expect(canonicalQuery('?k=2&k=10&k=1')).toBe('k=1&k=10&k=2');
    expect(canonicalQuery('k=b&k=a')).toBe('k=a&k=b');
  });
});

describe('signRequest header forms', () => {
  const sign = (headers: ConstructorParameters<typeof Headers>[0] | undefined, body?: string | ArrayBuffer) =>
    signRequest(
      { method: body ? 'POST' : 'GET', url: 'https://h.example/p?a=1', headers: headers as never, body },
      { credentials, action: 'A', version: 'V', now: () => 0, nonce: () => 'n' },
    );

  it('Headers, pairs and records sign the same; host and authorization of the caller are not signed', async () => {
    const asRecord = await sign({ 'X-Acs-Extra': 'e', 'Content-Type': 'text/plain', host: 'evil', authorization: 'x' });
    const asPairs = await sign([
      ['x-acs-extra', 'e'],
      ['content-type', 'text/plain'],
    ]);
    const asHeaders = await sign(new Headers({ 'x-acs-extra': 'e', 'content-type': 'text/plain' }));
    expect(asRecord.signature).toBe(asPairs.signature);
    expect(asHeaders.signature).toBe(asPairs.signature);
    expect(asRecord.signedHeaders).toEqual([
      'content-type',
      'host',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      'x-acs-extra',
      'x-acs-signature-nonce',
      'x-acs-version',
    ]);
    expect(asRecord.canonicalRequest).toContain('host:h.example\n');
    expect((await sign(undefined)).signedHeaders).not.toContain('x-acs-extra');
  });

  it('a caller’s x-acs-date is the signer’s; a bad value is refused by name; an ArrayBuffer body hashes as its bytes', async () => {
    expect((await sign({ 'x-acs-date': '1999-01-01T00:00:00Z' })).headers['x-acs-date']).toBe('1970-01-01T00:00:00Z');
    await expect(sign({ 'x-acs-date': 'a\nb' })).rejects.toMatchObject({ parameter: 'headers["x-acs-date"]' });
    const text = await sign(undefined, 'hi');
    const buffer = await sign(undefined, new TextEncoder().encode('hi').buffer as ArrayBuffer);
    expect(buffer.headers['x-acs-content-sha256']).toBe(text.headers['x-acs-content-sha256']);
    expect(text.headers['x-acs-content-sha256']).not.toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    const url = new URL('https://h.example/p?a=1');
    const fromUrl = await signRequest(
      { method: 'GET', url },
      { credentials, action: 'A', version: 'V', now: () => 0, nonce: () => 'n' },
    );
    expect(fromUrl.signature).toBe((await sign(undefined)).signature);
  });
});

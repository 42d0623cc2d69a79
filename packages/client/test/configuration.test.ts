import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import createClient from 'openapi-fetch';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computeSignature, createOpenSearchClient, createSigningMiddleware, parseAuthorization, REGIONS, type paths } from '../src/index.js';
import { credentials, fakeFetch, page, params } from './fakeFetch.js';

describe('endpoints', () => {
  it('maps every region of the spec to its endpoint, cn-hangzhou by default', () => {
    expect(createOpenSearchClient({ credentials }).config.baseUrl).toBe('https://opensearch.cn-hangzhou.aliyuncs.com');
    for (const regionId of REGIONS) {
      expect(createOpenSearchClient({ credentials, regionId }).config.baseUrl).toBe(`https://opensearch.${regionId}.aliyuncs.com`);
    }
  });

  it('rejects an unknown region or a malformed endpoint, naming the option', () => {
    expect(() => createOpenSearchClient({ credentials, regionId: 'mars-1' as never })).toThrow(/regionId.*mars-1/);
    expect(() => createOpenSearchClient({ credentials, endpoint: 'not a url' })).toThrow(/endpoint/);
    expect(() => createOpenSearchClient({ credentials, endpoint: 'ftp://x' })).toThrow(/endpoint/);
    expect(() => createOpenSearchClient({ credentials, timeoutMs: -1 })).toThrow(/timeoutMs/);
    expect(() => createOpenSearchClient({ credentials, retry: { maxAttempts: 0 } })).toThrow(/maxAttempts/);
  });

  it('calls http://127.0.0.1:PORT over real HTTP, signing host with its port', async () => {
    let seen: { url?: string; headers?: IncomingHttpHeaders } = {};
    const server = createServer((req, res) => {
      seen = { url: req.url, headers: req.headers };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ requestId: 'r', totalCount: 0, result: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const client = createOpenSearchClient({ credentials, endpoint: `http://127.0.0.1:${port}/` });
      await client.listFunctionInstances(params);
      expect(seen.headers!.host).toBe(`127.0.0.1:${port}`);
      // Recompute the signature server-side, from what actually arrived.
      const auth = parseAuthorization(seen.headers!.authorization as string)!;
      const entries = Object.entries(seen.headers!).map(([k, v]) => [k, String(v)] as [string, string]);
      const { signature } = await computeSignature({
        method: 'GET',
        url: `http://127.0.0.1:${port}${seen.url}`,
        headers: entries,
        payloadHash: seen.headers!['x-acs-content-sha256'] as string,
        accessKeySecret: credentials.accessKeySecret,
        signedHeaders: auth.signedHeaders,
      });
      expect(signature).toBe(auth.signature);
    } finally {
      server.close();
    }
  });
});

describe('credentials', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('calls a provider for every attempt, so STS tokens can refresh', async () => {
    let n = 0;
    const provider = vi.fn(async () => ({ accessKeyId: `AK${++n}`, accessKeySecret: 's', securityToken: `token-${n}` }));
    const { fetch, sent } = fakeFetch(() => new Response('', { status: 503 }), () => page([], 0));
    await createOpenSearchClient({ credentials: provider, fetch, retry: { baseDelayMs: 1 } }).listFunctionInstances(params);
    expect(provider).toHaveBeenCalledTimes(2);
    expect(sent.map((s) => s.headers.get('x-acs-security-token'))).toEqual(['token-1', 'token-2']);
  });

  it('reads ALIBABA_CLOUD_* from the environment at request time', async () => {
    const { fetch, sent } = fakeFetch(() => page([], 0));
    const client = createOpenSearchClient({ fetch });
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'ENV-AK');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'env-secret');
    vi.stubEnv('ALIBABA_CLOUD_SECURITY_TOKEN', 'env-token');
    await client.listFunctionInstances(params);
    expect(sent[0]!.headers.get('authorization')).toContain('Credential=ENV-AK,');
    expect(sent[0]!.headers.get('x-acs-security-token')).toBe('env-token');
  });

  it('without any credentials, fails with a clear message and sends nothing', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', '');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', '');
    const { fetch, sent } = fakeFetch(() => page([], 0));
    await expect(createOpenSearchClient({ fetch }).listFunctionInstances(params)).rejects.toThrow(/ALIBABA_CLOUD_ACCESS_KEY_ID/);
    expect(sent).toHaveLength(0);
  });
});

describe('fetch lookup', () => {
  it('uses globalThis.fetch as it is at request time, not at creation', async () => {
    const client = createOpenSearchClient({ credentials });
    const { fetch, sent } = fakeFetch(() => page(['late'], 1));
    const original = globalThis.fetch;
    globalThis.fetch = fetch;
    try {
      const body = await client.listFunctionInstances(params);
      expect(body.result[0]!.instanceName).toBe('late');
      expect(sent).toHaveLength(1);
    } finally {
      globalThis.fetch = original;
    }
  });

  it('sends the configured User-Agent', async () => {
    const { fetch, sent } = fakeFetch(() => page([], 0));
    await createOpenSearchClient({ credentials, fetch, userAgent: 'my-app/1.0' }).listFunctionInstances(params);
    expect(sent[0]!.headers.get('user-agent')).toBe('my-app/1.0');
  });
});

describe('paginateFunctionInstances', () => {
  const pages = (total: number, size: number) => (sent: { url: URL }) => {
    const n = Number(sent.url.searchParams.get('pageNumber'));
    const names = Array.from({ length: Math.max(0, Math.min(size, total - (n - 1) * size)) }, (_, i) => `i${(n - 1) * size + i}`);
    return page(names, total);
  };

  it('follows pageNumber until totalCount is reached', async () => {
    const { fetch, sent } = fakeFetch(pages(7, 3));
    const seen: string[] = [];
    for await (const p of createOpenSearchClient({ credentials, fetch }).paginateFunctionInstances({ ...params, pageSize: 3 })) {
      seen.push(...p.result.map((i) => i.instanceName));
    }
    expect(seen).toEqual(['i0', 'i1', 'i2', 'i3', 'i4', 'i5', 'i6']);
    expect(sent.map((s) => s.url.searchParams.get('pageNumber'))).toEqual(['1', '2', '3']);
  });

  it('stops on an empty page even if totalCount says more', async () => {
    const { fetch, sent } = fakeFetch(() => page(['a'], 100), () => page([], 100));
    const all = [];
    for await (const p of createOpenSearchClient({ credentials, fetch }).paginateFunctionInstances({ ...params, pageSize: 1 })) all.push(p);
    expect(all).toHaveLength(1);
    expect(sent).toHaveLength(2);
  });

  it('caps the items with maxItems, trimming the last page', async () => {
    const { fetch, sent } = fakeFetch(pages(50, 4));
    const seen: string[] = [];
    for await (const p of createOpenSearchClient({ credentials, fetch }).paginateFunctionInstances({ ...params, pageSize: 4, maxItems: 6 })) {
      seen.push(...p.result.map((i) => i.instanceName));
    }
    expect(seen).toEqual(['i0', 'i1', 'i2', 'i3', 'i4', 'i5']);
    expect(sent).toHaveLength(2);
  });

  it('rejects a bad maxItems before sending', async () => {
    const { fetch, sent } = fakeFetch(pages(5, 5));
    const iterate = async () => {
      for await (const _ of createOpenSearchClient({ credentials, fetch }).paginateFunctionInstances({ ...params, maxItems: 0 })) void _;
    };
    await expect(iterate()).rejects.toThrow(/maxItems/);
    expect(sent).toHaveLength(0);
  });
});

describe('createSigningMiddleware', () => {
  it('signs requests of a user-built openapi-fetch client', async () => {
    const { fetch, sent } = fakeFetch(() => page([], 0));
    const client = createClient<paths>({ baseUrl: 'https://opensearch.cn-shanghai.aliyuncs.com', fetch: (r: Request) => fetch(r) });
    client.use(createSigningMiddleware({ credentials, now: () => new Date('2024-01-01T00:00:00Z'), nonce: () => 'n-1' }));
    await client.GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', { params: { path: params } });
    const h = sent[0]!.headers;
    expect(h.get('x-acs-action')).toBe('ListFunctionInstances');
    expect(h.get('x-acs-date')).toBe('2024-01-01T00:00:00Z');
    expect(h.get('x-acs-signature-nonce')).toBe('n-1');
    expect(h.get('authorization')).toMatch(/^ACS3-HMAC-SHA256 Credential=AKID-TEST,/);
  });
});

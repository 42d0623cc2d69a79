import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenSearchClient, REGIONS } from '../src/index.js';
import { computeSignature, parseAuthorization } from '../src/signing/index.js';
import { credentials, fakeFetch, page, params } from './fakeFetch.js';

describe('endpoints', () => {
  it('maps every region of the spec to its endpoint, cn-hangzhou by default', () => {
    expect(createOpenSearchClient({ credentials }).config.baseUrl).toBe('https://opensearch.cn-hangzhou.aliyuncs.com');
    for (const regionId of REGIONS) {
      expect(createOpenSearchClient({ credentials, regionId }).config.baseUrl).toBe(
        `https://opensearch.${regionId}.aliyuncs.com`,
      );
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
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ requestId: 'r', totalCount: 0, result: [] }));
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

  it('with credentialsCache.maxAgeMs 0, asks a provider for every attempt, so STS tokens can refresh', async () => {
    let n = 0;
    const provider = vi.fn(async () => ({
      accessKeyId: `AK${++n}`,
      accessKeySecret: 's',
      securityToken: `token-${n}`,
    }));
    const { fetch, sent } = fakeFetch(
      () => new Response('', { status: 503 }),
      () => page([], 0),
    );
    const options = { credentials: provider, fetch, retry: { baseDelayMs: 1 }, credentialsCache: { maxAgeMs: 0 } };
    await createOpenSearchClient(options).listFunctionInstances(params);
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
    await expect(createOpenSearchClient({ fetch }).listFunctionInstances(params)).rejects.toThrow(
      /ALIBABA_CLOUD_ACCESS_KEY_ID/,
    );
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

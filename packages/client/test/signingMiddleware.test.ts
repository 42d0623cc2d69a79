// createSigningMiddleware: signing for a user-built openapi-fetch client, the action looked up per request.
import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { createSigningMiddleware, type paths } from '../src/index.js';
import { credentials, fakeFetch, page, params } from './fakeFetch.js';

describe('createSigningMiddleware', () => {
  it('signs requests of a user-built openapi-fetch client', async () => {
    const { fetch, sent } = fakeFetch(() => page([], 0));
    const client = createClient<paths>({
      baseUrl: 'https://opensearch.cn-shanghai.aliyuncs.com',
      fetch: (r: Request) => fetch(r),
    });
    client.use(
      createSigningMiddleware({ credentials, now: () => new Date('2024-01-01T00:00:00Z'), nonce: () => 'n-1' }),
    );
    await client.GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', {
      params: { path: params },
    });
    const h = sent[0]!.headers;
    expect(h.get('x-acs-action')).toBe('ListFunctionInstances');
    expect(h.get('x-acs-date')).toBe('2024-01-01T00:00:00Z');
    expect(h.get('x-acs-signature-nonce')).toBe('n-1');
    expect(h.get('authorization')).toMatch(/^ACS3-HMAC-SHA256 Credential=AKID-TEST,/);
  });
});

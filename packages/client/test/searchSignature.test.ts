// The application API's v3 signature against Alibaba's own OpenSearch util
// (`@alicloud/opensearch-util`, the Tea SDKs' signer), an independent implementation: for any path,
// query, body, date, nonce and STS token, both give the same Authorization. Plus the MD5 against
// node:crypto, and the safety rules (a fresh nonce per request, no secret in any error).
import { createHash, createHmac } from 'node:crypto';
import OpenSearchUtil from '@alicloud/opensearch-util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5Hex, parseV3Authorization, signV3, v3CanonicalResource, v3Nonce } from '../src/search/index.js';

const official = OpenSearchUtil as unknown as {
  getSignature(request: unknown, id: string, secret: string): string;
  getContentMD5(content: string): string;
};

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const nonEmpty = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
const paramName = fc.stringMatching(/^[a-z_]{1,12}$/);
const date = fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true });

describe('the v3 signature', () => {
  it('equals the official OpenSearch util for any request (query, body, date, nonce, STS token)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          method: fc.constantFrom('GET', 'POST'),
          app: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
          query: fc.dictionary(paramName, nonEmpty, { maxKeys: 5 }),
          body: fc.option(text, { nil: undefined }),
          when: date,
          nonce: fc.stringMatching(/^[0-9]{16}$/),
          id: fc.stringMatching(/^[A-Za-z0-9]{8,24}$/),
          secret: fc.stringMatching(/^[A-Za-z0-9]{8,30}$/),
          token: fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{10,40}$/), { nil: undefined }),
        }),
        async (r) => {
          const path = `/v3/openapi/apps/${r.app}/search`;
          const stamp = { date: r.when.toISOString().replace(/\.\d{3}Z$/, 'Z'), nonce: r.nonce };
          const ours = await signV3(
            { method: r.method, path, query: r.query, body: r.body },
            { accessKeyId: r.id, accessKeySecret: r.secret, securityToken: r.token },
            stamp,
          );
          const headers: Record<string, string> = { ...ours };
          delete headers.Authorization;
          const theirs = official.getSignature(
            { method: r.method, pathname: path, query: r.query, headers },
            r.id,
            r.secret,
          );
          expect(ours.Authorization).toBe(theirs);
          if (r.body !== undefined) expect(ours['Content-MD5']).toBe(official.getContentMD5(r.body));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a known answer: the reference search query, with its clauses, quotes and Chinese, signed by hand', async () => {
    const query = {
      query: "config=start:0,hit:10&&query=default:'云搜索' AND title:'it\\'s'",
      fetch_fields: 'id;title',
    };
    const stamp = { date: '2026-12-06T10:00:00Z', nonce: '1796551200123456' };
    const headers = await signV3(
      { method: 'GET', path: '/v3/openapi/apps/my_app/search', query },
      { accessKeyId: 'testid', accessKeySecret: 'testsecret' },
      stamp,
    );
    // Written out step by step from the reference's formula, with node:crypto.
    const resource =
      '/v3/openapi/apps/my_app/search?fetch_fields=id%3Btitle&query=config%3Dstart%3A0%2Chit%3A10%26%26query%3Ddefault%3A%27%E4%BA%91%E6%90%9C%E7%B4%A2%27%20AND%20title%3A%27it%5C%27s%27';
    expect(v3CanonicalResource('/v3/openapi/apps/my_app/search', query)).toBe(resource);
    const stringToSign = `GET\n\napplication/json\n2026-12-06T10:00:00Z\nx-opensearch-nonce:1796551200123456\n${resource}`;
    const expected = createHmac('sha1', 'testsecret').update(stringToSign).digest('base64');
    expect(headers.Authorization).toBe(`OPENSEARCH testid:${expected}`);
    expect(parseV3Authorization(headers.Authorization)).toEqual({ accessKeyId: 'testid', signature: expected });
  });

  it('signs the STS token and a body: X-Opensearch-Security-Token and Content-MD5 are covered', async () => {
    const stamp = { date: '2026-12-06T10:00:00Z', nonce: '1796551200000001' };
    const body = '[{"cmd":"add","fields":{"id":"1"}}]';
    const a = await signV3(
      { method: 'POST', path: '/v3/openapi/apps/a/main/actions/bulk', body },
      { accessKeyId: 'i', accessKeySecret: 's', securityToken: 'tok' },
      stamp,
    );
    const b = await signV3(
      { method: 'POST', path: '/v3/openapi/apps/a/main/actions/bulk', body },
      { accessKeyId: 'i', accessKeySecret: 's', securityToken: 'other' },
      stamp,
    );
    const c = await signV3(
      { method: 'POST', path: '/v3/openapi/apps/a/main/actions/bulk', body: `${body} ` },
      { accessKeyId: 'i', accessKeySecret: 's', securityToken: 'tok' },
      stamp,
    );
    expect(a['X-Opensearch-Security-Token']).toBe('tok');
    expect(a['Content-MD5']).toBe(createHash('md5').update(body).digest('hex'));
    expect(new Set([a.Authorization, b.Authorization, c.Authorization]).size).toBe(3);
  });

  it('a fresh nonce per request: digits, never repeated in 100,000 made in the same millisecond', () => {
    const seen = new Set<string>();
    const now = Date.now();
    for (let i = 0; i < 100_000; i += 1) seen.add(v3Nonce(now));
    expect(seen.size).toBe(100_000);
    for (const n of [...seen].slice(0, 100)) expect(n).toMatch(/^\d{19}$/);
  });

  it('a header value with a line break is refused, naming the header and never the value', async () => {
    const secret = 'SECRETVALUE123';
    const failure = await signV3(
      { method: 'GET', path: '/p' },
      { accessKeyId: 'i', accessKeySecret: secret, securityToken: `x\r\n${secret}` },
      { date: 'd', nonce: 'n' },
    ).catch((e) => e);
    expect(failure.name).toBe('ValidationError');
    expect(failure.parameter).toBe('X-Opensearch-Security-Token');
    expect(JSON.stringify(failure)).not.toContain(secret);
    expect(String(failure.message)).not.toContain(secret);
  });
});

describe('md5Hex', () => {
  it('equals node:crypto for any text and bytes (UTF-8, every length around the block edges)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        expect(md5Hex(s)).toBe(createHash('md5').update(s).digest('hex'));
      }),
      { numRuns: 500 },
    );
    for (let n = 0; n < 200; n += 1) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(md5Hex(bytes), `length ${n}`).toBe(createHash('md5').update(bytes).digest('hex'));
    }
  });
});

describe('the canonical parts, one by one', () => {
  it('the resource: values encoded, keys sorted whatever their order, undefined and empty values left out, 0 kept', async () => {
    const { v3CanonicalResource, v3QueryString } = await import('../src/search/index.js');
    expect(v3QueryString({ z: '1', a: "it's 2", m: 3, e: '', u: undefined, n: 0 })).toBe('a=it%27s%202&m=3&n=0&z=1');
    expect(v3QueryString({ b: 'x', a: 'y' })).toBe('a=y&b=x');
    expect(v3CanonicalResource('/v3/openapi/apps/a/search', {})).toBe('/v3/openapi/apps/a/search');
    expect(v3CanonicalResource('/p', { only: '' })).toBe('/p');
  });

  it('the headers: X-Opensearch-* only, lower-cased, trimmed, sorted, empty ones left out, each ending in a line break', async () => {
    const { v3CanonicalHeaders, v3StringToSign } = await import('../src/search/index.js');
    const headers = {
      'X-Opensearch-Nonce': 'n1',
      'x-opensearch-a': '  v  ',
      'X-OPENSEARCH-EMPTY': '   ',
      'X-Opensearch-Missing': undefined,
      'Content-Type': 'application/json',
      'X-Other': 'y',
    };
    expect(v3CanonicalHeaders(headers)).toBe('x-opensearch-a:v\nx-opensearch-nonce:n1\n');
    expect(v3CanonicalHeaders({ 'X-Other': 'y' })).toBe('');
    expect(
      v3StringToSign(
        { method: 'post', path: '/p', query: { q: '1' } },
        { 'CONTENT-MD5': 'm', 'content-TYPE': 't', DATE: 'd', 'X-Opensearch-Nonce': 'n' },
      ),
    ).toBe('POST\nm\nt\nd\nx-opensearch-nonce:n\n/p?q=1');
    expect(v3StringToSign({ method: 'GET', path: '/p' }, {})).toBe('GET\n\n\n\n/p');
  });

  it('the date, the nonce and the Authorization parser are exact', async () => {
    const { parseV3Authorization, v3Date } = await import('../src/search/index.js');
    expect(v3Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678))).toBe('2026-01-02T03:04:05Z');
    expect(v3Date(Date.UTC(2026, 11, 31, 23, 59, 59, 0))).toBe('2026-12-31T23:59:59Z');
    const nonce = v3Nonce(1_700_000_000_123);
    expect(nonce).toMatch(/^1700000000123\d{6}$/);
    const signature = 'A'.repeat(27).concat('=');
    expect(parseV3Authorization(`OPENSEARCH id:${signature}`)).toEqual({ accessKeyId: 'id', signature });
    for (const bad of [
      `xOPENSEARCH id:${signature}`,
      `OPENSEARCH id:${signature} `,
      `OPENSEARCH id:${signature.slice(1)}`,
      `OPENSEARCH :${signature}`,
      'OPENSEARCH',
      undefined,
      null,
    ])
      expect(parseV3Authorization(bad), String(bad)).toBeNull();
  });

  it('without Web Crypto, signing is a ValidationError naming crypto; a header with a line break names the header', async () => {
    const { signV3: sign } = await import('../src/search/index.js');
    const stamp = { date: 'd', nonce: 'n' };
    await expect(
      sign({ method: 'GET', path: '/p' }, credentials(), stamp, { 'X-Trace': 'a\nb' }),
    ).rejects.toMatchObject({
      parameter: 'X-Trace',
      message: 'the X-Trace header holds a line break or NUL',
    });
    const real = globalThis.crypto;
    Object.defineProperty(globalThis, 'crypto', {
      value: { getRandomValues: real.getRandomValues.bind(real) },
      configurable: true,
    });
    try {
      await expect(sign({ method: 'GET', path: '/p' }, credentials(), stamp)).rejects.toMatchObject({
        parameter: 'crypto',
        message: 'Web Crypto (crypto.subtle) is missing here: the v3 signature needs HMAC-SHA1',
      });
    } finally {
      Object.defineProperty(globalThis, 'crypto', { value: real, configurable: true });
    }
  });
});

function credentials() {
  return { accessKeyId: 'i', accessKeySecret: 's' };
}

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

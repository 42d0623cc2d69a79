import { describe, expect, it } from 'vitest';
import { defaultCrypto as nodeCrypto } from './defaultCrypto.node.js';
import { EMPTY_PAYLOAD_HASH, signRequest, webCrypto } from './index.js';
import { KNOWN_ANSWERS } from './suite.fixture.js';

// Both default backends: Web Crypto (the browser build) and node:crypto (the Node build).
describe.each([
  ['Web Crypto', webCrypto],
  ['node:crypto', nodeCrypto],
])('signRequest on %s: known answers', (_backend, crypto) => {
  it.each(KNOWN_ANSWERS.map((k) => [k.name, k] as const))('gives the known answer: %s', async (_name, k) => {
    const signed = await signRequest(
      { method: k.method, url: k.url, headers: k.headers, body: k.body },
      {
        credentials: k.credentials,
        action: 'ListFunctionInstances',
        version: '2017-12-25',
        now: () => new Date(k.date),
        nonce: () => k.nonce,
        crypto,
      },
    );
    expect(signed.canonicalRequest.split('\n')[2]).toBe(k.canonicalQuery);
    expect(signed.signedHeaders.join(';')).toBe(k.signedHeaders);
    expect(signed.signature).toBe(k.signature);
    expect(signed.authorization).toBe(
      `ACS3-HMAC-SHA256 Credential=${k.credentials.accessKeyId},SignedHeaders=${k.signedHeaders},Signature=${k.signature}`,
    );
  });
});

const EXPECTED_BODY_HASH = 'b3a092a6af48807fa9482b2ee140105575daa26d5b24b3c0e60a7e2dee6683b1';

describe('signRequest', () => {
  const base = {
    credentials: { accessKeyId: 'AK', accessKeySecret: 'SK' },
    action: 'ListFunctionInstances',
    version: '2017-12-25',
  };

  it('adds the x-acs headers, without milliseconds in the date and without host', async () => {
    const signed = await signRequest(
      { method: 'GET', url: 'https://h.example/p' },
      { ...base, now: () => new Date('2024-05-06T07:08:09.999Z') },
    );
    expect(signed.headers['x-acs-date']).toBe('2024-05-06T07:08:09Z');
    expect(signed.headers['x-acs-content-sha256']).toBe(EMPTY_PAYLOAD_HASH);
    expect(signed.headers).not.toHaveProperty('host');
    expect(signed.host).toBe('h.example');
  });

  it('gives every call a fresh nonce', async () => {
    const a = await signRequest({ method: 'GET', url: 'https://h.example/p' }, base);
    const b = await signRequest({ method: 'GET', url: 'https://h.example/p' }, base);
    expect(a.headers['x-acs-signature-nonce']).not.toBe(b.headers['x-acs-signature-nonce']);
    expect(a.signature).not.toBe(b.signature);
  });

  it('hashes the exact body bytes, whatever their type', async () => {
    const text = '{"a":"é"}';
    const bytes = new TextEncoder().encode(text);
    const results = await Promise.all(
      [text, bytes, bytes.buffer].map((body) =>
        signRequest({ method: 'POST', url: 'https://h.example/p', body }, base),
      ),
    );
    expect(new Set(results.map((r) => r.headers['x-acs-content-sha256'])).size).toBe(1);
    // sha256 of the UTF-8 bytes of {"a":"é"}, computed independently with `printf '{"a":"\xc3\xa9"}' | sha256sum`.
    expect(results[0]!.headers['x-acs-content-sha256']).toBe(EXPECTED_BODY_HASH);
  });

  it('signs content-type when present, host with its port, and the STS token', async () => {
    const signed = await signRequest(
      { method: 'POST', url: 'http://127.0.0.1:8080/p', headers: { 'Content-Type': 'application/json' }, body: '{}' },
      { ...base, credentials: { ...base.credentials, securityToken: 'TOKEN' } },
    );
    expect(signed.signedHeaders).toEqual(expect.arrayContaining(['content-type', 'host', 'x-acs-security-token']));
    expect(signed.canonicalRequest).toContain('host:127.0.0.1:8080\n');
    expect(signed.headers['x-acs-security-token']).toBe('TOKEN');
  });

  it('rejects incomplete credentials without echoing them', async () => {
    await expect(
      signRequest(
        { method: 'GET', url: 'https://h/p' },
        { ...base, credentials: { accessKeyId: 'AK', accessKeySecret: '' } },
      ),
    ).rejects.toThrow('credentials.accessKeySecret is missing or empty');
  });
});

describe('the URLs signRequest has parsed before', () => {
  it('are reused, and a URL signed after many others is parsed again, the same', async () => {
    const options = {
      credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
      action: 'A',
      version: 'V',
      now: () => 0,
      nonce: () => 'n',
    };
    const sign = (url: string) => signRequest({ method: 'GET', url }, options);
    const first = await sign('https://h.example/a%2Ab?b=2&a=1');
    for (let i = 0; i < 100; i++) await sign(`https://h.example/p${i}?q=${i}`);
    const again = await sign('https://h.example/a%2Ab?b=2&a=1');
    expect(again.canonicalRequest).toBe(first.canonicalRequest);
    expect(first.canonicalRequest.split('\n').slice(0, 3)).toEqual(['GET', '/a%2Ab', 'a=1&b=2']);
    expect(await sign('https://h.example/p7?q=7')).toMatchObject({ host: 'h.example' });
  });
});

// Planted secrets: a secret the client knows, planted in every form redact.ts promises to remove
// (raw; JSON-escaped at depths 1 to 3, with `\/`; URL-encoded once and twice, either hex case, `+`
// for space, strict; base64 and base64url at each of the 3 alignments inside a longer text), and
// secret-looking pairs of secrets the client never saw. Each goes out through the three ways a
// server's or a library's text reaches an error: a transport failure's cause (a custom fetch that
// quotes what it was given), an error answer's message and body (a server that echoes), and a
// credentials source's failure. Each must stay out of every view of the error (message, detail,
// toJSON, body, String, util.inspect with its cause chain and stacks), and where the form is one
// the client knows, the rest of the text must survive with `[redacted]` in its place (so a check
// that withholds everything cannot pass for one that removes exactly the secret).
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createOpenSearchClient, type OpenSearchError } from '../src/index.js';
import { json } from './fakeFetch.js';
import { callOf, pagedGet } from './specShapes.js';

const list = pagedGet();
/**
 * A secret with every character the encodings treat specially (`/ + " \ space ! * ' ( )`, non-ASCII),
 * chosen so that its base64 core holds both `+` and `/` at every alignment: its base64url form differs.
 */
const SECRET = `S3cr3t/K+y"q\\uo te!*'()é>?ÿ~~`;
const credentials = { accessKeyId: 'AKID-PLANT', accessKeySecret: SECRET };

const utf8 = (text: string) => new TextEncoder().encode(text);
const base64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
/** `secret` base64-encoded after `offset` bytes of a prefix, inside a longer base64 text. */
const base64At = (offset: number, urlSafe = false) => {
  const bytes = utf8(`${'p'.repeat(offset)}${SECRET}tail-bytes`);
  const text = base64(bytes);
  return urlSafe ? text.replace(/\+/g, '-').replace(/\//g, '_') : text;
};
const jsonEscaped = (depth: number, slash = false) => {
  let text = SECRET;
  for (let i = 0; i < depth; i++) text = JSON.stringify(text).slice(1, -1);
  return slash ? text.replace(/\//g, '\\/') : text;
};
const once = encodeURIComponent(SECRET);
const strict = once.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const lower = (text: string) => text.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());

/** Each form the client must find and remove, by name. */
const KNOWN_FORMS: Record<string, string> = {
  raw: SECRET,
  'JSON-escaped': jsonEscaped(1),
  'JSON-escaped with \\/': jsonEscaped(1, true),
  'JSON-escaped twice': jsonEscaped(2),
  'JSON-escaped three times': jsonEscaped(3),
  'JSON-escaped three times with \\/': jsonEscaped(3, true),
  'URL-encoded': once,
  'URL-encoded strictly': strict,
  'URL-encoded, lower-case hex': lower(once),
  'URL-encoded strictly, lower-case hex': lower(strict),
  'URL-encoded with + for space': once.replace(/%20/g, '+'),
  'URL-encoded twice': encodeURIComponent(once),
  'base64 at alignment 0': base64At(0),
  'base64 at alignment 1': base64At(1),
  'base64 at alignment 2': base64At(2),
  'base64url at alignment 0': base64At(0, true),
  'base64url at alignment 1': base64At(1, true),
  'base64url at alignment 2': base64At(2, true),
};

/** What of the secret may never appear: the secret itself and each encoded form (base64 forms by their secret-only core). */
const TELLTALES = [
  SECRET,
  jsonEscaped(1),
  jsonEscaped(2),
  jsonEscaped(3),
  once,
  strict,
  lower(once),
  encodeURIComponent(once),
  // The part of a base64 text that depends on the secret's bytes alone, at each alignment.
  ...[0, 1, 2].flatMap((offset) => {
    const bytes = utf8(`${'p'.repeat(offset)}${SECRET}`);
    const text = base64(bytes);
    const core = text.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * bytes.length) / 6));
    return [core, core.replace(/\+/g, '-').replace(/\//g, '_')];
  }),
];

/** Every view of an error a program or a log could show. */
function viewsOf(error: unknown): string {
  const e = error as OpenSearchError;
  const parts = [String(e), e.message, e.detail ?? '', JSON.stringify(e), JSON.stringify(e.body ?? null)];
  parts.push(inspect(e, { depth: 10 }));
  for (let cause = e.cause as Error | undefined, i = 0; cause && i < 6; cause = cause.cause as Error | undefined, i++)
    parts.push(String(cause), cause.message, cause.stack ?? '', JSON.stringify(cause));
  return parts.join('\n');
}

function expectNoSecret(error: unknown): void {
  const views = viewsOf(error);
  for (const telltale of TELLTALES) expect(views, `a form of the secret: ${telltale}`).not.toContain(telltale);
}

/** The text around the secret survived, the secret (with, for base64, its encoded neighbours) became `[redacted]`. */
const kept = (before: string, after: string) =>
  new RegExp(
    `^${before.replace(/[()[\]]/g, '\\$&')}[A-Za-z0-9+/_=-]{0,4}\\[redacted\\][A-Za-z0-9+/_=-]{0,20}${after.replace(/[()]/g, '\\$&')}$`,
  );

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (e: unknown) => e,
  );

/** A client whose fetch throws an error quoting `text` (as an HTTP library's error quotes a request). */
function throwingClient(text: string) {
  const fetch = (() => {
    const error = new TypeError(`upstream said: ${text} (end)`);
    (error as TypeError & { code?: string }).code = 'E_UPSTREAM';
    throw error;
  }) as unknown as typeof globalThis.fetch;
  return createOpenSearchClient({ credentials, fetch, retry: false });
}

/** A client whose server answers 400 with `text` in its message and in a body field. */
function echoingClient(text: string) {
  const fetch = (async () =>
    json(
      { code: 'InvalidParameter', message: `you sent: ${text} (end)`, requestId: 'R-1', echo: { note: `got ${text}` } },
      { status: 400 },
    )) as unknown as typeof globalThis.fetch;
  return createOpenSearchClient({ credentials, fetch, retry: false });
}

describe('a known secret, planted in every form it may take', () => {
  for (const [form, text] of Object.entries(KNOWN_FORMS)) {
    it(`${form}: out of a transport failure's cause, the rest of the text kept`, async () => {
      const error = (await rejection(callOf(throwingClient(text), list)())) as OpenSearchError;
      expect(error.code).toBe('NetworkError');
      expectNoSecret(error);
      const cause = error.cause as Error & { code?: string };
      // A base64 form is cut at the secret's own bytes: the encoded neighbours stay around it.
      expect(cause.message).toMatch(kept('upstream said: ', ' (end)'));
      expect(cause.code).toBe('E_UPSTREAM');
      expect(error.message).toContain('upstream said: ');
    });

    it(`${form}: out of an echoing error answer's message, detail and body, the rest kept`, async () => {
      const error = (await rejection(callOf(echoingClient(text), list)())) as OpenSearchError;
      expect(error).toMatchObject({ code: 'InvalidParameter', status: 400, requestId: 'R-1' });
      expectNoSecret(error);
      expect(error.detail).toMatch(kept('you sent: ', ' (end)'));
      expect((error.body as { echo: { note: string } }).echo.note).toMatch(kept('got ', ''));
    });
  }

  it('a credentials source whose failure quotes the secret it had: out of the CredentialsError', async () => {
    let calls = 0;
    const source = async () => {
      calls += 1;
      if (calls === 1) return { ...credentials, expiration: Date.now() - 1 };
      throw new Error(`refresh failed for ${jsonEscaped(2)} and ${base64At(1)}`);
    };
    const fetch = (async () => json({}, { status: 500 })) as unknown as typeof globalThis.fetch;
    const client = createOpenSearchClient({ credentials: source, fetch, retry: false });
    await rejection(callOf(client, list)());
    const error = await rejection(callOf(client, list)());
    expect(error).toMatchObject({ code: 'CredentialsUnavailable' });
    expectNoSecret(error);
    expect(((error as Error).cause as Error).message).toMatch(kept('refresh failed for [redacted] and ', ''));
  });

  it('a secret only in the cause of the error a fetch throws: the whole cause chain is made safe', async () => {
    const fetch = (() => {
      throw new TypeError('fetch failed', { cause: new Error(`connect to proxy with ${SECRET}`) });
    }) as unknown as typeof globalThis.fetch;
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    const error = (await rejection(callOf(client, list)())) as OpenSearchError;
    expectNoSecret(error);
    expect(((error.cause as Error).cause as Error).message).toBe('connect to proxy with [redacted]');
  });

  it('a form of the secret no list holds (mixed-case hex): the message is withheld, never shown', async () => {
    const mixed = once.replace(/%[0-9A-F]{2}/g, (e, at: number) => (at % 2 ? e.toLowerCase() : e));
    const error = (await rejection(callOf(throwingClient(mixed), list)())) as OpenSearchError;
    expectNoSecret(error);
    expect(viewsOf(error)).not.toContain(mixed);
    expect((error.cause as Error).message).toBe('TypeError E_UPSTREAM (message withheld: it could hold a secret)');
  });
});

describe('secret-looking pairs of secrets the client never saw', () => {
  const UNKNOWN = 'never-seen-value-42';
  const pairs: Record<string, string> = {
    'JSON field': `{"AccessKeySecret":"${UNKNOWN}"}`,
    'JSON field, escaped inside a string': JSON.stringify(JSON.stringify({ securityToken: UNKNOWN })),
    'query string': `https://x.example/?a=1&token=${UNKNOWN}&b=2`,
    'header line': `Authorization: Bearer ${UNKNOWN}`,
    'key=value text': `password=${UNKNOWN}; retry`,
    'api key': `api_key: ${UNKNOWN}`,
    signature: `Signature=${UNKNOWN}`,
  };
  for (const [form, text] of Object.entries(pairs)) {
    it(`${form}: the value is removed, its key kept`, async () => {
      const error = (await rejection(callOf(echoingClient(text), list)())) as OpenSearchError;
      const views = viewsOf(error);
      expect(views).not.toContain(UNKNOWN);
      expect(error.detail).toContain('[redacted]');
      expect(error.detail).toMatch(/secret|token|authorization|password|api_key|signature/i);
    });
  }

  it('fields of an error body under secret-looking keys, in any case and at any depth: redacted, the rest kept', async () => {
    const body = {
      code: 'Forbidden',
      message: 'no',
      AccessKeySecret: UNKNOWN,
      nested: { SecurityToken: UNKNOWN, region: 'cn-hangzhou' },
      list: [{ password: UNKNOWN, id: 7 }, 'plain'],
      empty: { token: '', apiKey: null },
    };
    const fetch = (async () => json(body, { status: 403 })) as unknown as typeof globalThis.fetch;
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    const error = (await rejection(callOf(client, list)())) as OpenSearchError;
    expect(viewsOf(error)).not.toContain(UNKNOWN);
    expect(error.body).toEqual({
      code: 'Forbidden',
      message: 'no',
      AccessKeySecret: '[redacted]',
      nested: { SecurityToken: '[redacted]', region: 'cn-hangzhou' },
      list: [{ password: '[redacted]', id: 7 }, 'plain'],
      empty: { token: '', apiKey: null },
    });
  });

  it('an error body nested past 32 levels: the depth beyond is cut, never walked', async () => {
    let deep: unknown = { token: UNKNOWN };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const fetch = (async () =>
      json({ code: 'Deep', message: 'deep', deep }, { status: 400 })) as unknown as typeof globalThis.fetch;
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    const error = (await rejection(callOf(client, list)())) as OpenSearchError;
    expect(JSON.stringify(error.body)).not.toContain(UNKNOWN);
    expect(JSON.stringify(error.body)).toContain('[redacted]');
  });

  it('a structured value under a secret-looking key cannot be told apart: the text is withheld', async () => {
    const error = (await rejection(
      callOf(throwingClient(`{"credentials": {"id": "${UNKNOWN}"}}`), list)(),
    )) as OpenSearchError;
    expect(viewsOf(error)).not.toContain(UNKNOWN);
    expect((error.cause as Error).message).toContain('message withheld');
  });

  it('a secret-looking pair that shows only once decoded (URL-encoded, base64): withheld', async () => {
    // A value whose base64 holds `+` and `/`: its base64url form (`-`, `_`) must be decoded as base64 too.
    const odd = 'xynever-seen-??þ';
    const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify({ password: odd }))));
    const base64url = base64.replace(/\+/g, '-').replace(/\//g, '_');
    expect(base64url).not.toBe(base64);
    // `-` and `_` at its start: a decoder that drops them instead of reading them as `+` and `/` misaligns the rest.
    const led = btoa(`>?>?>?{"password":"${UNKNOWN}"}`).replace(/\+/g, '-').replace(/\//g, '_');
    expect(led.slice(0, 8)).toBe('Pj8-Pz4_');
    for (const text of [
      led,
      encodeURIComponent(`token=${UNKNOWN}`),
      btoa(`{"password":"${UNKNOWN}"}`),
      base64,
      base64url,
      base64url.replace(/=+$/, ''),
    ]) {
      const error = (await rejection(callOf(throwingClient(text), list)())) as OpenSearchError;
      expect(viewsOf(error)).not.toContain(UNKNOWN);
      expect((error.cause as Error).message).toContain('message withheld');
    }
  });
});

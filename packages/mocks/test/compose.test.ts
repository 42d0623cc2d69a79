// Handler sets compose: the package's default set (any origin) and a set built for one origin,
// in one server, in either order. Each answers its own requests; the "no operation answers this"
// reply comes once, from the set for the request's origin. msw 2 here; msw 3 in the consumer test.
import { OPERATIONS } from '@acs-opensearch/client';
import { signRequest } from '@acs-opensearch/client/signing';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers, handlers } from '../src/index.js';

const key = { accessKeyId: 'compose-ak', accessKeySecret: 'compose-sk' };
const verifying = createOpenSearchHandlers({ baseUrl: 'https://verify.example', verifySignature: key });
// A paged list two levels under the app groups, whatever the spec calls it.
const PATH_TEMPLATE = Object.values(OPERATIONS).find(
  (o) =>
    o.method === 'GET' &&
    o.pagination &&
    o.path.split('{').length === 3 &&
    o.parameters.every((p) => p.in === 'path' || !p.required),
)!.path;
const PATH = PATH_TEMPLATE.replace(/\{[^}]+\}/g, (_m) => 'x1');

async function signedGet(url: string) {
  // The action the path names, as the client would send it (read from the spec, not written here).
  const op = Object.values(OPERATIONS).find((o) => o.method === 'GET' && o.path === PATH_TEMPLATE)!;
  const signed = await signRequest(
    { method: 'GET', url },
    { credentials: key, action: op.action, version: op.version },
  );
  return fetch(url, { headers: signed.headers });
}

let server: ReturnType<typeof setupServer> | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

describe.each([
  ['the default set first', () => [...handlers, ...verifying.handlers]],
  ['the baseUrl set first', () => [...verifying.handlers, ...handlers]],
])('%s', (_order, chain) => {
  it('each set answers its own requests', async () => {
    server = setupServer(...chain());
    server.listen({ onUnhandledRequest: 'error' });
    // Any other origin: the default set answers.
    const any = await fetch(`https://any.example${PATH}`);
    expect(any.status).toBe(200);
    // The baseUrl set's origin: it answers, and checks signatures (the default set would not).
    const unsigned = await fetch(`https://verify.example${PATH}`);
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    expect((await unsigned.json()).Code).toMatch(/Signature|AccessKey/);
    expect((await signedGet(`https://verify.example${PATH}`)).status).toBe(200);
  });

  it('a path no operation has gets one 404, from the set for its origin', async () => {
    server = setupServer(...chain());
    server.listen({ onUnhandledRequest: 'error' });
    const mine = await fetch('https://verify.example/v4/openapi/app-groups/my_app/no-such-thing');
    expect(mine.status).toBe(404);
    expect((await mine.json()).Message).toContain('The handlers expect https://verify.example');
    const other = await fetch('https://any.example/v4/openapi/app-groups/my_app/no-such-thing');
    expect(other.status).toBe(404);
    expect((await other.json()).Message).toContain('The handlers expect any origin');
  });
});

describe('sets installed one after another', () => {
  it('a set for one origin used alone answers another origin with the 404 at once; later, the default set serves its origin again', async () => {
    const alone = createOpenSearchHandlers({ baseUrl: 'https://alone.example' });
    server = setupServer(...alone.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    const wrong = await fetch(`https://elsewhere.example${PATH}`);
    expect(wrong.status).toBe(404);
    expect((await wrong.json()).Message).toContain('The handlers expect https://alone.example');
    server.close();
    // The default set installed after it: it answers the alone set's origin too (that set is gone).
    server = setupServer(...handlers);
    server.listen({ onUnhandledRequest: 'error' });
    expect((await fetch(`https://alone.example${PATH}`)).status).toBe(200);
  });
});

// The request pipeline's rules, each pinned on a small document of its own (so they hold whatever
// the bundled spec contains): body cap and parsing, query decoding, decimal digits, what is
// recorded, the action check, latency, unknown app groups.
import { getResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';

const document = {
  openapi: '3.1.0',
  info: { title: 'pipeline', version: '1' },
  paths: {
    '/groups/{group}/things': {
      get: {
        operationId: 'listThings',
        'x-acs-action': 'ListThings',
        parameters: [
          { name: 'group', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'ratio', in: 'query', schema: { type: 'number' } },
          { name: 'size', in: 'query', schema: { type: 'integer', default: 5 } },
          { name: 'mode', in: 'query', schema: { type: 'string', enum: ['a', 'b'] } },
          { name: 'x-trace', in: 'header', schema: { type: 'string' } },
          { name: 'filter', in: 'query', content: { 'application/json': { schema: { type: 'object' } } } },
        ],
        responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
      post: {
        operationId: 'createThing',
        'x-acs-action': 'CreateThing',
        parameters: [{ name: 'group', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
            },
          },
        },
        responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } } },
      },
    },
    '/items/{id}': {
      put: {
        operationId: 'touchItem',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: { 204: { description: 'done' } },
      },
    },
  },
};

const base = 'https://pipeline.example';
const mocks = createOpenSearchHandlers({ document, baseUrl: base, maxBodyBytes: 64 });
afterEach(() => mocks.reset());

async function send(path: string, init: RequestInit = {}, handlers = mocks.handlers) {
  const response = (await getResponse(handlers, new Request(`${base}${path}`, init)))!;
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}
const post = (body: string, headers: Record<string, string> = {}) =>
  send('/groups/g/things', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('the body', () => {
  it('exactly maxBodyBytes is read; one byte more is 413, by length or by count', async () => {
    const exact = JSON.stringify({ name: 'x'.repeat(64 - 11) });
    expect(new TextEncoder().encode(exact).length).toBe(64);
    expect((await post(exact)).status).toBe(200);
    const over = JSON.stringify({ name: 'x'.repeat(64 - 10) });
    const refused = await post(over);
    expect(refused.status).toBe(413);
    expect(refused.body.Message).toContain('64 bytes');
  });

  it('bad JSON is one 400 naming the body as JSON, not also a schema error', async () => {
    const bad = await post('{"name":');
    expect(bad.status).toBe(400);
    expect(bad.body.Message).toBe('The parameter body is invalid: body is not valid JSON.');
  });

  it('a declared content-length over the cap is 413 before any byte is read', async () => {
    const refused = await post('{"name":"x"}', { 'content-length': '65' });
    expect(refused.status).toBe(413);
  });

  it('a body stream that fails is an error of the handler, not a 413', async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('connection reset'));
      },
    });
    const init = { method: 'POST', body: failing, duplex: 'half' } as RequestInit;
    const response = await getResponse(mocks.handlers, new Request(`${base}/groups/g/things`, init)).catch(
      (error: Error) => error,
    );
    expect(response instanceof Response ? response.status : String(response)).not.toBe(413);
    expect(response instanceof Response ? await response.text() : String(response)).toContain('connection reset');
  });

  it('an empty body of an operation that needs one is "body is required"', async () => {
    const empty = await post('');
    expect(empty.body.Message).toBe('The parameter body is invalid: body is required.');
  });

  it('a body sent to an operation that takes none is ignored', async () => {
    const touched = await send('/items/7', { method: 'PUT', body: '{"anything":1}' });
    expect(touched.status).toBe(204);
  });

  it('multi-byte characters split across chunks are decoded whole', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ name: '€€' }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const response = await send('/groups/g/things', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(200);
    expect(mocks.controller.requests.at(-1)!.body).toEqual({ name: '€€' });
  });
});

describe('the query and the path', () => {
  it.each([
    ['ratio=1.5', 200],
    ['ratio=-2', 200],
    ['ratio=12', 200],
    ['ratio=1e3', 400],
    ['ratio=x1', 400],
    ['ratio=1.', 400],
    ['ratio=.5', 400],
    ['ratio=1.5x', 400],
    ['ratio=--1', 400],
    ['size=7', 200],
    ['size=7.5', 400],
  ])('%s is %s', async (query, status) => {
    const answer = await send(`/groups/g/things?${query}`);
    expect(answer.status).toBe(status);
    if (status === 400) expect(answer.body.Message).toContain('decimal digits');
  });

  it('an integer path value is decimal digits too', async () => {
    expect((await send('/items/12', { method: 'PUT' })).status).toBe(204);
    const bad = await send('/items/0x1', { method: 'PUT' });
    expect(bad.status).toBe(400);
    expect(bad.body.Message).toContain('id must be written in decimal digits, got "0x1"');
  });

  it('a key without "=" has the empty value; a value is decoded once', async () => {
    const bare = await send('/groups/g/things?mode');
    expect(bare.status).toBe(400);
    expect(bare.body.Message).toContain('mode');
    await send('/groups/g/things?mode=%61');
    expect(mocks.controller.requests.at(-1)!.params).toMatchObject({ mode: 'a' });
  });

  it('a key without "=" is checked as the empty string', async () => {
    const bare = await send('/groups/g/things?size');
    expect(bare.body.Message).toBe('The parameter size is invalid: size must be written in decimal digits, got "".');
  });

  it('a long bad value or escape is quoted cut at 40 characters', async () => {
    const long = `1${'x'.repeat(60)}`;
    const digits = await send(`/groups/g/things?size=${long}`);
    expect(digits.body.Message).toContain(`got ${JSON.stringify(long.slice(0, 40))}.`);
    const badEscape = await send(`/groups/g/things?mode=%ZZ${'y'.repeat(60)}`);
    expect(badEscape.body.Message).toContain(`in ${JSON.stringify(`mode=%ZZ${'y'.repeat(60)}`.slice(0, 40))}.`);
  });

  it('a parameter described by content (no schema) is taken as it is', async () => {
    const answer = await send(`/groups/g/things?filter=${encodeURIComponent('{"a":1}')}`);
    expect(answer.status).toBe(200);
  });

  it('an integer path value is checked as the path holds it, not a query value of the same name', async () => {
    const bad = await send('/items/abc?id=5', { method: 'PUT' });
    expect(bad.body.Message).toContain('id must be written in decimal digits, got "abc"');
  });

  it('a bad %-escape in the query names the part', async () => {
    const bad = await send('/groups/g/things?mode=%ZZ');
    expect(bad.body.Message).toBe('The parameter query is invalid: the query has a bad %-escape in "mode=%ZZ".');
  });
});

describe('what is recorded', () => {
  it('path and query values, validated with defaults, never headers; the body as sent', async () => {
    await send('/groups/g%20h/things?ratio=2', { headers: { 'x-trace': 't' } });
    expect(mocks.controller.requests.at(-1)).toMatchObject({
      operationId: 'listThings',
      method: 'GET',
      params: { group: 'g h', ratio: 2, size: 5 },
    });
    expect(Object.keys(mocks.controller.requests.at(-1)!.params).sort()).toEqual(['group', 'ratio', 'size']);
    expect(mocks.controller.requests.at(-1)!.headers['x-trace']).toBe('t');
  });
});

describe('the action', () => {
  it('another operation’s action is 404 naming the method and path, without verifySignature', async () => {
    const wrong = await send('/groups/g/things', { headers: { 'x-acs-action': 'CreateThing' } });
    expect(wrong.status).toBe(404);
    expect(wrong.body.Message).toBe(
      'Specified api is not found: x-acs-action "CreateThing" is not ListThings, the operation of GET /groups/g/things.',
    );
    expect((await send('/groups/g/things', { headers: { 'x-acs-action': 'ListThings' } })).status).toBe(200);
  });

  it('an operation without an action takes any', async () => {
    expect((await send('/items/1', { method: 'PUT', headers: { 'x-acs-action': 'Whatever' } })).status).toBe(204);
  });
});

describe('latency and unknown app groups', () => {
  it('latencyMs delays the answer; 0 does not', async () => {
    const slow = createOpenSearchHandlers({ document, baseUrl: base, latencyMs: 80 });
    let started = performance.now();
    await send('/groups/g/things', {}, slow.handlers);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    started = performance.now();
    await send('/groups/g/things');
    expect(performance.now() - started).toBeLessThan(75);
  });

  it("onUnknownAppGroup 'warn' names the app group; a known one, or 'respond', says nothing", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { handlers } = createOpenSearchHandlers({
      baseUrl: base,
      appGroups: { shop: [] },
      onUnknownAppGroup: 'warn',
    });
    const list = (app: string) =>
      getResponse(handlers, new Request(`${base}/v4/openapi/app-groups/${app}/functions/f/instances`));
    await list('shop');
    expect(warn).not.toHaveBeenCalled();
    await list('nowhere');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('"nowhere" is not one of the handlers\' appGroups');
    const quiet = createOpenSearchHandlers({ baseUrl: base, appGroups: { shop: [] } });
    await getResponse(quiet.handlers, new Request(`${base}/v4/openapi/app-groups/nowhere/functions/f/instances`));
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });
});

// controller.requests records every request the handlers saw: each retry attempt, those an
// override answered (marked so, with the operation their path names), those no operation answers,
// each with the status and error code it got. setupOpenSearchMocks() hands out its MSW server.
import { createOpenSearchClient, OPERATIONS } from '@acs-opensearch/client';
import { createOpenSearchCore, invoke } from '@acs-opensearch/client/operations';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers, setupOpenSearchMocks } from '../src/index.js';

const BASE = 'https://log.example';
const mocks = createOpenSearchHandlers({ baseUrl: BASE });
const server = setupServer(...mocks.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mocks.reset(server));
afterAll(() => server.close());

// A GET under an app group that needs nothing but its path: whatever the spec calls it.
const read = Object.values(OPERATIONS).find(
  (o) => o.method === 'GET' && o.path.includes('{') && o.parameters.every((p) => p.in === 'path' || !p.required),
)!;
const params = Object.fromEntries(read.parameters.filter((p) => p.in === 'path').map((p) => [p.name, 'x1']));
const credentials = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const core = createOpenSearchCore({
  endpoint: BASE,
  credentials,
  retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
});
const call = () => invoke(core, read, params).catch((e: unknown) => e);

describe('controller.requests', () => {
  it('a throttled GET the client tries 3 times shows 3 entries, each answered by the override', async () => {
    server.use(mocks.mock.throttle({ retryAfterSeconds: 0 }));
    const error = await call();
    expect(error).toMatchObject({ code: 'Throttling.User' });
    const log = mocks.controller.requests;
    expect(log).toHaveLength(3);
    for (const entry of log)
      expect(entry).toMatchObject({
        operationId: read.operationId,
        status: 429,
        code: 'Throttling.User',
        overridden: true,
      });
  });

  it('a retry the handlers answer after an override is recorded too, as the handlers’ answer', async () => {
    server.use(mocks.mock.error('ServiceUnavailable', { once: true }));
    await call();
    const log = mocks.controller.requests;
    expect(log.map((e) => [e.status, e.code, e.overridden])).toEqual([
      [503, 'ServiceUnavailable', true],
      [log[1]!.status, log[1]!.code, false],
    ]);
    expect(log[1]!.params).toEqual(params);
  });

  it('a network error, an answer of respond(), and a path no operation has are recorded', async () => {
    server.use(mocks.mock.networkError({ once: true }));
    await invoke(createOpenSearchCore({ endpoint: BASE, credentials, retry: false }), read, params).catch(() => {});
    expect(mocks.controller.requests.at(-1)).toMatchObject({ status: undefined, code: undefined, overridden: true });
    server.use(
      mocks.mock.respond(read.operationId as never, 404 as never, { code: 'Gone.Away', message: 'm' } as never),
    );
    await call();
    expect(mocks.controller.requests.at(-1)).toMatchObject({ status: 404, code: 'Gone.Away', overridden: true });
    server.resetHandlers();
    await fetch(`${BASE}/v4/openapi/app-groups/x1/no-such-thing`);
    expect(mocks.controller.requests.at(-1)).toMatchObject({
      operationId: undefined,
      status: 404,
      code: 'InvalidAction.NotFound',
      overridden: false,
    });
  });

  it('a handlers’ answer carries its status and code', async () => {
    const client = createOpenSearchClient({ endpoint: BASE, credentials, retry: false });
    await client.GET(read.path as never, { params: { path: params } } as never);
    expect(mocks.controller.requests.at(-1)).toMatchObject({ operationId: read.operationId, overridden: false });
    expect(mocks.controller.requests.at(-1)!.status).toBeGreaterThanOrEqual(200);
  });
});

describe('setupOpenSearchMocks()', () => {
  it('exposes the MSW server it started, whose events reach every request', async () => {
    await new Promise<void>((resolve) => server.close() ?? resolve());
    const started = await setupOpenSearchMocks({ baseUrl: 'https://events.example' });
    try {
      const seen: string[] = [];
      started.msw.events.on('request:start', ({ request }) => {
        seen.push(new URL(request.url).host);
      });
      await fetch(`https://events.example${read.path.replace(/\{[^}]+\}/g, 'x1')}`);
      expect(seen).toEqual(['events.example']);
      expect(started.msw.listHandlers().length).toBeGreaterThan(0);
    } finally {
      await started.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });
});

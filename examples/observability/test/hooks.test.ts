// The README's recipes (src/logging.ts, src/tracing.ts) against the mock server over real HTTP:
// what they log and the spans they make, for a call that succeeds and one retried and failed.
import { readFileSync } from 'node:fs';
import { createOpenSearchClient } from '@acs-opensearch/client';
import { startMockServer } from '@acs-opensearch/mocks/node';
import { ROOT_CONTEXT, type Span, type Tracer } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggingHooks } from '../src/logging.js';
import { tracingHooks } from '../src/tracing.js';

const key = { accessKeyId: 'example-ak', accessKeySecret: 'example-secret-never-logged' };
let server: Awaited<ReturnType<typeof startMockServer>>;
beforeAll(async () => {
  server = await startMockServer({ verifySignature: key, appGroups: { shop: [] } });
});
afterAll(() => server.close());

/** A tracer that records what the recipe does with its spans. */
function recordingTracer() {
  const spans: Array<{
    name: string;
    attributes: unknown;
    parent: unknown;
    events: string[];
    status?: unknown;
    ended: boolean;
  }> = [];
  const tracer = {
    startSpan(name: string, options?: { attributes?: unknown }, parent?: unknown) {
      const record = {
        name,
        attributes: options?.attributes,
        parent,
        events: [] as string[],
        status: undefined as unknown,
        ended: false,
      };
      spans.push(record);
      const span = {
        addEvent: (event: string, attributes: Record<string, unknown>) => {
          record.events.push(
            `${event} ${attributes.attempt}${attributes['http.response.status_code'] ? ` ${attributes['http.response.status_code']}` : ''}`,
          );
          return span;
        },
        setStatus: (status: unknown) => {
          record.status = status;
          return span;
        },
        end: () => {
          record.ended = true;
        },
      };
      return span as unknown as Span;
    },
  } as unknown as Tracer;
  return { tracer, spans };
}

describe('the observability recipes', () => {
  it('log each answer and failure, without a secret', async () => {
    const lines: unknown[] = [];
    const log = { info: (o: unknown) => lines.push(['info', o]), warn: (o: unknown) => lines.push(['warn', o]) };
    const client = createOpenSearchClient({ endpoint: server.url, credentials: key, hooks: loggingHooks(log) });
    await client.listFunctionInstances({ appGroupIdentity: 'shop', functionName: 'ctr' });
    await client
      .getFunctionInstance({ appGroupIdentity: 'shop', functionName: 'ctr', instanceName: 'missing' })
      .catch(() => {});
    expect(lines).toEqual([
      ['info', expect.objectContaining({ op: 'listFunctionInstances', status: 200, attempt: 1 })],
      ['info', expect.objectContaining({ op: 'getFunctionInstance', status: 404 })],
      [
        'warn',
        {
          callId: expect.any(String),
          op: 'getFunctionInstance',
          stage: 'response',
          kind: 'client',
          code: 'Instance.NotExist',
          attempt: 1,
          retrying: false,
          delayMs: undefined,
        },
      ],
    ]);
    expect(JSON.stringify(lines)).not.toContain(key.accessKeySecret);
  });

  it('make one span per call with an event per attempt, ended with an error status on failure', async () => {
    const { tracer, spans } = recordingTracer();
    const client = createOpenSearchClient({
      endpoint: server.url,
      credentials: key,
      hooks: tracingHooks(tracer),
      retry: { baseDelayMs: 0 },
    });
    server.use(server.mock.error('ServiceUnavailable', { operationId: 'listFunctionInstances', once: true }));
    await client.listFunctionInstances({ appGroupIdentity: 'shop', functionName: 'ctr' });
    await client
      .getFunctionInstance({ appGroupIdentity: 'shop', functionName: 'ctr', instanceName: 'missing' })
      .catch(() => {});
    expect(spans).toEqual([
      expect.objectContaining({
        name: 'listFunctionInstances',
        attributes: expect.objectContaining({ 'rpc.method': 'ListFunctionInstances', 'http.request.method': 'GET' }),
        events: ['attempt 1', 'response 1 503', 'error 1', 'attempt 2', 'response 2 200'],
        ended: true,
        status: undefined,
      }),
      expect.objectContaining({
        name: 'getFunctionInstance',
        ended: true,
        status: { code: 2, message: 'Instance.NotExist' },
      }),
    ]);
  });

  it('16 concurrent identical calls make 16 spans, each holding exactly its own attempts, under its own parent', async () => {
    const { tracer, spans } = recordingTracer();
    // Every third request fails on the network, so the calls retry in an order nobody planned.
    let requests = 0;
    const flaky: typeof fetch = (input, init) => {
      requests += 1;
      return requests % 3 === 0 ? Promise.reject(new TypeError('socket hang up')) : fetch(input, init);
    };
    const client = createOpenSearchClient({
      endpoint: server.url,
      credentials: key,
      fetch: flaky,
      hooks: tracingHooks(tracer),
      retry: { baseDelayMs: 1, maxAttempts: 5 },
    });
    const parents = Array.from({ length: 16 }, (_, i) => ROOT_CONTEXT.setValue(Symbol.for('call'), i));
    await Promise.all(
      parents.map((parent) =>
        client.listFunctionInstances({ appGroupIdentity: 'shop', functionName: 'ctr' }, { context: parent }),
      ),
    );
    expect(spans).toHaveLength(16);
    expect(new Set(spans.map((s) => s.parent))).toEqual(new Set(parents));
    let attempts = 0;
    for (const span of spans) {
      // attempt 1, error 1, attempt 2, ... response n 200: its own attempts, in order, ended once.
      const n = span.events.filter((e) => e.startsWith('attempt')).length;
      const expected = Array.from({ length: n }, (_, i) =>
        i < n - 1 ? [`attempt ${i + 1}`, `error ${i + 1}`] : [`attempt ${i + 1}`, `response ${i + 1} 200`],
      ).flat();
      expect(span.events).toEqual(expected);
      expect(span.ended).toBe(true);
      attempts += n;
    }
    expect(attempts).toBe(requests);
    expect(requests).toBeGreaterThan(16);
  });

  it('are the README’s code, as written', () => {
    const readme = readFileSync(new URL('../../../packages/client/README.md', import.meta.url), 'utf8');
    for (const file of ['logging.ts', 'tracing.ts'])
      expect(readme).toContain(readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8').trim());
  });
});

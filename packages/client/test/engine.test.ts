// The retry rule per method: GET, HEAD, PUT, DELETE and OPTIONS are retried on throttling, 5xx,
// timeouts and network errors; POST and PATCH only on throttling, unless the spec marks the
// operation idempotent or the caller opts in with retry.methods.

import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/engine/createEngine.js';
import { type RetryOptions, resolveRetry } from '../src/engine/retryPolicy.js';
import { fetchTransport } from '../src/engine/transport.js';
import type { OperationMeta } from '../src/shared/operationMeta.js';
import { credentials, fakeFetch, json, type Responder } from './fakeFetch.js';

const op = (method: string, idempotent: boolean): OperationMeta => ({
  operationId: `op${method}`,
  method,
  path: '/things',
  action: 'DoThing',
  version: '2017-12-25',
  parameters: [],
  body: null,
  idempotent,
  pagination: null,
  paginator: null,
  success: null,
});

async function run(meta: OperationMeta, responders: Responder[], retry: RetryOptions = {}, timeoutMs = 10_000) {
  const { fetch, sent } = fakeFetch(...responders);
  const engine = createEngine({
    credentials: () => credentials,
    transport: fetchTransport(fetch),
    timeoutMs,
    deadlineMs: 0,
    retry: resolveRetry({ baseDelayMs: 1, maxDelayMs: 2, ...retry }),
    maxResponseBytes: 1024 * 1024,
    clock: { offsetMs: 0 },
  });
  const call = {
    op: meta,
    url: 'https://h.example/things',
    body: ['POST', 'PUT', 'PATCH'].includes(meta.method) ? '{}' : undefined,
    sign: () => ({}),
  };
  const result = await engine.send(call).catch((e: unknown) => e);
  return { result, sent };
}

const status =
  (code: number, Code = `HTTP${code}`) =>
  () =>
    json({ Code, Message: 'm' }, { status: code });
const ok = () => json({ requestId: 'r' });
const hang: Responder = (_sent, signal) =>
  new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
const reset: Responder = () => {
  throw new TypeError('fetch failed: socket hang up');
};

describe('retry rule per method', () => {
  it.each(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])('%s is retried after a 503', async (method) => {
    const { result, sent } = await run(op(method, true), [status(503), ok]);
    expect(result).toMatchObject({ status: 200 });
    expect(sent).toHaveLength(2);
  });

  it.each(['POST', 'PATCH'])('%s is not resent after a 503, a timeout or a network error', async (method) => {
    for (const [responder, name] of [
      [status(503), 'ServerError'],
      [hang, 'TimeoutError'],
      [reset, 'NetworkError'],
    ] as const) {
      const { result, sent } = await run(op(method, false), [responder, ok], {}, 50);
      expect(result).toMatchObject({ name, retryable: false });
      expect(sent).toHaveLength(1);
    }
  });

  it.each(['POST', 'PATCH'])('%s is retried when throttled: HTTP 429 or a Throttling code', async (method) => {
    const { result, sent } = await run(op(method, false), [
      status(429, 'Throttling.User'),
      status(400, 'Throttling.Api'),
      ok,
    ]);
    expect(result).toMatchObject({ status: 200 });
    expect(sent).toHaveLength(3);
  });

  it('a POST the spec marks idempotent is retried after a 503', async () => {
    const { result, sent } = await run(op('POST', true), [status(503), ok]);
    expect(result).toMatchObject({ status: 200 });
    expect(sent).toHaveLength(2);
  });

  it('a caller opts a method in with retry.methods', async () => {
    const { result, sent } = await run(op('POST', false), [status(503), reset, ok], { methods: ['post'] });
    expect(result).toMatchObject({ status: 200 });
    expect(sent).toHaveLength(3);
  });
});

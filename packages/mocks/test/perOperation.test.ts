// The per-operation functions of '@acs-opensearch/client/operations', called with the core client,
// against the handlers (MSW) and the mock server (real HTTP), signatures verified: every operation
// of the spec, whatever it holds, has the same outcome as the full client's method on a twin store.
import { createOpenSearchClient, createOpenSearchCore, OPERATIONS, type OperationMeta } from '@acs-opensearch/client';
import * as perOperation from '@acs-opensearch/client/operations';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';
import { startMockServer } from '../src/node.js';

const key = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const viaFunctions = createOpenSearchHandlers({ baseUrl: 'https://functions.example', verifySignature: key });
const viaMethods = createOpenSearchHandlers({ baseUrl: 'https://methods.example', verifySignature: key });
const server = setupServer(...viaFunctions.handlers, ...viaMethods.handlers);
beforeAll(() =>
  server.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  }),
);
afterAll(() => server.close());

type Call = (...args: unknown[]) => Promise<unknown>;
const functions = perOperation as unknown as Record<string, Call>;
const ALL = Object.values(OPERATIONS) as OperationMeta[];

/** The operation's required parameters, each the simplest value its rule takes. */
function paramsOf(op: OperationMeta): Record<string, unknown> {
  const value = (rule: OperationMeta['parameters'][number] | NonNullable<OperationMeta['body']>['fields'][string]) => {
    if (rule.default !== undefined) return rule.default;
    if (rule.enum) return rule.enum[0];
    const simple: Record<string, unknown> = { integer: 1, number: 1, boolean: false, array: [], object: {} };
    return rule.type in simple ? simple[rule.type] : 'a1';
  };
  const params: Record<string, unknown> = {};
  for (const p of op.parameters) if (p.required && p.in !== 'header') params[p.name] = value(p);
  if (op.body?.required)
    params.body = Object.fromEntries(
      Object.entries(op.body.fields)
        .filter(([, rule]) => rule.required)
        .map(([name, rule]) => [name, value(rule)]),
    );
  return params;
}

/** What an answer or a failure says, without what differs between any two calls. */
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (body) => ({ ok: JSON.parse(JSON.stringify(body ?? null).replace(/"(requestId|latency)":[^,}]*/g, '"$1":0')) }),
    (error: { status?: number; code?: string }) => ({ status: error.status, code: error.code }),
  );

describe('the per-operation functions with the core client', () => {
  it('every operation, in spec order, has the outcome of the full client method on a twin store', async () => {
    const core = createOpenSearchCore({ endpoint: 'https://functions.example', credentials: key, retry: false });
    const client = createOpenSearchClient({ endpoint: 'https://methods.example', credentials: key, retry: false });
    const methods = client as unknown as Record<string, Call>;
    let answered = 0;
    for (const op of ALL) {
      const params = paramsOf(op);
      const a = await outcome(functions[op.operationId]!(core, params));
      const b = await outcome(methods[op.operationId]!(params));
      expect(a, op.operationId).toEqual(b);
      if ('ok' in a) answered += 1;
      // A signature the mocks refuse would be a 403; every answer is a 2xx or the spec's own 4xx.
      if ('status' in a) expect(a.status, `${op.operationId}: ${a.code}`).not.toBe(403);
    }
    expect(answered).toBeGreaterThan(0);
    const seen = (m: typeof viaFunctions) =>
      m.controller.requests.map((r) => `${r.operationId} ${JSON.stringify(r.params)} ${JSON.stringify(r.body)}`);
    expect(seen(viaFunctions)).toEqual(seen(viaMethods));
    expect(seen(viaFunctions).length).toBeGreaterThan(ALL.length / 2);
  });

  it('against the mock server over HTTP, a paged list walks through its paginator function', async () => {
    const mock = await startMockServer({ verifySignature: key });
    try {
      const core = createOpenSearchCore({ endpoint: mock.url, credentials: key });
      const paged = ALL.filter((op) => op.paginator && op.method === 'GET');
      expect(paged.length).toBeGreaterThan(0);
      let walked = 0;
      for (const op of paged) {
        const params = { ...paramsOf(op), [op.pagination!.pageSize]: 1 };
        const first = await outcome(functions[op.operationId]!(core, { ...params, [op.pagination!.pageNumber]: 1 }));
        // A list under a parent the store does not hold is a 404, through either form: nothing to walk.
        if (!('ok' in first)) continue;
        const total = (first.ok as Record<string, number>)[op.pagination!.totalCount] ?? 0;
        const pages: unknown[] = [];
        for await (const page of functions[op.paginator!]!(core, params) as unknown as AsyncIterable<unknown>)
          pages.push(page);
        expect(pages.length, op.operationId).toBe(Math.max(total, 1));
        walked += 1;
      }
      expect(walked).toBeGreaterThan(0);
    } finally {
      await mock.close();
    }
  });
});

// The three ways to call an operation: the per-operation function with the core client
// ('@acs-opensearch/client/operations'), the same function with the full client, and the full
// client's method. For every operation of the spec, whatever it holds, all three send the same
// request, signed to the same bytes, and read the same answer. The core holds no operation.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CALL,
  createOpenSearchClient,
  createOpenSearchCore,
  OPERATIONS,
  type OperationMeta,
  ValidationError,
} from '../src/index.js';
import * as perOperation from '../src/perOperation.js';
import { credentials, fakeFetch, json, type Sent } from './fakeFetch.js';
import { OpenApiUtil } from './officialSigner.js';
import { paramsFor } from './specShapes.js';

const ALL = Object.values(OPERATIONS) as OperationMeta[];
type Fn = (client: unknown, params?: unknown, options?: unknown) => Promise<unknown>;
type Pages = (client: unknown, params?: unknown, options?: unknown) => AsyncIterableIterator<unknown>;
const functions = perOperation as unknown as Record<string, Fn>;
const paginators = perOperation as unknown as Record<string, Pages>;

/** A 2xx body with every field the operation's answer requires, of its type. */
function answerFor(op: OperationMeta): Record<string, unknown> {
  const sample: Record<string, unknown> = {
    string: 'x',
    integer: 1,
    number: 1.5,
    boolean: true,
    array: [],
    object: {},
  };
  const body: Record<string, unknown> = { requestId: 'req-1' };
  for (const field of op.success?.required ?? []) body[field] = sample[op.success!.types[field] ?? 'string'];
  return body;
}

const wire = (s: Sent) => ({
  method: s.method,
  url: s.url.href,
  body: s.body,
  headers: Object.fromEntries([...s.headers].sort(([a], [b]) => a.localeCompare(b))),
});

/** The Authorization the official signer computes for a request that was sent. */
function official(sent: Sent): string {
  const headers: Record<string, string> = { host: sent.url.host };
  sent.headers.forEach((value, name) => {
    if (name !== 'authorization') headers[name] = value;
  });
  return OpenApiUtil.getAuthorization(
    { pathname: sent.url.pathname, method: sent.method, query: Object.fromEntries(sent.url.searchParams), headers },
    'ACS3-HMAC-SHA256',
    headers['x-acs-content-sha256']!,
    credentials.accessKeyId,
    credentials.accessKeySecret,
  );
}

beforeEach(() => {
  // One date and one nonce for every request: the three forms must then sign identical bytes.
  vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-12-02T00:00:00Z') });
  vi.spyOn(globalThis.crypto, 'randomUUID').mockReturnValue('00000000-0000-4000-8000-000000000000');
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('every operation, three ways', () => {
  it.each(ALL.map((op) => [op.operationId, op] as const))(
    '%s: same request, same signature, same answer',
    async (_id, op) => {
      const params = paramsFor(op);
      const { fetch, sent } = fakeFetch(() => json(answerFor(op)));
      const options = { endpoint: 'https://opensearch.example', credentials, fetch, retry: false as const };
      const core = createOpenSearchCore(options);
      const client = createOpenSearchClient(options);
      const fn = functions[op.operationId]!;
      expect(typeof fn).toBe('function');
      const method = (client as unknown as Record<string, (p: unknown) => Promise<unknown>>)[op.operationId]!;
      const answers = [await fn(core, params), await fn(client, params), await method.call(client, params)];
      expect(sent).toHaveLength(3);
      expect(wire(sent[1]!)).toEqual(wire(sent[0]!));
      expect(wire(sent[2]!)).toEqual(wire(sent[0]!));
      expect(sent[0]!.headers.get('x-acs-action')).toBe(op.action);
      expect(sent[0]!.headers.get('authorization')).toBe(official(sent[0]!));
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    },
  );

  it('each paged operation pages the same way through its paginator function and the client', async () => {
    const paged = ALL.filter((op) => op.pagination && op.paginator);
    expect(paged.length).toBeGreaterThan(0);
    for (const op of paged) {
      const rule = op.pagination!;
      const body = (n: number) => ({ ...answerFor(op), [rule.totalCount]: 2, [rule.items]: [{ n }] });
      const { fetch, sent } = fakeFetch((s) => json(body(Number(s.url.searchParams.get(rule.pageNumber) ?? 1))));
      const options = { endpoint: 'https://opensearch.example', credentials, fetch, retry: false as const };
      const pages = async (it: AsyncIterableIterator<unknown>) => {
        const out = [];
        for await (const page of it) out.push(page);
        return out;
      };
      const params = { ...paramsFor(op), [rule.pageSize]: 1 };
      const viaCore = await pages(paginators[op.paginator!]!(createOpenSearchCore(options), params));
      const client = createOpenSearchClient(options) as unknown as Record<
        string,
        (p: unknown) => AsyncIterableIterator<unknown>
      >;
      const viaClient = await pages(client[op.paginator!]!(params));
      expect(viaCore).toHaveLength(2);
      expect(viaClient).toEqual(viaCore);
      expect(wire(sent[2]!)).toEqual(wire(sent[0]!));
    }
  });
});

describe('the core client', () => {
  it('holds no operation: only its configuration and the member the functions call through', () => {
    const core = createOpenSearchCore({ credentials });
    for (const op of ALL) expect(op.operationId in core).toBe(false);
    expect(typeof core[CALL]).toBe('function');
    expect(Object.keys(core).sort()).toEqual(['config', 'toJSON', 'toString']);
    expect(JSON.stringify(core)).not.toContain(credentials.accessKeySecret);
    expect(String(core)).toBe(`OpenSearchClient(${core.config.baseUrl})`);
  });

  it('refuses bad options with the same ValidationError as the full client', () => {
    const bad = { regionId: 'mars-1' } as never;
    expect(() => createOpenSearchCore(bad)).toThrow(ValidationError);
    expect(() => createOpenSearchCore(bad)).toThrow(/regionId/);
  });

  it('a function given something that is not a client rejects with a TypeError naming it, and sends nothing', async () => {
    const op = ALL[0]!;
    for (const notAClient of [undefined, null, {}, 'client', { [CALL]: 1 }])
      await expect(functions[op.operationId]!(notAClient, paramsFor(op))).rejects.toThrow(
        new TypeError(
          `${op.operationId}: the first argument must be a client from createOpenSearchCore() or createOpenSearchClient(), not ${notAClient === null ? 'null' : typeof notAClient}`,
        ),
      );
    const paged = ALL.find((o) => o.paginator)!;
    const iterator = paginators[paged.paginator!]!(undefined, paramsFor(paged));
    await expect(iterator.next()).rejects.toThrow(TypeError);
  });

  it('bad parameters are the same ValidationError through a function as through the method, and nothing is sent', async () => {
    const op = ALL.find((o) => o.parameters.some((p) => p.required && p.in !== 'header'))!;
    const { fetch, sent } = fakeFetch(() => json({}));
    const core = createOpenSearchCore({ endpoint: 'https://opensearch.example', credentials, fetch });
    const client = createOpenSearchClient({ endpoint: 'https://opensearch.example', credentials, fetch });
    const viaFn = await functions[op.operationId]!(core, {}).catch((e: unknown) => e);
    const viaMethod = await (client as unknown as Record<string, (p: unknown) => Promise<unknown>>)[op.operationId]!(
      {},
    ).catch((e: unknown) => e);
    expect(viaFn).toBeInstanceOf(ValidationError);
    expect((viaFn as Error).message).toBe((viaMethod as Error).message);
    expect(sent).toHaveLength(0);
  });
});

describe('the full client', () => {
  it('makes its methods on first use: none is an own property until it is read, and each is made once', () => {
    const client = createOpenSearchClient({ credentials }) as unknown as Record<string, unknown>;
    for (const op of ALL) {
      expect(Object.hasOwn(client, op.operationId)).toBe(false);
      expect(op.operationId in client).toBe(true);
    }
    const op = ALL[0]!;
    const method = client[op.operationId];
    expect(typeof method).toBe('function');
    expect(Object.hasOwn(client, op.operationId)).toBe(true);
    expect(client[op.operationId]).toBe(method);
    // Another client gets its own method, bound to its own engine.
    const other = createOpenSearchClient({ credentials }) as unknown as Record<string, unknown>;
    expect(other[op.operationId]).not.toBe(method);
  });

  it('a method read off the client still calls through that client', async () => {
    const op = ALL.find((o) => !o.parameters.some((p) => p.required) && !o.body?.required)!;
    const { fetch, sent } = fakeFetch(() => json(answerFor(op)));
    const client = createOpenSearchClient({ endpoint: 'https://detached.example', credentials, fetch });
    const detached = (client as unknown as Record<string, () => Promise<unknown>>)[op.operationId]!;
    await detached();
    expect(sent[0]!.url.host).toBe('detached.example');
  });
});

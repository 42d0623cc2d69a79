// The client in a production service: deadlines that say so, attempt counts that are true, hook
// events that tell concurrent calls apart (callId, context) and say where a call failed and what
// follows, per-call options on generated methods, paginators and raw calls, and a retry budget that
// keeps a storm of throttling from turning into a storm of retries.
import { describe, expect, it } from 'vitest';
import {
  type CallErrorEvent,
  type CallEvent,
  type CallHooks,
  type CallResponseEvent,
  createOpenSearchClient,
  type OpenSearchClientOptions,
  ValidationError,
} from '../src/index.js';
import { credentials, fakeFetch, json, latch, type Responder, type Sent } from './fakeFetch.js';
import { callOf, getWithRequired, okBody, pagedGet, paginatorOf, paramsFor, unsafePost } from './specShapes.js';

const list = pagedGet();
const post = unsafePost();
const hang: Responder = (_s, signal) =>
  new Promise((_r, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true }));
const ok = () => json(okBody(list, { [list.pagination!.items]: [], [list.pagination!.totalCount]: 0 }));
const throttled = () =>
  json({ Code: 'Throttling.User', Message: 'slow down' }, { status: 429, headers: { 'retry-after': '0' } });

type Event = ['attempt', CallEvent] | ['response', CallResponseEvent] | ['error', CallErrorEvent];
function observed(responders: Responder[], options: Partial<OpenSearchClientOptions> = {}) {
  const events: Event[] = [];
  const hooks: CallHooks = {
    onAttempt: (e) => events.push(['attempt', e]),
    onResponse: (e) => events.push(['response', e]),
    onError: (e) => events.push(['error', e]),
  };
  const { fetch, sent } = fakeFetch(...responders);
  const client = createOpenSearchClient({ credentials, fetch, hooks, retry: { baseDelayMs: 0 }, ...options });
  return { client, events, sent };
}
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (e: unknown) => e,
  );

describe('deadlines say what happened', () => {
  it('a hanging server under deadlineMs: DeadlineExceeded, not retryable, the attempt timeout its cause', async () => {
    const { client, events } = observed([hang], { deadlineMs: 150, timeoutMs: 10_000 });
    const error = await rejection(callOf(client, list)());
    expect(error).toMatchObject({ name: 'TimeoutError', code: 'DeadlineExceeded', retryable: false });
    expect((error as Error).message).toMatch(/did not complete within deadlineMs \(150 ms\) after 1 attempt$/);
    expect((error as Error).cause).toMatchObject({ code: 'Timeout' });
    expect(events.at(-1)).toEqual([
      'error',
      expect.objectContaining({ stage: 'deadline', retrying: false, notRetried: 'deadline' }),
    ]);
  });

  it("an attempt's own timeout stays Timeout, and is retried", async () => {
    const { client, sent } = observed([hang, ok], { timeoutMs: 30, deadlineMs: 10_000 });
    await callOf(client, list)();
    expect(sent).toHaveLength(2);
    const { client: once } = observed([hang], { timeoutMs: 30, retry: false });
    expect(await rejection(callOf(once, list)())).toMatchObject({ code: 'Timeout', retryable: true });
  });

  it('a throttled answer whose Retry-After crosses the deadline: DeadlineExceeded at once, the answer its cause', async () => {
    const slow = () => json({ Code: 'Throttling.User' }, { status: 429, headers: { 'retry-after': '30' } });
    const { client, sent } = observed([slow], { deadlineMs: 2000 });
    const started = Date.now();
    const error = await rejection(callOf(client, list)());
    expect(error).toMatchObject({ code: 'DeadlineExceeded', retryable: false });
    expect((error as Error).cause).toMatchObject({ name: 'ThrottlingError', retryable: true });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sent).toHaveLength(1);
  });

  it('messages count the attempts a call can really make: a POST that is never repeated is "attempt 1 of 1"', async () => {
    const down: Responder = () => Promise.reject(new TypeError('socket hang up'));
    const { client } = observed([down], { retry: { maxAttempts: 3, baseDelayMs: 0 } });
    const error = await rejection(callOf(client, post)());
    expect((error as Error).message).toMatch(/\(attempt 1 of 1\): socket hang up$/);
    const get = await rejection(callOf(client, list)());
    expect((get as Error).message).toMatch(/\(attempt 3 of 3\): socket hang up$/);
  });
});

describe('hooks for production', () => {
  it('every event carries a callId shared by the attempts of one call and unique across calls, and the call’s context', async () => {
    const busy = () => json({ code: 'ServiceUnavailable' }, { status: 503 });
    const { client, events } = observed([busy, ok, ok]);
    const span = { traceId: 't-1' };
    await callOf(client, list)(undefined, { context: span });
    await callOf(client, list)();
    const ids = events.map(([, e]) => e.callId);
    expect(new Set(ids.slice(0, 4)).size).toBe(1); // attempt, 503, error, attempt 2, 200 of the first call
    expect(ids.at(-1)).not.toBe(ids[0]);
    expect(events.slice(0, 5).every(([, e]) => e.context === span)).toBe(true);
    expect(events.at(-1)![1].context).toBeUndefined();
  });

  it('a retry event carries the planned delay and the budget left; the last says why no retry follows', async () => {
    const busy = () => json({ code: 'ServiceUnavailable' }, { status: 503, headers: { 'retry-after': '0.02' } });
    const { client, events } = observed([busy], { retry: { maxAttempts: 2 } });
    await rejection(callOf(client, list)());
    const errors = events.filter(([type]) => type === 'error').map(([, e]) => e as CallErrorEvent);
    expect(errors[0]).toMatchObject({
      stage: 'response',
      retrying: true,
      delayMs: 20,
      retryTokens: 495,
      notRetried: undefined,
    });
    expect(errors[1]).toMatchObject({ retrying: false, delayMs: undefined, notRetried: 'max-attempts' });
  });

  it('onError fires for a call refused by validation (stage validation, attempt 0) and for a credentials failure', async () => {
    const op = getWithRequired();
    const { client, events, sent } = observed([ok]);
    const bad = { ...paramsFor(op) };
    delete bad[op.parameters.find((p) => p.required)!.name];
    const error = await rejection(callOf(client, op)(bad, { context: 'ctx' }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(events).toEqual([
      [
        'error',
        expect.objectContaining({
          stage: 'validation',
          attempt: 0,
          kind: 'validation',
          context: 'ctx',
          retrying: false,
          error,
        }),
      ],
    ]);
    await rejection(callOf(client, list)(undefined, { timeoutMs: -1 }));
    expect(events.at(-1)).toEqual([
      'error',
      expect.objectContaining({ stage: 'validation', code: 'InvalidParameter' }),
    ]);
    const failing = observed([ok], { credentials: () => Promise.reject(new Error('metadata down')) });
    await rejection(callOf(failing.client, list)());
    expect(failing.events.map(([type, e]) => [type, (e as CallErrorEvent).stage])).toEqual([
      ['error', 'credentials'],
      ['error', 'credentials'],
      ['error', 'credentials'],
    ]);
    expect(sent).toHaveLength(0);
  });
});

describe('per-call options', () => {
  const seen = (sent: Sent[]) => sent.map((s) => s.headers.get('x-team'));

  it('on a generated method: timeoutMs, deadlineMs, retry, headers, signal, context override the client’s for that call only', async () => {
    const started = latch();
    const hangAndTell: Responder = (s, signal) => {
      started.fire();
      return hang(s, signal);
    };
    const { client, sent, events } = observed([hang, hang, hangAndTell, ok], { timeoutMs: 10_000, deadlineMs: 0 });
    const error = await rejection(
      callOf(client, list)(undefined, { timeoutMs: 20, retry: false, headers: { 'x-team': 'a' } }),
    );
    expect(error).toMatchObject({ code: 'Timeout' });
    expect(sent).toHaveLength(1);
    const deadline = await rejection(callOf(client, list)(undefined, { deadlineMs: 40, context: 7 }));
    expect(deadline).toMatchObject({ code: 'DeadlineExceeded' });
    expect(events.at(-1)![1].context).toBe(7);
    const controller = new AbortController();
    const pending = rejection(callOf(client, list)(undefined, { signal: controller.signal }));
    await started.happened; // the fetch has started: the abort reaches it
    controller.abort(new Error('caller left'));
    expect(await pending).toMatchObject({ message: 'caller left' });
    expect(seen(sent)).toEqual(['a', null, null]);
  });

  it('headers are sent (an x-acs-* one signed), but never one the client signs itself', async () => {
    const { client, sent } = observed([ok]);
    await callOf(client, list)(undefined, { headers: { 'X-Team': 'a', 'x-acs-trace': 't1' } });
    expect(sent[0]!.headers.get('x-team')).toBe('a');
    expect(sent[0]!.headers.get('authorization')).toMatch(/SignedHeaders=[^,]*x-acs-trace/);
    for (const name of ['authorization', 'Host', 'x-acs-date', 'x-acs-security-token', 'content-type']) {
      const error = await rejection(callOf(client, list)(undefined, { headers: { [name]: 'x' } }));
      expect(error).toMatchObject({ name: 'ValidationError', parameter: `headers[${JSON.stringify(name)}]` });
    }
    expect(sent).toHaveLength(1);
  });

  it.each([
    [{ timeoutMs: -1 }, 'timeoutMs', 'timeoutMs must be a number from 0 to 2147483647'],
    [{ deadlineMs: 'soon' }, 'deadlineMs', 'deadlineMs must be a number from 0 to 2147483647'],
    [{ retry: { maxAttempts: 0 } }, 'retry.maxAttempts', 'retry.maxAttempts must be an integer from 1 to 100'],
    [{ retry: 3 }, 'retry', 'retry must be an object of retry options, or false'],
    [{ signal: 'stop' }, 'signal', 'signal must be an AbortSignal'],
    [{ headers: { 'x-a': 'b\r\nc' } }, 'headers["x-a"]', expect.stringContaining('must be a string without CR, LF')],
    [{ timeout: 5 }, 'callOptions.timeout', expect.stringContaining('call options have no "timeout"')],
    [5, 'callOptions', expect.stringContaining('call options must be')],
  ])(
    'a bad call option %j is a ValidationError naming it, and nothing is sent',
    async (options, parameter, message) => {
      const { client, sent } = observed([ok]);
      expect(await rejection(callOf(client, list)(undefined, options))).toMatchObject({ parameter, message });
      expect(sent).toHaveLength(0);
    },
  );

  it('on a paginator: every page is sent with the call’s options', async () => {
    const { pageNumber, items, totalCount } = list.pagination!;
    const pageOf = (n: number) => () => json(okBody(list, { [items]: [{ n }], [totalCount]: 2 }));
    const { client, sent, events } = observed([pageOf(1), pageOf(2)]);
    const pages: unknown[] = [];
    for await (const page of paginatorOf(client, list)(
      { ...paramsFor(list), [list.pagination!.pageSize]: 1 },
      { headers: { 'x-team': 'p' }, context: 'paging' },
    ))
      pages.push(page);
    expect(pages).toHaveLength(2);
    expect(sent.map((s) => [s.url.searchParams.get(pageNumber), s.headers.get('x-team')])).toEqual([
      ['1', 'p'],
      ['2', 'p'],
    ]);
    expect(events.every(([, e]) => e.context === 'paging')).toBe(true);
    const { client: strict, sent: none } = observed([ok]);
    await expect(
      paginatorOf(strict, list)(paramsFor(list), { timeoutMs: -5 })[Symbol.asyncIterator]().next(),
    ).rejects.toMatchObject({
      parameter: 'timeoutMs',
    });
    expect(none).toHaveLength(0);
  });

  it('on a raw call: timeoutMs, retry, deadlineMs and context beside openapi-fetch’s own init', async () => {
    const { client, sent, events } = observed([hang, hang, ok], { timeoutMs: 10_000 });
    const raw = client as unknown as { GET: (path: string, init: Record<string, unknown>) => Promise<unknown> };
    const path = splitParams(paramsFor(list));
    await expect(
      raw.GET(list.path, { params: path, timeoutMs: 20, retry: false, context: 'raw' }),
    ).rejects.toMatchObject({ code: 'Timeout' });
    expect(sent).toHaveLength(1);
    expect(events.every(([, e]) => e.context === 'raw')).toBe(true);
    await expect(raw.GET(list.path, { params: path, deadlineMs: 30 })).rejects.toMatchObject({
      code: 'DeadlineExceeded',
    });
    await expect(raw.GET(list.path, { params: path, retry: { maxAttempts: 0 } })).rejects.toMatchObject({
      parameter: 'retry.maxAttempts',
    });
    expect(events.at(-1)).toEqual(['error', expect.objectContaining({ stage: 'validation' })]);
  });
});

describe('the retry budget', () => {
  it('under a storm of throttled answers, the attempts stay within calls + capacity / retryCost', async () => {
    const budget = { capacity: 50, retryCost: 5 };
    const { client, sent, events } = observed([throttled], {
      retryBudget: budget,
      retry: { maxAttempts: 3, baseDelayMs: 0 },
    });
    const calls = 200;
    const results = await Promise.allSettled(Array.from({ length: calls }, () => callOf(client, list)()));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(sent.length).toBeLessThanOrEqual(calls + budget.capacity / budget.retryCost);
    expect(sent.length).toBe(calls + 10);
    const denied = events.filter(([type, e]) => type === 'error' && (e as CallErrorEvent).notRetried === 'budget');
    expect(denied.length).toBeGreaterThan(0);
    expect((denied[0]![1] as CallErrorEvent).retryTokens).toBe(0);
  });

  it('without a budget the same storm makes every retry; successes refill the bucket', async () => {
    const { client, sent } = observed([throttled], { retryBudget: false, retry: { maxAttempts: 3, baseDelayMs: 0 } });
    await Promise.allSettled(Array.from({ length: 20 }, () => callOf(client, list)()));
    expect(sent).toHaveLength(60);
    let fail = true;
    const flaky: Responder = () => (fail ? throttled() : ok());
    const { client: refilled, events } = observed([flaky], { retryBudget: { capacity: 10, retryCost: 5 } });
    await Promise.allSettled([callOf(refilled, list)(), callOf(refilled, list)(), callOf(refilled, list)()]);
    fail = false;
    await callOf(refilled, list)();
    await callOf(refilled, list)();
    fail = true;
    await callOf(refilled, list)().catch(() => {});
    // 2 successes at once add 1 token each: 2 tokens, less than one retry's cost.
    expect(events.at(-1)).toEqual(['error', expect.objectContaining({ notRetried: 'budget', retryTokens: 2 })]);
  });

  it.each([
    [{ retryBudget: { capacity: -1 } }, 'retryBudget.capacity'],
    [{ retryBudget: 'big' }, 'retryBudget'],
  ])('a bad retryBudget %j is refused at creation', (options, parameter) => {
    expect(() => createOpenSearchClient({ credentials, ...(options as object) })).toThrow(
      expect.objectContaining({ parameter }),
    );
  });
});

function splitParams(flat: Record<string, unknown>) {
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  for (const p of list.parameters) if (p.name in flat) (p.in === 'path' ? path : query)[p.name] = flat[p.name];
  return { path, query };
}

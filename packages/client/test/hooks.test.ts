// The hooks: onAttempt, onResponse and onError on every attempt of every call, generated and raw,
// with whether a retry follows; never a credential, token or signature in any event.
import { describe, expect, it } from 'vitest';
import { type CallHooks, createOpenSearchClient, type OpenSearchClientOptions } from '../src/index.js';
import { fakeFetch, page, params, type Responder, sts } from './fakeFetch.js';

const LIST = '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances';

function recorded(responders: Responder[], options: Partial<OpenSearchClientOptions> = {}) {
  const events: Array<[string, Record<string, unknown>]> = [];
  const hooks: CallHooks = {
    onAttempt: (e) => events.push(['attempt', { ...e }]),
    onResponse: (e) => events.push(['response', { ...e }]),
    onError: (e) => events.push(['error', { ...e }]),
  };
  const { fetch, sent } = fakeFetch(...responders);
  const client = createOpenSearchClient({ credentials: sts, fetch, hooks, retry: { baseDelayMs: 0 }, ...options });
  return { client, events, sent };
}
const summary = (events: Array<[string, Record<string, unknown>]>) =>
  events.map(([type, e]) => [type, e.attempt, e.status ?? e.kind, e.retrying].filter((v) => v !== undefined).join(' '));

/** Every event, serialized as a logger would, holds no secret. */
function expectNoSecrets(events: Array<[string, Record<string, unknown>]>) {
  const text = JSON.stringify(events);
  for (const secret of [sts.accessKeySecret, sts.securityToken, 'Signature=', 'authorization'])
    expect(text).not.toContain(secret);
}

describe('hooks', () => {
  it('a retried call: each attempt, each answer, the failure, and whether a retry follows', async () => {
    const busy = () =>
      new Response('{"code":"ServiceUnavailable"}', { status: 503, headers: { 'x-acs-request-id': 'r1' } });
    const { client, events } = recorded([busy, () => page(['a'], 1)]);
    await client.listFunctionInstances(params);
    expect(summary(events)).toEqual([
      'attempt 1',
      'response 1 503 true',
      'error 1 503 true',
      'attempt 2',
      'response 2 200 false',
    ]);
    expect(events[0]![1]).toMatchObject({
      operationId: 'listFunctionInstances',
      action: 'ListFunctionInstances',
      method: 'GET',
      url: expect.stringContaining('/v4/openapi/app-groups/my_app/functions/ctr/instances'),
    });
    expect(events[1]![1]).toMatchObject({ requestId: 'r1', durationMs: expect.any(Number) });
    expect(events[2]![1]).toMatchObject({ kind: 'server', code: 'ServiceUnavailable', status: 503, requestId: 'r1' });
    expectNoSecrets(events);
  });

  it('a thrown error: the last failure says no retry follows', async () => {
    const down: Responder = () => Promise.reject(new TypeError('connect ECONNREFUSED'));
    const { client, events } = recorded([down], { retry: { maxAttempts: 2, baseDelayMs: 0 } });
    await expect(client.listFunctionInstances(params)).rejects.toMatchObject({ kind: 'network' });
    expect(summary(events)).toEqual(['attempt 1', 'error 1 network true', 'attempt 2', 'error 2 network false']);
    expect(events.at(-1)![1]).toMatchObject({ code: 'NetworkError', status: undefined, error: expect.any(Error) });
    expectNoSecrets(events);
  });

  it('a raw call is observed the same way', async () => {
    const { client, events } = recorded([() => page(['a'], 1)]);
    const { data } = await client.GET(LIST, { params: { path: params } });
    expect(data?.result).toHaveLength(1);
    expect(summary(events)).toEqual(['attempt 1', 'response 1 200 false']);
    expect(events[0]![1]).toMatchObject({ operationId: 'listFunctionInstances', action: 'ListFunctionInstances' });
  });

  it('a 2xx body the client cannot use, a credentials failure and a clock-skew retry are observed', async () => {
    const malformed = recorded([() => new Response('<html>', { status: 200 })]);
    await expect(malformed.client.listFunctionInstances(params)).rejects.toMatchObject({ code: 'MalformedResponse' });
    expect(summary(malformed.events)).toEqual(['attempt 1', 'response 1 200 false', 'error 1 200 false']);
    const noKeys = recorded([() => page([], 0)], {
      credentials: async () => Promise.reject(new Error('down')),
      retry: false,
    });
    await expect(noKeys.client.listFunctionInstances(params)).rejects.toMatchObject({ kind: 'credentials' });
    expect(summary(noKeys.events)).toEqual(['error 1 credentials false']);
    const skewed = () =>
      new Response('{"code":"InvalidTimeStamp.Expired"}', {
        status: 400,
        headers: { date: new Date(Date.now() + 3600_000).toUTCString() },
      });
    const skew = recorded([skewed, () => page([], 0)], { retry: false });
    await skew.client.listFunctionInstances(params);
    expect(summary(skew.events)).toEqual([
      'attempt 1',
      'response 1 400 true',
      'error 1 400 true',
      'attempt 2',
      'response 2 200 false',
    ]);
  });

  it('a hook that throws changes nothing; unset hooks are not called at all', async () => {
    const { fetch } = fakeFetch(() => page(['a'], 1));
    const thrower = () => {
      throw new Error('logger broke');
    };
    const client = createOpenSearchClient({
      credentials: sts,
      fetch,
      hooks: { onAttempt: thrower, onResponse: thrower },
    });
    expect((await client.listFunctionInstances(params)).result).toHaveLength(1);
    expect(client.config.hooks).toEqual(['onAttempt', 'onResponse']);
    expect(createOpenSearchClient({ credentials: sts, hooks: {} }).config.hooks).toEqual([]);
    expect(() => createOpenSearchClient({ credentials: sts, hooks: { onError: 5 as never } })).toThrow(
      'hooks.onError must be a function',
    );
    expect(() => createOpenSearchClient({ credentials: sts, hooks: 'x' as never })).toThrow('hooks must be');
  });
});

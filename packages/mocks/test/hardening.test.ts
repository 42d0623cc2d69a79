// Bad input and isolation: decoding once, strict integers, an impossible x-acs-date, a body cap,
// bounded records, deep copies in and out, request ids that do not depend on the origin, and
// misconfiguration that fails loudly.
import { createOpenSearchClient } from '@acs-opensearch/client';
import { signRequest } from '@acs-opensearch/client/signing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createOpenSearchHandlers, makeFunctionInstance } from '../src/index.js';

const key = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const plain = createOpenSearchHandlers({
  baseUrl: 'https://plain.example',
  appGroups: { shop: [] },
  maxRecordedRequests: 3,
});
const signed = createOpenSearchHandlers({ baseUrl: 'https://signed.example', verifySignature: key });
const server = setupServer(...plain.handlers, ...signed.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  plain.controller.reset();
  signed.controller.reset();
});
afterAll(() => server.close());

const LIST = '/v4/openapi/app-groups/shop/functions/ctr/instances';

describe('request parsing', () => {
  it('decodes path parameters once: a%2541 is the function "a%41", not "aA"', async () => {
    plain.controller.add(
      'shop',
      makeFunctionInstance({ functionName: 'a%41', instanceName: 'literal', source: 'user' }),
    );
    const page = await (
      await fetch('https://plain.example/v4/openapi/app-groups/shop/functions/a%2541/instances')
    ).json();
    expect(page.result.map((i: { instanceName: string }) => i.instanceName)).toEqual(['literal']);
    const last = plain.controller.requests.at(-1)!;
    expect(last.operationId === 'listFunctionInstances' && last.params.functionName).toBe('a%41');
  });

  it.each(['0x10', '1e1', '%205', '5.0', '-0x1', '', '١٠'])(
    'integers are decimal digits only: pageSize=%s is 400',
    async (value) => {
      const response = await fetch(`https://plain.example${LIST}?pageSize=${value}`);
      expect(response.status).toBe(400);
      expect((await response.json()).Code).toBe('InvalidParameter');
    },
  );

  it('decodes the query as the gateway does: + is a plus, a bad %-escape is 400', async () => {
    plain.controller.add(
      'shop',
      makeFunctionInstance({ functionName: 'ctr', instanceName: 'p', modelType: 'a+b', source: 'user' }),
    );
    const plus = await (await fetch(`https://plain.example${LIST}?modelType=a+b`)).json();
    expect(plus.result.map((i: { instanceName: string }) => i.instanceName)).toEqual(['p']);
    const bad = await fetch(`https://plain.example${LIST}?modelType=%E0%A4%A`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).Message).toContain('bad %-escape');
  });

  it('records only the operation’s parameters (no stray "0" origin key), and keeps the last maxRecordedRequests', async () => {
    for (let n = 1; n <= 5; n++) await fetch(`https://plain.example${LIST}?pageNumber=${n}`);
    expect(
      plain.controller.requests.map((r) =>
        r.operationId === 'listFunctionInstances' ? r.params.pageNumber : undefined,
      ),
    ).toEqual([3, 4, 5]);
    expect(Object.keys(plain.controller.requests[0]!.params)).not.toContain('0');
  });

  it('a body over maxBodyBytes is 413 before it is buffered', async () => {
    const capped = createOpenSearchHandlers({
      baseUrl: 'https://capped.example',
      maxBodyBytes: 1024,
    });
    server.use(...capped.handlers);
    const big = await fetch(`https://capped.example${LIST}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instanceName: 'x'.repeat(4096), modelType: 'm' }),
    });
    expect(big.status).toBe(413);
    expect((await big.json()).Code).toBe('RequestEntityTooLarge');
    const small = await fetch(`https://capped.example${LIST}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instanceName: 'ok', modelType: 'm' }),
    });
    expect(small.status).toBe(200);
    server.resetHandlers();
  });
});

describe('signatures', () => {
  async function signedWithDate(date: string) {
    const url = `https://signed.example${LIST}`;
    const s = await signRequest(
      { method: 'GET', url, headers: { 'x-acs-date': date } },
      { credentials: key, action: 'ListFunctionInstances', version: '2017-12-25' },
    );
    return fetch(url, { headers: { ...s.headers, 'x-acs-date': date } });
  }

  it.each(['2024-99-99T99:99:99Z', '2024-02-30T00:00:00Z', '2024-01-01T24:00:00Z'])(
    'an impossible x-acs-date (%s) gets 400 InvalidTimeStamp.Format',
    async (date) => {
      const response = await signedWithDate(date);
      expect(response.status).toBe(400);
      expect((await response.json()).Code).toBe('InvalidTimeStamp.Format');
    },
  );

  it('an expired x-acs-date gets 400 InvalidTimeStamp.Expired with a Date header', async () => {
    const response = await signedWithDate('2020-01-01T00:00:00Z');
    expect(response.status).toBe(400);
    expect(response.headers.get('date')).toBeTruthy();
  });
});

describe('isolation', () => {
  it('instances() hands out copies, and add() keeps its own copy', async () => {
    const mine = makeFunctionInstance({ functionName: 'ctr', instanceName: 'mine' });
    plain.controller.add('shop', mine);
    mine.instanceName = 'changed-after-add';
    const listed = plain.controller.instances('shop', 'ctr');
    expect(listed.map((i) => i.instanceName)).toEqual(['mine']);
    listed[0]!.instanceName = 'changed-after-read';
    expect(plain.controller.instances('shop', 'ctr').map((i) => i.instanceName)).toEqual(['mine']);
  });

  it('the spec’s example objects are never shared: a mutation does not survive reset() or reach a new handler set', async () => {
    const a = createOpenSearchHandlers();
    const first = a.controller.instances('any', 'ctr', { source: 'all' })[0]!;
    first.instanceName = 'mutated';
    a.controller.reset();
    expect(a.controller.instances('any', 'ctr', { source: 'all' })[0]!.instanceName).toBe('instance_1');
    expect(createOpenSearchHandlers().controller.instances('any', 'ctr', { source: 'all' })[0]!.instanceName).toBe(
      'instance_1',
    );
  });
});

describe('misconfiguration fails loudly', () => {
  it.each(['opensearch.cn-hangzhou.aliyuncs.com', 'ftp://x.example', 'https://x.example?q=1', 'not a url'])(
    'baseUrl %j throws at creation',
    (baseUrl) => {
      expect(() => createOpenSearchHandlers({ baseUrl })).toThrow(/baseUrl must be an absolute http\(s\) URL/);
    },
  );

  it.each([[{ casing: 'snake' }], [{ seed: -1 }], [{ maxRecordedRequests: 1.5 }], [{ onUnknownAppGroup: 'ignore' }]])(
    'bad option %j throws',
    (options) => {
      expect(() => createOpenSearchHandlers(options as never)).toThrow(TypeError);
    },
  );

  it('onUnknownAppGroup: warn logs, throw fails the request', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const warning = createOpenSearchHandlers({
      baseUrl: 'https://warn.example',
      appGroups: { shop: [] },
      onUnknownAppGroup: 'warn',
    });
    const strict = createOpenSearchHandlers({
      baseUrl: 'https://strict.example',
      appGroups: { shop: [] },
      onUnknownAppGroup: 'throw',
    });
    server.use(...warning.handlers, ...strict.handlers);
    expect((await fetch('https://warn.example/v4/openapi/app-groups/shpo/functions/ctr/instances')).status).toBe(404);
    expect(warn.mock.calls[0]![0]).toContain('"shpo" is not one of the handlers\' appGroups');
    expect((await fetch('https://strict.example/v4/openapi/app-groups/shpo/functions/ctr/instances')).status).toBe(500);
    warn.mockRestore();
    server.resetHandlers();
  });

  it('a request for another origin gets 404 InvalidAction.NotFound naming the baseUrl the handlers expected, and is not retried', async () => {
    const expecting = createOpenSearchHandlers({ baseUrl: 'https://opensearch.cn-shanghai.aliyuncs.com' });
    const other = setupServer(...expecting.handlers);
    server.close();
    other.listen({ onUnhandledRequest: expecting.onUnhandledRequest });
    try {
      let sent = 0;
      const counting: typeof fetch = (input, init) => {
        sent += 1;
        return fetch(input, init);
      };
      // Retries on: a wrong endpoint must still fail at once, not after three tries.
      const client = createOpenSearchClient({ regionId: 'cn-hangzhou', credentials: key, fetch: counting });
      const error = await client.listFunctionInstances({ appGroupIdentity: 'a', functionName: 'b' }).catch((e) => e);
      // The handlers' fallback answers the gateway's 404 InvalidAction.NotFound, naming what they expected.
      expect(error).toMatchObject({
        name: 'ClientError',
        status: 404,
        code: 'InvalidAction.NotFound',
        retryable: false,
      });
      expect(error.message).toContain(
        ': [acs-opensearch mocks] The handlers expect https://opensearch.cn-shanghai.aliyuncs.com:',
      );
      expect(error.message).toContain('matched no handler');
      expect(sent).toBe(1);
    } finally {
      other.close();
      server.listen({ onUnhandledRequest: 'error' });
    }
  });
});

import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOpenSearchClient, createSigningMiddleware } from '../src/index.js';
import { fakeFetch, json, params, sts } from './fakeFetch.js';

const SECRETS = [sts.accessKeySecret, sts.securityToken];
const expectNoSecret = (text: string) => {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
};

describe('secrets never leak', () => {
  afterEach(() => vi.restoreAllMocks());

  it('not in JSON.stringify or util.inspect of the client or its config', () => {
    const client = createOpenSearchClient({ credentials: sts });
    expectNoSecret(JSON.stringify(client));
    expectNoSecret(inspect(client, { depth: 10, showHidden: true }));
    expectNoSecret(JSON.stringify(client.config));
    expectNoSecret(inspect(client.config, { depth: 10 }));
    expectNoSecret(String(client));
    expectNoSecret(inspect(createSigningMiddleware({ credentials: sts }), { depth: 10, showHidden: true }));
  });

  it('not in thrown errors: messages, JSON, inspect, causes', async () => {
    const failures = [
      () => json({ Code: 'SignatureDoesNotMatch', Message: 'no' }, { status: 400 }),
      () => new Response('<html>oops</html>', { status: 502 }),
      () => {
        throw new TypeError('socket hang up');
      },
    ];
    for (const failure of failures) {
      const { fetch } = fakeFetch(failure);
      const error = await createOpenSearchClient({ credentials: sts, fetch, retry: false })
        .listFunctionInstances(params)
        .catch((e: unknown) => e);
      expectNoSecret(String(error));
      expectNoSecret(JSON.stringify(error));
      expectNoSecret(inspect(error, { depth: 10, showHidden: true }));
    }
  });

  it('not in credential errors', async () => {
    expect(() =>
      createOpenSearchClient({ credentials: { accessKeyId: '', accessKeySecret: sts.accessKeySecret } }),
    ).toThrow(/accessKeyId/);
    const error = (() => {
      try {
        createOpenSearchClient({ credentials: { accessKeyId: '', accessKeySecret: sts.accessKeySecret } });
      } catch (e) {
        return e;
      }
    })();
    expectNoSecret(inspect(error, { depth: 10, showHidden: true }));
  });

  it('nothing is logged', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    const { fetch } = fakeFetch(
      () => json({ Code: 'InternalError' }, { status: 500 }),
      () => json({ requestId: 'r', totalCount: 0, result: [] }),
    );
    await createOpenSearchClient({ credentials: sts, fetch, retry: { baseDelayMs: 1 } }).listFunctionInstances(params);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

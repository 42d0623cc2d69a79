// Every operation with behaviour: with the function-instance family in the spec, the handlers get, create and delete in the same store
// the list reads, answer 404 in the API's shape, apply the casing and the request ids to every
// operation, and check each request's signed action and version against its operation.
import { signRequest } from '@acs-opensearch/client/signing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers, createOperationValidators, listOperations, openApiDocument } from '../src/index.js';

const document = openApiDocument;
const key = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const open = createOpenSearchHandlers({ document, baseUrl: 'https://open.example' });
const shop = createOpenSearchHandlers({ document, baseUrl: 'https://shop.example', appGroups: { shop: [] } });
const pascal = createOpenSearchHandlers({ document, baseUrl: 'https://pascal.example', casing: 'pascal' });
const signed = createOpenSearchHandlers({ document, baseUrl: 'https://signed.example', verifySignature: key });
const server = setupServer(...open.handlers, ...shop.handlers, ...pascal.handlers, ...signed.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  for (const m of [open, shop, pascal, signed]) m.controller.reset();
});
afterAll(() => server.close());

const validators = new Map(
  listOperations(document).map((op) => [op.operationId, createOperationValidators(document).forOperation(op)]),
);
const ITEMS = '/v4/openapi/app-groups/shop/functions/ctr/instances';
const json = { 'content-type': 'application/json' };

async function call(origin: string, method: string, path: string, body?: unknown, operationId?: string) {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: json,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = await response.json();
  if (operationId)
    expect(validators.get(operationId)!.validateResponse(response.status, data), JSON.stringify(data)).toEqual([]);
  return { status: response.status, data, requestId: response.headers.get('x-acs-request-id') };
}

describe('resource behaviours inferred from the spec', () => {
  it('get answers a stored instance, and 404 Instance.NotExist for an unknown one', async () => {
    const found = await call('https://open.example', 'GET', `${ITEMS}/ctr_test`, undefined, 'getFunctionInstance');
    expect(found).toMatchObject({ status: 200, data: { result: { instanceName: 'ctr_test', functionName: 'ctr' } } });
    const missing = await call('https://open.example', 'GET', `${ITEMS}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.data.code ?? missing.data.Code).toBe('Instance.NotExist');
  });

  it('create stores the instance: it then appears in list and get, and a second create is a conflict', async () => {
    const created = await call(
      'https://shop.example',
      'POST',
      ITEMS,
      { instanceName: 'fresh', modelType: 'tf_checkpoint' },
      'createFunctionInstance',
    );
    expect(created.status).toBe(200);
    const listed = await call('https://shop.example', 'GET', ITEMS, undefined, 'listFunctionInstances');
    expect(listed.data.result.map((i: { instanceName: string }) => i.instanceName)).toEqual(['fresh']);
    expect(listed.data.result[0]).toMatchObject({ functionName: 'ctr', source: 'user', modelType: 'tf_checkpoint' });
    expect((await call('https://shop.example', 'GET', `${ITEMS}/fresh`)).data.result.instanceName).toBe('fresh');
    expect(shop.controller.instances('shop', 'ctr').map((i) => i.instanceName)).toEqual(['fresh']);
    const again = await call('https://shop.example', 'POST', ITEMS, { instanceName: 'fresh', modelType: 'x' });
    expect(again.status).toBe(409);
  });

  it('create validates the body against the spec before storing anything', async () => {
    const bad = await call('https://shop.example', 'POST', ITEMS, { instanceName: 'x', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.data.Code).toBe('InvalidParameter');
    expect(shop.controller.instances('shop', 'ctr')).toEqual([]);
  });

  it('update merges the body into the stored instance; a missing one is 404', async () => {
    expect((await call('https://open.example', 'PUT', `${ITEMS}/ctr_test`, { description: 'retrained' })).status).toBe(
      200,
    );
    const got = await call('https://open.example', 'GET', `${ITEMS}/ctr_test?output=detail`);
    expect(got.data.result).toMatchObject({ instanceName: 'ctr_test', functionName: 'ctr', description: 'retrained' });
    expect((await call('https://open.example', 'PUT', `${ITEMS}/nope`, { description: 'x' })).status).toBe(404);
    expect((await call('https://open.example', 'PUT', `${ITEMS}/ctr_test`, { colour: 'red' })).status).toBe(400);
  });

  it('delete removes the instance from list and get; deleting it again is 404', async () => {
    expect((await call('https://open.example', 'DELETE', `${ITEMS}/ctr_test`)).status).toBe(200);
    expect((await call('https://open.example', 'GET', `${ITEMS}/ctr_test`)).status).toBe(404);
    const names = (await call('https://open.example', 'GET', `${ITEMS}?source=all&pageSize=100`)).data.result.map(
      (i: { instanceName: string }) => i.instanceName,
    );
    expect(names).not.toContain('ctr_test');
    expect((await call('https://open.example', 'DELETE', `${ITEMS}/ctr_test`)).status).toBe(404);
  });

  it('in appGroups mode an unknown app group is 404 for every operation on the resource', async () => {
    const path = '/v4/openapi/app-groups/elsewhere/functions/ctr/instances';
    for (const [method, p, body] of [
      ['GET', path],
      ['GET', `${path}/x`],
      ['POST', path, { instanceName: 'n', modelType: 'm' }],
    ] as const) {
      const result = await call('https://shop.example', method, p, body);
      expect(result.status, `${method} ${p}`).toBe(404);
      expect(result.data.code ?? result.data.Code).toBe('Instance.NotExist');
    }
  });

  it('the casing and the request id apply to every operation; the header equals the body', async () => {
    const got = await call('https://pascal.example', 'GET', `${ITEMS}/ctr_test`);
    expect(got.data.Result.InstanceName).toBe('ctr_test');
    expect(got.data.RequestId).toBe(got.requestId);
    const created = await call('https://pascal.example', 'POST', ITEMS, { instanceName: 'p', modelType: 'm' });
    expect(created.data.RequestId).toBe(created.requestId);
    const listed = await call('https://open.example', 'GET', ITEMS);
    expect(listed.data.requestId).toBe(listed.requestId);
  });
});

describe('signature verification checks the operation', () => {
  async function signedCall(method: string, path: string, action: string, version = '2017-12-25', body?: string) {
    const url = `https://signed.example${path}`;
    const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
    const s = await signRequest({ method, url, headers, body }, { credentials: key, action, version });
    const response = await fetch(url, { method, headers: { ...headers, ...s.headers }, body });
    return { status: response.status, data: await response.json() };
  }

  it('accepts each operation signed with its own action', async () => {
    expect((await signedCall('GET', `${ITEMS}/ctr_test`, 'GetFunctionInstance')).status).toBe(200);
    expect(
      (await signedCall('POST', ITEMS, 'CreateFunctionInstance', '2017-12-25', '{"instanceName":"s","modelType":"m"}'))
        .status,
    ).toBe(200);
    expect((await signedCall('GET', ITEMS, 'ListFunctionInstances')).status).toBe(200);
  });

  it('refuses a correctly signed request whose action is another operation’s: 404 InvalidAction.NotFound', async () => {
    const wrong = await signedCall('GET', `${ITEMS}/ctr_test`, 'ListFunctionInstances');
    expect(wrong).toMatchObject({ status: 404, data: { Code: 'InvalidAction.NotFound' } });
    const post = await signedCall(
      'POST',
      ITEMS,
      'ListFunctionInstances',
      '2017-12-25',
      '{"instanceName":"s","modelType":"m"}',
    );
    expect(post).toMatchObject({ status: 404, data: { Code: 'InvalidAction.NotFound' } });
  });

  it('refuses another API version: 400 InvalidVersion', async () => {
    expect(await signedCall('GET', ITEMS, 'ListFunctionInstances', '2021-01-01')).toMatchObject({
      status: 400,
      data: { Code: 'InvalidVersion' },
    });
  });
});

// Every response the handlers give, for every behaviour and scenario, validates against the
// spec's response schema for its status.

import { signRequest } from '@acs-opensearch/client/signing';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers, createOperationValidators, listOperations, openApiDocument } from '../src/index.js';

const key = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const camel = createOpenSearchHandlers({ baseUrl: 'https://camel.example', verifySignature: key });
const pascal = createOpenSearchHandlers({
  baseUrl: 'https://pascal.example',
  casing: 'pascal',
  appGroups: { shop: [] },
});
const server = setupServer(...camel.handlers, ...pascal.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  camel.controller.reset();
  pascal.controller.reset();
});
afterAll(() => server.close());

const operation = listOperations(openApiDocument).find((op) => op.operationId === 'listFunctionInstances')!;
const validator = createOperationValidators(openApiDocument).forOperation(operation);
const PATH = '/v4/openapi/app-groups/shop/functions/ctr/instances';

async function signedFetch(origin: string, query = '') {
  const url = `${origin}${PATH}${query}`;
  const signed = await signRequest(
    { method: 'GET', url },
    { credentials: key, action: 'ListFunctionInstances', version: '2017-12-25' },
  );
  return fetch(url, { headers: signed.headers });
}

async function expectValid(response: Response) {
  const body = await response.json();
  expect(validator.validateResponse(response.status, body), JSON.stringify(body).slice(0, 300)).toEqual([]);
  return { status: response.status, body };
}

describe('every response validates against the spec', () => {
  it.each([
    '',
    '?output=simple',
    '?output=detail&source=all',
    '?source=builtin&pageSize=2&pageNumber=2',
    '?pageNumber=999',
    '?modelType=none',
  ])('200 for %j (camelCase)', async (query) => {
    expect((await expectValid(await signedFetch('https://camel.example', query))).status).toBe(200);
  });

  it.each(['', '?output=detail&source=all'])('200 for %j (PascalCase)', async (query) => {
    pascal.controller.add('shop', [
      { instanceName: 'x', functionName: 'ctr', source: 'user', createParameters: [{ name: 'a', value: 'b' }] },
    ]);
    const { status, body } = await expectValid(await fetch(`https://pascal.example${PATH}${query}`));
    expect(status).toBe(200);
    expect(body).toHaveProperty('Result');
  });

  it('404 for an unknown app group', async () => {
    expect(
      (await expectValid(await fetch('https://pascal.example/v4/openapi/app-groups/nope/functions/ctr/instances')))
        .status,
    ).toBe(404);
  });

  it.each(['?pageSize=0', '?source=x', '?output=y', '?pageNumber=abc'])(
    '400 InvalidParameter for %j',
    async (query) => {
      expect((await expectValid(await signedFetch('https://camel.example', query))).status).toBe(400);
    },
  );

  it('400 for each signature failure', async () => {
    expect((await expectValid(await fetch(`https://camel.example${PATH}`))).body.Code).toBe('IncompleteSignature');
    const url = `https://camel.example${PATH}`;
    const wrong = await signRequest(
      { method: 'GET', url },
      { credentials: { ...key, accessKeySecret: 'no' }, action: 'ListFunctionInstances', version: '2017-12-25' },
    );
    expect((await expectValid(await fetch(url, { headers: wrong.headers }))).body.Code).toBe('SignatureDoesNotMatch');
    const old = await signRequest(
      { method: 'GET', url },
      { credentials: key, action: 'ListFunctionInstances', version: '2017-12-25', now: () => 0 },
    );
    expect((await expectValid(await fetch(url, { headers: old.headers }))).body.Code).toBe('InvalidTimeStamp.Expired');
    const once = await signRequest(
      { method: 'GET', url },
      { credentials: key, action: 'ListFunctionInstances', version: '2017-12-25' },
    );
    await fetch(url, { headers: once.headers });
    expect((await expectValid(await fetch(url, { headers: once.headers }))).body.Code).toBe('SignatureNonceUsed');
  });

  const codes = (
    openApiDocument.components as {
      schemas: { ErrorResponse: { 'x-acs-error-codes': Array<{ code: string; httpStatus: number }> } };
    }
  ).schemas.ErrorResponse['x-acs-error-codes'];
  it.each(codes.map((c) => [c.code, c.httpStatus] as const))('mock.error(%s) answers %i', async (code, status) => {
    server.use(camel.mock.error(code as never));
    const result = await expectValid(await signedFetch('https://camel.example'));
    expect(result.status).toBe(status);
  });

  it('mock.throttle answers 429 with Retry-After', async () => {
    server.use(camel.mock.throttle({ retryAfterSeconds: 3 }));
    const response = await signedFetch('https://camel.example');
    expect(response.headers.get('retry-after')).toBe('3');
    expect((await expectValid(response)).status).toBe(429);
  });

  it('typed overrides validate too', async () => {
    server.use(camel.mock.respond('listFunctionInstances', 503, { Code: 'ServiceUnavailable', Message: 'down' }));
    expect((await expectValid(await signedFetch('https://camel.example'))).status).toBe(503);
  });
});

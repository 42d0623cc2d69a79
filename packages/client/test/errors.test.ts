import { describe, expect, it } from 'vitest';
import { ClientError, createOpenSearchClient, OpenSearchError, ServerError } from '../src/index.js';
import { credentials, fakeFetch, json, params } from './fakeFetch.js';

const call = async (response: () => Response) => {
  const { fetch } = fakeFetch(response);
  return createOpenSearchClient({ credentials, fetch, retry: false })
    .listFunctionInstances(params)
    .catch((e: unknown) => e);
};

describe('every failure is an OpenSearchError carrying what is known', () => {
  it('the service camelCase envelope', async () => {
    const error = await call(() =>
      json(
        {
          code: 'Instance.NotExist',
          message: 'instance not exist.',
          requestId: 'RID-1',
          httpCode: 404,
          status: 'FAIL',
        },
        { status: 404 },
      ),
    );
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({
      kind: 'client',
      status: 404,
      code: 'Instance.NotExist',
      requestId: 'RID-1',
      retryable: false,
    });
    expect((error as Error).message).toContain('instance not exist.');
    expect((error as OpenSearchError).body).toMatchObject({ code: 'Instance.NotExist' });
  });

  it('the gateway PascalCase form', async () => {
    const error = await call(() =>
      json(
        { Code: 'Forbidden.RAM', Message: 'not authorized', RequestId: 'RID-2', HostId: 'h', Recommend: 'r' },
        { status: 403 },
      ),
    );
    expect(error).toMatchObject({ kind: 'client', status: 403, code: 'Forbidden.RAM', requestId: 'RID-2' });
  });

  it('an HTML page from a gateway, with the request id from x-acs-request-id', async () => {
    const error = await call(
      () =>
        new Response('<html><body>502 Bad Gateway</body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html', 'x-acs-request-id': 'RID-3' },
        }),
    );
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ kind: 'server', status: 502, code: 'HTTP502', requestId: 'RID-3', retryable: true });
    expect((error as Error).message).toContain('non-JSON body');
    expect((error as OpenSearchError).body).toContain('502 Bad Gateway');
  });

  it('an empty error body', async () => {
    const error = await call(() => new Response('', { status: 500 }));
    expect(error).toMatchObject({ kind: 'server', status: 500, code: 'HTTP500' });
    expect((error as Error).message).toContain('empty body');
  });

  it('a truncated error body', async () => {
    const error = await call(() => new Response('{"Code":"InternalErr', { status: 500 }));
    expect(error).toMatchObject({ kind: 'server', status: 500, body: '{"Code":"InternalErr' });
  });

  it('a truncated 200 body is a MalformedResponse, not a SyntaxError', async () => {
    const error = await call(
      () =>
        new Response('{"requestId":"x","result":[{"instanceN', {
          status: 200,
          headers: { 'x-acs-request-id': 'RID-4' },
        }),
    );
    expect(error).toBeInstanceOf(OpenSearchError);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).toMatchObject({ code: 'MalformedResponse', status: 200, requestId: 'RID-4' });
  });

  it('a 200 body that only looks like JSON is a MalformedResponse, through listFunctionInstances and client.GET', async () => {
    const error = await call(() => new Response('{"requestId":"x","result":[}', { status: 200 }));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: 'MalformedResponse', kind: 'server' });
    const { fetch } = fakeFetch(() => new Response('{"requestId":}', { status: 200 }));
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    const viaGet = await client
      .GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', { params: { path: params } })
      .catch((e: unknown) => e);
    expect(viaGet).toMatchObject({ code: 'MalformedResponse', method: 'GET' });
    expect((viaGet as Error).message).toContain('/v4/openapi/app-groups/my_app/functions/ctr/instances');
    expect(viaGet).toMatchObject({
      url: 'https://opensearch.cn-hangzhou.aliyuncs.com/v4/openapi/app-groups/my_app/functions/ctr/instances',
      body: '{"requestId":}',
    });
  });

  it('an empty 200 body is a MalformedResponse', async () => {
    const error = await call(() => new Response('', { status: 200 }));
    expect(error).toMatchObject({ code: 'MalformedResponse' });
  });

  it('errors serialize to JSON without losing what is known', async () => {
    const error = await call(() =>
      json({ Code: 'InvalidParameter', Message: 'bad', RequestId: 'RID-5' }, { status: 400 }),
    );
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      name: 'ClientError',
      kind: 'client',
      code: 'InvalidParameter',
      status: 400,
      requestId: 'RID-5',
    });
  });
});

describe('errors a UI can show: detail and parameter', () => {
  it("an error answer's detail is the API's own sentence, clean of method, URL, status and request id", async () => {
    const sentence = 'The name "my_app" already exists.';
    const error = (await call(() =>
      json({ code: 'Instance.AlreadyExist', message: sentence, requestId: 'RID-9' }, { status: 409 }),
    )) as OpenSearchError;
    expect(error.message).toContain('[requestId RID-9]');
    expect(error.detail).toBe(sentence);
    expect(error.code).toBe('Instance.AlreadyExist');
    expect(error.parameter).toBeUndefined();
    expect(error.toJSON()).toMatchObject({ detail: sentence, code: 'Instance.AlreadyExist' });
  });

  it('a PascalCase answer and a 5xx have their detail too', async () => {
    const pascal = (await call(() =>
      json({ Code: 'InternalError', Message: 'Try again later.', RequestId: 'R' }, { status: 500 }),
    )) as OpenSearchError;
    expect(pascal).toBeInstanceOf(ServerError);
    expect(pascal.detail).toBe('Try again later.');
  });

  it('a validation error names the parameter at fault, and its detail is the failed check', async () => {
    const { fetch, sent } = fakeFetch(() => json({}));
    const error = (await createOpenSearchClient({ credentials, fetch, retry: false })
      .listFunctionInstances({ ...params, pageSize: -1 })
      .catch((e: unknown) => e)) as OpenSearchError;
    expect(sent).toHaveLength(0);
    expect(error.kind).toBe('validation');
    expect(error.parameter).toBe('pageSize');
    expect(error.detail).toBe(error.message);
    expect(error.detail).toContain('pageSize');
  });
});

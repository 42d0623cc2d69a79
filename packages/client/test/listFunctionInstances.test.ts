import { describe, expect, it } from 'vitest';
import { createOpenSearchClient, OpenSearchError, ValidationError } from '../src/index.js';
import { credentials, fakeFetch, json, page, params, sts } from './fakeFetch.js';

describe('listFunctionInstances', () => {
  it('sends the documented request, signed, and resolves to the camelCase body', async () => {
    const { fetch, sent } = fakeFetch(() => page(['a', 'b'], 2));
    const client = createOpenSearchClient({ credentials, fetch });
    const body = await client.listFunctionInstances({
      ...params,
      source: 'all',
      output: 'simple',
      pageNumber: 2,
      pageSize: 5,
      modelType: 'tf_checkpoint',
      functionType: 'PAAS',
    });
    expect(body.result.map((i) => i.instanceName)).toEqual(['a', 'b']);
    const [request] = sent;
    expect(request!.method).toBe('GET');
    expect(request!.url.origin).toBe('https://opensearch.cn-hangzhou.aliyuncs.com');
    expect(request!.url.pathname).toBe('/v4/openapi/app-groups/my_app/functions/ctr/instances');
    expect(Object.fromEntries(request!.url.searchParams)).toEqual({
      source: 'all',
      output: 'simple',
      pageNumber: '2',
      pageSize: '5',
      modelType: 'tf_checkpoint',
      functionType: 'PAAS',
    });
    const h = request!.headers;
    expect(h.get('x-acs-action')).toBe('ListFunctionInstances');
    expect(h.get('x-acs-version')).toBe('2017-12-25');
    expect(h.get('x-acs-date')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(h.get('x-acs-content-sha256')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(h.get('x-acs-security-token')).toBeNull();
    expect(h.get('accept')).toBe('application/json');
    expect(h.get('authorization')).toMatch(
      /^ACS3-HMAC-SHA256 Credential=AKID-TEST,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/,
    );
  });

  it('sends and signs x-acs-security-token with STS credentials', async () => {
    const { fetch, sent } = fakeFetch(() => page([], 0));
    await createOpenSearchClient({ credentials: sts, fetch }).listFunctionInstances(params);
    expect(sent[0]!.headers.get('x-acs-security-token')).toBe(sts.securityToken);
    expect(sent[0]!.headers.get('authorization')).toContain('x-acs-security-token');
  });

  it('normalizes a PascalCase body to camelCase, nested fields included', async () => {
    const { fetch } = fakeFetch(() =>
      json({
        RequestId: 'R1',
        TotalCount: 1,
        HttpCode: 200,
        Status: 'OK',
        Result: [
          {
            InstanceName: 'i',
            FunctionName: 'ctr',
            Belongs: { Domain: 'ecommerce', Category: 'general', Language: 'zh' },
            CreateParameters: [{ Name: 'p', Value: 'v' }],
            Default: true,
            VersionId: 7,
          },
        ],
      }),
    );
    const body = await createOpenSearchClient({ credentials, fetch }).listFunctionInstances(params);
    expect(body).toEqual({
      requestId: 'R1',
      totalCount: 1,
      httpCode: 200,
      status: 'OK',
      result: [
        {
          instanceName: 'i',
          functionName: 'ctr',
          belongs: { domain: 'ecommerce', category: 'general', language: 'zh' },
          createParameters: [{ name: 'p', value: 'v' }],
          default: true,
          versionId: 7,
        },
      ],
    });
  });

  it('leaves a camelCase body as it is, also through client.GET', async () => {
    const wire = {
      requestId: 'R2',
      totalCount: 1,
      result: [{ instanceName: 'i', functionName: 'ctr', extendInfo: '{"A":1}' }],
    };
    const { fetch } = fakeFetch(() => json(wire));
    const client = createOpenSearchClient({ credentials, fetch });
    const { data } = await client.GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', {
      params: { path: params },
    });
    expect(data).toEqual(wire);
  });

  it('encodes reserved and non-ASCII path values into their segment, and signs that exact path', async () => {
    const { fetch, sent } = fakeFetch(() => page([], 0));
    await createOpenSearchClient({ credentials, fetch }).listFunctionInstances({
      appGroupIdentity: 'a/b?c#d',
      functionName: "é (x)*!'~",
    });
    expect(sent[0]!.url.pathname).toBe("/v4/openapi/app-groups/a%2Fb%3Fc%23d/functions/%C3%A9%20(x)%2A!'~/instances");
  });

  describe('validation before the network', () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['missing appGroupIdentity', { functionName: 'ctr' }, 'appGroupIdentity'],
      ['empty appGroupIdentity', { appGroupIdentity: '', functionName: 'ctr' }, 'appGroupIdentity'],
      ['missing functionName', { appGroupIdentity: 'app' }, 'functionName'],
      ['empty functionName', { appGroupIdentity: 'app', functionName: '' }, 'functionName'],
      ['"." as a path value', { appGroupIdentity: '.', functionName: 'ctr' }, 'appGroupIdentity'],
      ['".." as a path value', { appGroupIdentity: 'app', functionName: '..' }, 'functionName'],
      ['pageNumber 0', { ...params, pageNumber: 0 }, 'pageNumber'],
      ['pageNumber 1.5', { ...params, pageNumber: 1.5 }, 'pageNumber'],
      ['pageSize -1', { ...params, pageSize: -1 }, 'pageSize'],
      ['pageSize "10"', { ...params, pageSize: '10' }, 'pageSize'],
      ['source outside its enum', { ...params, source: 'everything' }, 'source'],
      ['output outside its enum', { ...params, output: 'verbose' }, 'output'],
    ];
    it.each(cases)('rejects %s, naming the parameter, and sends nothing', async (_name, input, parameter) => {
      const { fetch, sent } = fakeFetch(() => page([], 0));
      const client = createOpenSearchClient({ credentials, fetch });
      const error = await client.listFunctionInstances(input as never).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(error).toBeInstanceOf(OpenSearchError);
      expect((error as ValidationError).parameter).toBe(parameter);
      expect((error as Error).message).toContain(parameter);
      expect(sent).toHaveLength(0);
    });

    it('rejects "." and ".." through client.GET too', async () => {
      const { fetch, sent } = fakeFetch(() => page([], 0));
      const client = createOpenSearchClient({ credentials, fetch });
      await expect(
        client.GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', {
          params: { path: { appGroupIdentity: '..', functionName: 'x' } },
        }),
      ).rejects.toThrow(/appGroupIdentity/);
      expect(sent).toHaveLength(0);
    });
  });
});

// The official SDK (@alicloud/opensearch20171225 5.2.0) runs the whole lifecycle against
// acs-opensearch-mock with one casing option, signatures verified, and reads every answer: its
// models read the function operations in PascalCase and ListAppGroups in camelCase, which is what
// `casing: 'pascal'` answers, operation by operation, from the spec.

import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as sdk from '@alicloud/opensearch20171225';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/node.js';

const key = { accessKeyId: 'sdk-ak', accessKeySecret: 'sdk-sk' };
let server: MockServer;
let client: sdk.default;
beforeAll(async () => {
  server = await startMockServer({ verifySignature: key, casing: 'pascal' });
  const Client = ((sdk.default as unknown as { default?: typeof sdk.default }).default ??
    sdk.default) as typeof sdk.default;
  client = new Client(
    new $OpenApiUtil.Config({ ...key, endpoint: server.url.replace('http://', ''), protocol: 'http' }),
  );
});
afterAll(() => server.close());

describe('the official SDK against acs-opensearch-mock', () => {
  it('creates, lists, gets, updates, pages tasks, reads versions, deletes and lists app groups', async () => {
    const created = await client.createFunctionInstance(
      'my_app',
      'ctr',
      new sdk.CreateFunctionInstanceRequest({
        instanceName: 'sdk_model',
        modelType: 'tf_checkpoint',
        createParameters: [new sdk.CreateFunctionInstanceRequestCreateParameters({ name: 'p', value: 'v' })],
      }),
    );
    expect(created.statusCode).toBe(200);
    expect(created.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);

    const listed = await client.listFunctionInstances(
      'my_app',
      'ctr',
      new sdk.ListFunctionInstancesRequest({ pageSize: 100 }),
    );
    expect(listed.body?.result?.map((i) => i.instanceName)).toContain('sdk_model');
    expect(listed.body?.totalCount).toBe(listed.body?.result?.length);

    const got = await client.getFunctionInstance('my_app', 'ctr', 'sdk_model', new sdk.GetFunctionInstanceRequest({}));
    expect(got.body?.result).toMatchObject({
      instanceName: 'sdk_model',
      functionName: 'ctr',
      modelType: 'tf_checkpoint',
    });
    expect(got.body?.result?.createParameters?.[0]).toMatchObject({ name: 'p', value: 'v' });

    await client.updateFunctionInstance(
      'my_app',
      'ctr',
      'sdk_model',
      new sdk.UpdateFunctionInstanceRequest({ description: 'by the SDK' }),
    );
    const updated = await client.getFunctionInstance(
      'my_app',
      'ctr',
      'sdk_model',
      new sdk.GetFunctionInstanceRequest({}),
    );
    expect(updated.body?.result?.description).toBe('by the SDK');

    const first = await client.listFunctionTasks(
      'my_app',
      'ctr',
      'sdk_model',
      new sdk.ListFunctionTasksRequest({ pageSize: 1 }),
    );
    const total = first.body?.totalCount ?? 0;
    expect(total).toBeGreaterThan(1);
    const runIds = [first.body?.result?.[0]?.runId];
    for (let page = 2; page <= total; page++) {
      const next = await client.listFunctionTasks(
        'my_app',
        'ctr',
        'sdk_model',
        new sdk.ListFunctionTasksRequest({ pageSize: 1, pageNumber: page }),
      );
      runIds.push(next.body?.result?.[0]?.runId);
    }
    expect(new Set(runIds).size).toBe(total);
    expect(runIds.every((id) => typeof id === 'string')).toBe(true);

    const current = await client.getFunctionCurrentVersion(
      'ctr',
      new sdk.GetFunctionCurrentVersionRequest({ modelType: 'tf_checkpoint' }),
    );
    expect(current.body?.result?.functionName).toBe('ctr');
    expect(current.body?.result?.versionId).toEqual(expect.any(Number));
    const version = await client.getFunctionVersion('ctr', String(current.body?.result?.versionId));
    expect(version.body?.result).toMatchObject({ functionName: 'ctr', versionId: current.body?.result?.versionId });
    expect(version.body?.result?.versionConfig?.createParameters?.length).toBeGreaterThan(0);

    await client.deleteFunctionInstance('my_app', 'ctr', 'sdk_model');
    const gone = await client
      .getFunctionInstance('my_app', 'ctr', 'sdk_model', new sdk.GetFunctionInstanceRequest({}))
      .catch((error: { statusCode?: number; code?: string }) => error);
    expect(gone).toMatchObject({ statusCode: 404, code: 'Instance.NotExist' });

    const groups = await client.listAppGroups(
      new sdk.ListAppGroupsRequest({ tags: [new sdk.ListAppGroupsRequestTags({ key: 'env', value: 'prod' })] }),
    );
    expect(groups.body?.result?.map((g) => g.name)).toContain('my_app');
    expect(groups.body?.totalCount).toBe(groups.body?.result?.length);
    expect(groups.body?.result?.[0]?.quota?.docSize).toEqual(expect.any(Number));
  });
});

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

  it('sets and reads the default instance of a feature, per feature', async () => {
    const before = await client.getFunctionDefaultInstance('my_app', 'sdk_feature');
    expect(before.body?.result?.instanceName).toBe('');
    await client.updateFunctionDefaultInstance(
      'my_app',
      'sdk_feature',
      new sdk.UpdateFunctionDefaultInstanceRequest({ instanceName: 'sdk_default' }),
    );
    const after = await client.getFunctionDefaultInstance('my_app', 'sdk_feature');
    expect(after.body?.result?.instanceName).toBe('sdk_default');
    expect(after.body?.instanceName).toBe('sdk_default');
    expect(after.body?.functionName).toBe('sdk_feature');
    expect((await client.getFunctionDefaultInstance('my_app', 'other_feature')).body?.result?.instanceName).toBe('');
  });

  it('starts, reads and deletes a training task, which is then a 404', async () => {
    const where = ['my_app', 'ctr', 'ctr_test'] as const;
    const before = await client.listFunctionTasks(...where, new sdk.ListFunctionTasksRequest({ pageSize: 100 }));
    expect((await client.createFunctionTask(...where)).statusCode).toBe(200);
    const after = await client.listFunctionTasks(...where, new sdk.ListFunctionTasksRequest({ pageSize: 100 }));
    expect(after.body?.totalCount).toBe((before.body?.totalCount ?? 0) + 1);
    const known = new Set(before.body?.result?.map((t) => t.generation));
    const started = after.body?.result?.find((t) => !known.has(t.generation));
    expect(started?.generation).toEqual(expect.any(String));
    const got = await client.getFunctionTask(...where, started!.generation!);
    expect(got.body?.result?.generation).toBe(started!.generation);
    expect(got.body?.result?.functionName).toBe('ctr');
    await client.deleteFunctionTask(...where, started!.generation!);
    const gone = await client
      .getFunctionTask(...where, started!.generation!)
      .catch((error: { statusCode?: number }) => error);
    expect(gone).toMatchObject({ statusCode: 404 });
  });

  it('creates a resource in the PascalCase body it sends, then lists, reads, updates and deletes it', async () => {
    const created = await client.createFunctionResource(
      'my_app',
      'rank',
      new sdk.CreateFunctionResourceRequest({
        resourceName: 'sdk_fg',
        resourceType: 'feature_generator',
        description: 'from the SDK',
        data: new sdk.CreateFunctionResourceRequestData({
          generators: [
            new sdk.CreateFunctionResourceRequestDataGenerators({
              generator: 'combo',
              output: 'f1',
              input: new sdk.CreateFunctionResourceRequestDataGeneratorsInput({
                features: [
                  new sdk.CreateFunctionResourceRequestDataGeneratorsInputFeatures({ name: 'u', type: 'user' }),
                ],
              }),
            }),
          ],
        }),
      }),
    );
    expect(created.statusCode).toBe(200);
    const again = await client
      .createFunctionResource(
        'my_app',
        'rank',
        new sdk.CreateFunctionResourceRequest({ resourceName: 'sdk_fg', resourceType: 'raw_file' }),
      )
      .catch((error: { statusCode?: number }) => error);
    expect(again).toMatchObject({ statusCode: 409 });
    const simple = await client.listFunctionResources(
      'my_app',
      'rank',
      new sdk.ListFunctionResourcesRequest({ output: 'simple', pageSize: 100 }),
    );
    const listed = simple.body?.result?.find((r) => r.resourceName === 'sdk_fg');
    expect(listed).toMatchObject({ resourceName: 'sdk_fg', resourceType: 'feature_generator', functionName: 'rank' });
    expect(listed?.data).toBeUndefined();
    const detail = await client.getFunctionResource(
      'my_app',
      'rank',
      'sdk_fg',
      new sdk.GetFunctionResourceRequest({ output: 'detail' }),
    );
    expect(detail.body?.result?.description).toBe('from the SDK');
    expect(detail.body?.result?.data?.generators?.[0]?.input?.features?.[0]?.name).toBe('u');
    await client.updateFunctionResource(
      'my_app',
      'rank',
      'sdk_fg',
      new sdk.UpdateFunctionResourceRequest({ description: 'changed' }),
    );
    const updated = await client.getFunctionResource(
      'my_app',
      'rank',
      'sdk_fg',
      new sdk.GetFunctionResourceRequest({}),
    );
    expect(updated.body?.result?.description).toBe('changed');
    await client.deleteFunctionResource('my_app', 'rank', 'sdk_fg');
    const gone = await client
      .getFunctionResource('my_app', 'rank', 'sdk_fg', new sdk.GetFunctionResourceRequest({}))
      .catch((error: { statusCode?: number }) => error);
    expect(gone).toMatchObject({ statusCode: 404 });
  });

  it('walks an application through its life: create, describe, list, modify, quota, versions, remove, then 404s', async () => {
    const quota = new sdk.CreateAppGroupRequestQuota({
      docSize: 1,
      computeResource: 20,
      spec: 'opensearch.share.common',
    });
    const created = await client.createAppGroup(
      new sdk.CreateAppGroupRequest({ name: 'sdk_group', type: 'enhanced', quota }),
    );
    expect(created.body?.result?.name).toBe('sdk_group');
    const again = await client
      .createAppGroup(new sdk.CreateAppGroupRequest({ name: 'sdk_group', type: 'enhanced', quota }))
      .catch((error: { statusCode?: number }) => error);
    expect(again).toMatchObject({ statusCode: 409 });
    expect((await client.describeAppGroup('sdk_group')).body?.result).toMatchObject({
      name: 'sdk_group',
      type: 'enhanced',
    });
    const listed = await client.listAppGroups(new sdk.ListAppGroupsRequest({ pageSize: 100 }));
    expect(listed.body?.result?.map((g) => g.name)).toContain('sdk_group');
    const modified = await client.modifyAppGroup(
      'sdk_group',
      new sdk.ModifyAppGroupRequest({ description: 'changed' }),
    );
    expect(modified.body?.result?.description).toBe('changed');
    const dry = await client.modifyAppGroup(
      'sdk_group',
      new sdk.ModifyAppGroupRequest({ description: 'dry', dryRun: true }),
    );
    expect(dry.statusCode).toBe(200);
    expect((await client.describeAppGroup('sdk_group')).body?.result?.description).toBe('changed');
    await client.modifyAppGroupQuota(
      'sdk_group',
      new sdk.ModifyAppGroupQuotaRequest({ body: new sdk.Quota({ docSize: 5, computeResource: 40 }) }),
    );
    expect((await client.describeAppGroup('sdk_group')).body?.result?.quota).toMatchObject({
      docSize: 5,
      computeResource: 40,
      spec: 'opensearch.share.common',
    });
    // The operations with no visible effect answer 200 and leave the application as it was.
    const before = (await client.describeAppGroup('sdk_group')).body?.result;
    const quiet = [
      client.renewAppGroup(
        'sdk_group',
        new sdk.RenewAppGroupRequest({ body: new sdk.PrepayOrderInfo({ duration: 1, pricingCycle: 'Year' }) }),
      ),
      client.replaceAppGroupCommodityCode('sdk_group'),
      client.updateAppGroupDeleteProtection(
        'sdk_group',
        new sdk.UpdateAppGroupDeleteProtectionRequest({ body: { deleteProtection: true } }),
      ),
      client.createAppGroupCredentials('sdk_group', new sdk.CreateAppGroupCredentialsRequest({ type: 'api-token' })),
      client.listQuotaReviewTasks('sdk_group', new sdk.ListQuotaReviewTasksRequest({})),
      client.listProceedings('sdk_group', new sdk.ListProceedingsRequest({})),
      client.listStatisticLogs('sdk_group', 'slowlog', new sdk.ListStatisticLogsRequest({ startTime: 1, stopTime: 2 })),
      client.listStatisticReport('sdk_group', 'hot', new sdk.ListStatisticReportRequest({ startTime: 1, endTime: 2 })),
      client.bindEsInstance('sdk_group', new sdk.BindEsInstanceRequest({ body: { esInstanceId: 'es-1' } })),
      client.unbindEsInstance('sdk_group'),
      client.bindESUserAnalyzer('sdk_group', 'es-1', new sdk.BindESUserAnalyzerRequest({ body: { name: 'a' } })),
      client.unbindESUserAnalyzer('sdk_group', 'es-1', new sdk.UnbindESUserAnalyzerRequest({ body: { name: 'a' } })),
    ];
    for (const answer of await Promise.all(quiet)) expect(answer.statusCode).toBe(200);
    expect((await client.describeAppGroup('sdk_group')).body?.result).toEqual(before);

    const app = await client.createApp(
      'sdk_group',
      new sdk.CreateAppRequest({ description: 'v1', autoSwitch: true, realtimeShared: true }),
    );
    const appId = app.body?.result?.id;
    expect(appId).toEqual(expect.any(String));
    expect((await client.describeApps('sdk_group')).body?.result?.map((a) => a.id)).toEqual([appId]);
    await client.updateFetchFields('sdk_group', appId!, new sdk.UpdateFetchFieldsRequest({ body: ['id', 'title'] }));
    expect((await client.describeApp('sdk_group', appId!)).body?.result?.fetchFields).toEqual(['id', 'title']);
    expect(
      (await client.updateSummaries('sdk_group', appId!, new sdk.UpdateSummariesRequest({ body: [] }))).statusCode,
    ).toBe(200);
    expect((await client.describeAppStatistics('sdk_group', appId!)).statusCode).toBe(200);
    await client.removeApp('sdk_group', appId!);
    const appGone = await client.describeApp('sdk_group', appId!).catch((error: { statusCode?: number }) => error);
    expect(appGone).toMatchObject({ statusCode: 404 });
    const second = await client.createApp('sdk_group', new sdk.CreateAppRequest({ description: 'v2' }));
    expect(second.body?.result?.id).not.toBe(appId);

    await client.removeAppGroup('sdk_group');
    for (const call of [
      () => client.describeAppGroup('sdk_group'),
      () => client.describeApps('sdk_group'),
      () => client.describeApp('sdk_group', second.body!.result!.id!),
      () =>
        client.modifyAppGroupQuota(
          'sdk_group',
          new sdk.ModifyAppGroupQuotaRequest({ body: new sdk.Quota({ docSize: 1 }) }),
        ),
    ])
      expect(await call().catch((error: { statusCode?: number }) => error)).toMatchObject({ statusCode: 404 });
    const names = (await client.listAppGroups(new sdk.ListAppGroupsRequest({ pageSize: 100 }))).body?.result?.map(
      (g) => g.name,
    );
    expect(names).not.toContain('sdk_group');
  });
});

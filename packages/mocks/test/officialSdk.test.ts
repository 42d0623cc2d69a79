// The official SDK (@alicloud/opensearch20171225 5.2.0) runs the whole lifecycle against
// acs-opensearch-mock with one casing option, signatures verified, and reads every answer: its
// models read the function operations in PascalCase and ListAppGroups in camelCase, which is what
// `casing: 'pascal'` answers, operation by operation, from the spec.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { operationMetadata } from '@acs-opensearch/openapi-reader';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import * as sdk from '@alicloud/opensearch20171225';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkOperations } from '../../../scripts/lib/sdk-operations.mjs';
import { listOperations, openApiDocument } from '../src/index.js';
import { type MockServer, startMockServer } from '../src/node.js';

/** The error codes the spec models (the `x-acs-error-codes` of its schemas). */
function readErrorCodesOf(document: unknown): string[] {
  const schemas = (document as { components?: { schemas?: Record<string, Record<string, unknown>> } }).components
    ?.schemas;
  return Object.values(schemas ?? {}).flatMap((s) =>
    ((s['x-acs-error-codes'] as Array<{ code: string }> | undefined) ?? []).map((c) => c.code),
  );
}

/** A path parameter's example, from the component it refers to. */
function exampleOf(document: unknown, name: string): unknown {
  const components = (
    document as { components?: { parameters?: Record<string, { name?: string; example?: unknown }> } }
  ).components?.parameters;
  return Object.values(components ?? {}).find((p) => p.name === name)?.example ?? 'x';
}

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

    // A new instance has no tasks: two started ones page one by one.
    await client.createFunctionTask('my_app', 'ctr', 'sdk_model');
    await client.createFunctionTask('my_app', 'ctr', 'sdk_model');
    const first = await client.listFunctionTasks(
      'my_app',
      'ctr',
      'sdk_model',
      new sdk.ListFunctionTasksRequest({ pageSize: 1 }),
    );
    const total = first.body?.totalCount ?? 0;
    expect(total).toBeGreaterThan(1);
    const generations = [first.body?.result?.[0]?.generation];
    for (let page = 2; page <= total; page++) {
      const next = await client.listFunctionTasks(
        'my_app',
        'ctr',
        'sdk_model',
        new sdk.ListFunctionTasksRequest({ pageSize: 1, pageNumber: page }),
      );
      generations.push(next.body?.result?.[0]?.generation);
    }
    expect(new Set(generations).size).toBe(total);
    expect(generations.every((id) => typeof id === 'string')).toBe(true);

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

  it('data collections, elastic plans and scheduled tasks: the server gives ids, and a removed item is a 404', async () => {
    await client.removeDataCollection('my_app', 'my_collection');
    const gone = await client.describeDataCollction('my_app', 'my_collection').catch((e: { statusCode?: number }) => e);
    expect(gone).toMatchObject({ statusCode: 404 });

    const plan = await client.createElasticPlan(
      'my_app',
      new sdk.CreateElasticPlanRequest({
        name: 'p1',
        scheduleType: 'EVERY_DAY',
        startHour: 1,
        endHour: 2,
        elasticLcu: 10,
      }),
    );
    const planId = String(plan.body?.result?.id);
    expect(plan.body?.result?.id).toEqual(expect.any(Number));
    const listed = await client.listElasticPlans('my_app', new sdk.ListElasticPlansRequest({ pageSize: 100 }));
    expect(listed.body?.result?.map((p) => String(p.id))).toContain(planId);
    await client.modifyElasticPlan('my_app', planId, new sdk.ModifyElasticPlanRequest({ elasticLcu: 20 }));
    const described = await client.describeElasticPlan('my_app', planId, new sdk.DescribeElasticPlanRequest({}));
    expect(described.body?.result).toMatchObject({ name: 'p1', elasticLcu: 20 });
    await client.removeElasticPlan('my_app', planId, new sdk.RemoveElasticPlanRequest({}));
    expect(
      await client
        .describeElasticPlan('my_app', planId, new sdk.DescribeElasticPlanRequest({}))
        .catch((e: { statusCode?: number }) => e),
    ).toMatchObject({ statusCode: 404 });

    const task = await client.createScheduledTask(
      'my_app',
      new sdk.CreateScheduledTaskRequest({ body: new sdk.ScheduledTask({ type: 'reindex', cron: '0 0 3 * * ?' }) }),
    );
    const taskId = task.body?.result?.id as string;
    expect(taskId).toEqual(expect.any(String));
    await client.modifyScheduledTask(
      'my_app',
      taskId,
      new sdk.ModifyScheduledTaskRequest({ body: { enabled: false } }),
    );
    expect((await client.describeScheduledTask('my_app', taskId)).body?.result).toMatchObject({
      type: 'reindex',
      enabled: false,
    });
    await client.removeScheduledTask('my_app', taskId);
    expect(await client.describeScheduledTask('my_app', taskId).catch((e: { statusCode?: number }) => e)).toMatchObject(
      { statusCode: 404 },
    );
  });

  it('tags: what TagResources puts, ListTagResources shows, and UntagResources takes away', async () => {
    const tag = (key: string, value: string) => new sdk.TagResourcesRequestTag({ key, value });
    await client.tagResources(
      new sdk.TagResourcesRequest({
        resourceType: 'INSTANCE',
        resourceId: ['g1', 'g2'],
        tag: [tag('team', 'a'), tag('env', 'dev')],
      }),
    );
    const rows = async (request: ConstructorParameters<typeof sdk.ListTagResourcesRequest>[0]) =>
      ((await client.listTagResources(new sdk.ListTagResourcesRequest(request))).body?.result ?? []).map(
        (r) => `${r.resourceId}:${r.tagKey}=${r.tagValue}`,
      );
    expect(await rows({ resourceType: 'INSTANCE', resourceId: ['g1'] })).toEqual(['g1:team=a', 'g1:env=dev']);
    expect(
      await rows({ resourceType: 'INSTANCE', tag: [new sdk.ListTagResourcesRequestTag({ key: 'team' })] }),
    ).toEqual(['g1:team=a', 'g2:team=a']);
    await client.tagResources(
      new sdk.TagResourcesRequest({ resourceType: 'INSTANCE', resourceId: ['g1'], tag: [tag('team', 'b')] }),
    );
    expect(await rows({ resourceType: 'INSTANCE', resourceId: ['g1'] })).toEqual(['g1:env=dev', 'g1:team=b']);
    await client.untagResources(
      new sdk.UntagResourcesRequest({ resourceType: 'INSTANCE', resourceId: ['g1'], tagKey: ['team'] }),
    );
    expect(await rows({ resourceType: 'INSTANCE', resourceId: ['g1', 'g2'] })).toEqual([
      'g1:env=dev',
      'g2:team=a',
      'g2:env=dev',
    ]);
    await client.untagResources(
      new sdk.UntagResourcesRequest({ resourceType: 'INSTANCE', resourceId: ['g2'], all: true }),
    );
    expect(await rows({ resourceType: 'INSTANCE', resourceId: ['g2'] })).toEqual([]);
  });

  it('A/B tests: a scene, a group in it, an experiment in that, its dividers; deleting the scene removes them all', async () => {
    const scene = await client.createABTestScene(
      'my_app',
      new sdk.CreateABTestSceneRequest({ body: new sdk.ABTestScene({ name: 'search_page', values: ['search_page'] }) }),
    );
    const sceneId = scene.body!.result!.id!;
    expect(sceneId).toMatch(/^\d+$/);
    const group = await client.createABTestGroup(
      'my_app',
      sceneId,
      new sdk.CreateABTestGroupRequest({ body: new sdk.ABTestGroup({ name: 'ranking' }) }),
    );
    const groupId = group.body!.result!.id!;
    const experiment = await client.createABTestExperiment(
      'my_app',
      sceneId,
      groupId,
      new sdk.CreateABTestExperimentRequest({
        body: new sdk.ABTestExperiment({
          name: 'new_formula',
          traffic: 10,
          online: false,
          params: { formulaName: 'f2' },
        }),
      }),
    );
    const experimentId = experiment.body!.result!.id!;
    expect(experiment.body?.result).toMatchObject({ name: 'new_formula', traffic: 10, params: { formulaName: 'f2' } });
    // A second experiment gets the next id; ids are never given twice.
    const second = await client.createABTestExperiment(
      'my_app',
      sceneId,
      groupId,
      new sdk.CreateABTestExperimentRequest({ body: new sdk.ABTestExperiment({ name: 'other', traffic: 5 }) }),
    );
    expect(Number(second.body!.result!.id)).toBeGreaterThan(Number(experimentId));

    expect((await client.describeABTestScene('my_app', sceneId)).body?.result?.name).toBe('search_page');
    expect((await client.listABTestScenes('my_app')).body?.result?.map((s) => s.id)).toContain(sceneId);
    expect((await client.listABTestGroups('my_app', sceneId)).body?.result?.map((g) => g.name)).toEqual(['ranking']);
    expect((await client.listABTestExperiments('my_app', sceneId, groupId)).body?.result?.map((e) => e.name)).toEqual([
      'new_formula',
      'other',
    ]);
    await client.updateABTestScene(
      'my_app',
      sceneId,
      new sdk.UpdateABTestSceneRequest({ body: new sdk.ABTestScene({ status: 0 }) }),
    );
    expect((await client.describeABTestScene('my_app', sceneId)).body?.result).toMatchObject({
      status: 0,
      name: 'search_page',
    });
    await client.updateABTestGroup(
      'my_app',
      sceneId,
      groupId,
      new sdk.UpdateABTestGroupRequest({ body: new sdk.ABTestGroup({ name: 'ranking_v2' }) }),
    );
    expect((await client.describeABTestGroup('my_app', sceneId, groupId)).body?.result?.name).toBe('ranking_v2');
    await client.updateABTestExperiment(
      'my_app',
      sceneId,
      groupId,
      experimentId,
      new sdk.UpdateABTestExperimentRequest({ body: new sdk.ABTestExperiment({ traffic: 30, online: true }) }),
    );
    expect(
      (await client.describeABTestExperiment('my_app', sceneId, groupId, experimentId)).body?.result,
    ).toMatchObject({
      traffic: 30,
      online: true,
      name: 'new_formula',
    });
    // The reference's limit: traffic is a percentage.
    const tooMuch = await client
      .updateABTestExperiment(
        'my_app',
        sceneId,
        groupId,
        experimentId,
        new sdk.UpdateABTestExperimentRequest({ body: new sdk.ABTestExperiment({ traffic: 101 }) }),
      )
      .catch((e: { statusCode?: number }) => e);
    expect(tooMuch).toMatchObject({ statusCode: 400 });

    // The dividers: none at first, then what was set.
    expect((await client.listABTestFixedFlowDividers('my_app', sceneId, groupId, experimentId)).body?.result).toEqual(
      [],
    );
    await client.updateABTestFixedFlowDividers(
      'my_app',
      sceneId,
      groupId,
      experimentId,
      new sdk.UpdateABTestFixedFlowDividersRequest({ body: ['user_1', 'user_2'] }),
    );
    expect((await client.listABTestFixedFlowDividers('my_app', sceneId, groupId, experimentId)).body?.result).toEqual([
      'user_1',
      'user_2',
    ]);

    // An experiment asked for under another group is not found: ids are scoped to their parent.
    const otherGroup = await client.createABTestGroup(
      'my_app',
      sceneId,
      new sdk.CreateABTestGroupRequest({ body: new sdk.ABTestGroup({ name: 'other' }) }),
    );
    const misplaced = await client
      .describeABTestExperiment('my_app', sceneId, otherGroup.body!.result!.id!, experimentId)
      .catch((e: { statusCode?: number }) => e);
    expect(misplaced).toMatchObject({ statusCode: 404 });

    await client.deleteABTestScene('my_app', sceneId);
    const gone = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: { statusCode?: number }) => e.statusCode,
      );
    expect(await gone(client.describeABTestScene('my_app', sceneId))).toBe(404);
    expect(await gone(client.describeABTestGroup('my_app', sceneId, groupId))).toBe(404);
    expect(await gone(client.describeABTestExperiment('my_app', sceneId, groupId, experimentId))).toBe(404);
    expect(await gone(client.listABTestFixedFlowDividers('my_app', sceneId, groupId, experimentId))).toBe(404);
    // A new scene never takes the deleted one's id.
    const again = await client.createABTestScene(
      'my_app',
      new sdk.CreateABTestSceneRequest({ body: new sdk.ABTestScene({ name: 'again' }) }),
    );
    expect(Number(again.body!.result!.id)).toBeGreaterThan(Number(sceneId));
  });

  describe('search tuning', () => {
    const quota = new sdk.CreateAppGroupRequestQuota({
      docSize: 1,
      computeResource: 20,
      spec: 'opensearch.share.common',
    });
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: { statusCode?: number; code?: string }) => `${e.statusCode} ${e.code}`,
      );
    async function appVersion(name: string) {
      await client.createAppGroup(new sdk.CreateAppGroupRequest({ name, type: 'enhanced', quota }));
      const app = await client.createApp(name, new sdk.CreateAppRequest({ description: 'v1' }));
      return String(app.body!.result!.id);
    }

    it('ranking: rough and fine sort expressions are created, read, changed, listed together and removed', async () => {
      const appId = await appVersion('sdk_rank');
      const meta = [{ attribute: 'static_bm25()', arg: '', weight: 10 }];
      const rank = (body: Record<string, unknown>) => new sdk.FirstRank(body);
      await client.createFirstRank(
        'sdk_rank',
        appId,
        new sdk.CreateFirstRankRequest({ dryRun: true, body: rank({ name: 'rough', type: 'STRUCT', meta }) }),
      );
      expect((await client.listFirstRanks('sdk_rank', appId)).body?.result).toEqual([]);
      const created = await client.createFirstRank(
        'sdk_rank',
        appId,
        new sdk.CreateFirstRankRequest({ body: rank({ name: 'rough', type: 'STRUCT', meta }) }),
      );
      expect(created.body?.result?.name).toBe('rough');
      await client.createSecondRank(
        'sdk_rank',
        appId,
        new sdk.CreateSecondRankRequest({ body: new sdk.SecondRank({ name: 'fine', meta: 'random()' }) }),
      );
      expect((await client.describeFirstRank('sdk_rank', appId, 'rough')).body?.result?.meta?.[0]?.weight).toBe(10);
      await client.modifyFirstRank(
        'sdk_rank',
        appId,
        'rough',
        new sdk.ModifyFirstRankRequest({
          body: rank({ name: 'rough', type: 'STRUCT', meta: [{ attribute: 'timeliness(x)', weight: 2 }] }),
        }),
      );
      expect((await client.listFirstRanks('sdk_rank', appId)).body?.result?.[0]?.meta?.[0]?.attribute).toBe(
        'timeliness(x)',
      );
      await client.modifySecondRank(
        'sdk_rank',
        appId,
        'fine',
        new sdk.ModifySecondRankRequest({ body: new sdk.SecondRank({ name: 'fine', meta: 'now()' }) }),
      );
      expect((await client.describeSecondRank('sdk_rank', appId, 'fine')).body?.result?.meta).toBe('now()');
      expect((await client.listSecondRanks('sdk_rank', appId)).body?.totalCount).toBe(1);
      expect((await client.listSortExpressions('sdk_rank', appId)).body?.result?.map((e) => e.name).sort()).toEqual([
        'fine',
        'rough',
      ]);
      await client.removeFirstRank('sdk_rank', appId, 'rough');
      await client.removeSecondRank('sdk_rank', appId, 'fine');
      expect(await failure(client.describeFirstRank('sdk_rank', appId, 'rough'))).toMatch(/^404 /);
      expect((await client.listSortExpressions('sdk_rank', appId)).body?.result).toEqual([]);
    });

    it('sort scripts: files saved, read and listed; release refused until compiled; removing the script removes its files', async () => {
      const v = await appVersion('sdk_script');
      await client.createSortScript(
        'sdk_script',
        v,
        new sdk.CreateSortScriptRequest({ scriptName: 'scorer', scope: 'second_rank', type: 'cava_script' }),
      );
      expect((await client.getSortScript('sdk_script', 'scorer', v)).body?.result?.status).toBe('configurable');
      expect(await failure(client.releaseSortScript('sdk_script', 'scorer', v))).toBe('400 InvalidAppStatus');
      await client.saveSortScriptFile(
        'sdk_script',
        'scorer',
        v,
        'Scorer.cava',
        new sdk.SaveSortScriptFileRequest({ content: 'YWJj', version: 7 }),
      );
      expect((await client.getSortScriptFile('sdk_script', 'scorer', v, 'Scorer.cava')).body?.result).toMatchObject({
        content: 'YWJj',
        version: 7,
      });
      expect((await client.getScriptFileNames('sdk_script', v, 'scorer')).body?.result?.map((f) => f.fileName)).toEqual(
        ['Scorer.cava'],
      );
      expect((await client.getSortScript('sdk_script', 'scorer', v)).body?.result?.status).toBe('not compiled');
      await client.saveSortScriptFile(
        'sdk_script',
        'scorer',
        v,
        'Extra.cava',
        new sdk.SaveSortScriptFileRequest({ content: 'eHl6' }),
      );
      await client.deleteSortScriptFile('sdk_script', v, 'scorer', 'Extra.cava');
      expect(await failure(client.getSortScriptFile('sdk_script', 'scorer', v, 'Extra.cava'))).toMatch(/^404 /);
      await client.compileSortScript('sdk_script', 'scorer', v);
      const released = await client.releaseSortScript('sdk_script', 'scorer', v);
      expect(released.statusCode).toBe(200);
      expect(
        (await client.listSortScripts('sdk_script', v)).body?.result?.map((x) => [x.scriptName, x.status]),
      ).toEqual([['scorer', 'released']]);
      await client.updateSortScript(
        'sdk_script',
        v,
        'scorer',
        new sdk.UpdateSortScriptRequest({ description: 'by sales' }),
      );
      expect((await client.getSortScript('sdk_script', 'scorer', v)).body?.result?.description).toBe('by sales');
      // A released script takes no new file and is not compiled again.
      expect(
        await failure(
          client.saveSortScriptFile(
            'sdk_script',
            'scorer',
            v,
            'Other.cava',
            new sdk.SaveSortScriptFileRequest({ content: 'ZGVm' }),
          ),
        ),
      ).toBe('400 InvalidAppStatus');
      expect(await failure(client.compileSortScript('sdk_script', 'scorer', v))).toBe('400 InvalidAppStatus');
      // Deleting the script deletes its files: a script made again under the name has none.
      await client.deleteSortScript('sdk_script', 'scorer', v);
      expect(await failure(client.getSortScript('sdk_script', 'scorer', v))).toMatch(/^404 /);
      expect(await failure(client.getSortScriptFile('sdk_script', 'scorer', v, 'Scorer.cava'))).toMatch(/^404 /);
      await client.createSortScript('sdk_script', v, new sdk.CreateSortScriptRequest({ scriptName: 'scorer' }));
      expect(await failure(client.getSortScriptFile('sdk_script', 'scorer', v, 'Scorer.cava'))).toMatch(/^404 /);
      expect((await client.getScriptFileNames('sdk_script', v, 'scorer')).body?.result).toEqual([]);
    });

    it('query processing: rules created, analysed, changed and removed; strategies answered; entity priorities listed', async () => {
      const appId = await appVersion('sdk_qp');
      await client.createQueryProcessor(
        'sdk_qp',
        appId,
        new sdk.CreateQueryProcessorRequest({ body: { name: 'qp', domain: 'GENERAL', indexes: ['default'] } }),
      );
      await client.modifyQueryProcessor(
        'sdk_qp',
        appId,
        'qp',
        new sdk.ModifyQueryProcessorRequest({ body: { domain: 'ECOMMERCE' } }),
      );
      expect((await client.describeQueryProcessor('sdk_qp', appId, 'qp')).body?.result).toMatchObject({
        name: 'qp',
        domain: 'ECOMMERCE',
      });
      expect(
        (await client.listQueryProcessors('sdk_qp', appId, new sdk.ListQueryProcessorsRequest({}))).body?.result?.map(
          (r) => r.name,
        ),
      ).toEqual(['qp']);
      expect(
        (
          await client.listQueryProcessorAnalyzerResults(
            'sdk_qp',
            appId,
            'qp',
            new sdk.ListQueryProcessorAnalyzerResultsRequest({ text: 'red shoes' }),
          )
        ).statusCode,
      ).toBe(200);
      expect(
        (await client.listQueryProcessorNers(new sdk.ListQueryProcessorNersRequest({ domain: 'ECOMMERCE' }))).body
          ?.result?.length,
      ).toBeGreaterThan(0);
      await client.removeQueryProcessor('sdk_qp', appId, 'qp');
      expect(await failure(client.describeQueryProcessor('sdk_qp', appId, 'qp'))).toMatch(/^404 /);
      const strategy = new sdk.SearchStrategy({
        name: 'main',
        searchConfigs: [new sdk.SearchStrategySearchConfigs({ queryType: 'keyword' })],
      });
      for (const answer of [
        await client.createSearchStrategy('sdk_qp', appId, new sdk.CreateSearchStrategyRequest({ body: strategy })),
        await client.getSearchStrategy('sdk_qp', appId, 'main'),
        await client.listSearchStrategies('sdk_qp', appId),
        await client.updateSearchStrategy(
          'sdk_qp',
          appId,
          'main',
          new sdk.UpdateSearchStrategyRequest({ body: strategy }),
        ),
        await client.removeSearchStrategy('sdk_qp', appId, 'main'),
      ])
        expect(answer.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    });

    it('intervention dictionaries: entries pushed, listed, found in a query, deleted by a push; the dictionary removed', async () => {
      await client.createInterventionDictionary(
        new sdk.CreateInterventionDictionaryRequest({ name: 'sdk_words', type: 'ner', analyzerType: 'SYSTEM' }),
      );
      expect((await client.describeInterventionDictionary('sdk_words')).body?.result?.type).toBe('ner');
      const listed = await client.listInterventionDictionaries(
        new sdk.ListInterventionDictionariesRequest({ types: '["ner"]', pageSize: 100 }),
      );
      expect(listed.body?.result?.map((d) => d.name)).toContain('sdk_words');
      expect(listed.body?.result?.every((d) => d.type === 'ner')).toBe(true);
      const push = (body: Array<Record<string, unknown>>, dryRun?: boolean) =>
        client.pushInterventionDictionaryEntries(
          'sdk_words',
          new sdk.PushInterventionDictionaryEntriesRequest({ body, dryRun }),
        );
      await push([
        { cmd: 'add', word: 'milk' },
        { cmd: 'add', word: 'soy', relevance: { '100': '2' } },
        { cmd: 'add', word: 'tea' },
      ]);
      await push([{ cmd: 'delete', word: 'milk' }], true);
      const words = async () =>
        (
          await client.listInterventionDictionaryEntries(
            'sdk_words',
            new sdk.ListInterventionDictionaryEntriesRequest({ pageSize: 100 }),
          )
        ).body?.result
          ?.map((e) => e.word)
          .sort();
      expect(await words()).toEqual(['milk', 'soy', 'tea']);
      const ner = await client.listInterventionDictionaryNerResults(
        'sdk_words',
        new sdk.ListInterventionDictionaryNerResultsRequest({ query: 'soy milk' }),
      );
      expect(ner.body?.result?.map((r) => r.token).sort()).toEqual(['milk', 'soy']);
      await push([
        { cmd: 'delete', word: 'milk' },
        { cmd: 'delete', word: 'tea' },
      ]);
      expect(await words()).toEqual(['soy']);
      expect(await failure(push([{ cmd: 'rename', word: 'soy' }]))).toBe('400 InvalidParameter');
      expect((await client.listInterventionDictionaryRelatedEntities('sdk_words')).statusCode).toBe(200);
      await client.removeInterventionDictionary('sdk_words');
      expect(await failure(client.describeInterventionDictionary('sdk_words'))).toMatch(/^404 /);
      expect(
        await failure(
          client.listInterventionDictionaryEntries('sdk_words', new sdk.ListInterventionDictionaryEntriesRequest({})),
        ),
      ).toMatch(/^404 /);
    });

    it('custom analyzers: created, listed, entries pushed and listed, removed', async () => {
      await client.createUserAnalyzer(
        new sdk.CreateUserAnalyzerRequest({ name: 'sdk_analyzer', type: 'HA3', business: 'chn_standard' }),
      );
      expect(
        (await client.describeUserAnalyzer('sdk_analyzer', new sdk.DescribeUserAnalyzerRequest({}))).statusCode,
      ).toBe(200);
      expect(
        (await client.listUserAnalyzers(new sdk.ListUserAnalyzersRequest({ pageSize: 100 }))).body?.result?.map(
          (a) => a.name,
        ),
      ).toContain('sdk_analyzer');
      const entries = (list: Array<Record<string, unknown>>) =>
        new sdk.PushUserAnalyzerEntriesRequest({
          entries: list.map((e) => new sdk.PushUserAnalyzerEntriesRequestEntries(e)),
        });
      await client.pushUserAnalyzerEntries(
        'sdk_analyzer',
        entries([
          { cmd: 'add', key: 'opensearch', value: 'open search' },
          { cmd: 'add', key: 'aliyun', value: 'ali yun' },
        ]),
      );
      await client.pushUserAnalyzerEntries('sdk_analyzer', entries([{ cmd: 'delete', key: 'aliyun' }]));
      const listed = await client.listUserAnalyzerEntries('sdk_analyzer', new sdk.ListUserAnalyzerEntriesRequest({}));
      expect((listed.body!.result as unknown as Array<{ key: string }>).map((e) => e.key)).toEqual(['opensearch']);
      await client.removeUserAnalyzer('sdk_analyzer');
      expect(
        await failure(client.describeUserAnalyzer('sdk_analyzer', new sdk.DescribeUserAnalyzerRequest({}))),
      ).toMatch(/^404 /);
    });

    it('slow queries: off at first, a run refused until enabled, then enabled, run, read and disabled', async () => {
      await client.createAppGroup(new sdk.CreateAppGroupRequest({ name: 'sdk_slow', type: 'enhanced', quota }));
      expect((await client.describeSlowQueryStatus('sdk_slow')).body?.result?.status).toBe('disabled');
      expect(await failure(client.startSlowQueryAnalyzer('sdk_slow'))).toMatch(/^400 /);
      await client.enableSlowQuery('sdk_slow');
      expect((await client.describeSlowQueryStatus('sdk_slow')).body?.result?.status).toBe('enabled');
      expect((await client.startSlowQueryAnalyzer('sdk_slow')).statusCode).toBe(200);
      expect((await client.listSlowQueryCategories('sdk_slow')).body?.result?.analyzeStatus).toEqual(
        expect.any(String),
      );
      expect((await client.listSlowQueryQueries('sdk_slow', '0')).statusCode).toBe(200);
      await client.disableSlowQuery('sdk_slow');
      expect((await client.describeSlowQueryStatus('sdk_slow')).body?.result?.status).toBe('disabled');
    });

    it('data sources: a wide table merged from two sent tables, a data source checked, tables and fields listed', async () => {
      const table = (name: string, primary: boolean, fields: Record<string, Record<string, unknown>>) =>
        new sdk.SchemaTablesValue({
          name,
          primaryTable: primary,
          fields: Object.fromEntries(
            Object.entries(fields).map(([n, f]) => [n, new sdk.SchemaTablesValueFieldsValue({ name: n, ...f })]),
          ),
        });
      const merged = await client.generateMergedTable(
        new sdk.GenerateMergedTableRequest({
          body: new sdk.Schema({
            name: 'wide',
            tables: {
              orders: table('orders', true, { order_id: { type: 'INT', primaryKey: true }, buyer_id: { type: 'INT' } }),
              buyers: table('buyers', false, {
                buyer_id: { type: 'INT', primaryKey: true, joinWith: ['orders.buyer_id'] },
                nick: { type: 'TEXT' },
              }),
            },
          }),
        }),
      );
      const result = merged.body!.result!;
      expect(Object.keys((result.mergeTable as { fields: object }).fields)).toEqual(['order_id', 'buyer_id', 'nick']);
      expect(result.fromTable).toEqual({ order_id: 'orders', buyer_id: 'orders', nick: 'buyers' });
      expect(result.primaryKey).toBe('order_id');
      expect(
        await failure(
          client.generateMergedTable(
            new sdk.GenerateMergedTableRequest({
              body: new sdk.Schema({ tables: { a: table('a', false, { x: { type: 'INT' } }) } }),
            }),
          ),
        ),
      ).toBe('400 InvalidParameter');

      const check = (source: Record<string, unknown>) =>
        client.validateDataSources(new sdk.ValidateDataSourcesRequest({ body: new sdk.DataSource(source) }));
      const source = { type: 'rds', tableName: 'orders', keyField: 'order_id', fields: [{ order_id: 'order_id' }] };
      expect((await check(source)).body?.result?.map((r) => r.code)).toEqual(['SUCCEED']);
      const missingKey = (await check({ ...source, keyField: 'id' })).body!.result!;
      expect(missingKey.map((r) => r.code)).toEqual(['FAILED']);
      expect(missingKey[0]!.message).toContain('"id"');
      expect(missingKey[0]!.dataSource?.tableName).toBe('orders');

      const params = JSON.stringify({ instanceId: 'rm-1', dbName: 'shop' });
      const tables = await client.listDataSourceTables('rds', new sdk.ListDataSourceTablesRequest({ params }));
      expect(tables.body?.result).toEqual(expect.arrayContaining([expect.any(String)]));
      const fields = await client.listDataSourceTableFields(
        'rds',
        new sdk.ListDataSourceTableFieldsRequest({ params, rawType: true }),
      );
      expect(Object.keys(fields.body?.result ?? {}).length).toBeGreaterThan(0);
      expect(await failure(client.listDataSourceTables('rds', new sdk.ListDataSourceTablesRequest({})))).toBe(
        '400 InvalidParameter',
      );
    });
  });

  it('every operation of the spec that the SDK has answers it a 2xx or a modelled 4xx, signature accepted; a 400 exactly when the spec requires more than the path', async () => {
    const document = openApiDocument as unknown as Parameters<typeof listOperations>[0];
    const codes = new Set<string>(readErrorCodesOf(document));
    const source = readFileSync(
      createRequire(import.meta.url).resolve('@alicloud/opensearch20171225/dist/client.js'),
      'utf8',
    );
    const results: string[] = [];
    const expectations = new Map<string, string[]>();
    const metas = new Map(operationMetadata(document as never).map((m) => [m.operationId, m]));
    const wire = sdkOperations();
    for (const op of listOperations(document)) {
      const action = op.extensions['x-acs-action'] as string;
      const method = `${action[0]!.toLowerCase()}${action.slice(1)}`;
      const signature = new RegExp(`\\n {4}async ${method}\\(([^)]*)\\)`).exec(source);
      // An operation the SDK does not have (a maintainer's new one) has nothing to call here.
      if (!signature) continue;
      const names = signature![1]!
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean);
      const Request = (sdk as unknown as Record<string, new (map?: Record<string, unknown>) => unknown>)[
        `${action}Request`
      ];
      const args = names.map((name) =>
        name === 'request' ? (Request ? new Request({}) : {}) : String(exampleOf(document, name)),
      );
      const call = (client as unknown as Record<string, (...a: unknown[]) => Promise<{ statusCode?: number }>>)[
        method
      ]!;
      const outcome = await call.apply(client, args).then(
        (r) => `${r.statusCode}`,
        (e: { statusCode?: number; code?: string; message?: string; data?: { Message?: string } }) =>
          `${e.statusCode} ${e.code ?? e.message} ${e.data?.Message ?? ''}`,
      );
      // What an empty request lacks, by the spec: required query or header parameters, and a
      // required body when the SDK sends none (it sends `{}` for an operation whose body it builds
      // field by field), or the body's required fields.
      const meta = metas.get(op.operationId)!;
      const sendsBody = (wire.get(action)?.bodyFields.length ?? 0) > 0;
      // A body in either casing (anyOf) requires what its first form requires.
      const form = meta.body?.anyOf?.[0]?.fields ?? meta.body?.fields ?? {};
      const fields = Object.entries(form).filter(([, f]) => f.required);
      const lacks = [
        ...op.parameters.filter((p) => p.required && p.in !== 'path').map((p) => p.name),
        ...(meta.body?.required && !sendsBody ? ['body'] : []),
        ...(meta.body?.required || sendsBody ? fields.map(([name]) => `body.${name}`) : []),
      ];
      results.push(`${action} ${outcome}`);
      expectations.set(action, lacks);
    }
    for (const line of results) {
      const [, action, status, code, message] = /^(\S+) (\S+) ?(\S*) ?(.*)$/.exec(line)!;
      expect(line).not.toMatch(/InvalidAction\.NotFound|Signature|InvalidAccessKeyId|Forbidden/);
      const lacks = expectations.get(action!)!;
      // Sent with nothing but its path: validation refuses it exactly when the spec requires more,
      // and says what is missing. Any other answer is a 2xx or a modelled 4xx of its behaviour.
      // (A 404 may come first: the item or app group it acts on does not exist.)
      if (lacks.length > 0 && status !== '404') {
        expect(`${status} ${code}`, `${line}: the spec requires ${lacks.join(', ')}`).toBe('400 InvalidParameter');
        expect(
          lacks.some((name) => message!.startsWith(`The parameter ${name}`)),
          `${line}: the 400 names what is missing (${lacks.join(', ')})`,
        ).toBe(true);
      } else if (!/^2\d\d$/.test(status!)) {
        expect(status, line).toMatch(/^4\d\d$/);
        expect(codes.has(code!), `${line}: a modelled error code`).toBe(true);
        // A refusal of its behaviour (a state an action needs) is fine; a validation refusal is not.
        expect(message, `${line}: a 400 that validation does not expect`).not.toMatch(/^The parameter /);
      }
    }
    expect(results.length).toBeGreaterThan(0);
  });
});

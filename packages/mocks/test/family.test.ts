// The function-instance family and ListAppGroups, end to end through the client: every operation
// acts on one store (create, list, get, update, delete; tasks nested under their instance; versions
// under their function; the app groups the store holds), through MSW and through the mock server.
import { createOpenSearchClient, type OpenSearchClient, type OpenSearchError } from '@acs-opensearch/client';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers, makeFunctionInstance } from '../src/index.js';
import { startMockServer } from '../src/node.js';

const key = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const open = createOpenSearchHandlers({ baseUrl: 'https://family.example', verifySignature: key });
const shops = createOpenSearchHandlers({
  baseUrl: 'https://shops.example',
  appGroups: {
    shop_a: [makeFunctionInstance({ instanceName: 'a1', functionName: 'ctr', source: 'user' })],
    shop_b: [],
    shop_c: [],
  },
});
const pascal = createOpenSearchHandlers({ baseUrl: 'https://pascal.example', casing: 'pascal' });
const server = setupServer(...open.handlers, ...shops.handlers, ...pascal.handlers);
// The mock server's own loopback address is real HTTP: MSW lets it through; anything else is an error.
beforeAll(() =>
  server.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  }),
);
afterEach(() => {
  for (const m of [open, shops, pascal]) m.controller.reset();
});
afterAll(() => server.close());

const clientFor = (endpoint: string) => createOpenSearchClient({ endpoint, credentials: key, retry: false });
const where = { appGroupIdentity: 'my_app', functionName: 'ctr' };
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error as OpenSearchError,
  );

/** The lifecycle a user walks through, against any endpoint the client can reach. */
async function lifecycle(client: OpenSearchClient) {
  const name = 'lifecycle_model';
  await client.createFunctionInstance({ ...where, body: { instanceName: name, modelType: 'tf_checkpoint', cron: '' } });
  const listed = await client.listFunctionInstances({ ...where, pageSize: 100 });
  expect(listed.result.map((i) => i.instanceName)).toContain(name);
  expect((await client.getFunctionInstance({ ...where, instanceName: name })).result).toMatchObject({
    instanceName: name,
    functionName: 'ctr',
    modelType: 'tf_checkpoint',
    source: 'user',
  });
  await client.updateFunctionInstance({ ...where, instanceName: name, body: { description: 'retrained weekly' } });
  expect((await client.getFunctionInstance({ ...where, instanceName: name })).result.description).toBe(
    'retrained weekly',
  );
  // A new instance has no training tasks; two started ones page one by one.
  expect((await client.listFunctionTasks({ ...where, instanceName: name })).totalCount).toBe(0);
  await client.createFunctionTask({ ...where, instanceName: name });
  await client.createFunctionTask({ ...where, instanceName: name });
  const pages = [];
  for await (const page of client.paginateFunctionTasks({ ...where, instanceName: name, pageSize: 1 }))
    pages.push(page);
  expect(pages.length).toBeGreaterThan(1);
  expect(pages.every((p) => p.result.length === 1 && p.result[0]!.functionName === 'ctr')).toBe(true);
  await client.deleteFunctionInstance({ ...where, instanceName: name });
  const gone = await failure(client.getFunctionInstance({ ...where, instanceName: name }));
  expect(gone).toMatchObject({ status: 404, code: 'Instance.NotExist' });
  const groups = await client.listAppGroups();
  expect(groups.result.map((g) => g.name)).toContain('my_app');
}

describe('the lifecycle, through the client', () => {
  it('through MSW, with every request signed and verified', async () => {
    await lifecycle(clientFor('https://family.example'));
    const actions = open.controller.requests.map((r) => r.operationId);
    expect(new Set(actions)).toEqual(
      new Set([
        'createFunctionInstance',
        'listFunctionInstances',
        'getFunctionInstance',
        'updateFunctionInstance',
        'listFunctionTasks',
        'createFunctionTask',
        'deleteFunctionInstance',
        'listAppGroups',
      ]),
    );
  });

  it('through the mock server over HTTP, with every request signed and verified', async () => {
    const mockServer = await startMockServer({ verifySignature: key });
    try {
      await lifecycle(clientFor(mockServer.url));
    } finally {
      await mockServer.close();
    }
  });
});

describe('tasks are nested under their instance', () => {
  const client = clientFor('https://family.example');
  const task = { ...where, instanceName: 'ctr_test' };

  it('a bad parameter is a 400 before the missing instance is a 404', async () => {
    const url = 'https://shops.example/v4/openapi/app-groups/shop_a/functions/ctr/instances/no_such_instance/tasks';
    const bad = await fetch(`${url}?status=done`);
    expect(bad.status).toBe(400);
    const data = await bad.json();
    expect(data.message ?? data.Message).toContain('status');
    expect((await fetch(`${url}?status=failed`)).status).toBe(404);
  });

  it('a missing or deleted instance is 404, never the example', async () => {
    expect(await failure(client.listFunctionTasks({ ...where, instanceName: 'no_such_instance' }))).toMatchObject({
      status: 404,
      code: 'Instance.NotExist',
    });
    await client.createFunctionInstance({ ...where, body: { instanceName: 'short_lived', modelType: 'm' } });
    // Created through the API, it starts with no tasks: an empty list, not a 404 and not the example.
    expect((await client.listFunctionTasks({ ...where, instanceName: 'short_lived' })).totalCount).toBe(0);
    await client.deleteFunctionInstance({ ...where, instanceName: 'short_lived' });
    expect(await failure(client.listFunctionTasks({ ...where, instanceName: 'short_lived' }))).toMatchObject({
      status: 404,
    });
  });

  it('are scoped by app group: an unknown app group is 404', async () => {
    const scoped = clientFor('https://shops.example');
    expect(
      (await scoped.listFunctionTasks({ appGroupIdentity: 'shop_a', functionName: 'ctr', instanceName: 'a1' }))
        .totalCount,
    ).toBeGreaterThan(0);
    expect(
      await failure(scoped.listFunctionTasks({ appGroupIdentity: 'nowhere', functionName: 'ctr', instanceName: 'a1' })),
    ).toMatchObject({ status: 404 });
    expect(
      await failure(scoped.listFunctionTasks({ appGroupIdentity: 'shop_b', functionName: 'ctr', instanceName: 'a1' })),
    ).toMatchObject({ status: 404 });
  });

  it('startTime and endTime bound a range; status is a filter; paging counts what matches', async () => {
    const all = (await client.listFunctionTasks({ ...task, pageSize: 100 })).result;
    expect(all.length).toBeGreaterThan(1);
    const starts = all.map((t) => t.startTime!).sort((a, b) => a - b);
    const from = starts[1]!;
    const after = await client.listFunctionTasks({ ...task, startTime: from, pageSize: 100 });
    expect(after.result.every((t) => t.startTime! >= from)).toBe(true);
    expect(after.totalCount).toBe(starts.filter((s) => s >= from).length);
    const before = await client.listFunctionTasks({ ...task, endTime: from - 1, pageSize: 100 });
    expect(before.result.every((t) => t.startTime! < from)).toBe(true);
    expect(before.totalCount).toBe(starts.filter((s) => s < from).length);
    const status = all[0]!.status! as 'success' | 'failed' | 'running';
    const same = await client.listFunctionTasks({ ...task, status, pageSize: 100 });
    expect(same.result.length).toBe(all.filter((t) => t.status === status).length);
    const unused = (['success', 'failed', 'running'] as const).find((s) => !all.some((t) => t.status === s));
    if (unused) expect((await client.listFunctionTasks({ ...task, status: unused })).totalCount).toBe(0);
    const page2 = await client.listFunctionTasks({ ...task, pageSize: 1, pageNumber: 2 });
    expect(page2.result[0]!.runId).toBe(all[1]!.runId);
    expect(page2.totalCount).toBe(all.length);
  });
});

describe('versions belong to their function', () => {
  const client = clientFor('https://family.example');

  it('the answer is about the function and the version asked for; an unknown version is 404', async () => {
    const current = await client.getFunctionCurrentVersion({ functionName: 'rank_v2', modelType: 'tf_checkpoint' });
    expect(current.result.functionName).toBe('rank_v2');
    const versionId = String(current.result.versionId);
    const one = await client.getFunctionVersion({ functionName: 'rank_v2', versionId });
    expect(one.result).toMatchObject({ functionName: 'rank_v2', versionId: current.result.versionId });
    const missing = await failure(client.getFunctionVersion({ functionName: 'rank_v2', versionId: '987654321' }));
    expect(missing).toMatchObject({ status: 404, code: 'Version.NotExist' });
  });

  it('the current version follows the filters that name a version field, and is 404 when none matches', async () => {
    const current = await client.getFunctionCurrentVersion({ functionName: 'ctr', modelType: 'tf_checkpoint' });
    const same = await client.getFunctionCurrentVersion({ functionName: 'ctr', modelType: current.result.modelType! });
    expect(same.result.versionId).toBe(current.result.versionId);
    expect(
      await failure(client.getFunctionCurrentVersion({ functionName: 'ctr', modelType: 'no_such_model' })),
    ).toMatchObject({ status: 404, code: 'Version.NotExist' });
  });
});

describe('ListAppGroups lists the app groups the store holds', () => {
  const client = clientFor('https://shops.example');

  it('exactly the app groups given, with paging and a name filter', async () => {
    const all = await client.listAppGroups({ pageSize: 100 });
    expect(all.result.map((g) => g.name)).toEqual(['shop_a', 'shop_b', 'shop_c']);
    expect(all.totalCount).toBe(3);
    const page = await client.listAppGroups({ pageSize: 2, pageNumber: 2 });
    expect(page.result.map((g) => g.name)).toEqual(['shop_c']);
    expect(page.totalCount).toBe(3);
    expect((await client.listAppGroups({ name: 'shop_b' })).result.map((g) => g.name)).toEqual(['shop_b']);
    shops.controller.remove('shop_b');
    expect((await client.listAppGroups()).result.map((g) => g.name)).toEqual(['shop_a', 'shop_c']);
  });

  it('tags are sent as JSON and filter: every tag given must be on the app group', async () => {
    const defaults = clientFor('https://family.example');
    const all = (await defaults.listAppGroups()).result;
    const tagged = all.find((g) => g.tags?.length);
    expect(tagged, 'the default data has a tagged app group').toBeDefined();
    const tags = tagged!.tags!;
    const found = await defaults.listAppGroups({ tags });
    expect(found.result.map((g) => g.name)).toContain(tagged!.name);
    expect((await defaults.listAppGroups({ tags: [{ key: 'no-such-key', value: 'x' }] })).totalCount).toBe(0);
    const sent = open.controller.requests.filter((r) => r.operationId === 'listAppGroups').at(-1)!;
    expect(new URL(sent.url).searchParams.get('tags')).toBe('[{"key":"no-such-key","value":"x"}]');
  });
});

describe('strict requests', () => {
  it('JSON body values are never coerced: 5 is not "5", true is not "true"', async () => {
    const url = 'https://shops.example/v4/openapi/app-groups/shop_a/functions/ctr/instances';
    for (const body of [
      { instanceName: 'n', modelType: 5 },
      { instanceName: 'n', modelType: 'm', description: true },
    ]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    expect(shops.controller.instances('shop_a', 'ctr', { source: 'all' }).map((i) => i.instanceName)).toEqual(['a1']);
  });

  it('x-acs-action is checked whenever present, even without verifySignature', async () => {
    const url = 'https://shops.example/v4/openapi/app-groups/shop_a/functions/ctr/instances/a1';
    const wrong = await fetch(url, { method: 'DELETE', headers: { 'x-acs-action': 'GetFunctionInstance' } });
    expect(wrong.status).toBe(404);
    expect((await wrong.json()).Code).toBe('InvalidAction.NotFound');
    expect(shops.controller.instances('shop_a', 'ctr').map((i) => i.instanceName)).toEqual(['a1']);
    const right = await fetch(url, { method: 'DELETE', headers: { 'x-acs-action': 'DeleteFunctionInstance' } });
    expect(right.status).toBe(200);
  });
});

describe("casing: 'pascal' follows each operation's spec", () => {
  it('PascalCase where the spec has a PascalCase twin, camelCase where it does not', async () => {
    const base = 'https://pascal.example/v4/openapi';
    const instance = await (await fetch(`${base}/app-groups/my_app/functions/ctr/instances/ctr_test`)).json();
    expect(instance.Result.InstanceName).toBe('ctr_test');
    const tasks = await (await fetch(`${base}/app-groups/my_app/functions/ctr/instances/ctr_test/tasks`)).json();
    expect(tasks.Result[0].RunId).toEqual(expect.any(String));
    const answer = await fetch(`${base}/app-groups`);
    expect(Date.parse(answer.headers.get('date') ?? ''), 'MSW answers carry Date too').toBeGreaterThan(0);
    const groups = await answer.json();
    expect(groups.result[0].name).toEqual(expect.any(String));
    expect(groups.Result).toBeUndefined();
  });
});

describe('each operation names its own RAM action and error codes', () => {
  it("a mocked Forbidden.RAM names the operation's RAM action, from the spec's x-acs-ram", async () => {
    server.use(open.mock.error('Forbidden.RAM', { once: true }), open.mock.error('Forbidden.RAM', { once: true }));
    const client = clientFor('https://family.example');
    const create = await failure(
      client.createFunctionInstance({ ...where, body: { instanceName: 'x', modelType: 'm' } }),
    );
    expect(create).toMatchObject({ status: 403, code: 'Forbidden.RAM' });
    expect(create.message).toContain('opensearch:WriteFunction');
    const groups = await failure(client.listAppGroups());
    expect(groups.message).toContain('opensearch:ListAppGroup');
  });
});

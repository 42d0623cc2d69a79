// A strict TypeScript consumer: compiled under moduleResolution "bundler" and "node16", and bundled
// for the browser. The @ts-expect-error lines prove that mistakes fail to compile.
import {
  createOpenSearchClient,
  type FunctionInstance,
  type ListFunctionInstancesParams,
  type ListFunctionInstancesResponse,
  OpenSearchError,
} from '@acs-opensearch/client';
import {
  createOpenSearchCore,
  getFunctionInstance,
  listFunctionInstances,
  paginateFunctionInstances,
} from '@acs-opensearch/client/operations';
import { signRequest } from '@acs-opensearch/client/signing';
import { createOpenSearchHandlers, handlers, makeFunctionInstance } from '@acs-opensearch/mocks';

const LIST = '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances';

export const client = createOpenSearchClient({
  regionId: 'cn-shanghai',
  credentials: async () => ({ accessKeyId: 'a', accessKeySecret: 'b', securityToken: 'c' }),
});

export async function firstNames(): Promise<string[]> {
  const page: ListFunctionInstancesResponse = await client.listFunctionInstances({
    appGroupIdentity: 'app',
    functionName: 'ctr',
    source: 'all',
    output: 'simple',
  });
  const names = page.result.map((i: FunctionInstance) => i.instanceName);
  const { data } = await client.GET('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', {
    params: { path: { appGroupIdentity: 'app', functionName: 'ctr' }, query: { pageSize: 5 } },
  });
  return [...names, ...(data?.result.map((i) => i.instanceName) ?? [])];
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error 'everything' is not a valid source
  await client.listFunctionInstances({ appGroupIdentity: 'app', functionName: 'ctr', source: 'everything' });
  // @ts-expect-error functionName is required
  await client.listFunctionInstances({ appGroupIdentity: 'app' });
  const page = await client.listFunctionInstances({ appGroupIdentity: 'app', functionName: 'ctr' });
  // @ts-expect-error totalCont is not a response field
  void page.totalCont;
  // @ts-expect-error instanceNmae is not an instance field
  void page.result[0]?.instanceNmae;
  const path = { appGroupIdentity: 'a', functionName: 'b' };
  // @ts-expect-error output 'verbose' is not valid in client.GET either
  await client.GET(LIST, { params: { path, query: { output: 'verbose' } } });
  // @ts-expect-error a path no API has does not compile
  await client.GET('/v4/openapi/__acs-opensearch-test__/no-such-path', {});
  // @ts-expect-error pageSzie is not a parameter of the generated method
  await client.listFunctionInstances({ ...path, pageSzie: 3 });
}

/** The generated names of an operation, and the signing subpath, as a user imports them. */
export async function generatedNames(params: ListFunctionInstancesParams): Promise<string> {
  const signed = await signRequest(
    { method: 'GET', url: 'https://h.example/p' },
    { credentials: { accessKeyId: 'a', accessKeySecret: 'b' }, action: 'ListFunctionInstances', version: '2017-12-25' },
  );
  for await (const page of client.paginateFunctionInstances({ ...params, maxPages: 2 }))
    return page.requestId + signed.signature;
  return signed.signature;
}

export function mocks() {
  const { controller, mock } = createOpenSearchHandlers({
    seed: 3,
    appGroups: { app: [makeFunctionInstance({ functionName: 'ctr' })] },
  });
  const overrides = [
    mock.respond('listFunctionInstances', 200, { requestId: 'r', totalCount: 0, result: [] }),
    mock.error('Throttling.User'),
  ];
  // @ts-expect-error the 200 body needs a result list
  mock.respond('listFunctionInstances', 200, { requestId: 'r', result: 'none' });
  // @ts-expect-error a misspelled error code does not compile
  mock.error('Instance.NotExsit');
  return handlers.length + overrides.length + controller.requests.length;
}

export function isThrottled(error: unknown): boolean {
  return error instanceof OpenSearchError && error.kind === 'throttling';
}

/** The per-operation form: a core client and one function per operation, typed like the methods. */
export async function perOperation(): Promise<string[]> {
  const core = createOpenSearchCore({ credentials: { accessKeyId: 'a', accessKeySecret: 'b' } });
  const page: ListFunctionInstancesResponse = await listFunctionInstances(core, {
    appGroupIdentity: 'app',
    functionName: 'ctr',
  });
  const one = await getFunctionInstance(core, { appGroupIdentity: 'app', functionName: 'ctr', instanceName: 'x' });
  const names: string[] = [one.result.instanceName];
  for await (const p of paginateFunctionInstances(core, { appGroupIdentity: 'app', functionName: 'ctr', maxPages: 2 }))
    names.push(...p.result.map((i) => i.instanceName));
  // @ts-expect-error functionName is required
  await listFunctionInstances(core, { appGroupIdentity: 'app' });
  // @ts-expect-error the client comes first
  await listFunctionInstances({ appGroupIdentity: 'app', functionName: 'ctr' });
  return [...names, String(page.totalCount)];
}

/** The application API's types, as a search page uses them. */
export async function searchTypes(): Promise<string> {
  const { createSearchClient, buildSearchQuery } = await import('@acs-opensearch/client/search');
  const shop = createSearchClient({
    endpoint: 'http://x',
    appName: 'shop',
    credentials: { accessKeyId: 'a', accessKeySecret: 'b' },
  });
  const page = await shop.search<{ id: string; price: number }>({
    query: { query: { index: 'default', term: 'x' }, sort: [{ field: 'price', order: 'asc' }] },
  });
  const price: number = page.result.items[0]?.fields.price ?? 0;
  // @ts-expect-error a sort order is asc or desc
  buildSearchQuery({ query: 'x', sort: [{ field: 'price', order: 'up' }] });
  const report = await shop.push('main', [{ cmd: 'add', fields: { id: '1' } }]);
  // @ts-expect-error a push command is add, update or delete
  await shop.push('main', [{ cmd: 'upsert', fields: {} }]);
  return `${price}${report.pushed}`;
}

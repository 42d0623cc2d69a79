// Type probe of the temporary copy's client, after two operations were added to the spec.
import {
  type CreateFunctionInstanceParams,
  createOpenSearchClient,
  type GetFunctionInstanceResponse,
} from '../src/index.js';

const client = createOpenSearchClient({ credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } });
const path = { appGroupIdentity: 'app', functionName: 'ctr' };

export async function probe() {
  const got: GetFunctionInstanceResponse = await client.getFunctionInstance({
    ...path,
    instanceName: 'i',
    output: 'simple',
  });
  const name: string = got.result.instanceName;
  const params: CreateFunctionInstanceParams = { ...path, body: { instanceName: 'new', modelType: 'tf_checkpoint' } };
  const created = await client.createFunctionInstance(params);
  const requestId: string = created.requestId;
  const raw = await client.GET(
    '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances/{instanceName}',
    {
      params: { path: { ...path, instanceName: 'i' } },
    },
  );
  const rawName: string | undefined = raw.data?.result.instanceName;
  await client.POST('/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances', {
    params: { path },
    body: { instanceName: 'new', modelType: 'x' },
  });

  // @ts-expect-error a missing path value does not compile
  await client.getFunctionInstance({ ...path });
  // @ts-expect-error a wrong body field type does not compile
  await client.createFunctionInstance({ ...path, body: { instanceName: 1, modelType: 'x' } });
  // @ts-expect-error an unknown body field in an object literal does not compile
  await client.createFunctionInstance({ ...path, body: { instanceName: 'n', modelType: 'x', colour: 'red' } });
  const LIST = '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances';
  // @ts-expect-error the raw POST checks its body too: instanceName is required
  await client.POST(LIST, { params: { path }, body: { modelType: 'x' } });
  // The PascalCase twin is narrowed away: the 2xx body is camelCase only.
  // @ts-expect-error RequestId is not on the camelCase body
  void got.RequestId;
  return [name, requestId, rawName];
}

// Type probe of the temporary copy's client, after the synthetic widget operations were added to the spec.
import { type CreateAcsTestWidgetParams, createOpenSearchClient, type GetAcsTestWidgetResponse } from '../src/index.js';

const client = createOpenSearchClient({ credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' } });
const path = { appGroupIdentity: 'app' };
const ITEMS = '/v4/openapi/app-groups/{appGroupIdentity}/acs-test-widgets';

export async function probe() {
  const got: GetAcsTestWidgetResponse = await client.getAcsTestWidget({ ...path, widgetName: 'w1' });
  const name: string = got.result.widgetName;
  const params: CreateAcsTestWidgetParams = { ...path, body: { widgetName: 'new', colour: 'blue' } };
  const created = await client.createAcsTestWidget(params);
  const requestId: string = created.requestId;
  const raw = await client.GET(`${ITEMS}/{widgetName}`, { params: { path: { ...path, widgetName: 'w1' } } });
  const rawName: string | undefined = raw.data?.result.widgetName;
  await client.POST(ITEMS, { params: { path }, body: { widgetName: 'new' } });
  for await (const page of client.paginateAcsTestWidgets({ ...path, colour: 'red', maxPages: 1 })) void page.totalCount;

  // @ts-expect-error a missing path value does not compile
  await client.getAcsTestWidget({ ...path });
  // @ts-expect-error a wrong body field type does not compile
  await client.createAcsTestWidget({ ...path, body: { widgetName: 1 } });
  // @ts-expect-error an unknown body field in an object literal does not compile
  await client.createAcsTestWidget({ ...path, body: { widgetName: 'n', size: 3 } });
  // @ts-expect-error the raw POST checks its body too: widgetName is required
  await client.POST(ITEMS, { params: { path }, body: { colour: 'red' } });
  // @ts-expect-error green is not a colour of the spec
  await client.listAcsTestWidgets({ ...path, colour: 'green' });
  return [name, requestId, rawName];
}

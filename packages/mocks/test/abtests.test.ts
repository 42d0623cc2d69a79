// The A/B tests through our client, against the handlers (MSW) and the mock server, signatures
// verified: scenes, groups and experiments with ids the store gives, scoped to their parent;
// the dividers of an experiment; a scene deleted with all it holds. The client types and checks
// the integer path ids before anything is sent.
import { createOpenSearchClient, type OpenSearchClient, ValidationError } from '@acs-opensearch/client';
import { describe, expect, it } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';
import { startMockServer } from '../src/node.js';
import { serveForFile, statusOf } from './clientLifecycles.js';

const key = { accessKeyId: 'ak', accessKeySecret: 'sk' };
const mock = createOpenSearchHandlers({ baseUrl: 'https://abtests.example', verifySignature: key });
serveForFile(...mock.handlers);

async function lifecycle(client: OpenSearchClient) {
  const app = { appGroupIdentity: 'shop' };
  const scene = (await client.createABTestScene({ ...app, body: { name: 'search_page', values: ['search'] } })).result;
  const sceneId = Number(scene.id);
  expect(Number.isInteger(sceneId)).toBe(true);
  expect((await client.listABTestGroups({ ...app, sceneId })).result).toEqual([]);
  const group = (await client.createABTestGroup({ ...app, sceneId, body: { name: 'ranking' } })).result;
  const groupId = Number(group.id);
  const at = { ...app, sceneId, groupId };
  const experiment = (
    await client.createABTestExperiment({ ...at, body: { name: 'f2', traffic: 20, params: { formulaName: 'f2' } } })
  ).result;
  const experimentId = Number(experiment.id);
  expect((await client.describeABTestExperiment({ ...at, experimentId })).result).toMatchObject({
    name: 'f2',
    traffic: 20,
  });
  await client.updateABTestExperiment({ ...at, experimentId, body: { traffic: 50, online: true } });
  expect((await client.listABTestExperiments(at)).result.map((e) => [e.name, e.traffic, e.online])).toEqual([
    ['f2', 50, true],
  ]);
  expect((await client.listABTestFixedFlowDividers({ ...at, experimentId })).result).toEqual([]);
  await client.updateABTestFixedFlowDividers({ ...at, experimentId, body: ['u1'] });
  expect((await client.listABTestFixedFlowDividers({ ...at, experimentId })).result).toEqual(['u1']);
  // Under another scene, the same group id is not found.
  const other = Number((await client.createABTestScene({ ...app, body: { name: 'other' } })).result.id);
  expect(await statusOf(client.describeABTestGroup({ ...app, sceneId: other, groupId }))).toBe(404);
  await client.deleteABTestScene({ ...app, sceneId });
  expect(await statusOf(client.describeABTestScene({ ...app, sceneId }))).toBe(404);
  expect(await statusOf(client.describeABTestGroup({ ...app, sceneId, groupId }))).toBe(404);
  expect(await statusOf(client.describeABTestExperiment({ ...at, experimentId }))).toBe(404);
  expect(await statusOf(client.listABTestFixedFlowDividers({ ...at, experimentId }))).toBe(404);
}

describe('A/B tests through the client', () => {
  it('through MSW, every request signed and verified', async () => {
    await lifecycle(createOpenSearchClient({ endpoint: 'https://abtests.example', credentials: key, retry: false }));
  });

  it('through the mock server over HTTP', async () => {
    const running = await startMockServer({ verifySignature: key });
    try {
      await lifecycle(createOpenSearchClient({ endpoint: running.url, credentials: key, retry: false }));
    } finally {
      await running.close();
    }
  });

  it('an id that is not a positive integer, or traffic over 100, is refused before anything is sent', async () => {
    const client = createOpenSearchClient({ endpoint: 'https://abtests.example', credentials: key });
    const before = mock.controller.requests.length;
    for (const bad of [
      client.describeABTestScene({ appGroupIdentity: 'shop', sceneId: 'x' as never }),
      client.describeABTestScene({ appGroupIdentity: 'shop', sceneId: 1.5 }),
      client.describeABTestScene({ appGroupIdentity: 'shop', sceneId: 0 }),
      client.createABTestExperiment({
        appGroupIdentity: 'shop',
        sceneId: 1,
        groupId: 1,
        body: { name: 'x', traffic: 101 },
      }),
      client.createABTestScene({ appGroupIdentity: 'shop', body: {} as never }),
    ])
      await expect(bad).rejects.toBeInstanceOf(ValidationError);
    expect(mock.controller.requests.length).toBe(before);
  });
});

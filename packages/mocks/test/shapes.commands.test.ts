// The shapes of search tuning, as a user of the mocks sees them, on the synthetic spec
// (fixtures/shapes.ts): bulk commands on nested entries, files saved inside an item (under a path
// that names the item's parameter otherwise), reads computed from the store, actions that need a
// state first, and a singleton moved by actions. Nothing here names a real operation.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';
import { shapesDocument } from './fixtures/shapes.js';

const mock = createOpenSearchHandlers({ document: shapesDocument as never, baseUrl: 'https://commands.example' });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.controller.reset());
afterAll(() => server.close());

const GADGET = '/v4/openapi/shelves/main/gadgets/g1';
async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(`https://commands.example${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here, as a user's test would.
  return { status: response.status, data: (text ? JSON.parse(text) : undefined) as any };
}
const terms = async (path = GADGET) =>
  ((await call('GET', `${path}/words?pageSize=100`)).data.result as Array<{ term: string }>).map((w) => w.term).sort();

describe('bulk commands on nested entries', () => {
  it('each put or drop is applied in order, and the list shows the result', async () => {
    const pushed = await call('POST', `${GADGET}/words/actions/bulk`, [
      { op: 'put', term: 'alpha', meaning: 'first' },
      { op: 'put', term: 'beta' },
      { op: 'put', term: 'alpha', meaning: 'again' },
      { op: 'drop', term: 'hello' },
    ]);
    expect(pushed.status).toBe(200);
    expect(await terms()).toEqual(['alpha', 'beta']);
    const listed = await call('GET', `${GADGET}/words?pageSize=100`);
    expect(listed.data.totalCount).toBe(2);
    expect(listed.data.result.find((w: { term: string }) => w.term === 'alpha')).toMatchObject({
      meaning: 'again',
      op: 'put',
    });
    await call('POST', `${GADGET}/words/actions/bulk`, [{ op: 'drop', term: 'alpha' }]);
    expect(await terms()).toEqual(['beta']);
  });

  it('an unknown command is a 400 that names it, and none of the commands is applied', async () => {
    const before = await terms();
    const refused = await call('POST', `${GADGET}/words/actions/bulk`, [
      { op: 'put', term: 'gamma' },
      { op: 'explode', term: 'delta' },
    ]);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.data)).toContain('explode');
    expect(await terms()).toEqual(before);
  });

  it('a dry run checks the commands and writes nothing', async () => {
    const before = await terms();
    expect((await call('POST', `${GADGET}/words/actions/bulk?check=true`, [{ op: 'put', term: 'zeta' }])).status).toBe(
      200,
    );
    expect(await terms()).toEqual(before);
    expect((await call('POST', `${GADGET}/words/actions/bulk?check=true`, [{ op: 'nope', term: 'zeta' }])).status).toBe(
      400,
    );
  });

  it('entries belong to their item: another item has its own, a missing one is a 404, and they go with it', async () => {
    await call('POST', '/v4/openapi/shelves/main/gadgets', { gadgetName: 'lamp' });
    await call('POST', '/v4/openapi/shelves/main/gadgets/lamp/words/actions/bulk', [{ op: 'put', term: 'glow' }]);
    expect(await terms('/v4/openapi/shelves/main/gadgets/lamp')).toEqual(['glow']);
    expect(await terms()).not.toContain('glow');
    expect(
      (await call('POST', `/v4/openapi/shelves/main/gadgets/none/words/actions/bulk`, [{ op: 'put', term: 'x' }]))
        .status,
    ).toBe(404);
    await call('DELETE', '/v4/openapi/shelves/main/gadgets/lamp');
    await call('POST', '/v4/openapi/shelves/main/gadgets', { gadgetName: 'lamp' });
    expect(await terms('/v4/openapi/shelves/main/gadgets/lamp')).toEqual([]);
  });
});

describe('a read computed from the store', () => {
  it('answers the entries whose key occurs in the query, under the answer names, with the rest from the example', async () => {
    await call('POST', `${GADGET}/words/actions/bulk`, [
      { op: 'put', term: 'milk' },
      { op: 'put', term: 'soy' },
      { op: 'put', term: 'tea' },
    ]);
    const found = await call('GET', `${GADGET}/finds?q=${encodeURIComponent('soy milk')}`);
    expect(found.status).toBe(200);
    expect(found.data.result.map((f: { hit: string }) => f.hit).sort()).toEqual(['milk', 'soy']);
    expect(found.data.result[0].kind).toBe('word');
    expect((await call('GET', `${GADGET}/finds?q=coffee`)).data.result).toEqual([]);
  });
});

describe('files inside an item', () => {
  const parts = `${GADGET}/parts`;
  const names = async (gadget = GADGET) =>
    ((await call('GET', `${gadget}/part-names`)).data.result as Array<{ partName: string }>)
      .map((p) => p.partName)
      .sort();
  it('a saved file reads back with its content, is listed by name, and is gone after a delete', async () => {
    const before = await names();
    expect((await call('GET', `${parts}/main.src`)).status).toBe(404);
    expect((await call('PUT', `${parts}/main.src`, { content: 'YQ==', revision: 1 })).status).toBe(200);
    expect((await call('GET', `${parts}/main.src`)).data.result).toMatchObject({
      partName: 'main.src',
      content: 'YQ==',
      revision: 1,
      kind: 'plain',
    });
    await call('PUT', `${parts}/main.src`, { content: 'Yg==', revision: 2 });
    await call('PUT', `${parts}/util.src`, { content: 'Yw==' });
    expect((await call('GET', `${parts}/main.src`)).data.result).toMatchObject({ content: 'Yg==', revision: 2 });
    expect(await names()).toEqual([...before, 'main.src', 'util.src'].sort());
    await call('DELETE', `${parts}/util.src`);
    expect((await call('GET', `${parts}/util.src`)).status).toBe(404);
    expect(await names()).toEqual([...before, 'main.src'].sort());
  });

  it('saving a file applies its declared effect to the item it is inside', async () => {
    await call('PUT', `${parts}/main.src`, { content: 'YQ==' });
    expect((await call('GET', `${GADGET}?view=detail`)).data.result.status).toBe('dirty');
  });

  it('a file is refused, with the declared error, while the item it is inside is not in a state that takes one', async () => {
    await call('POST', `${GADGET}/actions/polish`);
    await call('POST', `${GADGET}/actions/ship`);
    const refused = await call('PUT', `${parts}/late.src`, { content: 'YQ==' });
    expect(refused.status).toBe(400);
    expect(refused.data.code).toBe('NotReady');
    expect((await call('GET', `${parts}/late.src`)).status).toBe(404);
    expect((await call('GET', `${GADGET}?view=detail`)).data.result.status).toBe('shipped');
  });

  it('files need their item, and go with it', async () => {
    expect((await call('PUT', '/v4/openapi/shelves/main/gadgets/none/parts/a', { content: 'YQ==' })).status).toBe(404);
    await call('POST', '/v4/openapi/shelves/main/gadgets', { gadgetName: 'lamp' });
    await call('PUT', '/v4/openapi/shelves/main/gadgets/lamp/parts/a', { content: 'YQ==' });
    await call('DELETE', '/v4/openapi/shelves/main/gadgets/lamp');
    await call('POST', '/v4/openapi/shelves/main/gadgets', { gadgetName: 'lamp' });
    expect((await call('GET', '/v4/openapi/shelves/main/gadgets/lamp/parts/a')).status).toBe(404);
    expect(await names('/v4/openapi/shelves/main/gadgets/lamp')).toEqual([]);
  });

  it('a file without its required content is a 400 and nothing is saved', async () => {
    expect((await call('PUT', `${parts}/bad.src`, { revision: 3 })).status).toBe(400);
    expect((await call('GET', `${parts}/bad.src`)).status).toBe(404);
  });
});

describe('actions that move an item or a singleton through states', () => {
  it('an action that needs a state answers the declared error until the item has it, then applies its effect', async () => {
    const early = await call('POST', `${GADGET}/actions/ship`);
    expect(early.status).toBe(400);
    expect(early.data.code).toBe('NotReady');
    expect(early.data.message).toContain('polished');
    expect((await call('GET', `${GADGET}?view=detail`)).data.result.status).not.toBe('shipped');
    await call('POST', `${GADGET}/actions/polish`);
    expect((await call('POST', `${GADGET}/actions/ship`)).status).toBe(200);
    expect((await call('GET', `${GADGET}?view=detail`)).data.result.status).toBe('shipped');
  });

  it('actions on a singleton change what its GET answers, per parent, and check their state first', async () => {
    const alarm = '/v4/openapi/shelves/main/alarm';
    expect((await call('GET', alarm)).data.result.state).toBe('idle');
    expect((await call('POST', `${alarm}/actions/ring`)).data.code).toBe('NotReady');
    await call('POST', `${alarm}/actions/arm`);
    expect((await call('GET', alarm)).data.result.state).toBe('armed');
    await call('POST', '/v4/openapi/shelves', { shelfName: 'other' });
    expect((await call('GET', '/v4/openapi/shelves/other/alarm')).data.result.state).toBe('idle');
    expect((await call('POST', `${alarm}/actions/ring`)).status).toBe(200);
    expect((await call('GET', alarm)).data.result.state).toBe('rung');
    await call('POST', '/v4/openapi/shelves/other/alarm/actions/arm');
    await call('DELETE', '/v4/openapi/shelves/other');
    expect((await call('POST', '/v4/openapi/shelves/other/alarm/actions/arm')).status).toBe(404);
    await call('POST', '/v4/openapi/shelves', { shelfName: 'other' });
    expect((await call('GET', '/v4/openapi/shelves/other/alarm')).data.result.state).toBe('idle');
  });
});

describe('a list filter with coded values', () => {
  it('each code stands for a value of the field, and the code for all sets no filter', async () => {
    await call('POST', '/v4/openapi/shelves/main/gadgets', { gadgetName: 'lamp' });
    await call('POST', `${GADGET}/actions/polish`);
    const names = async (state: number) =>
      (
        (await call('GET', `/v4/openapi/shelves/main/gadgets?pageSize=100&state=${state}`)).data.result as Array<{
          gadgetName: string;
        }>
      )
        .map((g) => g.gadgetName)
        .sort();
    expect(await names(1)).toEqual(['g1']);
    expect(await names(2)).toEqual(['lamp']);
    expect(await names(0)).toEqual(['g1', 'lamp']);
    expect((await call('GET', '/v4/openapi/shelves/main/gadgets?state=3')).status).toBe(400);
  });
});

// Every resource shape of the API, as a user of the mocks sees it, on a synthetic spec whose names
// match nothing in the real one (fixtures/shapes.ts): the behaviour comes from the shapes alone.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';
import { shapesDocument } from './fixtures/shapes.js';

const mock = createOpenSearchHandlers({ document: shapesDocument as never, baseUrl: 'https://shapes.example' });
const slow = createOpenSearchHandlers({
  document: shapesDocument as never,
  baseUrl: 'https://slow.example',
  latencyMs: 40,
});
const server = setupServer(...mock.handlers, ...slow.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mock.controller.reset();
  slow.controller.reset();
});
afterAll(() => server.close());

const ROOT = '/v4/openapi/shelves';
async function call(method: string, path: string, body?: unknown, origin = 'https://shapes.example') {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here, as a user's test would.
  return { status: response.status, data: (text ? JSON.parse(text) : undefined) as any };
}
const gadgets = (shelf = 'main') => `${ROOT}/${shelf}/gadgets`;

describe('output levels come from the spec, for each collection', () => {
  it('each level answers the fields the spec lists for it, and detail answers every field', async () => {
    await call('POST', gadgets(), { gadgetName: 'lamp', colour: 'blue', size: 3, notes: 'desk' });
    const simple = await call('GET', `${gadgets()}/lamp?view=simple`);
    expect(simple.data.result).toEqual({ gadgetName: 'lamp', colour: 'blue' });
    const normal = await call('GET', `${gadgets()}/lamp`);
    expect(Object.keys(normal.data.result).sort()).toEqual(
      ['colour', 'gadgetName', 'size', 'status'].filter((k) => k in normal.data.result).sort(),
    );
    expect(normal.data.result).toMatchObject({ gadgetName: 'lamp', colour: 'blue', size: 3 });
    expect(normal.data.result.notes).toBeUndefined();
    const detail = await call('GET', `${gadgets()}/lamp?view=detail`);
    expect(detail.data.result).toMatchObject({ gadgetName: 'lamp', colour: 'blue', size: 3, notes: 'desk' });
    const listed = await call('GET', `${gadgets()}?view=simple&pageSize=100`);
    for (const item of listed.data.result)
      expect(Object.keys(item).sort()).toEqual(['colour', 'gadgetName'].filter((k) => k in item).sort());
    expect(listed.data.result.every((i: { gadgetName?: string }) => typeof i.gadgetName === 'string')).toBe(true);
  });

  it('a level never drops a field the item schema requires', async () => {
    const document = structuredClone(shapesDocument) as never as {
      paths: Record<string, Record<string, { parameters: Array<Record<string, unknown>> }>>;
    };
    const param = document.paths[`${ROOT}/{shelfName}/gadgets/{gadgetName}`]!.get!.parameters.find(
      (p) => p.name === 'view',
    )!;
    param['x-acs-output-levels'] = { simple: ['colour'] };
    const own = createOpenSearchHandlers({ document: document as never, baseUrl: 'https://levels.example' });
    server.use(...own.handlers);
    const got = await call('GET', `${gadgets()}/g1?view=simple`, undefined, 'https://levels.example');
    expect(got.data.result).toEqual({ gadgetName: 'g1', colour: 'red' });
  });
});

describe('request bodies are read in either casing and stored in the canonical one', () => {
  it('a PascalCase create is stored camelCase; the same key again, in either casing, is a 409', async () => {
    const created = await call('POST', gadgets(), { GadgetName: 'kettle', Colour: 'green', Size: 2 });
    expect(created.status).toBe(200);
    expect(created.data.result).toMatchObject({ gadgetName: 'kettle', colour: 'green', size: 2 });
    const got = await call('GET', `${gadgets()}/kettle?view=detail`);
    expect(got.status).toBe(200);
    expect(got.data.result).toMatchObject({ gadgetName: 'kettle', colour: 'green', size: 2 });
    expect(Object.keys(got.data.result).some((k) => /^[A-Z]/.test(k))).toBe(false);
    expect((await call('POST', gadgets(), { gadgetName: 'kettle' })).status).toBe(409);
    expect((await call('POST', gadgets(), { GadgetName: 'kettle' })).status).toBe(409);
  });

  it('a PascalCase update changes the declared field, and adds no PascalCase twin', async () => {
    await call('PUT', `${gadgets()}/g1`, { Notes: 'moved' });
    const got = await call('GET', `${gadgets()}/g1?view=detail`);
    expect(got.data.result.notes).toBe('moved');
    expect(got.data.result.Notes).toBeUndefined();
  });

  it('a field the schema does not declare is not stored', async () => {
    await call('POST', gadgets(), { gadgetName: 'odd', colour: 'red', smuggled: 'x' });
    const got = await call('GET', `${gadgets()}/odd?view=detail`);
    expect(got.data.result).toMatchObject({ gadgetName: 'odd', colour: 'red' });
    expect(got.data.result.smuggled).toBeUndefined();
  });

  it('a PascalCase body missing a required field is a 400, and nothing is stored', async () => {
    const bad = await call('POST', gadgets(), { Colour: 'green' });
    expect(bad.status).toBe(400);
    const listed = await call('GET', `${gadgets()}?pageSize=100&view=detail`);
    expect(listed.data.result.some((g: { colour?: string }) => g.colour === 'green')).toBe(false);
  });
});

describe('a dry run validates and writes nothing', () => {
  it('create, update and delete with the dry-run flag change nothing; a bad body is still a 400', async () => {
    const created = await call('POST', `${gadgets()}?check=true`, { gadgetName: 'ghost' });
    expect(created.status).toBe(200);
    expect((await call('GET', `${gadgets()}/ghost`)).status).toBe(404);
    expect((await call('POST', `${gadgets()}?check=true`, { size: 0 })).status).toBe(400);
    await call('PUT', `${gadgets()}/g1?check=true`, { colour: 'black' });
    expect((await call('GET', `${gadgets()}/g1`)).data.result.colour).toBe('red');
    expect((await call('DELETE', `${gadgets()}/g1?check=true`)).status).toBe(200);
    expect((await call('GET', `${gadgets()}/g1`)).status).toBe(200);
    await call('PUT', `${gadgets()}/g1/settings?check=true`, { mode: 'manual' });
    expect((await call('GET', `${gadgets()}/g1/settings`)).data.result.mode).toBe('auto');
    expect((await call('POST', `${ROOT}?check=true`, { shelfName: 'ghost_shelf' })).status).toBe(200);
    expect((await call('GET', `${ROOT}/ghost_shelf`)).status).toBe(404);
  });

  it('without the flag, or with it false, the write happens', async () => {
    expect((await call('POST', `${gadgets()}?check=false`, { gadgetName: 'real' })).status).toBe(200);
    expect((await call('GET', `${gadgets()}/real`)).status).toBe(200);
  });
});

describe('a singleton under an item: a PUT changes what the next GET returns', () => {
  it('starts from the spec, keeps each parent its own, and follows its parent', async () => {
    const first = await call('GET', `${gadgets()}/g1/settings`);
    expect(first.status).toBe(200);
    expect(first.data.result).toMatchObject({ mode: 'auto', level: 1 });
    expect((await call('PUT', `${gadgets()}/g1/settings`, { mode: 'manual', level: 3 })).status).toBe(200);
    expect((await call('GET', `${gadgets()}/g1/settings`)).data.result).toMatchObject({ mode: 'manual', level: 3 });
    await call('PUT', `${gadgets()}/g1/settings`, { level: 4 });
    expect((await call('GET', `${gadgets()}/g1/settings`)).data.result).toMatchObject({ mode: 'manual', level: 4 });
    await call('POST', gadgets(), { gadgetName: 'other' });
    expect((await call('GET', `${gadgets()}/other/settings`)).data.result).toMatchObject({ mode: 'auto' });
    expect((await call('PUT', `${gadgets()}/g1/settings`, { mode: 'sideways' })).status).toBe(400);
    expect((await call('GET', `${gadgets()}/nothing/settings`)).status).toBe(404);
    expect((await call('PUT', `${gadgets()}/nothing/settings`, { level: 2 })).status).toBe(404);
  });

  it('goes when its parent goes: a parent made again starts from the spec', async () => {
    await call('POST', gadgets(), { gadgetName: 'temp' });
    await call('PUT', `${gadgets()}/temp/settings`, { mode: 'manual' });
    await call('DELETE', `${gadgets()}/temp`);
    expect((await call('GET', `${gadgets()}/temp/settings`)).status).toBe(404);
    await call('POST', gadgets(), { gadgetName: 'temp' });
    expect((await call('GET', `${gadgets()}/temp/settings`)).data.result.mode).toBe('auto');
  });
});

describe('action endpoints', () => {
  it('apply the effect the spec declares to the item they act on', async () => {
    expect((await call('POST', `${gadgets()}/g1/actions/polish`)).status).toBe(200);
    expect((await call('GET', `${gadgets()}/g1`)).data.result.status).toBe('polished');
    expect((await call('POST', `${gadgets()}/nothing/actions/polish`)).status).toBe(404);
  });

  it('without a declared effect, answer 200 and change nothing', async () => {
    const before = await call('GET', `${ROOT}/main`);
    expect((await call('POST', `${ROOT}/main/actions/dust`)).status).toBe(200);
    expect((await call('GET', `${ROOT}/main`)).data.result).toEqual(before.data.result);
  });
});

describe('identifiers the server assigns', () => {
  it('a create answers the id the store gave; get and delete use it; ids are never reused', async () => {
    const a = await call('POST', `${ROOT}/main/notes`, { text: 'first' });
    const b = await call('POST', `${ROOT}/main/notes`, { text: 'second' });
    expect(a.status).toBe(200);
    expect(Number.isInteger(a.data.result.id)).toBe(true);
    expect(b.data.result.id).not.toBe(a.data.result.id);
    expect((await call('GET', `${ROOT}/main/notes/${b.data.result.id}`)).data.result).toEqual({
      id: b.data.result.id,
      text: 'second',
    });
    expect((await call('DELETE', `${ROOT}/main/notes/${b.data.result.id}`)).status).toBe(200);
    expect((await call('GET', `${ROOT}/main/notes/${b.data.result.id}`)).status).toBe(404);
    const c = await call('POST', `${ROOT}/main/notes`, { text: 'third' });
    expect([a.data.result.id, b.data.result.id]).not.toContain(c.data.result.id);
    const listed = await call('GET', `${ROOT}/main/notes?pageSize=100`);
    const ids = listed.data.result.map((n: { id: number }) => n.id);
    expect(ids).toContain(a.data.result.id);
    expect(ids).toContain(c.data.result.id);
    expect(ids).not.toContain(b.data.result.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('what is under an item the API created', () => {
  it('starts with nothing of the defaults; an item of the defaults keeps its own', async () => {
    const notes = `${ROOT}/main/notes`;
    expect((await call('GET', `${notes}/7/marks`)).data.result.map((m: { markId: string }) => m.markId)).toEqual([
      'm1',
    ]);
    const fresh = (await call('POST', notes, { text: 'new' })).data.result.id;
    expect((await call('GET', `${notes}/${fresh}/marks`)).data.result).toEqual([]);
    expect((await call('GET', `${notes}/${fresh}/marks/m1`)).status).toBe(404);
    await call('POST', `${notes}/${fresh}/marks`, { markId: 'mine' });
    expect((await call('GET', `${notes}/${fresh}/marks`)).data.result).toEqual([{ markId: 'mine' }]);
    expect((await call('GET', `${notes}/7/marks`)).data.result.map((m: { markId: string }) => m.markId)).toEqual([
      'm1',
    ]);
  });
});

describe('a singleton that is a list of values', () => {
  it('starts as the spec says, a PUT replaces it, and it goes with its item', async () => {
    const notes = `${ROOT}/main/notes`;
    const id = (await call('POST', notes, { text: 'stuck' })).data.result.id;
    expect((await call('GET', `${notes}/${id}/stickers`)).data.result).toEqual([]);
    expect((await call('PUT', `${notes}/${id}/stickers`, ['a', 'b'])).data.result).toEqual(['a', 'b']);
    expect((await call('PUT', `${notes}/${id}/stickers`, ['c'])).status).toBe(200);
    expect((await call('GET', `${notes}/${id}/stickers`)).data.result).toEqual(['c']);
    expect((await call('PUT', `${notes}/${id}/stickers`, ['a', 'b', 'c', 'd'])).status).toBe(400);
    expect((await call('PUT', `${notes}/${id}/stickers`, { a: 1 })).status).toBe(400);
    expect((await call('GET', `${notes}/${id}/stickers`)).data.result).toEqual(['c']);
    expect((await call('GET', `${notes}/999/stickers`)).status).toBe(404);
    await call('DELETE', `${notes}/${id}`);
    expect((await call('GET', `${notes}/${id}/stickers`)).status).toBe(404);
  });
});

describe('the scope collection is created and removed like any other, and takes its children with it', () => {
  it('a created scope item is listed and described; a second create is a 409', async () => {
    expect((await call('POST', ROOT, { shelfName: 'attic', floor: 3 })).status).toBe(200);
    expect((await call('GET', `${ROOT}/attic`)).data.result).toMatchObject({ shelfName: 'attic', floor: 3 });
    const listed = await call('GET', `${ROOT}?pageSize=100`);
    expect(listed.data.result.map((s: { shelfName: string }) => s.shelfName)).toContain('attic');
    expect((await call('POST', ROOT, { shelfName: 'attic' })).status).toBe(409);
  });

  it('removing it removes what is under it: items, nested singletons and assigned ids', async () => {
    await call('POST', ROOT, { shelfName: 'attic' });
    await call('POST', gadgets('attic'), { gadgetName: 'box' });
    await call('PUT', `${gadgets('attic')}/box/settings`, { mode: 'manual' });
    const note = await call('POST', `${ROOT}/attic/notes`, { text: 'n' });
    expect((await call('DELETE', `${ROOT}/attic`)).status).toBe(200);
    expect((await call('GET', `${ROOT}/attic`)).status).toBe(404);
    const listed = await call('GET', `${ROOT}?pageSize=100`);
    expect(listed.data.result.map((s: { shelfName: string }) => s.shelfName)).not.toContain('attic');
    expect((await call('GET', gadgets('attic'))).status).toBe(404);
    expect((await call('GET', `${gadgets('attic')}/box`)).status).toBe(404);
    expect((await call('GET', `${ROOT}/attic/notes/${note.data.result.id}`)).status).toBe(404);
    expect((await call('POST', `${ROOT}/attic/actions/dust`)).status).toBe(404);
    await call('POST', ROOT, { shelfName: 'attic' });
    expect((await call('GET', gadgets('attic'))).data.totalCount).toBe(0);
    expect((await call('GET', `${ROOT}/attic/notes`)).data.totalCount).toBe(0);
  });

  it('removing an item removes its nested singletons, not its siblings', async () => {
    await call('POST', gadgets(), { gadgetName: 'keep' });
    await call('PUT', `${gadgets()}/keep/settings`, { mode: 'manual' });
    await call('DELETE', `${gadgets()}/g1`);
    expect((await call('GET', `${gadgets()}/keep/settings`)).data.result.mode).toBe('manual');
  });
});

describe('answers report what really happened', () => {
  it('latency is the configured latencyMs, not the example value, in every kind of answer: the same every run', async () => {
    for (const [method, path] of [
      ['GET', `${gadgets()}/g1`],
      ['POST', `${ROOT}/main/actions/dust`],
      ['GET', `${gadgets()}/g1/settings`],
    ] as const) {
      const fast = await call(method, path);
      expect(fast.data.latency, path).toBe(0);
      const slowed = await call(method, path, undefined, 'https://slow.example');
      expect(slowed.data.latency, path).toBe(40);
    }
  });

  it('with measureLatency, latency is the time the mock took', async () => {
    const measured = createOpenSearchHandlers({
      document: shapesDocument as never,
      baseUrl: 'https://measured.example',
      latencyMs: 40,
      measureLatency: true,
    });
    server.use(...measured.handlers);
    const answer = await call('GET', `${gadgets()}/g1`, undefined, 'https://measured.example');
    expect(answer.data.latency).toBeGreaterThanOrEqual(40);
    expect(() => createOpenSearchHandlers({ measureLatency: 'yes' as never })).toThrow(
      /measureLatency must be a boolean/,
    );
  });

  it('a bad parameter is a 400 even where the parent does not exist', async () => {
    const bad = await call('GET', `${gadgets('nowhere_at_all')}/x?view=sideways`);
    expect(bad.status).toBe(400);
    await call('DELETE', `${ROOT}/main`);
    expect((await call('GET', `${gadgets()}?view=sideways`)).status).toBe(400);
    expect((await call('GET', `${gadgets()}?view=simple`)).status).toBe(404);
  });
});

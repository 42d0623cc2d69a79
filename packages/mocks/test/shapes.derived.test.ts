// Answers computed from the request alone (`x-acs-merge`, `x-acs-checks`), on a synthetic spec:
// the shapes fixture plus a "blend" of boxes and a "vet" of crates, named so that nothing matches
// the real spec. In-process through MSW, and the pure functions behind them.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';
import { checksOf, mergeOf, mergeTables, runChecks, valuesAtPath } from '../src/model/derived.js';
import { shapesDocument } from './fixtures/shapes.js';

type Json = Record<string, unknown>;
const MERGE = { boxes: 'boxes', slots: 'slots', main: 'lead', key: 'pk', join: 'links', answer: 'out' };
const blend = {
  tables: MERGE.boxes,
  fields: MERGE.slots,
  primary: MERGE.main,
  key: MERGE.key,
  join: MERGE.join,
  type: 'kind',
  answer: MERGE.answer,
  merged: 'wide',
  origin: 'whence',
  mergedKey: 'widePk',
};
const vet = {
  answer: 'verdicts',
  echo: { field: 'crate', from: ['kind', 'label'] },
  passed: { code: 'FINE', message: 'all good' },
  failed: 'BAD',
  rules: [
    { present: 'kind' },
    { value: 'pivot', among: 'columns.[].~' },
    { value: 'hooks.*.reads', among: 'columns.[].~' },
  ],
};
const answer = (schema: Json) => ({
  '200': {
    description: 'Done.',
    content: {
      'application/json': {
        schema: { type: 'object', required: ['requestId'], properties: { requestId: { type: 'string' }, ...schema } },
        example: { requestId: 'R' },
      },
    },
  },
  '400': { $ref: '#/components/responses/Error' },
});
const document: Json = structuredClone(shapesDocument);
(document.paths as Json)['/v4/openapi/workbench/actions/blend'] = {
  post: {
    operationId: 'blendBoxes',
    summary: 'blend',
    description: 'A synthetic merge.',
    'x-acs-action': 'BlendBoxes',
    'x-acs-version': '2017-12-25',
    'x-acs-ram': { action: 'shapes:Blend', accessLevel: 'get' },
    'x-acs-merge': blend,
    requestBody: { required: false, content: { 'application/json': { schema: { type: 'object' } } } },
    responses: answer({ out: { type: 'object' } }),
  },
};
(document.paths as Json)['/v4/openapi/workbench/vets'] = {
  post: {
    operationId: 'vetCrate',
    summary: 'vet',
    description: 'A synthetic check.',
    'x-acs-action': 'VetCrate',
    'x-acs-version': '2017-12-25',
    'x-acs-ram': { action: 'shapes:Vet', accessLevel: 'get' },
    'x-acs-checks': vet,
    requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } },
    responses: answer({ verdicts: { type: 'array', items: { type: 'object' } } }),
  },
};

const mock = createOpenSearchHandlers({ document: document as never, baseUrl: 'https://derived.example' });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.controller.reset());
afterAll(() => server.close());

async function post(path: string, body?: unknown) {
  const response = await fetch(`https://derived.example/v4/openapi/workbench/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here, as a user's test would.
  return { status: response.status, data: (await response.json()) as any };
}

const twoBoxes = () => ({
  label: 'combo',
  boxes: {
    left: {
      lead: true,
      slots: { id: { kind: 'INT', pk: true }, name: { kind: 'TEXT' }, right_id: { kind: 'INT' } },
    },
    right: {
      slots: { right_id: { kind: 'INT', pk: true, links: ['left.right_id'] }, colour: { kind: 'LITERAL' } },
    },
  },
});

describe('x-acs-merge: the wide table a join makes', () => {
  it('has both tables’ fields, each once, with the table each came from and the primary key', async () => {
    const { status, data } = await post('actions/blend', twoBoxes());
    expect(status).toBe(200);
    expect(Object.keys(data.out.wide.slots)).toEqual(['id', 'name', 'right_id', 'colour']);
    expect(data.out.whence).toEqual({ id: 'left', name: 'left', right_id: 'left', colour: 'right' });
    expect(data.out.widePk).toBe('id');
    // The joined table's key is a plain field of the wide table; the join list is not carried.
    expect(data.out.wide.slots.colour).toEqual({ name: 'colour', kind: 'LITERAL' });
    expect(data.out.wide.slots.right_id).toEqual({ name: 'right_id', kind: 'INT' });
  });

  it('the wide table follows what is sent, not an example', async () => {
    const body = twoBoxes();
    (body.boxes.right.slots as Json).size = { kind: 'FLOAT' };
    const { data } = await post('actions/blend', body);
    expect(data.out.whence.size).toBe('right');
    expect(data.out.wide.slots.size.name).toBe('size');
  });

  it.each([
    ['no tables', {}, /no tables to merge \(`boxes`\)/],
    ['no primary table', { boxes: { a: { slots: { x: { pk: true } } } } }, /none is/],
    ['two primary tables', { boxes: { a: { lead: true }, b: { lead: true } } }, /a and b are/],
    ['a primary table with no key', { boxes: { a: { lead: true, slots: { x: {} } } } }, /a has no key field/],
    [
      'a join to a field that was not sent',
      { boxes: { a: { lead: true, slots: { x: { pk: true } } }, b: { slots: { y: { links: ['a.nope'] } } } } },
      /b\.y joins "a\.nope"/,
    ],
    [
      'one name with two types',
      { boxes: { a: { lead: true, slots: { x: { pk: true, kind: 'INT' } } }, b: { slots: { x: { kind: 'TEXT' } } } } },
      /x is INT in a and TEXT in b/,
    ],
  ])('refuses %s with a 400 that says why', async (_, body, why) => {
    const { status, data } = await post('actions/blend', body);
    expect(status).toBe(400);
    expect(data.Code).toBe('InvalidParameter');
    expect(data.Message).toMatch(why);
  });

  it('reads its names from the declaration, with defaults', () => {
    expect(mergeOf(undefined)).toBeUndefined();
    expect(mergeOf({})).toMatchObject({ tables: 'tables', fields: 'fields', answer: 'result', join: undefined });
    const spec = mergeOf({ ...blend, join: undefined })!;
    // Without a join field, a same-named field still merges once.
    const out = mergeTables(spec, twoBoxes());
    expect(out.ok && (out.answer.whence as Json).right_id).toBe('left');
  });
});

describe('x-acs-checks: rules a body must pass', () => {
  const good = () => ({
    kind: 'pg',
    label: 'things',
    pivot: 'id',
    columns: [{ id: 'id' }, { tags: 'tags' }],
    hooks: { t: { reads: 'tags' } },
  });

  it('answers one success, echoing the fields it names', async () => {
    const { status, data } = await post('vets', good());
    expect(status).toBe(200);
    expect(data.verdicts).toEqual([{ code: 'FINE', message: 'all good', crate: { kind: 'pg', label: 'things' } }]);
  });

  it('answers one outcome per failed rule, each naming what is wrong', async () => {
    const body: Json = { ...good(), kind: '', pivot: 'uid', hooks: { t: { reads: 'tags' }, u: { reads: 'colour' } } };
    const { data } = await post('vets', body);
    expect(data.verdicts.map((v: Json) => v.code)).toEqual(['BAD', 'BAD', 'BAD']);
    const messages = data.verdicts.map((v: Json) => v.message).join('\n');
    expect(messages).toContain('kind is missing');
    expect(messages).toContain('pivot "uid" is not one of columns.[].~ (id, tags)');
    expect(messages).toContain('hooks.*.reads "colour"');
    expect(messages).not.toContain('"tags" is not');
  });

  it('reads paths through lists, map values and map keys', () => {
    const value = { a: [{ x: 1, y: 2 }, { z: 3 }], m: { k1: { v: 'p' }, k2: { v: 'q' } }, n: null };
    expect(valuesAtPath(value, 'a.[].~')).toEqual(['x', 'y', 'z']);
    expect(valuesAtPath(value, 'a.[].*')).toEqual([1, 2, 3]);
    expect(valuesAtPath(value, 'm.*.v')).toEqual(['p', 'q']);
    expect(valuesAtPath(value, 'n.v')).toEqual([]);
    expect(valuesAtPath(value, 'a.x')).toEqual([]);
    expect(valuesAtPath([1, 2], '[]')).toEqual([1, 2]);
  });

  it('reads its declaration, with defaults', () => {
    expect(checksOf(null)).toBeUndefined();
    const spec = checksOf({ rules: [{ present: 'a' }, { value: 'b' }, { nothing: true }] })!;
    expect(spec).toMatchObject({ answer: 'result', failed: 'FAILED', echo: undefined });
    expect(spec.rules).toEqual([
      { value: 'a', among: undefined },
      { value: 'b', among: undefined },
    ]);
    expect(runChecks(spec, { a: 1 })).toEqual([{ code: 'FAILED', message: 'b is missing.' }]);
    expect(runChecks(spec, { a: 1, b: 0 })).toEqual([{ code: 'OK', message: 'passed' }]);
  });
});

describe('a derived answer writes nothing', () => {
  it('the scope collection lists the same after any number of calls', async () => {
    const list = async () =>
      JSON.stringify((await (await fetch('https://derived.example/v4/openapi/shelves?pageSize=100')).json()).result);
    const before = await list();
    for (let i = 0; i < 3; i++) await post('actions/blend', twoBoxes());
    await post('vets', { kind: 'x' });
    expect(await list()).toBe(before);
  });
});

describe('a read sent as a POST never writes', () => {
  it('a POST on a collection that the spec marks as a read answers its example and stores nothing', async () => {
    const marked: Json = structuredClone(shapesDocument);
    const notes = (marked.paths as Record<string, Record<string, Json>>)['/v4/openapi/shelves/{shelfName}/notes']!;
    notes.post!['x-acs-read'] = true;
    const reads = createOpenSearchHandlers({ document: marked as never, baseUrl: 'https://reads.example' });
    server.use(...reads.handlers);
    const notesOf = (origin: string) => `${origin}/v4/openapi/shelves/main/notes`;
    const count = async (origin: string) => (await (await fetch(`${notesOf(origin)}?pageSize=100`)).json()).totalCount;
    const create = (origin: string) =>
      fetch(notesOf(origin), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'a note' }),
      });
    const before = await count('https://reads.example');
    expect((await create('https://reads.example')).status).toBe(200);
    expect(await count('https://reads.example')).toBe(before);
    // The same POST without the mark creates a note: the mark, not the path, makes it a read.
    const unmarked = await count('https://derived.example');
    await create('https://derived.example');
    expect(await count('https://derived.example')).toBe(unmarked + 1);
  });
});

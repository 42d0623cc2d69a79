// What a new item starts with, on the synthetic spec: fields the server assigns (`x-acs-assigned`,
// a prefix and the item's number, like its id) and starting values (`x-acs-initial`). Two creates
// get two distinct items; what the request gives wins. Nothing here names a real operation.
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';
import { shapesDocument } from './fixtures/shapes.js';

// biome-ignore lint/suspicious/noExplicitAny: the synthetic spec is edited loosely here, as a maintainer would.
type Json = Record<string, any>;
const document: Json = structuredClone(shapesDocument);
const notes = document.paths['/v4/openapi/shelves/{shelfName}/notes'];
const Note = notes.get.responses['200'].content['application/json'].schema.properties.result.items;
Object.assign(Note.properties, {
  ticket: { type: 'string', 'x-acs-assigned': 'tk_' },
  state: { type: 'string', 'x-acs-initial': 'fresh' },
  level: { type: 'integer', 'x-acs-initial': 0 },
});
notes.post.requestBody.content['application/json'].schema.properties.state = { type: 'string' };

const mock = createOpenSearchHandlers({ document: document as never, baseUrl: 'https://assigned.example' });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.controller.reset());
afterAll(() => server.close());

const base = 'https://assigned.example/v4/openapi/shelves/main/notes';
const create = async (body: Json) =>
  (
    await (
      await fetch(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    ).json()
  ).result as Json;

describe('a new item: assigned fields and starting values', () => {
  it('two creates give two items, each with its own assigned field and the starting values', async () => {
    const a = await create({ text: 'one' });
    const b = await create({ text: 'two' });
    expect(a.id).not.toBe(b.id);
    expect(a.ticket).toBe(`tk_${a.id}`);
    expect(b.ticket).toBe(`tk_${b.id}`);
    expect([a.state, a.level, b.state, b.level]).toEqual(['fresh', 0, 'fresh', 0]);
    const listed = (await (await fetch(`${base}?pageSize=100`)).json()).result as Json[];
    expect(listed.filter((n) => n.ticket).map((n) => n.ticket)).toEqual([a.ticket, b.ticket]);
  });

  it('what the request gives wins over a starting value', async () => {
    expect((await create({ text: 'x', state: 'stale' })).state).toBe('stale');
  });
});

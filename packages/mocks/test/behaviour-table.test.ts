// The mocks README says, per operation, what the mocks do (`pnpm generate` writes those tables
// from the same model the handlers run on). On the shapes fixture, each kind of operation reads as
// a user would want it described.
import { describe, expect, it } from 'vitest';
import { behaviourSections } from '../src/model/describeBehaviours.js';
import { shapesDocument } from './fixtures/shapes.js';

const rows = new Map(
  behaviourSections(shapesDocument as never)
    .flatMap((section) => section.rows)
    .map(([operation, request, does]) => [operation!.replace(/`/g, ''), { request: request!, does: does! }] as const),
);

describe('the behaviour tables', () => {
  it('have one row per operation, with its method and path', () => {
    const operations = Object.values(shapesDocument.paths as Record<string, object>).flatMap((item) =>
      Object.keys(item),
    );
    expect(rows.size).toBe(operations.length);
    expect(rows.get('listGadgets')?.request).toBe('`GET /v4/openapi/shelves/{shelfName}/gadgets`');
  });

  it('say what each kind of operation does to the store', () => {
    expect(rows.get('listShelves')?.does).toBe(
      'lists the shelves the store holds, in pages (`pageNumber`, `pageSize`, `totalCount`)',
    );
    expect(rows.get('listGadgets')?.does).toBe(
      'lists the gadgets the store holds, in pages (`pageNumber`, `pageSize`, `totalCount`); filters: `state` (=); output levels: `simple`, `normal` and the rest answer every field',
    );
    expect(rows.get('createGadget')?.does).toBe(
      'stores a new item of gadgets (`gadgetName`, assigned by the store when the body has none); 409 when it exists; `check=true` writes nothing',
    );
    expect(rows.get('getGadget')?.does).toContain('answers one of the gadgets by `gadgetName`; 404 when there is none');
    expect(rows.get('updateGadget')?.does).toBe(
      "merges the body's declared fields into one of the gadgets; 404 when there is none; `check=true` writes nothing",
    );
    expect(rows.get('deleteGadget')?.does).toBe(
      'deletes one of the gadgets and everything under it; 404 when there is none; `check=true` writes nothing',
    );
    expect(rows.get('removeShelf')?.does).toBe(
      'deletes one of the shelves and everything under it (the whole app group); 404 when there is none',
    );
    expect(rows.get('getGadgetSettings')?.does).toBe(
      "answers the singleton of the item of gadgets named by `gadgetName` (404 when it does not exist): what the last write left, else the spec's example",
    );
    expect(rows.get('updateGadgetSettings')?.does).toBe(
      'merges the body into the singleton of the item of gadgets named by `gadgetName` (404 when it does not exist); `check=true` writes nothing',
    );
    expect(rows.get('setStickers')?.does).toBe(
      'replaces the singleton of the item of notes named by `noteId` (404 when it does not exist) with the list sent',
    );
    expect(rows.get('listStickers')?.does).toBe(
      'answers the singleton of the item of notes named by `noteId` (404 when it does not exist): what the last write left, else `[]`',
    );
    expect(rows.get('polishGadget')?.does).toBe(
      'sets `status: "polished"` of the item of gadgets named by `gadgetName` (404 when it does not exist)',
    );
    expect(rows.get('dustShelf')?.does).toBe(
      'answers 200 and changes nothing visible of the item of shelves named by `shelfName` (404 when it does not exist)',
    );
    expect(rows.get('createNote')?.does).toContain('stores a new item of notes (`id`, assigned by the store');
  });

  it('group the operations by family, in the order of the tags', () => {
    const document = structuredClone(shapesDocument) as Record<string, unknown> & {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    document.tags = [{ name: 'Notes' }, { name: 'Shelves' }];
    for (const [path, item] of Object.entries(document.paths))
      for (const op of Object.values(item)) op.tags = [path.includes('/notes') ? 'Notes' : 'Shelves'];
    const count = (family: string) =>
      Object.entries(document.paths)
        .filter(([path]) => path.includes('/notes') === (family === 'Notes'))
        .reduce((sum, [, item]) => sum + Object.keys(item).length, 0);
    const sections = behaviourSections(document as never).map((x) => [x.family, x.rows.length]);
    expect(sections).toEqual([
      ['Notes', count('Notes')],
      ['Shelves', count('Shelves')],
    ]);
  });
});

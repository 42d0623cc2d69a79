import { describe, expect, it } from 'vitest';
import type { Collection } from '../model/specModel.js';
import { MAX_STORED_ITEMS, MAX_WRITTEN_APP_GROUPS, ResourceStore } from './store.js';

const collection: Collection = {
  path: '/groups/{group}/fns/{functionName}/items',
  scope: 'group',
  parents: ['functionName'],
  key: 'name',
  itemsField: 'result',
  itemSchema: {},
  filters: [],
  list: undefined,
  carried: ['functionName'],
  keyParam: 'name',
  owner: undefined,
  isScope: false,
  examples: [],
};
const defaults = new Map([
  [
    collection.path,
    [
      { name: 'd1', functionName: 'x' },
      { name: 'd2', functionName: 'x' },
    ],
  ],
]);

describe('ResourceStore', () => {
  it('without explicit scopes, every scope and parent sees the defaults with its parent field set', () => {
    const store = new ResourceStore([collection], () => ({ explicit: undefined, defaults }));
    expect(store.hasScope('anything')).toBe(true);
    expect(store.list(collection, 'g', { functionName: 'f' })).toEqual([
      { name: 'd1', functionName: 'f' },
      { name: 'd2', functionName: 'f' },
    ]);
  });

  it('creates, gets, updates and deletes per scope, and reset() restores the defaults', () => {
    const store = new ResourceStore([collection], () => ({ explicit: undefined, defaults }));
    expect(store.create(collection, 'g', { functionName: 'f' }, { name: 'n1', v: 1 })).toBe(true);
    expect(store.create(collection, 'g', { functionName: 'f' }, { name: 'n1' })).toBe(false);
    expect(store.get(collection, 'g', { functionName: 'f' }, 'n1')).toEqual({ name: 'n1', v: 1, functionName: 'f' });
    expect(store.get(collection, 'other', { functionName: 'f' }, 'n1')).toBeUndefined();
    expect(store.update(collection, 'g', { functionName: 'f' }, 'd1', { v: 2 })).toMatchObject({ name: 'd1', v: 2 });
    expect(store.delete(collection, 'g', { functionName: 'f' }, 'd2')).toBe(true);
    expect(
      store
        .list(collection, 'g', { functionName: 'f' })
        .map((i) => i.name)
        .sort(),
    ).toEqual(['d1', 'n1']);
    expect(store.list(collection, 'g', { functionName: 'h' }).map((i) => i.name)).toEqual(['d1', 'd2']);
    store.reset();
    expect(store.list(collection, 'g', { functionName: 'f' }).map((i) => i.name)).toEqual(['d1', 'd2']);
  });

  it('with explicit scopes only those exist, and data is copied in and out', () => {
    const mine = { name: 'm', functionName: 'f' };
    const store = new ResourceStore([collection], () => ({ explicit: new Map([['shop', [mine]]]), defaults }));
    mine.name = 'changed';
    expect(store.hasScope('shop')).toBe(true);
    expect(store.hasScope('other')).toBe(false);
    const got = store.get(collection, 'shop', { functionName: 'f' }, 'm')!;
    got.name = 'changed too';
    expect(store.get(collection, 'shop', { functionName: 'f' }, 'm')).toEqual({ name: 'm', functionName: 'f' });
    expect(store.remove(collection, 'shop')).toBe(1);
    expect(store.hasScope('shop')).toBe(false);
  });

  it('filters on item fields', () => {
    const store = new ResourceStore([collection], () => ({
      explicit: undefined,
      defaults: new Map([
        [
          collection.path,
          [
            { name: 'a', kind: 'x' },
            { name: 'b', kind: 'y' },
          ],
        ],
      ]),
    }));
    expect(
      store
        .list(collection, 'g', { functionName: 'f' }, [
          { filter: { name: 'kind', field: 'kind', operator: '=', all: false, default: undefined }, value: 'y' },
        ])
        .map((i) => i.name),
    ).toEqual(['b']);
  });
});

describe('ResourceStore bounds', () => {
  it('without explicit app groups, keeps the writes of the most recent MAX_WRITTEN_APP_GROUPS app groups', () => {
    const store = new ResourceStore([collection], () => ({ explicit: undefined, defaults }));
    for (let i = 0; i <= MAX_WRITTEN_APP_GROUPS; i++)
      store.create(collection, `g${i}`, { functionName: 'f' }, { name: 'n' });
    // The first app group written went back to the defaults; the newest keep their item.
    expect(store.get(collection, 'g0', { functionName: 'f' }, 'n')).toBeUndefined();
    expect(store.get(collection, `g${MAX_WRITTEN_APP_GROUPS}`, { functionName: 'f' }, 'n')).toBeDefined();
    expect(store.get(collection, 'g1', { functionName: 'f' }, 'n')).toBeDefined();
  });

  it('refuses more than MAX_STORED_ITEMS written items', () => {
    const store = new ResourceStore([collection], () => ({ explicit: new Map([['shop', []]]), defaults }));
    store.add(
      collection,
      'shop',
      Array.from({ length: MAX_STORED_ITEMS - 1 }, (_, i) => ({ name: `i${i}`, functionName: 'f' })),
    );
    expect(store.full).toBe(false);
    expect(store.create(collection, 'shop', { functionName: 'f' }, { name: 'last' })).toBe(true);
    expect(store.full).toBe(true);
    store.remove(collection, 'shop', 'last');
    expect(store.full).toBe(false);
  });
});

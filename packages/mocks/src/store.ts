// The stateful store behind the behaviours: items of each collection, per scope (app group).
// Data is deep-copied on the way in and on the way out, so neither a test's objects nor the spec's
// own examples are ever shared with it. Without explicit app groups, every scope and every parent
// (function) sees the default dataset, with its parent fields set; writes to it are kept per scope.
// Filtered lists are cached per query and dropped on every change, so a page costs O(pageSize).
import type { Collection } from './specModel.js';

export type Item = Record<string, unknown>;

interface Scope {
  /** Items written to this scope: added, created, updated. */
  items: Item[];
  /** Default items hidden in this scope (deleted or replaced), by parent values and key. */
  hidden: Set<string>;
  /** Default items removed from this scope under every parent, by key. */
  removed: Set<unknown>;
}

export interface StoreSeed {
  /** Explicit scopes: only these exist. Undefined: every scope exists and sees the defaults. */
  explicit: Map<string, Item[]> | undefined;
  /** The default dataset of each collection, by collection path. */
  defaults: Map<string, Item[]>;
}

const copy = <T>(value: T): T => structuredClone(value);

export class ResourceStore {
  readonly #collections: Collection[];
  readonly #seed: () => StoreSeed;
  #explicitOnly = false;
  #defaults = new Map<string, Item[]>();
  #scopes = new Map<string, Map<string, Scope>>();
  #cache = new Map<string, Item[]>();

  constructor(collections: Collection[], seed: () => StoreSeed) {
    this.#collections = collections;
    this.#seed = seed;
    this.reset();
  }

  /** The collection `add`, `remove` and `instances` work on: the first one that lists. */
  get main(): Collection | undefined {
    return this.#collections.find((c) => c.list) ?? this.#collections[0];
  }

  reset(): void {
    const { explicit, defaults } = this.#seed();
    this.#explicitOnly = explicit !== undefined;
    this.#defaults = new Map([...defaults].map(([k, v]) => [k, copy(v)]));
    this.#scopes.clear();
    this.#cache.clear();
    const main = this.main;
    if (main) for (const [scope, items] of explicit ?? []) this.add(main, scope, items);
  }

  /** Whether a scope exists: always, unless the store was given explicit app groups. */
  hasScope(scope: string): boolean {
    return !this.#explicitOnly || [...this.#scopes.values()].some((m) => m.has(scope));
  }

  #scope(collection: Collection, scope: string): Scope {
    let byScope = this.#scopes.get(collection.path);
    if (!byScope) {
      byScope = new Map();
      this.#scopes.set(collection.path, byScope);
    }
    let data = byScope.get(scope);
    if (!data) {
      data = { items: [], hidden: new Set(), removed: new Set() };
      byScope.set(scope, data);
    }
    return data;
  }

  #hiddenKey(collection: Collection, parents: Record<string, unknown>, key: unknown): string {
    return JSON.stringify([...collection.parents.map((p) => parents[p] ?? null), key ?? null]);
  }

  /** Every item of a scope under the given parent values, defaults first, in a stable order. Shared: don't mutate. */
  #all(collection: Collection, scope: string, parents: Record<string, unknown>): Item[] {
    const cacheKey = JSON.stringify([collection.path, scope, parents]);
    const cached = this.#cache.get(cacheKey);
    if (cached) return cached;
    const data = this.#scopes.get(collection.path)?.get(scope);
    const matches = (item: Item) =>
      collection.parents.every((p) => parents[p] === undefined || item[p] === undefined || item[p] === parents[p]);
    const defaults = this.#explicitOnly
      ? []
      : (this.#defaults.get(collection.path) ?? [])
          .filter((item) => {
            const key = collection.key ? item[collection.key] : undefined;
            return !data || (!data.removed.has(key) && !data.hidden.has(this.#hiddenKey(collection, parents, key)));
          })
          .map((item) => ({ ...item, ...pick(parents, collection.parents) }));
    const result = [...defaults, ...(data?.items ?? []).filter(matches)];
    this.#cache.set(cacheKey, result);
    return result;
  }

  /** The items a list answers, filtered, as copies. */
  list(
    collection: Collection,
    scope: string,
    parents: Record<string, unknown>,
    filters: Record<string, unknown> = {},
  ): Item[] {
    const cacheKey = JSON.stringify([collection.path, scope, parents, filters]);
    let result = this.#cache.get(cacheKey);
    if (!result) {
      result = this.#all(collection, scope, parents).filter((item) =>
        Object.entries(filters).every(([k, v]) => item[k] === v),
      );
      this.#cache.set(cacheKey, result);
    }
    return result;
  }

  get(collection: Collection, scope: string, parents: Record<string, unknown>, key: unknown): Item | undefined {
    const found = this.#all(collection, scope, parents).find((item) => collection.key && item[collection.key] === key);
    return found && copy(found);
  }

  /** Stores a new item; false when one with the same key exists. */
  create(collection: Collection, scope: string, parents: Record<string, unknown>, item: Item): boolean {
    const key = collection.key ? item[collection.key] : undefined;
    if (key !== undefined && this.get(collection, scope, parents, key)) return false;
    this.#scope(collection, scope).items.push(copy({ ...item, ...pick(parents, collection.parents) }));
    this.#cache.clear();
    return true;
  }

  /** Merges `patch` into an item; the updated copy, or undefined when there is no such item. */
  update(
    collection: Collection,
    scope: string,
    parents: Record<string, unknown>,
    key: unknown,
    patch: Item,
  ): Item | undefined {
    const current = this.get(collection, scope, parents, key);
    if (!current) return undefined;
    this.delete(collection, scope, parents, key);
    const updated = { ...current, ...copy(patch), ...(collection.key ? { [collection.key]: key } : {}) };
    this.#scope(collection, scope).items.push(updated);
    this.#cache.clear();
    return copy(updated);
  }

  /** Deletes an item; false when there is no such item. */
  delete(collection: Collection, scope: string, parents: Record<string, unknown>, key: unknown): boolean {
    if (!this.get(collection, scope, parents, key)) return false;
    const data = this.#scope(collection, scope);
    const before = data.items.length;
    data.items = data.items.filter(
      (item) =>
        !(collection.key && item[collection.key] === key && collection.parents.every((p) => item[p] === parents[p])),
    );
    if (data.items.length === before) data.hidden.add(this.#hiddenKey(collection, parents, key));
    this.#cache.clear();
    return true;
  }

  /** Adds items to a scope (created if needed); each keeps its own parent fields. */
  add(collection: Collection, scope: string, items: readonly Item[]): void {
    this.#scope(collection, scope).items.push(...copy(items));
    this.#cache.clear();
  }

  /** Removes one item by key (under every parent), or all of a scope. Returns how many of its own items went. */
  remove(collection: Collection, scope: string, key?: unknown): number {
    this.#cache.clear();
    if (key === undefined) {
      const count = this.#scopes.get(collection.path)?.get(scope)?.items.length ?? 0;
      if (this.#explicitOnly) this.#scopes.get(collection.path)?.delete(scope);
      else
        this.#scopes.get(collection.path)?.set(scope, {
          items: [],
          hidden: new Set(),
          removed: new Set(
            [...(this.#defaults.get(collection.path) ?? [])].map((i) =>
              collection.key ? i[collection.key] : undefined,
            ),
          ),
        });
      return count;
    }
    const data = this.#scope(collection, scope);
    const before = data.items.length;
    data.items = data.items.filter((item) => !collection.key || item[collection.key] !== key);
    const fromDefaults =
      !this.#explicitOnly &&
      (this.#defaults.get(collection.path) ?? []).some((i) => collection.key && i[collection.key] === key);
    if (fromDefaults) data.removed.add(key);
    return before - data.items.length + (fromDefaults ? 1 : 0);
  }
}

/** The parent fields an item of the collection carries, from the path parameters. */
function pick(parents: Record<string, unknown>, names: string[]): Item {
  const out: Item = {};
  for (const name of names) if (parents[name] !== undefined) out[name] = parents[name];
  return out;
}

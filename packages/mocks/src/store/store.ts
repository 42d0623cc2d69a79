// The stateful store behind the behaviours: the items of each collection, per scope (app group;
// '' for a global collection) and per partition (the values of the collection's other path
// parameters: the function, the instance). Data is deep-copied on the way in and on the way out,
// so neither a test's objects nor the spec's own examples are ever shared with it.
//
// Default data: a collection's default items show in every partition, with the partition's
// carried fields set (an instance listed under function `f` has functionName `f`); writes to them
// are kept per scope. With explicit app groups, only those app groups exist and the collections
// directly under them start empty (nested collections, such as tasks, follow their owner item).
// Filtered lists are cached per query in a bounded map, dropped on every change.
import { alignParams, isUnder } from '../model/paths.js';
import type { Collection, Filter } from '../model/specModel.js';

export type Item = Record<string, unknown>;
export type Parents = Record<string, unknown>;

interface Entry {
  parents: Parents;
  item: Item;
}

interface Scope {
  /** Items written to this scope: added, created, updated. */
  entries: Entry[];
  /** Default items changed in this scope, by partition and key: the replacement, or null when deleted. */
  hidden: Map<string, Item | null>;
  /** Default items removed from this scope under every partition, by key. */
  removed: Set<string>;
}

export interface StoreSeed {
  /** Explicit scopes: only these exist. Undefined: every scope exists and sees the defaults. */
  explicit: Map<string, Item[]> | undefined;
  /** The default dataset of each collection, by collection path: read only (frozen by the caller). */
  defaults: ReadonlyMap<string, readonly Item[]>;
}

/** A filter with the value a request gave it. */
export interface ActiveFilter {
  filter: Filter;
  value: unknown;
}

/** The most filtered lists kept at once; older ones are computed again when asked for. */
const LIST_CACHE_SIZE = 256;
/** Without explicit app groups, the most app groups that keep their writes; the least recently written returns to the defaults. */
export const MAX_WRITTEN_APP_GROUPS = 1000;
/** The most items written (created, updated, added) the store holds in all; a create past it is refused. */
export const MAX_STORED_ITEMS = 100_000;

const copy = <T>(value: T): T => structuredClone(value);
/** Keys compare as text: a path value "3" names the item whose versionId is 3. */
const sameKey = (a: unknown, b: unknown) => a !== undefined && a !== null && String(a) === String(b);

export class ResourceStore {
  readonly #collections: Collection[];
  readonly #seed: () => StoreSeed;
  #explicit: Set<string> | undefined;
  #defaults: ReadonlyMap<string, readonly Item[]> = new Map();
  #scopes = new Map<string, Map<string, Scope>>();
  #cache = new Map<string, Item[]>();
  /** Written scopes, least recently written first. */
  #written = new Map<string, true>();
  /** Written entries and hidden defaults, in all. */
  #size = 0;
  /** Singleton values, by path template and path values. */
  #singletons = new Map<string, { path: string; values: Parents; value: Item }>();
  /** Without explicit app groups: the app groups removed since the last reset (they answer 404). */
  #deleted = new Set<string>();
  /** App groups created through the API: they start empty, with none of the default data. */
  #fresh = new Set<string>();
  /** The items created through the API (not defaults), by place: nothing of the defaults is under them. */
  #created = new Set<string>();
  /** The last id the store assigned, per collection: ids are never reused until a reset. */
  #ids = new Map<string, number>();

  constructor(collections: Collection[], seed: () => StoreSeed) {
    this.#collections = collections;
    this.#seed = seed;
    this.reset();
  }

  /** The collection `add`, `remove` and `instances` work on: the function instances, else the first scoped one that lists. */
  get main(): Collection | undefined {
    // The function instances (what the controller's methods are typed for), wherever the spec lists them.
    return (
      this.#collections.find((c) => c.key === 'instanceName' && c.carried.includes('functionName')) ??
      this.#collections.find((c) => c.list && c.scope && !c.owner) ??
      this.#collections.find((c) => c.list && !c.isScope) ??
      this.#collections[0]
    );
  }

  reset(): void {
    const { explicit, defaults } = this.#seed();
    this.#explicit = explicit ? new Set(explicit.keys()) : undefined;
    // The defaults are frozen (see deepFreeze) and only ever read: shared, not copied, at every reset.
    this.#defaults = defaults;
    this.#scopes.clear();
    this.#cache.clear();
    this.#written.clear();
    this.#size = 0;
    this.#singletons.clear();
    this.#deleted.clear();
    this.#fresh.clear();
    this.#created.clear();
    this.#ids.clear();
    this.#materialized.clear();
    const main = this.main;
    if (main) for (const [scope, items] of explicit ?? []) this.add(main, scope, items);
  }

  /** Whether a scope (app group) exists: always, unless the store was given explicit app groups. */
  hasScope(scope: string): boolean {
    return this.#explicit ? this.#explicit.has(scope) : !this.#deleted.has(scope);
  }

  /** A new id for an item of a collection: above every default item's and every id given before. */
  nextId(collection: Collection): number {
    let last = this.#ids.get(collection.path);
    if (last === undefined) {
      last = 0;
      for (const item of this.#defaults.get(collection.path) ?? []) {
        const id = Number(collection.key ? item[collection.key] : Number.NaN);
        if (Number.isInteger(id) && id > last) last = id;
      }
    }
    this.#ids.set(collection.path, last + 1);
    return last + 1;
  }

  /** A singleton's value for these path values, or undefined when none was written. A copy. */
  singleton(path: string, values: Parents): Item | undefined {
    const found = this.#singletons.get(JSON.stringify([path, values]));
    return found && copy(found.value);
  }

  /** Writes a singleton's value for these path values. */
  setSingleton(path: string, values: Parents, value: Item): void {
    const key = JSON.stringify([path, values]);
    if (!this.#singletons.has(key)) this.#size += 1;
    this.#singletons.set(key, { path, values: copy(values), value: copy(value) });
  }

  /**
   * Removes what sits under an item that went: the items of the collections nested under it, and
   * the singletons under its path, with the same values for the path parameters they share.
   */
  removeUnder(itemPath: string, values: Parents): void {
    // A path under the item may call its parameters otherwise (`{piece}` for `{gadgetName}`): the
    // values are re-keyed by place for each path before they are compared.
    const shared = (names: Iterable<string>, have: Parents, given: Parents) =>
      [...names].every((n) => given[n] === undefined || have[n] === undefined || String(have[n]) === String(given[n]));
    for (const [key, entry] of this.#singletons) {
      if (!isUnder(entry.path, itemPath)) continue;
      if (shared(Object.keys(entry.values), entry.values, alignParams(values, itemPath, entry.path))) {
        this.#singletons.delete(key);
        this.#size -= 1;
      }
    }
    for (const collection of this.#collections) {
      if (!isUnder(collection.path, itemPath)) continue;
      const given = alignParams(values, itemPath, collection.path);
      for (const [scope, data] of this.#scopes.get(collection.path) ?? []) {
        if (collection.scope && given[collection.scope] !== undefined && scope !== String(given[collection.scope]))
          continue;
        const before = data.entries.length;
        data.entries = data.entries.filter((e) => !shared(collection.parents, e.parents, given));
        this.#size -= before - data.entries.length;
      }
    }
    this.#cache.clear();
  }

  /** Scopes of row collections whose defaults were copied into their writes (so each row can change). */
  #materialized = new Set<string>();

  /** Copies a collection's shown defaults into a scope's writes, once, so that rows can be replaced or removed one by one. */
  #materialize(collection: Collection, scope: string): Scope {
    const data = this.#scope(collection, scope);
    const mark = JSON.stringify([collection.path, scope]);
    if (this.#materialized.has(mark)) return data;
    this.#materialized.add(mark);
    const shown = this.#all(collection, scope, {}).filter((i) => !data.entries.some((e) => e.item === i));
    for (const item of shown) data.entries.push({ parents: {}, item: copy(item) });
    this.#size += shown.length;
    for (const key of this.#defaultKeys(collection)) data.removed.add(key);
    return data;
  }

  /** Puts rows: a row replaces the rows that have the same values in the key fields. */
  putRows(collection: Collection, scope: string, rows: readonly Item[], key: readonly string[]): void {
    const data = this.#materialize(collection, scope);
    for (const row of rows) {
      const before = data.entries.length;
      data.entries = data.entries.filter((e) => !key.every((k) => e.item[k] === row[k]));
      data.entries.push({ parents: {}, item: copy(row) });
      this.#size += data.entries.length - before;
    }
    this.#cache.clear();
  }

  /** Removes the rows that pass every filter; returns how many went. */
  removeRows(collection: Collection, scope: string, filters: readonly ActiveFilter[]): number {
    const data = this.#materialize(collection, scope);
    const before = data.entries.length;
    data.entries = data.entries.filter((e) => !filters.every((f) => matches(e.item, f)));
    this.#size -= before - data.entries.length;
    this.#cache.clear();
    return before - data.entries.length;
  }

  /** Removes an app group and everything in it; it answers 404 until it is created again. */
  dropScope(scope: string): void {
    for (const byScope of this.#scopes.values()) {
      const data = byScope.get(scope);
      if (data) this.#size -= data.entries.length + data.hidden.size;
      byScope.delete(scope);
    }
    this.#written.delete(scope);
    if (this.#explicit) this.#explicit.delete(scope);
    else this.#deleted.add(scope);
    this.#cache.clear();
  }

  /** Makes an app group exist again (a create of the scope collection). */
  openScope(scope: string): void {
    if (this.#explicit) this.#explicit.add(scope);
    this.#deleted.delete(scope);
    this.#fresh.add(scope);
    this.#cache.clear();
  }

  /** Whether the store has room for one more written item. */
  get full(): boolean {
    return this.#size >= MAX_STORED_ITEMS;
  }

  /** Marks a scope as just written; without explicit app groups, forgets the least recently written past the cap. */
  #touch(scope: string): void {
    this.#written.delete(scope);
    this.#written.set(scope, true);
    if (this.#explicit || this.#written.size <= MAX_WRITTEN_APP_GROUPS) return;
    const oldest = this.#written.keys().next().value as string;
    this.#written.delete(oldest);
    for (const byScope of this.#scopes.values()) {
      const data = byScope.get(oldest);
      if (data) this.#size -= data.entries.length + data.hidden.size;
      byScope.delete(oldest);
    }
  }

  #scope(collection: Collection, scope: string): Scope {
    this.#touch(scope);
    let byScope = this.#scopes.get(collection.path);
    if (!byScope) {
      byScope = new Map();
      this.#scopes.set(collection.path, byScope);
    }
    let data = byScope.get(scope);
    if (!data) {
      data = { entries: [], hidden: new Map(), removed: new Set() };
      byScope.set(scope, data);
    }
    return data;
  }

  #partition(collection: Collection, parents: Parents): string {
    return JSON.stringify(collection.parents.map((p) => parents[p] ?? null));
  }

  #hiddenKey(collection: Collection, parents: Parents, key: unknown): string {
    return JSON.stringify([this.#partition(collection, parents), String(key ?? '')]);
  }

  /** The keys of a collection's default items, as text. */
  #defaultKeys(collection: Collection): string[] {
    return (this.#defaults.get(collection.path) ?? []).map((i) => String(collection.key ? i[collection.key] : ''));
  }

  /** Whether a collection's default items show: not when explicit app groups say what a scope holds. */
  #showsDefaults(collection: Collection): boolean {
    return !this.#explicit || !collection.scope || collection.owner !== undefined;
  }

  /** The app groups as items of the scope collection: the defaults, then every app group in use. */
  #scopeItems(collection: Collection): Item[] {
    const key = collection.key ?? '';
    const data = this.#scopes.get(collection.path)?.get('');
    const out: Item[] = [];
    if (!this.#explicit)
      for (const item of this.#defaults.get(collection.path) ?? []) {
        const name = String(item[key]);
        if (this.#deleted.has(name) || data?.removed.has(name)) continue;
        const changed = data?.hidden.get(this.#hiddenKey(collection, {}, name));
        if (changed !== null) out.push(changed ?? item);
      }
    for (const entry of data?.entries ?? []) if (this.hasScope(String(entry.item[key]))) out.push(entry.item);
    const template = this.#defaults.get(collection.path)?.[0] ?? {};
    const names = new Set(out.map((d) => String(d[key])));
    const inUse = this.#explicit ?? new Set([...this.#scopes.values()].flatMap((m) => [...m.keys()]));
    for (const name of inUse) {
      if (name === '' || names.has(name) || !this.hasScope(name)) continue;
      names.add(name);
      const changed = data?.hidden.get(this.#hiddenKey(collection, {}, name));
      if (changed !== null)
        out.push(changed ?? { ...copy(template), ...(collection.key ? { [collection.key]: name } : {}) });
    }
    return out;
  }

  /** Where an item is: its collection, app group, parents and key. */
  #placeKey(collection: Collection, scope: string, parents: Parents, key: unknown): string {
    return JSON.stringify([collection.path, scope, pick(parents, collection.parents), String(key)]);
  }

  /** Whether the item a nested collection sits under was created through the API: it starts with nothing under it. */
  #underCreated(collection: Collection, scope: string, parents: Parents): boolean {
    const owner = collection.owner;
    if (!owner || parents[owner.param] === undefined) return false;
    return this.#created.has(this.#placeKey(owner.collection, scope, parents, parents[owner.param]));
  }

  /** Every item of a partition, defaults first, in a stable order. Shared: don't mutate. */
  #all(collection: Collection, scope: string, parents: Parents): Item[] {
    if (collection.isScope) return this.#scopeItems(collection);
    const data = this.#scopes.get(collection.path)?.get(scope);
    const defaults: Item[] = [];
    if (this.#showsDefaults(collection) && !this.#fresh.has(scope) && !this.#underCreated(collection, scope, parents)) {
      for (const item of this.#defaults.get(collection.path) ?? []) {
        const key = String(collection.key ? item[collection.key] : '');
        if (data?.removed.has(key)) continue;
        // An updated default keeps its place; a deleted one is gone.
        const changed = data?.hidden.get(this.#hiddenKey(collection, parents, key));
        if (changed !== null) defaults.push(changed ?? { ...item, ...pick(parents, collection.carried) });
      }
    }
    const own = (data?.entries ?? []).filter((e) => underParents(collection, e, parents)).map((e) => e.item);
    return [...defaults, ...own];
  }

  #remember(key: string, value: Item[]): Item[] {
    if (this.#cache.size >= LIST_CACHE_SIZE) this.#cache.delete(this.#cache.keys().next().value as string);
    this.#cache.set(key, value);
    return value;
  }

  /** The items a list answers, filtered. Shared: copy before handing them out. */
  list(collection: Collection, scope: string, parents: Parents, filters: ActiveFilter[] = []): Item[] {
    const cacheKey = JSON.stringify([collection.path, scope, parents, filters.map((f) => [f.filter.name, f.value])]);
    const cached = this.#cache.get(cacheKey);
    if (cached) return cached;
    const all = this.#all(collection, scope, parents);
    return this.#remember(
      cacheKey,
      filters.length === 0 ? all : all.filter((item) => filters.every((f) => matches(item, f))),
    );
  }

  get(collection: Collection, scope: string, parents: Parents, key: unknown): Item | undefined {
    // The unfiltered list is cached until the next write: a get after a list costs no rebuild.
    const found = this.list(collection, scope, parents).find(
      (item) => collection.key && sameKey(item[collection.key], key),
    );
    return found && copy(found);
  }

  /** Stores a new item; false when one with the same key exists. */
  create(collection: Collection, scope: string, parents: Parents, item: Item): boolean {
    const key = collection.key ? item[collection.key] : undefined;
    if (key !== undefined && this.get(collection, scope, parents, key)) return false;
    const stored = copy({ ...item, ...pick(parents, collection.carried) });
    this.#scope(collection, scope).entries.push({ parents: pick(parents, collection.parents), item: stored });
    if (key !== undefined) this.#created.add(this.#placeKey(collection, scope, parents, key));
    this.#size += 1;
    this.#cache.clear();
    return true;
  }

  /** Merges `patch` into an item, in its place; the updated copy, or undefined when there is no such item. */
  update(collection: Collection, scope: string, parents: Parents, key: unknown, patch: Item): Item | undefined {
    const current = this.get(collection, scope, parents, key);
    if (!current) return undefined;
    const updated = {
      ...current,
      ...copy(patch),
      ...(collection.key ? { [collection.key]: current[collection.key] } : {}),
    };
    const data = this.#scope(collection, scope);
    const own = this.#ownIndex(collection, data, parents, key);
    if (own >= 0) data.entries[own] = { parents: data.entries[own]!.parents, item: updated };
    else this.#changeDefault(collection, data, parents, key, updated);
    this.#cache.clear();
    return copy(updated);
  }

  /** Deletes an item; false when there is no such item. */
  delete(collection: Collection, scope: string, parents: Parents, key: unknown): boolean {
    if (!this.get(collection, scope, parents, key)) return false;
    const data = this.#scope(collection, scope);
    const own = this.#ownIndex(collection, data, parents, key);
    if (own >= 0) {
      data.entries.splice(own, 1);
      this.#size -= 1;
    } else this.#changeDefault(collection, data, parents, key, null);
    this.#cache.clear();
    return true;
  }

  /** Where an item written to this scope is, under these parents; -1 when it is a default. */
  #ownIndex(collection: Collection, data: Scope, parents: Parents, key: unknown): number {
    return data.entries.findIndex(
      (e) =>
        collection.key !== undefined && sameKey(e.item[collection.key], key) && underParents(collection, e, parents),
    );
  }

  /** Replaces (or, with null, deletes) a default item in one partition of a scope. */
  #changeDefault(collection: Collection, data: Scope, parents: Parents, key: unknown, item: Item | null): void {
    const hiddenKey = this.#hiddenKey(collection, parents, key);
    if (!data.hidden.has(hiddenKey)) this.#size += 1;
    data.hidden.set(hiddenKey, item);
  }

  /** Adds items to a scope (created if needed); each is filed under its own carried fields. */
  add(collection: Collection, scope: string, items: readonly Item[]): void {
    if (this.#explicit) this.#explicit.add(scope);
    const data = this.#scope(collection, scope);
    for (const item of copy(items)) data.entries.push({ parents: pick(item, collection.carried), item });
    this.#size += items.length;
    this.#cache.clear();
  }

  /**
   * Removes one item by key (under every partition), or everything a scope holds, defaults included.
   * The result does not depend on what happened before: the scope then shows none of them.
   * Returns how many items went (written ones, and defaults that were still shown).
   */
  remove(collection: Collection, scope: string, key?: unknown): number {
    this.#cache.clear();
    const defaultKeys = this.#defaultKeys(collection);
    if (key === undefined) return this.#removeScope(collection, scope, defaultKeys);
    const data = this.#scope(collection, scope);
    const before = data.entries.length;
    data.entries = data.entries.filter((e) => !collection.key || !sameKey(e.item[collection.key], key));
    this.#size -= before - data.entries.length;
    const fromDefaults =
      this.#showsDefaults(collection) && defaultKeys.includes(String(key)) && !data.removed.has(String(key));
    if (fromDefaults) data.removed.add(String(key));
    return before - data.entries.length + (fromDefaults ? 1 : 0);
  }

  #removeScope(collection: Collection, scope: string, defaultKeys: string[]): number {
    const existing = this.#scopes.get(collection.path)?.get(scope);
    const shownDefaults = this.#showsDefaults(collection)
      ? defaultKeys.filter((k) => !existing?.removed.has(k)).length
      : 0;
    const count = (existing?.entries.length ?? 0) + shownDefaults;
    if (this.#explicit) {
      this.#explicit.delete(scope);
      for (const byScope of this.#scopes.values()) {
        const data = byScope.get(scope);
        if (data) this.#size -= data.entries.length + data.hidden.size;
        byScope.delete(scope);
      }
      return count;
    }
    this.#size -= (existing?.entries.length ?? 0) + (existing?.hidden.size ?? 0);
    const data = this.#scope(collection, scope);
    data.entries = [];
    data.hidden = new Map();
    data.removed = new Set(defaultKeys);
    return count;
  }

  /**
   * Makes a scope hold exactly `items` (none, with []): its defaults and its writes go. With
   * `parents`, only that partition (one function of an app group) is replaced.
   */
  seed(collection: Collection, scope: string, items: readonly Item[], parents?: Parents): void {
    if (!parents) {
      this.#removeScope(collection, scope, this.#defaultKeys(collection));
      this.add(collection, scope, items);
      return;
    }
    if (this.#explicit) this.#explicit.add(scope);
    const data = this.#scope(collection, scope);
    const before = data.entries.length;
    data.entries = data.entries.filter((e) => !collection.parents.every((p) => e.parents[p] === parents[p]));
    this.#size -= before - data.entries.length;
    if (this.#showsDefaults(collection))
      for (const item of this.#defaults.get(collection.path) ?? [])
        this.#changeDefault(collection, data, parents, collection.key ? item[collection.key] : undefined, null);
    this.add(
      collection,
      scope,
      items.map((item) => ({ ...item, ...pick(parents, collection.carried) })),
    );
  }
}

/** Freezes a dataset in depth, so that sharing it between handler sets and resets is safe. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Whether a written entry is filed under these parent values (an unset value on either side matches any). */
function underParents(collection: Collection, entry: Entry, parents: Parents): boolean {
  return collection.parents.every(
    (p) => parents[p] === undefined || entry.parents[p] === undefined || entry.parents[p] === parents[p],
  );
}

/** Whether an item passes one filter. */
function matches(item: Item, { filter, value }: ActiveFilter): boolean {
  const field = item[filter.field];
  switch (filter.operator) {
    case '>=':
      return typeof field === 'number' && field >= (value as number);
    case '<=':
      return typeof field === 'number' && field <= (value as number);
    case 'in': {
      // The row's field is one of the values (of their `from` property, for a list of objects).
      const list = Array.isArray(value) ? value : [value];
      return list.some((v) =>
        filter.from && v && typeof v === 'object' ? (v as Item)[filter.from] === field : v === field,
      );
    }
    case 'contains': {
      const have = Array.isArray(field) ? field.map((v) => JSON.stringify(v)) : [];
      return (Array.isArray(value) ? value : [value]).every((v) => have.includes(JSON.stringify(v)));
    }
    default:
      return field === value;
  }
}

/** The named fields of a record, where set. */
function pick(from: Parents, names: readonly string[]): Item {
  const out: Item = {};
  for (const name of names) if (from[name] !== undefined) out[name] = from[name];
  return out;
}

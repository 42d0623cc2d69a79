// The stateful store behind ListFunctionInstances. Filtered lists are cached per filter and
// invalidated on every change, so a page costs O(pageSize) however large the dataset is.
import type { FunctionInstance } from './types.js';

export interface InstanceQuery {
  appGroup: string;
  functionName: string;
  /** `all`, or one instance source. */
  source: string;
  modelType?: string | undefined;
  functionType?: string | undefined;
}

interface AppGroupData {
  /** Instances that belong to whichever function is asked for (the default dataset). */
  anyFunction: FunctionInstance[];
  byFunction: Map<string, FunctionInstance[]>;
}

export class InstanceStore {
  #groups = new Map<string, AppGroupData>();
  #cache = new Map<string, FunctionInstance[]>();
  #seed: () => { explicit: Map<string, FunctionInstance[]> | undefined; fallback: FunctionInstance[] };
  #fallback: FunctionInstance[] = [];
  #explicitOnly = false;

  /**
   * @param seed builds the initial data: explicit app groups (only those exist), or a fallback
   * dataset that every app group and function gets.
   */
  constructor(seed: () => { explicit: Map<string, FunctionInstance[]> | undefined; fallback: FunctionInstance[] }) {
    this.#seed = seed;
    this.reset();
  }

  reset(): void {
    const { explicit, fallback } = this.#seed();
    this.#groups.clear();
    this.#cache.clear();
    this.#explicitOnly = explicit !== undefined;
    this.#fallback = fallback;
    for (const [appGroup, instances] of explicit ?? []) this.add(appGroup, instances);
  }

  /** Whether the app group exists: always, unless the store was given explicit app groups. */
  hasAppGroup(appGroup: string): boolean {
    return !this.#explicitOnly || this.#groups.has(appGroup);
  }

  #group(appGroup: string): AppGroupData {
    let group = this.#groups.get(appGroup);
    if (!group) {
      group = { anyFunction: this.#explicitOnly ? [] : this.#fallback, byFunction: new Map() };
      this.#groups.set(appGroup, group);
    }
    return group;
  }

  /** Adds instances; each goes under its own functionName. Creates the app group if needed. */
  add(appGroup: string, instances: readonly FunctionInstance[]): void {
    const group = this.#group(appGroup);
    for (const instance of instances) {
      const list = group.byFunction.get(instance.functionName) ?? [];
      list.push(instance);
      group.byFunction.set(instance.functionName, list);
    }
    this.#cache.clear();
  }

  /** Removes one instance by name (in any function), or the whole app group when no name is given. */
  remove(appGroup: string, instanceName?: string): number {
    const group = this.#groups.get(appGroup);
    if (!group && instanceName === undefined && !this.#explicitOnly) return 0;
    this.#cache.clear();
    if (instanceName === undefined) {
      const count = group ? [...group.byFunction.values()].reduce((n, l) => n + l.length, group.anyFunction.length) : 0;
      if (this.#explicitOnly) this.#groups.delete(appGroup);
      else this.#groups.set(appGroup, { anyFunction: [], byFunction: new Map() });
      return count;
    }
    const target = this.#group(appGroup);
    let removed = 0;
    const before = target.anyFunction.length;
    target.anyFunction = target.anyFunction.filter((i) => i.instanceName !== instanceName);
    removed += before - target.anyFunction.length;
    for (const [fn, list] of target.byFunction) {
      const kept = list.filter((i) => i.instanceName !== instanceName);
      removed += list.length - kept.length;
      target.byFunction.set(fn, kept);
    }
    return removed;
  }

  /** The instances matching a query, in a stable order. The array is cached: don't mutate it. */
  query(q: InstanceQuery): FunctionInstance[] {
    const key = JSON.stringify([q.appGroup, q.functionName, q.source, q.modelType ?? null, q.functionType ?? null]);
    const cached = this.#cache.get(key);
    if (cached) return cached;
    const group = this.#groups.get(q.appGroup) ?? {
      anyFunction: this.#explicitOnly ? [] : this.#fallback,
      byFunction: new Map(),
    };
    const candidates = [
      ...group.anyFunction.map((i) => (i.functionName === q.functionName ? i : { ...i, functionName: q.functionName })),
      ...(group.byFunction.get(q.functionName) ?? []),
    ];
    const result = candidates.filter(
      (i) =>
        (q.source === 'all' || i.source === q.source) &&
        (q.modelType === undefined || i.modelType === q.modelType) &&
        (q.functionType === undefined || i.functionType === q.functionType),
    );
    this.#cache.set(key, result);
    return result;
  }
}

// How the query package's keys are made, and what a write refreshes, from the paths of the spec
// alone: the one definition of the key root, the prefix every key leaves out, and each write's
// invalidation plan. core.ts builds keys and refreshes from these plans at run time; `pnpm generate`
// (scripts/generate/query.mjs, which bundles this file on the fly) computes each operation's plan.

/** The first element of every key: a prefix that matches every query of this package. */
export const QUERY_KEY_ROOT = 'opensearch';

/** How a generated export describes the path a key is built from: literal segments and parameters. */
export interface KeyPlan {
  /** The path's segments after the common prefix every operation shares (`/v4/openapi`): a literal, or `{name}`. */
  segments: readonly string[];
}

/**
 * What a write changes, derived by the generator from the spec's path nesting: the resource the
 * write is under (its own path, or the nearest ancestor that has a GET, for an action endpoint such
 * as `.../actions/renew`), and, when that resource is an item of a collection, the collection.
 */
export interface InvalidationPlan {
  /** Every query under this path (the item or collection written, and all below it) is refreshed. */
  resource: KeyPlan;
  /** The collection the resource is an item of: its list queries (not its other items) are refreshed. */
  collection?: KeyPlan | undefined;
}

/** The literal leading segments every operation's path shares (`v4`, `openapi`): left out of query keys. */
export function commonPrefix(paths: readonly string[]): number {
  const split = paths.map((p) => p.split('/').filter(Boolean));
  const prefix: string[] = [];
  for (
    let i = 0;
    split.length > 0 && split.every((s) => s.length > i + 1 && s[i] === split[0]![i] && !s[i]!.startsWith('{'));
    i++
  )
    prefix.push(split[0]![i]!);
  return prefix.length;
}

/**
 * What a write changes, from the path nesting alone: the resource is the write's own path when a
 * GET reads it (or reads items below it: a collection), else the nearest ancestor that a GET reads
 * (an action endpoint such as `.../actions/renew` changes its resource). When the resource ends with
 * a path parameter, it is an item of the collection above it, whose lists change too.
 */
export function invalidationPlan(path: string, reads: ReadonlySet<string>, skip: number): InvalidationPlan {
  const segments = path.split('/').filter(Boolean);
  const isRead = (segs: string[]) => {
    const p = `/${segs.join('/')}`;
    return (
      reads.has(p) || [...reads].some((r) => r.startsWith(`${p}/{`) && r.split('/').length === p.split('/').length + 1)
    );
  };
  let resource = segments;
  while (resource.length > skip + 1 && !isRead(resource)) resource = resource.slice(0, -1);
  if (!isRead(resource)) resource = segments;
  const last = resource.at(-1) ?? '';
  const parent = resource.slice(0, -1);
  const collection = last.startsWith('{') && reads.has(`/${parent.join('/')}`) ? parent : undefined;
  return {
    resource: { segments: resource.slice(skip) },
    ...(collection ? { collection: { segments: collection.slice(skip) } } : {}),
  };
}

// Path templates compared by shape: `/apps/{appId}/...` and `/apps/{appVersionId}/...` name the same
// item, whatever each path calls its parameter (the reference names it differently on some paths).

/** The names of a path template's parameters, in order. */
export const pathParams = (path: string): string[] => [...path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);

const shapeOf = (path: string) => path.replace(/\{[^{}]+\}/g, '{}');

/** Whether two path templates are the same path, whatever their parameters are called. */
export const samePath = (a: string, b: string): boolean => shapeOf(a) === shapeOf(b);

/** Whether `path` lies under `prefix` (both templates), whatever their parameters are called. */
export const isUnder = (path: string, prefix: string): boolean => shapeOf(path).startsWith(`${shapeOf(prefix)}/`);

/**
 * Values keyed by the parameter names of `from`, re-keyed for `to` where the two templates share
 * their leading parameters (by place): what `from` calls `appVersionId`, `to` may call `appId`.
 * Values of names `to` does not have are kept as they are.
 */
export function alignParams(values: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const source = pathParams(from);
  const target = pathParams(to);
  const out = { ...values };
  for (let i = 0; i < Math.min(source.length, target.length); i++) {
    const value = values[source[i]!];
    if (value !== undefined && source[i] !== target[i]) out[target[i]!] = value;
  }
  return out;
}

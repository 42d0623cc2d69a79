// The collection the query tests use, picked by shape (a paged list with a create beside it that
// names the item in its body, and a delete and a get below it), never by name, and the
// parameters that create, read and delete its items.
import { OPERATIONS, type OperationMeta, type ValueRule } from '@acs-opensearch/client';

export const ops = Object.values(OPERATIONS) as OperationMeta[];
const depth = (path: string) => path.split('/').length;
export const list = ops.find(
  (op) =>
    op.method === 'GET' &&
    op.pagination !== null &&
    ops.some(
      (d) => d.method === 'DELETE' && d.path.startsWith(`${op.path}/{`) && depth(d.path) === depth(op.path) + 1,
    ) &&
    // The create names the new item in a body field called like the item's path parameter.
    ops.some((c) => {
      const param = ops
        .map((d) =>
          d.method === 'DELETE' && depth(d.path) === depth(op.path) + 1 ? /\{([^}]+)\}$/.exec(d.path) : null,
        )
        .find((m) => m && ops.some((x) => x.path === `${op.path}/{${m[1]}}`))?.[1];
      return c.method === 'POST' && c.path === op.path && param !== undefined && c.body?.fields?.[param] !== undefined;
    }),
)!;
export const create = ops.find((op) => op.method === 'POST' && op.path === list.path)!;
export const remove = ops.find((op) => op.method === 'DELETE' && op.path.startsWith(`${list.path}/{`))!;
export const get = ops.find((op) => op.method === 'GET' && op.path === remove.path);
export const itemParam = /\{([^}]+)\}$/.exec(remove.path)![1]!;
export const paging = list.pagination!;

/** The smallest value a rule takes; strings get `n` in them so that items differ. */
export function valueFor(rule: ValueRule, n = 1): unknown {
  if (rule.default !== undefined) return rule.default;
  if (rule.enum) return rule.enum[0];
  if (rule.type === 'integer' || rule.type === 'number') return rule.minimum ?? 1;
  if (rule.type === 'boolean') return false;
  if (rule.type === 'array') return [];
  if (rule.type === 'object') return {};
  return `a${n}`;
}
/** The path values (and required query values) shared by the collection's operations. */
export const scope: Record<string, unknown> = {};
for (const p of list.parameters) if (p.required && p.in !== 'header') scope[p.name] = valueFor(p);
export const itemName = (n: number) => `item${n}`;
export function createParams(n: number) {
  const params: Record<string, unknown> = { ...scope };
  for (const p of create.parameters)
    if (p.required && p.in !== 'header' && !(p.name in params)) params[p.name] = valueFor(p, n);
  const body: Record<string, unknown> = {};
  for (const [name, rule] of Object.entries(create.body?.fields ?? {}))
    if (rule.required || name === itemParam) body[name] = name === itemParam ? itemName(n) : valueFor(rule, n);
  return { ...params, body };
}
export const itemParams = (n: number) => ({ ...scope, [itemParam]: itemName(n) });

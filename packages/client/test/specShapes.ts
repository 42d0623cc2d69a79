// Operations picked by their shape from whatever the spec holds (never by name), with the smallest
// parameters their generated rules accept: the tests of the call path then hold for any spec.
import { OPERATIONS } from '../src/index.js';
import type { OperationMeta, ValueRule } from '../src/shared/operationMeta.js';

const ALL = Object.values(OPERATIONS) as OperationMeta[];

const STRINGS = ['abc', 'a1', 'x_1', 'A', 'ab', '1', 'a'];

/** The smallest value a rule accepts. */
export function valueFor(rule: ValueRule, name = 'value'): unknown {
  if (rule.anyOf?.[0]) return valueFor(rule.anyOf[0], name);
  if (rule.default !== undefined) return rule.default;
  if (rule.enum) return rule.enum[0];
  switch (rule.type) {
    case 'integer':
    case 'number':
      return rule.minimum ?? (rule.maximum !== undefined ? Math.min(1, rule.maximum) : 1);
    case 'boolean':
      return false;
    case 'array':
      return rule.items ? [valueFor(rule.items, name)] : [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [field, sub] of Object.entries(rule.fields ?? {})) if (sub.required) out[field] = valueFor(sub, field);
      return out;
    }
    default: {
      const pattern = rule.pattern ? new RegExp(rule.pattern, 'u') : undefined;
      const min = rule.minLength ?? 1;
      const candidates = [...STRINGS, ...STRINGS.map((s) => s.repeat(Math.ceil(min / s.length)))];
      const fits = candidates.find(
        (s) =>
          s.length >= min && s.length <= (rule.maxLength ?? Number.POSITIVE_INFINITY) && (!pattern || pattern.test(s)),
      );
      if (fits === undefined) throw new Error(`specShapes: no simple value fits ${name} (${rule.pattern ?? ''})`);
      return fits;
    }
  }
}

/** The required parameters (and required body fields) of an operation, flat, as its generated method takes them. */
export function paramsFor(op: OperationMeta): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const p of op.parameters) if (p.required && p.in !== 'header') params[p.name] = valueFor(p, p.name);
  if (op.body?.required)
    params.body = valueFor(op.body.value ?? op.body.anyOf?.[0] ?? { type: 'object', fields: op.body.fields }, 'body');
  return params;
}

function pick(what: string, test: (op: OperationMeta) => boolean): OperationMeta {
  const found = ALL.find(test);
  if (!found) throw new Error(`specShapes: the spec has no ${what}`);
  return found;
}

/** A GET that pages (it has a paginator). */
export const pagedGet = (): OperationMeta => pick('paged GET', (op) => op.method === 'GET' && op.paginator !== null);
/** A call that may not be repeated: a POST the spec does not mark idempotent. */
export const unsafePost = (): OperationMeta =>
  pick('non-idempotent POST', (op) => op.method === 'POST' && !op.idempotent);
/** A GET with at least one required path or query parameter that has a rule to break. */
export const getWithRequired = (): OperationMeta =>
  pick('GET with a required parameter', (op) => op.method === 'GET' && op.parameters.some((p) => p.required));

/** The URL path of a call to `op` with `params` (path values substituted), for matching what was sent. */
export function pathOf(op: OperationMeta, params: Record<string, unknown>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(params[name])));
}

/** A 2xx body an operation's reader accepts: its required top-level fields, each of its JSON type. */
export function okBody(op: OperationMeta, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const sample: Record<string, unknown> = { string: 'x', number: 1, integer: 1, boolean: true, array: [], object: {} };
  for (const field of op.success?.required ?? []) body[field] = sample[op.success!.types[field] ?? 'string'] ?? 'x';
  return { ...body, ...extra };
}

/** A call of `op` through a client's generated method, without naming the operation. */
export function callOf(client: unknown, op: OperationMeta) {
  const method = (client as Record<string, (params: unknown, options?: unknown) => Promise<unknown>>)[op.operationId]!;
  return (params: unknown = paramsFor(op), options?: unknown) => method(params, options);
}

/** A paginator of `op` through a client, without naming it. */
export function paginatorOf(client: unknown, op: OperationMeta) {
  const method = (client as Record<string, (params: unknown, options?: unknown) => AsyncIterable<unknown>>)[
    op.paginator!
  ]!;
  return (params: unknown, options?: unknown) => method(params, options);
}

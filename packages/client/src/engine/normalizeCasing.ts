// The tolerant reader: the reference documents the body in camelCase and in PascalCase, and the
// official SDK reads only PascalCase. The spec's PascalCase schemas are its camelCase schemas with
// each name capitalized (a spec test holds that invariant), so lower-casing the first letter of
// every key maps one onto the other.
import { isPascalCaseBody } from './pascalCase.js';

/** How deep a body may nest before the client refuses it (the API's bodies nest 3 levels). */
const MAX_BODY_DEPTH = 64;

function lowerFirst(key: string): string {
  return key.length > 0 && key[0] !== key[0]!.toLowerCase() ? key[0]!.toLowerCase() + key.slice(1) : key;
}

function camelize(value: unknown, depth: number): unknown {
  if (depth > MAX_BODY_DEPTH) throw new RangeError(`the body nests deeper than ${MAX_BODY_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((item) => camelize(item, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const camel = lowerFirst(key);
      // A body that carries both spellings keeps the camelCase value, the canonical form.
      if (camel !== key && Object.hasOwn(value, camel)) continue;
      // defineProperty: a "__proto__" key stays an ordinary own property.
      Object.defineProperty(out, camel, {
        value: camelize((value as Record<string, unknown>)[key], depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** Returns the body in camelCase; a camelCase body is returned as it is. Throws RangeError past MAX_BODY_DEPTH. */
export function normalizeCasing<T>(body: unknown): T {
  return (isPascalCaseBody(body) ? camelize(body, 0) : body) as T;
}

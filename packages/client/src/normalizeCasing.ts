// The tolerant reader: the reference documents the body in camelCase and in PascalCase, and the
// official SDK reads only PascalCase. The spec's PascalCase schema is its camelCase schema with
// each name capitalized (a spec test holds that invariant), so lower-casing the first letter of
// every key maps one onto the other.

function lowerFirst(key: string): string {
  return key.length > 0 && key[0] !== key[0]!.toLowerCase() ? key[0]!.toLowerCase() + key.slice(1) : key;
}

function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const camel = lowerFirst(key);
      // A body that carries both spellings keeps the camelCase value, the canonical form.
      if (camel !== key && Object.prototype.hasOwnProperty.call(value, camel)) continue;
      out[camel] = camelize(child);
    }
    return out;
  }
  return value;
}

/** Whether a response body is in the PascalCase form. */
export function isPascalCaseBody(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const keys = Object.keys(body);
  return keys.some((k) => k === 'RequestId' || k === 'Result' || k === 'TotalCount') && !keys.includes('requestId');
}

/** Returns the body in camelCase; a camelCase body is returned as it is. */
export function normalizeCasing<T>(body: unknown): T {
  return (isPascalCaseBody(body) ? camelize(body) : body) as T;
}

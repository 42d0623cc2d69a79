// The PascalCase wire form, for `casing: 'pascal'`: the spec's PascalCase schemas are its camelCase
// schemas with each property name capitalized.

/** Capitalizes every key, recursively. */
export function toPascalCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPascalCase);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key.charAt(0).toUpperCase() + key.slice(1)] = toPascalCase(child);
    return out;
  }
  return value;
}

/** Lower-cases the first letter of every key, recursively (PascalCase examples into camelCase data). */
export function toCamelCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toCamelCase);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key.charAt(0).toLowerCase() + key.slice(1)] = toCamelCase(child);
    return out;
  }
  return value;
}

// The PascalCase wire form, for `casing: 'pascal'`: the spec's PascalCase schemas are its camelCase
// schemas with each property name capitalized (a spec test holds that invariant). The way back is
// the client's own tolerant reader, `normalizeCasing`.

/** Capitalizes every key, recursively. */
export function toPascalCase(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPascalCase);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value))
      out[key.charAt(0).toUpperCase() + key.slice(1)] = toPascalCase(child);
    return out;
  }
  return value;
}

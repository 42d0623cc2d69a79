// Request bodies in either casing: the official SDK sends some bodies in PascalCase
// (`ResourceName`), our client in camelCase. A body is read against the canonical (camelCase)
// schema of its operation: a key the schema does not declare, whose lower-first form it does, is
// renamed, at every depth the schema describes. The stored item then has one spelling per field.
import { camelSchema, deref, type Json } from '@acs-opensearch/openapi-reader';

/** How deep a body is read against its schema; deeper parts are kept as they are. */
const MAX_DEPTH = 32;

const lowerFirst = (key: string) => (key.length > 0 ? key[0]!.toLowerCase() + key.slice(1) : key);

/** The body with every key the schema knows in another casing renamed to the schema's spelling. */
export function canonicalBody(document: Json, schema: Json, value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  const canonical = camelSchema(document, schema);
  if (!canonical || typeof canonical !== 'object') return value;
  if (Array.isArray(value)) {
    const items = deref(document, canonical.items);
    return items ? value.map((item) => canonicalBody(document, items, item, depth + 1)) : value;
  }
  const properties: Record<string, Json> | undefined = canonical.properties;
  if (!properties) return value;
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const renamed =
      !Object.hasOwn(properties, key) && Object.hasOwn(properties, lowerFirst(key)) ? lowerFirst(key) : key;
    // A body that spells a field both ways keeps the canonical spelling's value.
    if (renamed !== key && Object.hasOwn(source, renamed)) continue;
    const child = Object.hasOwn(properties, renamed)
      ? canonicalBody(document, properties[renamed], source[key], depth + 1)
      : source[key];
    // defineProperty: a "__proto__" key stays an ordinary own property.
    Object.defineProperty(out, renamed, { value: child, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

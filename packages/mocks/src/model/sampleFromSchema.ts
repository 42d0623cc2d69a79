// A deterministic sample value for a schema, for operations whose responses have no example.
import { deref, type Json } from '@acs-opensearch/openapi-reader';

export function sampleFromSchema(document: Json, rawSchema: Json, depth = 0): unknown {
  const schema = deref(document, rawSchema) ?? {};
  if (depth > 8) return undefined;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('example' in schema) return schema.example;
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const composite = schema.allOf ?? schema.anyOf ?? schema.oneOf;
  if (Array.isArray(composite)) {
    if (schema.allOf) return Object.assign({}, ...composite.map((s: Json) => sampleFromSchema(document, s, depth + 1)));
    return sampleFromSchema(document, composite[0], depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
    case undefined: {
      if (!schema.properties) return type === 'object' ? {} : null;
      const out: Record<string, unknown> = {};
      for (const [name, child] of Object.entries<Json>(schema.properties))
        out[name] = sampleFromSchema(document, child, depth + 1);
      return out;
    }
    case 'array':
      return schema.items ? [sampleFromSchema(document, schema.items, depth + 1)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return schema.format === 'date-time' ? '2024-01-01T00:00:00Z' : 'string';
  }
}

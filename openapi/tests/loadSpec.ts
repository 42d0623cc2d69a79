// Loads the bundled spec and a JSON Schema 2020-12 validator that understands it, for the spec tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const bundlePath = fileURLToPath(new URL('../generated/openapi.json', import.meta.url));

// biome-ignore lint: the bundled document is plain JSON of any shape.
export type Json = any;

export function loadBundledSpec(): Json {
  return JSON.parse(readFileSync(bundlePath, 'utf8'));
}

/** Collects every `x-` key used anywhere in the document, so ajv's strict mode accepts them as annotations. */
function vendorKeywords(node: Json, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => vendorKeywords(n, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      vendorKeywords(value, found);
    }
  }
  return found;
}

/** An ajv instance with the whole document registered, so `#/components/...` refs resolve. */
export function createSpecValidator(spec: Json) {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addVocabulary(['example', 'components', ...vendorKeywords(spec)]);
  const id = 'https://acs-opensearch.invalid/openapi.json';
  ajv.addSchema({ $id: id, components: spec.components }, id, undefined, false);
  return {
    /** Validates `value` against the schema at `pointer` (a JSON pointer like `#/components/schemas/X`) or an inline schema. */
    validate(schemaOrPointer: Json, value: unknown): string[] {
      const schema =
        typeof schemaOrPointer === 'string' ? { $ref: `${id}${schemaOrPointer}` } : rebase(schemaOrPointer, id);
      const check = ajv.compile(schema);
      return check(value) ? [] : (check.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath || '/'} ${e.message}`);
    },
  };
}

/** Points local `#/...` refs of an inline schema at the registered document. */
function rebase(schema: Json, id: string): Json {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${id}${value}` : value,
  );
}

/** Follows a local `$ref` chain in the document. */
export function deref(spec: Json, node: Json): Json {
  let current = node;
  while (current && typeof current.$ref === 'string') {
    current = current.$ref
      .slice(2)
      .split('/')
      .reduce((acc: Json, key: string) => acc?.[key], spec);
  }
  return current;
}

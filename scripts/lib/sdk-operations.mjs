// The operations of the official SDK (@alicloud/opensearch20171225 5.2.0), read from its client's
// source: each `xxxWithOptions` method encodes the wire (action, method, path, query, body).
// The draft script and the SDK coverage test read them here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(`${repoRoot}packages/mocks/package.json`);

/** The SDK module itself (its request and response model classes). */
export const loadSdk = () => require('@alicloud/opensearch20171225');

/** The SDK's version (`5.2.0`). */
export const sdkVersion = () => require('@alicloud/opensearch20171225/package.json').version;

/** Every `xxxWithOptions` method of the SDK client: the wire facts it encodes, by action. */
export function sdkOperations() {
  const source = readFileSync(require.resolve('@alicloud/opensearch20171225/dist/client.js'), 'utf8');
  const methods = new Map();
  const blocks = source.split(/\n {4}async (?=\w+WithOptions\()/).slice(1);
  for (const block of blocks) {
    const text = block.slice(0, block.indexOf('\n    }\n'));
    const action = /action: "(\w+)"/.exec(text)?.[1];
    if (!action) continue;
    const pathname = /pathname: `([^`]+)`/
      .exec(text)?.[1]
      ?.replace(/\$\{\$dara\.URL\.percentEncode\((\w+)\)\}/g, '{$1}');
    const method = /method: "(\w+)"/.exec(text)?.[1];
    const query = [...text.matchAll(/query\["(\w+)"\] = request\.(\w+);/g)].map((m) => ({ wire: m[1], field: m[2] }));
    const bodyFields = [...text.matchAll(/body\["(\w+)"\] = request\.(\w+);/g)].map((m) => ({
      wire: m[1],
      field: m[2],
    }));
    const wholeBody = /body: (?:openapi_core_2\.OpenApiUtil\.(?:parseToMap|toArray)\()?request\.body/.test(text);
    methods.set(action, { action, pathname, method, query, bodyFields, wholeBody });
  }
  return methods;
}

/** The actions of a bundled spec (`x-acs-action` of every operation). */
function specActions(spec) {
  const have = new Set();
  for (const item of Object.values(spec.paths ?? {}))
    for (const op of Object.values(item ?? {})) if (op?.['x-acs-action']) have.add(op['x-acs-action']);
  return have;
}

/** The SDK operations a spec lacks, and those it has whose method or path differs from the SDK's. */
export function coverage(spec, methods = sdkOperations()) {
  const have = specActions(spec);
  const missing = [...methods.keys()].filter((a) => !have.has(a)).sort();
  const wire = new Map();
  for (const [path, item] of Object.entries(spec.paths ?? {}))
    for (const [method, op] of Object.entries(item ?? {}))
      if (op?.['x-acs-action']) wire.set(op['x-acs-action'], `${method.toUpperCase()} ${path}`);
  const differs = [...methods.values()]
    .filter((m) => wire.has(m.action) && wire.get(m.action) !== `${m.method} ${m.pathname}`)
    .map((m) => `${m.action}: the spec has ${wire.get(m.action)}, the SDK sends ${m.method} ${m.pathname}`);
  return { total: methods.size, covered: methods.size - missing.length, missing, differs };
}

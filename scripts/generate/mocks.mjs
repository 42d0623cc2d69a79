import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BANNER, BEHAVIOUR_END, BEHAVIOUR_START, markdownTable, repoRoot } from './shared.mjs';

/**
 * The mocks README's behaviour tables, rendered by the mocks' own model of the spec (their
 * source, bundled on the fly with esbuild, so that this works before anything is built).
 */
export async function renderBehaviours(document) {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'acs-behaviours-'));
  try {
    const outfile = join(dir, 'describe.mjs');
    await build({
      entryPoints: [join(repoRoot, 'packages/mocks/src/model/describeBehaviours.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'error',
    });
    const { behaviourSections } = await import(pathToFileURL(outfile).href);
    const tables = behaviourSections(document).flatMap(({ family, rows }) => [
      `#### ${family} (${rows.length})`,
      '',
      markdownTable(
        ['operation', 'request', 'what the mocks do'],
        rows.map((row) => row.map((cell) => cell.replace(/\|/g, '\\|'))),
      ),
      '',
    ]);
    return [BEHAVIOUR_START, '', ...tables, BEHAVIOUR_END].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Keys whose object value maps names to things (a `description` key inside is a name, not prose). */
const NAME_MAPS = new Set([
  'paths',
  'properties',
  'patternProperties',
  'schemas',
  'parameters',
  'responses',
  'requestBodies',
  'headers',
  'examples',
  'variables',
  'securitySchemes',
  'links',
  'callbacks',
  'content',
  '$defs',
  'dependentSchemas',
  'webhooks',
]);

/** Keys whose value is data (kept as it is), never a part of the document's structure. */
const DATA = new Set(['example', 'examples', 'default', 'enum', 'const', 'value']);

/** Prose and links for readers, and the spec's own bookkeeping: nothing the mocks read. */
const PROSE = new Set(['description', 'summary', 'externalDocs', 'x-acs-assumption', 'x-acs-source-document']);

/**
 * The document the mocks carry (into every test bundle, and every browser that runs setupWorker):
 * the spec without what only a reader of the spec needs. Prose (descriptions, summaries,
 * external links, assumptions) and the tags are left out, and so are the examples of
 * request bodies, which the mocks never read. The data the mocks answer from (the examples of
 * responses and schemas, defaults, enums) and every rule they validate with stay.
 */
export function trimForMocks(document) {
  const walk = (node, inNameMap) => {
    if (Array.isArray(node)) return node.map((item) => walk(item, false));
    if (node === null || typeof node !== 'object') return node;
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (inNameMap) {
        out[key] = walk(value, false);
        continue;
      }
      if (PROSE.has(key) && (typeof value === 'string' || key === 'externalDocs' || key.startsWith('x-'))) continue;
      // Named examples (a map of Example objects) are walked for their prose; their values are data.
      if (key === 'examples' && value && typeof value === 'object' && !Array.isArray(value))
        out[key] = walk(value, true);
      else if (DATA.has(key) || key.startsWith('x-')) out[key] = value;
      else out[key] = walk(value, NAME_MAPS.has(key));
    }
    return out;
  };
  const trimmed = walk(document, false);
  delete trimmed.tags;
  for (const item of Object.values(trimmed.paths ?? {}))
    for (const op of Object.values(item ?? {})) {
      if (!op || typeof op !== 'object' || Array.isArray(op)) continue;
      delete op.tags;
      for (const media of Object.values(op.requestBody?.content ?? {})) {
        delete media.example;
        delete media.examples;
      }
    }
  return trimmed;
}

export function renderMocksDocument(document) {
  return `${BANNER}
// The bundled OpenAPI document, as a module, so that the mocks read the spec without file access;
// trimmed to what the mocks read (no prose, no tags, no request examples: see trimForMocks).

/** The bundled OpenAPI 3.1 document of the API, trimmed to what the mocks read. Treat it as read-only. */
export const openApiDocument: {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string; readonly [key: string]: unknown };
  readonly paths: Readonly<Record<string, unknown>>;
  readonly components: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
} = ${JSON.stringify(document, null, 2)};
`;
}

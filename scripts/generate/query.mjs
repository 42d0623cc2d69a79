import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BANNER, markdownTable, metaName, NAMES_END, NAMES_START, pascal, repoRoot } from './shared.mjs';

/** The query package's own plan module (packages/query/src/plan.ts), bundled on the fly with esbuild: the key root and the plans are defined there once. */
async function loadPlan() {
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'acs-plan-'));
  try {
    const outfile = join(dir, 'plan.mjs');
    await build({
      entryPoints: [join(repoRoot, 'packages/query/src/plan.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'error',
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The query package's generated half: per operation, its key, read, infinite or mutation options. */
export async function renderQueries(meta) {
  const { QUERY_KEY_ROOT: QUERY_ROOT, commonPrefix, invalidationPlan } = await loadPlan();
  const ops = Object.values(meta.operations);
  const skip = commonPrefix(ops.map((op) => op.path));
  // A read is any operation that changes nothing (a GET, or a POST whose RAM access level is a read):
  // it gets query options and invalidates nothing.
  const reads = new Set(ops.filter((op) => op.read).map((op) => op.path));
  const needsParams = (op) => op.parameters.some((p) => p.required && p.in !== 'header') || op.body?.required;
  const types = new Set(['OpenSearchCore', 'OpenSearchError']);
  const blocks = ops.map((op) => {
    const id = op.operationId;
    const P = `${pascal(id)}Params`;
    const R = `${pascal(id)}Response`;
    types.add(P);
    types.add(R);
    const opt = needsParams(op) ? '' : '?';
    const meta = metaName(id);
    if (op.read) {
      const plan = { segments: op.path.split('/').filter(Boolean).slice(skip) };
      const lines = [
        `const ${id}Plan: KeyPlan = ${JSON.stringify(plan)};`,
        `/** The query key of ${id}: \`[${JSON.stringify(QUERY_ROOT)}, ...path, query]\`; a prefix matches everything below it. */`,
        `export const ${id}QueryKey = (params${opt}: ${P}) =>`,
        `  queryKeyOf(${meta}, ${id}Plan, params) as DataTag<QueryKey, ${R}, OpenSearchError>;`,
        `/** Query options for ${id} (\`${op.method} ${op.path}\`): its key, a queryFn that passes TanStack's signal, no TanStack retry. */`,
        `export const ${id}Options = (client: OpenSearchCore, params${opt}: ${P}, options?: QueryCallOptions) =>`,
        `  readOptions<${R}>(client, ${meta}, ${id}Plan, params, options);`,
      ];
      if (op.pagination)
        lines.push(
          `/** The infinite query key of ${id}: its key without \`${op.pagination.pageNumber}\`, marked \`infinite\`. */`,
          `export const ${id}InfiniteQueryKey = (params${opt}: ${P}) =>`,
          `  infiniteKeyOf(${meta}, ${id}Plan, params) as DataTag<QueryKey, InfiniteData<${R}, number>, OpenSearchError>;`,
          `/** Infinite query options for ${id}: one page per call by \`${op.pagination.pageNumber}\`, none after the last (\`${op.pagination.totalCount}\`, a short or empty page). */`,
          `export const ${id}InfiniteOptions = (client: OpenSearchCore, params${opt}: Omit<${P}, '${op.pagination.pageNumber}'> & Partial<Pick<${P}, '${op.pagination.pageNumber}'>>, options?: QueryCallOptions) =>`,
          `  infiniteOptions<${R}>(client, ${meta}, ${id}Plan, params, options);`,
        );
      return lines.join('\n');
    }
    const plan = invalidationPlan(op.path, reads, skip);
    const what = plan.collection
      ? `everything under \`/${plan.resource.segments.join('/')}\` and the lists of \`/${plan.collection.segments.join('/')}\``
      : `everything under \`/${plan.resource.segments.join('/')}\``;
    return [
      `const ${id}Invalidates: InvalidationPlan = ${JSON.stringify(plan)};`,
      `/** Mutation options for ${id} (\`${op.method} ${op.path}\`); on success it refreshes ${what}. */`,
      `export const ${id}Mutation = (client: OpenSearchCore, config?: OpenSearchMutationConfig<${R}, ${P}>) =>`,
      `  mutationOptions<${R}, ${P}>(client, ${meta}, ${id}Invalidates, config);`,
    ].join('\n');
  });
  const bound = ops.flatMap((op) => {
    const id = op.operationId;
    const P = `${pascal(id)}Params`;
    const R = `${pascal(id)}Response`;
    const opt = needsParams(op) ? '' : '?';
    if (!op.read)
      return [`    ${id}Mutation: (config?: OpenSearchMutationConfig<${R}, ${P}>) => ${id}Mutation(client, config),`];
    const lines = [
      `    ${id}Options: (params${opt}: ${P}, options?: QueryCallOptions) => ${id}Options(client, params, options),`,
    ];
    if (op.pagination)
      lines.push(
        `    ${id}InfiniteOptions: (params${opt}: Omit<${P}, '${op.pagination.pageNumber}'> & Partial<Pick<${P}, '${op.pagination.pageNumber}'>>, options?: QueryCallOptions) =>`,
        `      ${id}InfiniteOptions(client, params, options),`,
      );
    return lines;
  });
  blocks.push(`/**
 * Every operation's options with the client bound once: \`const q = createOpenSearchQueries(client)\`, then
 * \`useQuery(q.${ops.find((op) => op.read)?.operationId ?? 'operation'}Options(params))\`. The client may be the full one or the lean core
 * (\`createOpenSearchCore\` of \`@acs-opensearch/client/operations\`). It holds every operation: a page that
 * imports only a few keeps them smaller by importing the standalone exports instead.
 */
export function createOpenSearchQueries(client: OpenSearchCore) {
  return {
${bound.join('\n')}
  };
}

/** What \`createOpenSearchQueries(client)\` returns: every operation's options, bound to one client. */
export type OpenSearchQueries = ReturnType<typeof createOpenSearchQueries>;`);
  return `${BANNER}
// Per operation of the spec: a read's query key and query options (and infinite options when it
// pages), a write's mutation options with the invalidations its path nesting implies. A read is
// an operation that changes nothing: a GET, or a POST whose RAM access level is read, get or list.
import {
  ${[...types]
    .sort()
    .map((t) => `type ${t}`)
    .join(',\n  ')},
} from '@acs-opensearch/client';
import {
${ops.map((op) => `  ${metaName(op.operationId)},`).join('\n')}
} from '@acs-opensearch/client/operations';
import type { DataTag, InfiniteData, QueryKey } from '@tanstack/query-core';
import {
  type InvalidationPlan,
  infiniteKeyOf,
  infiniteOptions,
  type KeyPlan,
  mutationOptions,
  type OpenSearchMutationConfig,
  type QueryCallOptions,
  queryKeyOf,
  readOptions,
} from '../core.js';

${blocks.join('\n\n')}
`;
}

/**
 * The query README's name map: per collection (a path whose GET lists and whose `{key}` path
 * reads an item), the exports of its list, get, create, update and delete, which carry the API's
 * own action names (describe... is a get, remove... a delete). Derived from path shapes alone.
 */
export async function renderNameMap(meta) {
  const { commonPrefix } = await loadPlan();
  const ops = Object.values(meta.operations);
  const skip = commonPrefix(ops.map((op) => op.path));
  const at = (path, method) => ops.find((op) => op.path === path && op.method === method);
  const rows = [];
  for (const list of ops.filter((op) => op.method === 'GET' && op.read)) {
    const items = ops.filter((op) => new RegExp(`^${list.path.replace(/[{}]/g, '\\$&')}/\\{[^/}]+\\}$`).test(op.path));
    const itemPath = items[0]?.path;
    const create = at(list.path, 'POST');
    if (!itemPath && !create) continue;
    const get = itemPath && at(itemPath, 'GET');
    const update = itemPath && (at(itemPath, 'PUT') ?? at(itemPath, 'PATCH'));
    const remove = itemPath && at(itemPath, 'DELETE');
    if (![get, create, update, remove].some(Boolean)) continue;
    const cell = (op, suffix) => (op ? `\`${op.operationId}${suffix}\`` : '');
    rows.push([
      `\`/${list.path.split('/').filter(Boolean).slice(skip).join('/')}\``,
      `${cell(list, 'Options')}${list.pagination ? `, ${cell(list, 'InfiniteOptions')}` : ''}`,
      cell(get, 'Options'),
      cell(create, 'Mutation'),
      cell(update, 'Mutation'),
      cell(remove, 'Mutation'),
    ]);
  }
  return [
    NAMES_START,
    '',
    `${rows.length} collections. The names are the API's actions: \`describe…\` and \`get…\` read one item, \`modify…\` and \`update…\` change it, \`remove…\` and \`delete…\` delete it.`,
    '',
    markdownTable(['collection', 'list', 'get', 'create', 'update', 'delete'], rows),
    '',
    NAMES_END,
  ].join('\n');
}

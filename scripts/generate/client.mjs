import {
  BANNER,
  markdownTable,
  metaName,
  operationDoc,
  optionalParams,
  paginatorDoc,
  pascal,
  TABLE_END,
  TABLE_START,
  typeNames,
} from './shared.mjs';

/** What the client needs of an operation at run time: its read flag only shapes generated code (query options). */
const runtimeMeta = ({ read: _read, ...op }) => op;

export function renderMetadata(meta) {
  const json = (value) => JSON.stringify(value, null, 2);
  return `${BANNER}
// Run-time facts about the API, taken from the spec: endpoints, operations, parameters, error codes.
import type { OperationMeta } from '../shared/operationMeta.js';

/** The API version (\`info.version\` of the spec). */
export const API_VERSION = ${json(meta.apiVersion)};

/** The server URL template; \`{regionId}\` is one of \`REGIONS\`. */
export const SERVER_URL_TEMPLATE = ${json(meta.serverUrlTemplate)};

/** The regions the spec's server variable allows. */
export const REGIONS = ${json(meta.regions)} as const;

/** A region the spec knows an endpoint for. */
export type RegionId = (typeof REGIONS)[number];

/** The region used when none is given. */
export const DEFAULT_REGION_ID: RegionId = ${json(meta.defaultRegionId)};

${Object.values(meta.operations)
  .map(
    (op) => `/** How ${op.operationId} (\`${op.method} ${op.path}\`, ${op.action}) is called, checked and signed. */
export const ${metaName(op.operationId)}: OperationMeta = ${json(runtimeMeta(op)).replace(`"version": ${JSON.stringify(meta.apiVersion)}`, '"version": API_VERSION')};`,
  )
  .join('\n\n')}

/** The operationIds of the spec. */
export type OperationId =
${Object.keys(meta.operations)
  .map((id) => `  | ${JSON.stringify(id)}`)
  .join('\n')};

/**
 * Each operation of the spec, by operationId: how it is called and signed (method, path template,
 * x-acs-action, x-acs-version), its parameter and body rules, whether it is idempotent, how it pages.
 * Each is also its own export (\`<operationId>Operation\`), which a bundler keeps only when used.
 */
export const OPERATIONS: Readonly<Record<OperationId, OperationMeta>> = {
${Object.keys(meta.operations)
  .map((id) => `  ${id}: ${metaName(id)},`)
  .join('\n')}
};

/** The error codes the spec documents (\`x-acs-error-codes\`), with their usual HTTP status. */
export const ERROR_CODES = ${json(meta.errorCodes)} as const;

/** An error code the spec documents. */
export type ErrorCode = (typeof ERROR_CODES)[number]['code'];
`;
}

/** One typed method per operation (and a paginator per paged one): the client builds them at run time from OPERATIONS. */
export function renderOperationTypes(meta) {
  const ops = Object.values(meta.operations);
  const names = typeNames(ops);
  const types = ops
    .map(
      (
        op,
      ) => `/** The parameters of ${op.operationId}, flat: path and query together${op.body ? ', the JSON body as `body`' : ''}. */
export type ${pascal(op.operationId)}Params = FlatParams<operations['${op.operationId}']>;
/** The 2xx body of ${op.operationId}, camelCase (PascalCase answers are normalized to it). */
export type ${pascal(op.operationId)}Response = SuccessBody<operations['${op.operationId}']>;`,
    )
    .join('\n');
  const methods = ops
    .map(
      (op) => `  ${operationDoc(meta.document, op)}
  ${op.operationId}(params${optionalParams(op)}: ${pascal(op.operationId)}Params, options?: CallOptions): Promise<${pascal(op.operationId)}Response>;`,
    )
    .join('\n');
  const paginators = ops
    .filter((op) => op.paginator)
    .map(
      (op) => `  ${paginatorDoc(op)}
  ${op.paginator}(params${optionalParams(op)}: ${pascal(op.operationId)}Params & PaginateOptions, options?: CallOptions): AsyncIterableIterator<${pascal(op.operationId)}Response>;`,
    )
    .join('\n');
  const taken = new Set(names);
  const schemas = Object.keys(meta.document.components?.schemas ?? {})
    .filter((name) => !taken.has(name) && /^[A-Z][A-Za-z0-9]*$/.test(name))
    .map((name) => `/** The spec's \`${name}\` schema. */\nexport type ${name} = components['schemas']['${name}'];`)
    .join('\n');
  return `${BANNER}
// One typed method per operation of the spec, named after its operationId, and a paginator per paged operation.
import type { CallOptions, FlatParams, PaginateOptions, SuccessBody } from '../shared/operationTypes.js';
import type { components, operations } from './openapi.js';

${types}

${schemas}

/** The generated methods: flat parameters in, the camelCase 2xx body out; every failure throws an OpenSearchError. */
export interface OperationMethods {
${methods}
}

/** The paginators of the operations that page (\`x-acs-pagination\`, or the pageNumber/pageSize/totalCount convention). */
export interface OperationPaginators {
${paginators}
}
`;
}

/** One function per operation (and per paginator), each with only its own metadata: what a bundler keeps per import. */
export function renderFunctions(meta) {
  const ops = Object.values(meta.operations);
  const types = typeNames(ops);
  const blocks = ops.map((op) => {
    const id = op.operationId;
    const P = `${pascal(id)}Params`;
    const R = `${pascal(id)}Response`;
    const opt = optionalParams(op);
    const lines = [
      operationDoc(meta.document, op),
      `export function ${id}(client: OperationInvoker, params${opt}: ${P}, options?: CallOptions): Promise<${R}> {`,
      `  return invoke(client, ${metaName(id)}, params, options) as Promise<${R}>;`,
      '}',
    ];
    if (op.paginator)
      lines.push(
        paginatorDoc(op),
        `export function ${op.paginator}(client: OperationInvoker, params${opt}: ${P} & PaginateOptions, options?: CallOptions): AsyncIterableIterator<${R}> {`,
        `  return invokePages(client, ${metaName(id)}, params, options) as AsyncIterableIterator<${R}>;`,
        '}',
      );
    return lines.join('\n');
  });
  return `${BANNER}
// One function per operation of the spec, called as \`${ops[0]?.operationId ?? 'operation'}(client, params, options?)\` with a
// client from createOpenSearchCore() or createOpenSearchClient(), and a paginator per paged operation.
// Each refers only to its own operation's metadata, so a bundler keeps only what a page imports.
import type { CallOptions, PaginateOptions } from '../shared/operationTypes.js';
import { invoke, invokePages, type OperationInvoker } from './invoke.js';
import {
${ops.map((op) => `  ${metaName(op.operationId)},`).join('\n')}
} from '../generated/metadata.js';
import type {
${types.map((t) => `  ${t},`).join('\n')}
} from '../generated/operations.js';

${blocks.join('\n\n')}
`;
}

/** The client README's tables of generated methods, one per family (the spec's tags, in order): each method with its call, action and retry rule. */
export function renderOperationsTable(meta, document) {
  const tagOf = new Map();
  for (const item of Object.values(document.paths ?? {}))
    for (const op of Object.values(item ?? {})) if (op?.operationId) tagOf.set(op.operationId, op.tags?.[0] ?? 'Other');
  const families = [...(document.tags ?? []).map((t) => t.name), 'Other'];
  const sections = [];
  for (const family of families) {
    const ops = Object.values(meta.operations).filter((op) => (tagOf.get(op.operationId) ?? 'Other') === family);
    if (ops.length === 0) continue;
    const rows = ops.map((op) => [
      `\`${op.operationId}\``,
      `\`${op.method} ${op.path.replace(/\|/g, '\\|')}\``,
      `\`${op.action}\``,
      op.idempotent ? 'throttling, 5xx, timeouts, network errors' : 'throttling only',
      op.paginator ? `\`${op.paginator}\`` : '',
    ]);
    const description = document.tags?.find((t) => t.name === family)?.description;
    sections.push(
      `#### ${family} (${ops.length})`,
      '',
      ...(description ? [description.trim(), ''] : []),
      markdownTable(['method', 'request', '`x-acs-action`', 'retried on', 'paginator'], rows),
      '',
    );
  }
  const total = Object.keys(meta.operations).length;
  return [TABLE_START, '', `${total} operations, by family.`, '', ...sections, TABLE_END].join('\n');
}

/**
 * The document openapi-typescript reads: a parameter described by `content` (a JSON query value)
 * gets that content's schema as its own, so it is typed as what the caller passes, not a string.
 */
export function forTypes(document) {
  const copy = structuredClone(document);
  const fix = (param) => {
    const media = param && !param.schema && param.content?.['application/json'];
    if (media?.schema) {
      param.schema = media.schema;
      delete param.content;
    }
  };
  for (const param of Object.values(copy.components?.parameters ?? {})) fix(param);
  for (const item of Object.values(copy.paths ?? {}))
    for (const value of Object.values(item ?? {})) {
      if (Array.isArray(value)) value.forEach(fix);
      else for (const param of value?.parameters ?? []) fix(param);
    }
  return copy;
}

/** The application API's run-time facts, for `@acs-opensearch/client/search` and the mocks' search engine. */
export function renderSearchMetadata(meta) {
  const json = (value) => JSON.stringify(value, null, 2);
  const ops = Object.values(meta.operations);
  return `${BANNER}
// The application API (v3), from openapi/app/: each operation's method, path, action, parameter
// rules and limits, and the service's error codes.
import type { OperationMeta } from '../../shared/operationMeta.js';

/** An application API operation, with the request limits its spec gives (\`x-acs-limits\`). */
export interface SearchOperationMeta extends OperationMeta {
  readonly limits?: { readonly maxRequestBytes?: number; readonly maxDocumentsPerRequest?: number } | undefined;
}

export const SEARCH_API_VERSION = ${JSON.stringify(meta.apiVersion)};

/** The operationId of each application API operation. */
export type SearchOperationId = ${ops.map((op) => JSON.stringify(op.operationId)).join(' | ')};


${ops.map((op) => `export const ${op.operationId}Operation: SearchOperationMeta = ${json(op)};`).join('\n\n')}

/** Every application API operation. */
export const SEARCH_OPERATIONS: readonly SearchOperationMeta[] = [${ops.map((op) => `${op.operationId}Operation`).join(', ')}];

/** The service's numeric error codes and the HTTP status each is answered with. */
export const SEARCH_ERROR_CODES = ${json(meta.errorCodes)} as const;
`;
}

#!/usr/bin/env node
// A maintainer's aid: drafts the YAML of an operation from the official SDK
// (@alicloud/opensearch20171225 5.2.0), for a human to review. It reads the wire from the SDK:
// method, path, the query parameters it sends (and which it sends JSON-encoded), the body (and
// the casing of its keys) and the answer's fields in the casing the SDK reads. It cannot know
// what the reference page says: the RAM action, which parameters are required, their valid
// values and limits, the descriptions. Those are left as `TODO` for the reviewer to fill from the
// page "OpenSearch:<Action>", which the draft links. Nothing in the build or the tests runs it.
//
//   node scripts/draft-operation.mjs CreateFunctionResource [MoreActions...]   # YAML on stdout
//   node scripts/draft-operation.mjs --list                                    # every SDK action, and whether the spec has it
import { readFileSync } from 'node:fs';
import { coverage, loadSdk, repoRoot as root, sdkOperations } from './lib/sdk-operations.mjs';

const sdk = loadSdk();

const indent = (text, n) =>
  text
    .split('\n')
    .map((l) => (l ? ' '.repeat(n) + l : l))
    .join('\n');

/** A JSON schema, as YAML flow text, for an SDK model type (`string`, a model class, an array or a map). */
function schemaOf(type, depth = 0, casing = 'names') {
  if (type === 'string') return { type: 'string' };
  if (type === 'number') return { type: 'integer', 'x-todo': 'the SDK says number: integer or number?' };
  if (type === 'boolean') return { type: 'boolean' };
  if (type === 'any' || type === undefined) return {};
  if (typeof type === 'object' && type.type === 'array')
    return { type: 'array', items: schemaOf(type.itemType, depth + 1, casing) };
  if (typeof type === 'object' && type.type === 'map')
    return { type: 'object', additionalProperties: schemaOf(type.valueType, depth + 1, casing) };
  if (typeof type === 'function' && typeof type.names === 'function') {
    if (depth > 6) return { type: 'object' };
    const names = type.names();
    const types = type.types();
    const properties = {};
    for (const field of Object.keys(names))
      properties[casing === 'names' ? names[field] : field] = schemaOf(types[field], depth + 1, casing);
    return { type: 'object', properties };
  }
  return {};
}

function yaml(value, level = 0) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value))
    return value.length === 0
      ? '[]'
      : `\n${value.map((v) => `${'  '.repeat(level)}- ${yaml(v, level + 1).trimStart()}`).join('\n')}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  return `\n${keys
    .map((k) => {
      const inner = yaml(value[k], level + 1);
      const name = /^[\w-]+$/.test(k) ? k : JSON.stringify(k);
      return `${'  '.repeat(level)}${name}:${inner.startsWith('\n') ? '' : ' '}${inner}`;
    })
    .join('\n')}`;
}

const spec = JSON.parse(readFileSync(`${root}openapi/generated/openapi.json`, 'utf8'));
const COMMON = ['v4', 'openapi'];
const segmentsOf = (path) =>
  path
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith('{') ? '{}' : s));

/**
 * The tag (family) of the spec's operations whose paths share the most leading segments with
 * this one (the most used tag among them), or a new tag named after the first segment of the
 * path when none shares more than the API's prefix. The SDK has no grouping of its own.
 */
function suggestTag(pathname) {
  const mine = segmentsOf(pathname);
  let best = 0;
  const counts = new Map();
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const theirs = segmentsOf(path);
    let shared = 0;
    while (shared < Math.min(mine.length, theirs.length) && mine[shared] === theirs[shared]) shared++;
    if (shared < best || shared <= COMMON.length) continue;
    if (shared > best) counts.clear();
    best = shared;
    for (const op of Object.values(item ?? {}))
      for (const tag of op?.tags?.slice(0, 1) ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  const tag = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (tag) return tag;
  const first = mine[COMMON.length] ?? 'Other';
  const name = first.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
  return `${name} (a new family: add it to tags: in openapi.yaml with a description)`;
}

/** x-acs-ram in the spec's one convention; the action, access level and resource type come from the page. */
function ramDraft(method) {
  const inAppGroup = method.pathname.includes('{appGroupIdentity}');
  return {
    action: `opensearch:TODO (the page's Operation column; often ${method.action})`,
    accessLevel: "TODO: the page's access level, in lower case: create, delete, get, list, update, read or write",
    resourceType: inAppGroup ? "TODO: the page's resource type (App, AppGroup...)" : 'All',
    resource: inAppGroup
      ? 'acs:opensearch:{#regionId}:{#accountId}:apps/{#AppGroupId}'
      : 'acs:opensearch:{#regionId}:{#accountId}:*',
    conditionKeys: [],
    associatedOperations: [],
  };
}

function draft(method) {
  const { action } = method;
  const request = sdk[`${action}Request`];
  const shrunk = sdk[`${action}ShrinkRequest`];
  const responseBody = sdk[`${action}ResponseBody`];
  const lowerFirst = (s) => s[0].toLowerCase() + s.slice(1);
  const pathParams = [...method.pathname.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const parameters = [
    ...pathParams.map((name) => ({
      name,
      in: 'path',
      required: true,
      description: 'TODO',
      schema: { type: 'string' },
      example: 'TODO',
    })),
    ...method.query.map(({ wire, field }) => {
      const json = field.endsWith('Shrink');
      const original = json ? field.slice(0, -'Shrink'.length) : field;
      const type = request?.types?.()[original];
      const schema = schemaOf(type, 0, 'names');
      return json
        ? {
            name: wire,
            in: 'query',
            required: 'TODO',
            description: 'TODO (sent as one JSON value by the SDK)',
            content: { 'application/json': { schema } },
            example: 'TODO',
          }
        : { name: wire, in: 'query', required: 'TODO', description: 'TODO', schema, example: 'TODO' };
    }),
  ];
  let requestBody;
  if (method.bodyFields.length > 0) {
    const types = request?.types?.() ?? {};
    const properties = {};
    for (const { wire, field } of method.bodyFields) properties[wire] = schemaOf(types[field], 0, 'names');
    requestBody = {
      required: "TODO: the page's Required column for the body (the SDK never says)",
      content: { 'application/json': { schema: { type: 'object', required: 'TODO', properties } } },
    };
  } else if (method.wholeBody) {
    const type = (shrunk ?? request)?.types?.().body;
    requestBody = {
      required: "TODO: the page's Required column for the body (the SDK never says)",
      content: { 'application/json': { schema: schemaOf(type, 0, 'names') } },
    };
  }
  const op = {
    operationId: lowerFirst(action),
    tags: [suggestTag(method.pathname)],
    summary: 'TODO',
    description: 'TODO (in our own words, from the reference page)',
    'x-acs-action': action,
    'x-acs-version': '2017-12-25',
    'x-acs-api-style': 'ROA',
    externalDocs: {
      description: `The reference page of ${action}`,
      url: `https://www.alibabacloud.com/help/en/open-search/developer-reference/api-opensearch-2017-12-25-${action.toLowerCase()}`,
    },
    'x-acs-ram': ramDraft(method),
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      200: {
        description: 'TODO',
        content: {
          'application/json': {
            schema: schemaOf(responseBody, 0, 'names'),
            example: 'TODO (one example from the page)',
          },
        },
      },
    },
  };
  const casingNote = responseBody
    ? `# The SDK reads the answer as: ${Object.values(responseBody.names()).join(', ')}\n`
    : '';
  return `# ${method.method} ${method.pathname}\n${casingNote}${method.method.toLowerCase()}:${indent(yaml(op, 0), 2)}\n`;
}

const methods = sdkOperations();
const args = process.argv.slice(2);
if (args.length === 0 || args.includes('--help')) {
  console.log('usage: node scripts/draft-operation.mjs <Action> [<Action>...] | --list');
  process.exit(args.length === 0 ? 2 : 0);
}
if (args[0] === '--list') {
  const { covered, total, missing } = coverage(spec, methods);
  for (const action of [...methods.keys()].sort())
    console.log(`${missing.includes(action) ? 'missing     ' : 'in the spec '} ${action}`);
  console.log(`\n${covered} of ${total} SDK operations are in the spec.`);
  process.exit(0);
}
for (const action of args) {
  const method = methods.get(action);
  if (!method) {
    console.error(`draft-operation: the SDK has no operation ${action}`);
    process.exit(2);
  }
  process.stdout.write(draft(method));
}

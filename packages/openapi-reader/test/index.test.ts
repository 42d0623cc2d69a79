// The one OpenAPI reader: $ref escapes and cycles, every HTTP method (trace included), parameter
// overrides, int32 bounds in both the metadata and the validator, pagination and idempotency rules.
import { describe, expect, it } from 'vitest';
import {
  createSpecValidator,
  deref,
  listOperations,
  operationMetadata,
  paginatorName,
  resolvePointer,
} from '../src/index.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 't', version: '2020-01-01' },
  paths: {
    '/items': {
      parameters: [{ name: 'tenant', in: 'query', schema: { type: 'string' } }],
      get: {
        operationId: 'listItems',
        'x-acs-action': 'ListItems',
        parameters: [
          { $ref: '#/components/parameters/a~1b' },
          { name: 'pageNumber', in: 'query', schema: { type: 'integer', format: 'int32' } },
          { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1 } },
          { name: 'tenant', in: 'query', required: true, schema: { type: 'string', enum: ['x'] } },
        ],
        responses: {
          200: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['items'],
                  properties: { totalCount: { type: 'integer' }, items: { type: 'array', items: {} } },
                },
              },
            },
          },
        },
      },
      post: {
        operationId: 'createItem',
        'x-acs-action': 'CreateItem',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['name'],
                additionalProperties: false,
                properties: { name: { type: 'string', minLength: 1 }, size: { type: 'integer', format: 'int32' } },
              },
            },
          },
        },
        responses: { 201: { description: 'created' } },
      },
      trace: { operationId: 'traceItems', 'x-acs-action': 'TraceItems', 'x-acs-idempotent': false, responses: {} },
    },
  },
  components: {
    parameters: { 'a/b': { name: 'q', in: 'query', schema: { $ref: '#/components/schemas/Q' } } },
    schemas: { Q: { type: 'string', maxLength: 3 } },
  },
};

describe('resolvePointer and deref', () => {
  it('decode ~1, ~0 and percent-escapes', () => {
    expect(resolvePointer({ 'a/b': { 'c~d': { 'e f': 1 } } }, '#/a~1b/c~0d/e%20f')).toBe(1);
  });
  it('name a cycle instead of looping', () => {
    const cyclic = {
      components: { schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } } },
    };
    expect(() => deref(cyclic, { $ref: '#/components/schemas/A' })).toThrow(/\$ref cycle: .*A -> .*B -> .*A/);
  });
  it('refuse remote refs and name a missing target', () => {
    expect(() => deref(doc, { $ref: 'other.yaml#/x' })).toThrow(/Only local/);
    expect(() => deref(doc, { $ref: '#/components/nothing' })).toThrow(/nothing at "nothing"/);
  });
});

describe('listOperations', () => {
  const ops = listOperations(doc);
  it('lists every method, trace included', () => {
    expect(ops.map((o) => `${o.method} ${o.operationId}`)).toEqual([
      'GET listItems',
      'POST createItem',
      'TRACE traceItems',
    ]);
  });
  it("lets an operation's parameter override the path item's, and follows escaped refs", () => {
    const list = ops[0];
    expect(list.parameters.filter((p) => p.name === 'tenant')).toEqual([
      { name: 'tenant', in: 'query', required: true, schema: { type: 'string', enum: ['x'] } },
    ]);
    expect(list.parameters.find((p) => p.name === 'q')).toBeDefined();
    expect(list.mswPath).toBe('/items');
  });
});

describe('operationMetadata', () => {
  const [list, create, trace] = operationMetadata(doc);
  it('gives int32 its bounds, and keeps $ref-ed rules', () => {
    expect(list.parameters.find((p) => p.name === 'pageNumber')).toMatchObject({
      minimum: -(2 ** 31),
      maximum: 2 ** 31 - 1,
    });
    expect(list.parameters.find((p) => p.name === 'q')).toMatchObject({ type: 'string', maxLength: 3 });
  });
  it('infers paging from the convention and names the paginator', () => {
    expect(list.pagination).toEqual({
      pageNumber: 'pageNumber',
      pageSize: 'pageSize',
      totalCount: 'totalCount',
      items: 'items',
    });
    expect(list.paginator).toBe('paginateItems');
    expect(paginatorName('searchThings')).toBe('paginateSearchThings');
  });
  it('reads the body rules, and idempotency from the method or x-acs-idempotent', () => {
    expect(create.body).toEqual({
      required: true,
      mediaType: 'application/json',
      closed: true,
      fields: {
        name: { required: true, type: 'string', minLength: 1 },
        size: { type: 'integer', minimum: -(2 ** 31), maximum: 2 ** 31 - 1 },
      },
    });
    expect([list.idempotent, create.idempotent, trace.idempotent]).toEqual([true, false, false]);
    expect(list.version).toBe('2020-01-01');
  });
  it('takes an operation as a read from its method, its RAM access level or x-acs-read, never its name', () => {
    const spec = structuredClone(doc);
    const post = (extra) => ({ 'x-acs-action': 'Probe', responses: {}, ...extra });
    spec.paths = {
      '/a': { post: { operationId: 'a', ...post({ 'x-acs-ram': { accessLevel: 'get' } }) } },
      '/b': { post: { operationId: 'b', ...post({ 'x-acs-ram': { accessLevel: 'List' } }) } },
      '/c': { post: { operationId: 'c', ...post({ 'x-acs-ram': { accessLevel: 'create' } }) } },
      '/d': { post: { operationId: 'd', ...post({ 'x-acs-ram': { accessLevel: 'update' }, 'x-acs-read': true }) } },
      '/e': { get: { operationId: 'e', ...post({ 'x-acs-read': false }) } },
      '/f': {
        post: { operationId: 'f', ...post({ 'x-acs-ram': { accessLevel: 'read' }, 'x-acs-idempotent': false }) },
      },
      '/listThings': { post: { operationId: 'listThings', ...post({}) } },
    };
    const ops = Object.fromEntries(operationMetadata(spec).map((op) => [op.operationId, op]));
    expect(Object.values(ops).map((op) => [op.operationId, op.read, op.idempotent])).toEqual([
      ['a', true, true],
      ['b', true, true],
      ['c', false, false],
      ['d', true, true],
      ['e', false, true],
      ['f', true, false],
      ['listThings', false, false],
    ]);
  });
  it('refuses an operation without x-acs-action', () => {
    const broken = structuredClone(doc);
    delete broken.paths['/items'].post['x-acs-action'];
    expect(() => operationMetadata(broken)).toThrow(/POST \/items \(createItem\) has no x-acs-action/);
  });
});

describe('createSpecValidator', () => {
  it('checks int32 bounds', () => {
    const v = createSpecValidator(doc);
    expect(v.validate({ type: 'integer', format: 'int32' }, 2 ** 31)).not.toEqual([]);
    expect(v.validate({ type: 'integer', format: 'int32' }, 2 ** 31 - 1)).toEqual([]);
  });
  it('resolves #/components refs, and coerces only when asked', () => {
    expect(createSpecValidator(doc).validate({ $ref: '#/components/schemas/Q' }, 'abcd')).toHaveLength(1);
    const coerce = createSpecValidator(doc, { coerce: true }).compile({
      type: 'object',
      properties: { n: { type: 'integer' } },
    });
    const data = { n: '5' };
    expect(coerce(data)).toBe(true);
    expect(data.n).toBe(5);
  });
});

// Validation before the network, pinned on operations defined here (so it holds whatever the spec
// contains): each rule's boundary, the error's parameter and its exact message, nested values,
// bodies, the flat and the raw forms, and the 2xx shape check.
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';
import { prepareCall, prepareFlat, shapeProblem } from '../src/operations/validateParameters.js';
import type { OperationMeta, ValueRule } from '../src/shared/operationMeta.js';

const op: OperationMeta = {
  operationId: 'doThing',
  method: 'POST',
  path: '/things/{id}',
  action: 'DoThing',
  version: '1',
  parameters: [
    { name: 'id', in: 'path', required: true, type: 'string', minLength: 1 },
    { name: 'size', in: 'query', type: 'integer', minimum: 1, maximum: 10 },
    { name: 'ratio', in: 'query', type: 'number' },
    { name: 'code', in: 'query', type: 'string', pattern: '^[a-z]+$', maxLength: 5 },
    { name: 'mode', in: 'query', type: 'string', enum: ['a', 'b'] },
    {
      name: 'tags',
      in: 'query',
      type: 'array',
      json: true,
      items: { type: 'object', fields: { key: { type: 'string', required: true } }, closed: true },
    },
    { name: 'flag', in: 'query', type: 'boolean' },
    { name: 'x-trace', in: 'header', type: 'string' },
    { name: 'size', in: 'header', type: 'string' },
  ],
  body: {
    required: true,
    mediaType: 'application/json',
    fields: { name: { type: 'string', required: true }, count: { type: 'integer', minimum: 0 } },
    closed: true,
  },
  idempotent: false,
  pagination: null,
  paginator: null,
  success: { required: ['requestId'], types: { requestId: 'string', total: 'number', items: 'array' } },
};
const body = { name: 'n' };

/** The ValidationError a call throws, as [parameter, message]. */
function refusal(run: () => unknown): [string, string] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return [(error as ValidationError).parameter, (error as ValidationError).message];
  }
  throw new Error('expected a ValidationError');
}
const flat = (params: Record<string, unknown>) => refusal(() => prepareFlat(op, { id: 'x', body, ...params }));

describe('each rule, at its boundary', () => {
  it.each([
    [{ size: 1 }, undefined],
    [{ size: 10 }, undefined],
    [{ size: 0 }, ['size', 'doThing: size must be from 1 to 10, got 0']],
    [{ size: 11 }, ['size', 'doThing: size must be from 1 to 10, got 11']],
    [{ size: 2.5 }, ['size', 'doThing: size must be an integer, got number']],
    [{ size: 2 ** 53 }, ['size', `doThing: size must be from 1 to 10, got ${2 ** 53}`]],
    [{ ratio: 2 }, undefined],
    [{ ratio: -0.5 }, undefined],
    [{ ratio: Number.NaN }, ['ratio', 'doThing: ratio must be a finite number, got NaN']],
    [{ ratio: Number.POSITIVE_INFINITY }, ['ratio', 'doThing: ratio must be a finite number, got Infinity']],
    [{ ratio: '2' }, ['ratio', 'doThing: ratio must be a number, got string']],
    [{ code: 'abcde' }, undefined],
    [{ code: 'abcdef' }, ['code', 'doThing: code must have at most 5 characters']],
    [{ code: 'ab1' }, ['code', 'doThing: code must match ^[a-z]+$']],
    [{ mode: 'b' }, undefined],
    [{ mode: 'c' }, ['mode', 'doThing: mode must be one of a, b']],
    [{ flag: false }, undefined],
    [{ flag: 'true' }, ['flag', 'doThing: flag must be a boolean, got string']],
    [{ tags: {} }, ['tags', 'doThing: tags must be an array, got object']],
    [{ id: '' }, ['id', 'doThing: id must have at least 1 character']],
    [{ id: 5 }, ['id', 'doThing: id must be a string, got integer']],
    [{ id: [] }, ['id', 'doThing: id must be a string, got array']],
    [{ id: '\uD800x' }, ['id', 'doThing: id must be well-formed UTF-16 (it has a lone surrogate)']],
    [{ id: 'x\uDC00' }, ['id', 'doThing: id must be well-formed UTF-16 (it has a lone surrogate)']],
    [{ id: '\uD83D\uDE00' }, undefined],
    [{ id: '.' }, ['id', 'doThing: id cannot be ".": URL parsing would resolve it away and change the path']],
    [{ id: '..' }, ['id', 'doThing: id cannot be "..": URL parsing would resolve it away and change the path']],
    [{ id: '...' }, undefined],
  ])('%j → %j', (params, expected) => {
    if (expected === undefined) expect(() => prepareFlat(op, { id: 'x', body, ...params })).not.toThrow();
    else expect(flat(params)).toEqual(expected);
  });

  it('null and undefined are absent; a required one is then missing', () => {
    expect(prepareFlat(op, { id: 'x', body, size: null, mode: undefined }).query).toEqual({});
    expect(refusal(() => prepareFlat(op, { body }))).toEqual(['id', 'doThing: id is required']);
    expect(refusal(() => prepareFlat(op, { id: null, body }))).toEqual(['id', 'doThing: id is required']);
  });

  it('a header value may hold a lone surrogate check-free (headers are not URL-encoded), but not a wrong type', () => {
    expect(prepareCall(op, { path: { id: 'x' }, header: { 'x-trace': 't' }, body }).header).toEqual({ 'x-trace': 't' });
    expect(refusal(() => prepareCall(op, { path: { id: 'x' }, header: { 'x-trace': 1 }, body }))).toEqual([
      'x-trace',
      'doThing: x-trace must be a string, got integer',
    ]);
  });
});

describe('nested values', () => {
  it('checks each item and field by its path, and refuses unknown fields of a closed object', () => {
    expect(prepareFlat(op, { id: 'x', body, tags: [{ key: 'k' }] }).query).toEqual({ tags: '[{"key":"k"}]' });
    expect(flat({ tags: [{ key: 'k' }, { key: 3 }] })).toEqual([
      'tags[1].key',
      'doThing: tags[1].key must be a string, got integer',
    ]);
    expect(flat({ tags: [{}] })).toEqual(['tags[0].key', 'doThing: tags[0].key is required']);
    expect(flat({ tags: [{ key: 'k', other: 1 }] })).toEqual([
      'tags[0].other',
      'doThing: tags[0]: unknown field "other"',
    ]);
    expect(flat({ tags: ['k'] })).toEqual(['tags[0]', 'doThing: tags[0] must be an object, got string']);
    expect(flat({ tags: [{ key: 'k', other: undefined }] })).toEqual([
      'tags[0].other',
      'doThing: tags[0]: unknown field "other"',
    ]);
  });

  it('an open object takes unknown fields but still checks the known ones', () => {
    const open: ValueRule = { type: 'object', fields: { n: { type: 'integer' } } };
    const withOpen: OperationMeta = { ...op, parameters: [{ name: 'o', in: 'query', ...open }], body: null };
    expect(prepareFlat(withOpen, { o: { n: 1, extra: 'x' } }).query.o).toEqual({ n: 1, extra: 'x' });
    expect(refusal(() => prepareFlat(withOpen, { o: { n: 'x' } }))).toEqual([
      'o.n',
      'doThing: o.n must be an integer, got string',
    ]);
  });
});

describe('the body', () => {
  it('is required when the spec says so, and an object', () => {
    expect(refusal(() => prepareFlat(op, { id: 'x' }))).toEqual(['body', 'doThing: body is required']);
    expect(refusal(() => prepareFlat(op, { id: 'x', body: null }))).toEqual(['body', 'doThing: body is required']);
    expect(refusal(() => prepareFlat(op, { id: 'x', body: [] }))).toEqual([
      'body',
      'doThing: body must be an object, got array',
    ]);
    expect(refusal(() => prepareFlat(op, { id: 'x', body: 'text' }))).toEqual([
      'body',
      'doThing: body must be an object, got string',
    ]);
  });

  it('fields are checked, required ones present, unknown ones refused (closed), undefined ones dropped', () => {
    expect(refusal(() => prepareFlat(op, { id: 'x', body: { name: 1 } }))).toEqual([
      'body.name',
      'doThing: body.name must be a string, got integer',
    ]);
    expect(refusal(() => prepareFlat(op, { id: 'x', body: { count: 1 } }))).toEqual([
      'body.name',
      'doThing: body.name is required',
    ]);
    expect(refusal(() => prepareFlat(op, { id: 'x', body: { name: 'n', count: -1 } }))).toEqual([
      'body.count',
      'doThing: body.count must be at least 0, got -1',
    ]);
    expect(refusal(() => prepareFlat(op, { id: 'x', body: { name: 'n', other: 1 } }))).toEqual([
      'body.other',
      'doThing: body: unknown field "other"',
    ]);
    const prepared = prepareFlat(op, { id: 'x', body: { name: 'n', count: undefined } });
    expect(JSON.stringify(prepared.body)).toBe('{"name":"n"}');
    expect(Object.getPrototypeOf(prepared.body)).toBeNull();
  });

  it('an optional body may be left out; an operation without one refuses it', () => {
    const optional: OperationMeta = { ...op, body: { ...op.body!, required: false } };
    expect(prepareFlat(optional, { id: 'x' }).body).toBeUndefined();
    expect(prepareFlat(optional, { id: 'x', body: null }).body).toBeUndefined();
    const none: OperationMeta = { ...op, body: null };
    expect(refusal(() => prepareCall(none, { path: { id: 'x' }, body: {} }))).toEqual([
      'body',
      'doThing takes no request body',
    ]);
    expect(refusal(() => prepareFlat(none, { id: 'x', body: {} }))).toEqual([
      'body',
      'doThing: unknown parameter "body"',
    ]);
  });

  it('an open body sends unknown fields as they are', () => {
    const open: OperationMeta = { ...op, body: { ...op.body!, closed: false } };
    expect(JSON.stringify(prepareFlat(open, { id: 'x', body: { name: 'n', extra: [1] } }).body)).toBe(
      '{"name":"n","extra":[1]}',
    );
  });
});

describe('the flat and the raw forms', () => {
  it('flat: unknown and internal keys are refused; the parameters object must be an object', () => {
    expect(flat({ nope: 1 })).toEqual(['nope', 'doThing: unknown parameter "nope"']);
    expect(flat({ 'query:size': 1 })).toEqual(['query:size', 'doThing: unknown parameter "query:size"']);
    expect(refusal(() => prepareFlat(op, [1]))).toEqual([
      'params',
      'params must be an object of parameters, got array',
    ]);
    expect(refusal(() => prepareFlat(op, 'x'))).toEqual([
      'params',
      'params must be an object of parameters, got string',
    ]);
  });

  it('flat: a name shared by two locations goes to the first one declared', () => {
    expect(prepareFlat(op, { id: 'x', body, size: 3 }).query).toEqual({ size: 3 });
  });

  it('raw: each location by its own names; a wrong location is an unknown parameter', () => {
    const prepared = prepareCall(op, { path: { id: 'x' }, query: { size: 2 }, header: { size: 'h' }, body });
    expect([prepared.path, prepared.query, prepared.header]).toEqual([{ id: 'x' }, { size: 2 }, { size: 'h' }]);
    expect(refusal(() => prepareCall(op, { path: { id: 'x' }, query: { 'x-trace': 't' }, body }))).toEqual([
      'x-trace',
      'doThing: unknown query parameter "x-trace"',
    ]);
    expect(refusal(() => prepareCall(op, { path: 'x', body }))).toEqual([
      'params.path',
      'params.path must be an object of parameters, got string',
    ]);
    expect(refusal(() => prepareCall(op, { path: { id: 'x' }, query: [], body }))).toEqual([
      'params.query',
      'params.query must be an object of parameters, got array',
    ]);
  });
});

describe('shapeProblem (the 2xx body)', () => {
  it.each([
    [{ requestId: 'r' }, undefined],
    [{ requestId: 'r', total: 3, items: [] }, undefined],
    [{ requestId: 'r', total: 2.5 }, undefined],
    [{ requestId: 'r', total: null, items: undefined }, undefined],
    [undefined, 'the body is empty, not an object'],
    [null, 'the body is null, not an object'],
    [[], 'the body is array, not an object'],
    ['x', 'the body is string, not an object'],
    [{}, 'the body has no requestId'],
    [{ requestId: 5 }, 'requestId is integer, not string'],
    [{ requestId: 'r', total: '3' }, 'total is string, not number'],
    [{ requestId: 'r', items: {} }, 'items is object, not array'],
  ])('%j → %j', (data, problem) => {
    expect(shapeProblem(op, data)).toBe(problem);
  });

  it('an operation without a 2xx schema takes anything', () => {
    expect(shapeProblem({ ...op, success: null }, 'anything')).toBeUndefined();
  });
});

describe('a body or a value in one of several forms (anyOf: a camelCase body and its PascalCase twin)', () => {
  const camel: ValueRule = { type: 'object', fields: { itemName: { type: 'string', required: true, maxLength: 5 } } };
  const pascal: ValueRule = { type: 'object', fields: { ItemName: { type: 'string', required: true, maxLength: 5 } } };
  const twin: OperationMeta = {
    ...op,
    operationId: 'makeItem',
    parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
    body: { required: true, mediaType: 'application/json', fields: {}, closed: false, anyOf: [camel, pascal] },
  };

  it('either form passes', () => {
    expect(prepareFlat(twin, { id: 'a', body: { itemName: 'x' } }).body).toEqual({ itemName: 'x' });
    expect(prepareFlat(twin, { id: 'a', body: { ItemName: 'x' } }).body).toEqual({ ItemName: 'x' });
  });

  it("a body that fits no form is refused with the first form's error, naming its field", () => {
    for (const body of [{}, { other: 1 }, { itemName: 'too long' }, { ItemName: 7 }]) {
      let error: unknown;
      try {
        prepareFlat(twin, { id: 'a', body });
      } catch (caught) {
        error = caught;
      }
      expect(error, JSON.stringify(body)).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).parameter).toBe('body.itemName');
    }
  });

  it('a nested value with alternatives is checked the same way', () => {
    const nested: OperationMeta = {
      ...twin,
      body: {
        required: true,
        mediaType: 'application/json',
        fields: { spec: { type: 'object', anyOf: [camel, pascal] } },
        closed: false,
      },
    };
    expect(() => prepareFlat(nested, { id: 'a', body: { spec: { ItemName: 'x' } } })).not.toThrow();
    expect(() => prepareFlat(nested, { id: 'a', body: { spec: {} } })).toThrow(
      new ValidationError('body.spec.itemName', 'makeItem: body.spec.itemName is required'),
    );
  });
});

describe('a body that is a list, and array lengths', () => {
  const listOp: OperationMeta = {
    ...op,
    operationId: 'setLabels',
    parameters: [{ name: 'id', in: 'path', required: true, type: 'string' }],
    body: {
      required: true,
      mediaType: 'application/json',
      fields: {},
      closed: false,
      value: { type: 'array', maxItems: 2, items: { type: 'string', minLength: 1 } },
    },
  };

  it('is checked as a whole and sent as a list', () => {
    expect(prepareFlat(listOp, { id: 'a', body: ['x', 'y'] }).body).toEqual(['x', 'y']);
    expect(() => prepareFlat(listOp, { id: 'a', body: { x: 1 } })).toThrow(
      new ValidationError('body', 'setLabels: body must be an array, got object'),
    );
    expect(() => prepareFlat(listOp, { id: 'a', body: ['x', 'y', 'z'] })).toThrow(
      new ValidationError('body', 'setLabels: body must have at most 2 items'),
    );
    expect(() => prepareFlat(listOp, { id: 'a', body: [''] })).toThrow(
      new ValidationError('body[0]', 'setLabels: body[0] must have at least 1 character'),
    );
  });
});

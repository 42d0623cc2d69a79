import { describe, expect, it } from 'vitest';
import { createOpenSearchHandlers } from '../createOpenSearchHandlers.js';
import { createOperationValidators } from './specValidator.js';

// A document whose only operation has a schema ajv refuses to compile (minimum must be a number).
const broken = {
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: {
    '/things': {
      get: {
        operationId: 'listThings',
        parameters: [{ name: 'n', in: 'query', schema: { type: 'integer', minimum: 'ten' } }],
        requestBody: { content: { 'application/json': { schema: { type: 'object', maxProperties: 'x' } } } },
        responses: {
          200: { description: 'ok', content: { 'application/json': { schema: { type: 'array', minItems: 'y' } } } },
        },
      },
    },
  },
};

describe('validators compile on first use', () => {
  it('building validators and handlers compiles nothing; the first validation does', () => {
    const validators = createOperationValidators(broken);
    expect(() => createOpenSearchHandlers({ document: broken })).not.toThrow();
    const op = {
      ...broken.paths['/things'].get,
      method: 'GET',
      path: '/things',
      mswPath: '/things',
      summary: undefined,
    };
    const validator = validators.forOperation({
      ...op,
      parameters: [{ name: 'n', in: 'query', required: false, schema: op.parameters[0]!.schema }],
      requestBody: { required: false, schema: op.requestBody.content['application/json'].schema },
      responses: [
        { status: '200', schema: op.responses[200].content['application/json'].schema, examples: [], headers: [] },
      ],
      extensions: {},
    });
    expect(() => validator.validateParameters({ path: {}, query: { n: '1' }, header: {} })).toThrow(/minimum/);
    expect(() => validator.validateBody({})).toThrow(/maxProperties/);
    expect(() => validator.validateResponse(200, [])).toThrow(/minItems/);
  });

  it('JSON body values are validated as they are, never coerced', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {},
    };
    const validator = createOperationValidators(document).forOperation({
      operationId: 'createThing',
      method: 'POST',
      path: '/things',
      mswPath: '/things',
      summary: undefined,
      parameters: [],
      requestBody: {
        required: true,
        schema: {
          type: 'object',
          properties: { n: { type: 'string' }, b: { type: 'boolean' }, s: { type: 'integer' } },
        },
      },
      responses: [],
      extensions: {},
    });
    const body = { n: 5, b: 'true', s: '7' };
    expect(
      validator
        .validateBody(body)
        .map((v) => v.parameter)
        .sort(),
    ).toEqual(['body.b', 'body.n', 'body.s']);
    expect(body).toEqual({ n: 5, b: 'true', s: '7' });
  });
});

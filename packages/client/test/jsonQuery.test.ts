// A query parameter described with `content: application/json` is typed as its schema, validated,
// and sent as its JSON text in one value, as the official SDK sends ListAppGroups' `tags`; the
// rule itself is tested on a synthetic operation, so it holds whatever the spec contains.
import { describe, expect, it } from 'vitest';
import { createOpenSearchClient, type OperationMeta, ValidationError } from '../src/index.js';
import { prepareCall, prepareFlat } from '../src/operations/validateParameters.js';
import { credentials, fakeFetch, json } from './fakeFetch.js';

const synthetic: OperationMeta = {
  operationId: 'listThings',
  method: 'GET',
  path: '/things',
  action: 'ListThings',
  version: '2017-12-25',
  parameters: [
    { name: 'tags', in: 'query', json: true, type: 'array' },
    { name: 'name', in: 'query', type: 'string' },
  ],
  body: null,
  idempotent: true,
  pagination: null,
  paginator: null,
  success: null,
};

describe('JSON query parameters', () => {
  const tags = [{ key: 'env', value: 'prod' }];

  it('are validated as their schema and carried as JSON text, in generated and raw calls', () => {
    expect(prepareFlat(synthetic, { tags, name: 'n' }).query).toEqual({ tags: JSON.stringify(tags), name: 'n' });
    expect(prepareCall(synthetic, { query: { tags } }).query.tags).toBe('[{"key":"env","value":"prod"}]');
    for (const wrong of ['[{"key":"env"}]', { key: 'env' }, 5]) {
      const error = (() => {
        try {
          prepareFlat(synthetic, { tags: wrong });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).parameter).toBe('tags');
    }
  });

  it('a plain parameter is not serialized as JSON', () => {
    expect(prepareFlat(synthetic, { name: '["x"]' }).query.name).toBe('["x"]');
  });

  it('listAppGroups sends tags as the official SDK does, and signs what it sends', async () => {
    const { fetch, sent } = fakeFetch(() => json({ requestId: 'r', totalCount: 0, result: [] }));
    const client = createOpenSearchClient({ credentials, fetch, retry: false });
    await client.listAppGroups({ tags, pageSize: 5 });
    await client.GET('/v4/openapi/app-groups', { params: { query: { tags } } });
    for (const request of sent) {
      expect(request.url.searchParams.get('tags')).toBe('[{"key":"env","value":"prod"}]');
      expect(request.url.search).toContain('tags=%5B%7B%22key%22%3A%22env%22%2C%22value%22%3A%22prod%22%7D%5D');
    }
    expect(sent[0]!.headers.get('x-acs-action')).toBe('ListAppGroups');
  });
});

describe('nested values are validated as the spec says', () => {
  const nested: OperationMeta = {
    ...synthetic,
    operationId: 'createThing',
    method: 'POST',
    parameters: [],
    body: {
      required: true,
      mediaType: 'application/json',
      closed: true,
      fields: {
        parameters: {
          type: 'array',
          items: { type: 'object', fields: { name: { type: 'string', required: true }, value: { type: 'string' } } },
        },
        config: { type: 'object', closed: true, fields: { depth: { type: 'integer', minimum: 0 } } },
      },
    },
  };
  it.each([
    [{ parameters: ['x'] }, 'body.parameters[0]'],
    [{ parameters: [{ name: 5 }] }, 'body.parameters[0].name'],
    [{ parameters: [{ value: 'v' }] }, 'body.parameters[0].name'],
    [{ parameters: [{ name: 'n', value: null }] }, 'body.parameters[0].value'],
    [{ config: { depth: -1 } }, 'body.config.depth'],
    [{ config: { other: 1 } }, 'body.config.other'],
  ])('%j is a ValidationError naming %s', (body, parameter) => {
    let error: unknown;
    try {
      prepareFlat(nested, { body });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).parameter).toBe(parameter);
  });
  it('accepts what the spec allows', () => {
    const body = { parameters: [{ name: 'n', value: 'v' }, { name: 'm' }], config: { depth: 2 } };
    expect(prepareFlat(nested, { body }).body).toEqual(body);
  });
});

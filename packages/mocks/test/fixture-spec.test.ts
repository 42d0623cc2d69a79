// The handlers derive from whatever spec they are given: a second, larger fixture spec (several
// operations, one with a request body) gets working, validating handlers with no hand edit.
import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers, createOperationValidators, listOperations } from '../src/index.js';

const document = JSON.parse(readFileSync(new URL('./fixtures/widgets.openapi.json', import.meta.url), 'utf8'));
const mock = createOpenSearchHandlers({ document, baseUrl: 'https://widgets.example' });
const server = setupServer(...mock.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const validators = new Map(
  listOperations(document).map((op) => [op.operationId, createOperationValidators(document).forOperation(op)]),
);
const json = { 'content-type': 'application/json' };

describe('handlers from a fixture spec', () => {
  it('builds one handler that routes to every operation, whatever their number', () => {
    // The router, the application API (v3) and the fallback for what no operation answers: three,
    // whatever the number of operations.
    expect(mock.handlers).toHaveLength(3);
    expect(listOperations(document).map((op) => `${op.method} ${op.mswPath}`)).toEqual([
      'GET /api/widgets',
      'POST /api/widgets',
      'GET /api/widgets/:widgetId',
      'DELETE /api/widgets/:widgetId',
    ]);
  });

  it('answers from the example, or a sample of the schema, valid against the spec', async () => {
    const list = await fetch('https://widgets.example/api/widgets?limit=5');
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual([{ id: 1, name: 'gear', color: 'red' }]);
    const one = await fetch('https://widgets.example/api/widgets/3');
    const body = await one.json();
    expect(validators.get('getWidget')!.validateResponse(200, body)).toEqual([]);
    const created = await fetch('https://widgets.example/api/widgets', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ name: 'cog', color: 'blue' }),
    });
    expect(created.status).toBe(201);
    expect(validators.get('createWidget')!.validateResponse(201, await created.json())).toEqual([]);
    expect((await fetch('https://widgets.example/api/widgets/3', { method: 'DELETE' })).status).toBe(204);
  });

  it.each([
    ['GET', '/api/widgets?limit=0', undefined, 'limit'],
    ['GET', '/api/widgets?color=green', undefined, 'color'],
    ['GET', '/api/widgets/abc', undefined, 'widgetId'],
    ['POST', '/api/widgets', JSON.stringify({ color: 'red' }), 'name'],
    ['POST', '/api/widgets', JSON.stringify({ name: 'x', extra: 1 }), 'body'],
    ['POST', '/api/widgets', '{not json', 'body'],
    ['POST', '/api/widgets', undefined, 'body'],
  ])('%s %s with %s is rejected naming %s', async (method, path, body, parameter) => {
    const response = await fetch(`https://widgets.example${path}`, {
      method,
      headers: json,
      ...(body ? { body } : {}),
    });
    expect(response.status).toBe(400);
    const error = await response.json();
    expect(error.Code).toBe('InvalidParameter');
    expect(error.Message).toContain(parameter);
  });

  it('records requests with validated, coerced parameters', () => {
    // Another spec's operations are outside the bundled spec's types: read the records loosely.
    const requests = mock.controller.requests as ReadonlyArray<{ operationId: string; url: string; params: object }>;
    const listed = requests.find((r) => r.operationId === 'listWidgets' && r.url.includes('limit=5'));
    expect(listed?.params).toMatchObject({ limit: 5 });
  });
});

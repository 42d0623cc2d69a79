import { getResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { buildSpecModel } from '../model/specModel.js';
import { createRouter, pathUnder, perSpecAndBase, resolveRoute } from './router.js';

const ok = { 200: { description: 'ok' } };
// The generic template comes first in the document: routing must still prefer the literal one.
const spec = buildSpecModel({
  openapi: '3.1.0',
  info: { title: 'router', version: '1' },
  paths: {
    '/things/{id}': { get: { operationId: 'getThing', responses: ok } },
    '/things/latest': { get: { operationId: 'getLatest', responses: ok } },
    '/things/{id}/parts/{part}': { get: { operationId: 'getPart', responses: ok } },
  },
});

describe('resolveRoute', () => {
  it('prefers the most literal template, whatever the document order', () => {
    expect(resolveRoute(spec, 'GET', '/things/latest')).toMatchObject({ model: { op: { operationId: 'getLatest' } } });
    expect(resolveRoute(spec, 'GET', '/things/7')).toMatchObject({ model: { op: { operationId: 'getThing' } } });
  });

  it('decodes exactly the path values of the template, once', () => {
    const resolved = resolveRoute(spec, 'GET', '/things/a%2520b/parts/%C3%A9');
    expect(resolved && 'params' in resolved && resolved.params).toEqual({ id: 'a%20b', part: 'é' });
  });

  it('a bad %-escape is reported with the raw segment; another method or path is nothing', () => {
    expect(resolveRoute(spec, 'GET', '/things/%E0%A4/parts/x')).toMatchObject({ badEscape: '%E0%A4' });
    expect(resolveRoute(spec, 'POST', '/things/7')).toBeUndefined();
    expect(resolveRoute(spec, 'GET', '/things/7/extra')).toBeUndefined();
  });
});

describe('pathUnder', () => {
  it('cuts the baseUrl path, and nothing for a root baseUrl or none', () => {
    expect(pathUnder('https://h.example/api')('https://h.example/api/things/1')).toBe('/things/1');
    expect(pathUnder('https://h.example')('https://h.example/things/1')).toBe('/things/1');
    expect(pathUnder(undefined)('https://any.example/things/1')).toBe('/things/1');
  });
});

describe('perSpecAndBase', () => {
  it('builds once per spec and baseUrl', () => {
    const built: Array<string | undefined> = [];
    const memo = perSpecAndBase((_spec, base) => {
      built.push(base);
      return { base };
    });
    const first = memo(spec, 'https://a.example');
    expect(memo(spec, 'https://a.example')).toBe(first);
    expect(memo(spec, undefined)).toBe(memo(spec, undefined));
    expect(memo(spec, 'https://b.example')).not.toBe(first);
    const other = buildSpecModel({ openapi: '3.1.0', info: { title: 'o', version: '1' }, paths: {} });
    memo(other, 'https://a.example');
    expect(built).toEqual(['https://a.example', undefined, 'https://b.example', 'https://a.example']);
  });
});

describe('createRouter', () => {
  it('answers the operations under a baseUrl with a path, and lets others through', async () => {
    const seen: string[] = [];
    const router = createRouter(spec, 'https://h.example/api', (resolved) => {
      seen.push('params' in resolved ? `${resolved.model.op.operationId} ${JSON.stringify(resolved.params)}` : '');
      return new Response('ok');
    });
    expect(await getResponse([router], new Request('https://h.example/api/things/latest'))).toBeDefined();
    expect(await getResponse([router], new Request('https://h.example/api/things/9'))).toBeDefined();
    expect(await getResponse([router], new Request('https://h.example/things/9'))).toBeUndefined();
    expect(
      await getResponse([router], new Request('https://h.example/api/things/9', { method: 'DELETE' })),
    ).toBeUndefined();
    expect(seen).toEqual(['getLatest {}', 'getThing {"id":"9"}']);
  });
});

// Every example in the spec validates against its schema, with a real JSON Schema 2020-12 validator.
import { describe, expect, it } from 'vitest';
import { createSpecValidator, deref, type Json, loadBundledSpec } from './loadSpec.js';

const spec = loadBundledSpec();
const validator = createSpecValidator(spec);
const LIST = '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances';
const operation = spec.paths[LIST].get;

interface Case {
  where: string;
  schema: Json;
  value: unknown;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Every operation of the spec, whatever it holds, as `METHOD path`. */
const operations = Object.entries<Json>(spec.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m]).map((m) => ({ where: `${m.toUpperCase()} ${path}`, op: item[m], item })),
);

function mediaCases(where: string, content: Json): Case[] {
  const cases: Case[] = [];
  for (const [mediaType, media] of Object.entries<Json>(content ?? {})) {
    if ('example' in media)
      cases.push({ where: `${where} ${mediaType} example`, schema: media.schema, value: media.example });
    for (const [name, example] of Object.entries<Json>(media.examples ?? {})) {
      cases.push({
        where: `${where} ${mediaType} example "${name}"`,
        schema: media.schema,
        value: deref(spec, example).value,
      });
    }
  }
  return cases;
}

/** Every response and request body example of every operation. */
function mediaTypeExamples(): Case[] {
  return operations.flatMap(({ where, op }) => [
    ...Object.entries<Json>(op.responses).flatMap(([status, ref]) =>
      mediaCases(`${where} response ${status}`, deref(spec, ref).content),
    ),
    ...(op.requestBody ? mediaCases(`${where} request body`, deref(spec, op.requestBody).content) : []),
  ]);
}

/** Every parameter example of every operation; a `content` parameter is checked against its media schema. */
function parameterExamples(): Case[] {
  return operations.flatMap(({ where, op, item }) =>
    [...(item.parameters ?? []), ...(op.parameters ?? [])].map((ref: Json) => {
      const p = deref(spec, ref);
      const schema = p.schema ?? Object.values<Json>(p.content ?? {})[0]?.schema;
      return { where: `${where} parameter ${p.name} example`, schema, value: p.example };
    }),
  );
}

function schemaExamples(node: Json, path: string, cases: Case[] = []): Case[] {
  if (node && typeof node === 'object') {
    if (Array.isArray(node.examples) && (node.type || node.$ref || node.enum)) {
      node.examples.forEach((value: unknown, i: number) => {
        cases.push({ where: `${path} examples[${i}]`, schema: node, value });
      });
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'examples') schemaExamples(child, `${path}/${key}`, cases);
    }
  }
  return cases;
}

const cases = [
  ...mediaTypeExamples(),
  ...parameterExamples(),
  ...schemaExamples(spec.components.schemas, '#/components/schemas'),
];

describe('spec examples', () => {
  it('covers both reference samples, every error response and all 8 parameters of the reference operation', () => {
    const where = cases.map((c) => c.where);
    const list = `GET ${LIST}`;
    expect(where).toContain(`${list} response 200 application/json example "camelCase"`);
    expect(where).toContain(`${list} response 200 application/json example "pascalCase"`);
    for (const status of ['400', '403', '404', '429', '500', '503']) {
      expect(where.some((w) => w.startsWith(`${list} response ${status} `))).toBe(true);
    }
    expect(where.filter((w) => w.startsWith(`${list} parameter `))).toHaveLength(8);
    expect(cases.length).toBeGreaterThan(40);
  });

  it('every operation has a 2xx example, and every parameter one', () => {
    for (const { where } of operations) {
      expect(
        cases.some((c) => c.where.startsWith(`${where} response 2`)),
        where,
      ).toBe(true);
    }
    expect(cases.filter((c) => / parameter .* example$/.test(c.where)).every((c) => c.value !== undefined)).toBe(true);
  });

  it.each(cases.map((c) => [c.where, c] as const))('%s validates', (_where, c) => {
    expect(validator.validate(c.schema, c.value)).toEqual([]);
  });

  it('the validator is real: a wrong type or enum in the camelCase sample is rejected', () => {
    const ok = deref(
      spec,
      deref(spec, operation.responses['200']).content['application/json'].examples.camelCase,
    ).value;
    const schema = deref(spec, operation.responses['200']).content['application/json'].schema;
    const broken = structuredClone(ok);
    broken.result[0].status = 'broken';
    broken.totalCount = '2';
    delete broken.requestId;
    expect(validator.validate(schema, broken).length).toBeGreaterThan(0);
    expect(validator.validate('#/components/schemas/FunctionInstance', { instanceName: 'a' })).not.toEqual([]);
  });
});

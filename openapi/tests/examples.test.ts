// Every example in the spec validates against its schema, with a real JSON Schema 2020-12 validator.
import { describe, expect, it } from 'vitest';
import { createSpecValidator, deref, type Json, loadBundledSpec } from './loadSpec.js';

const spec = loadBundledSpec();
const validator = createSpecValidator(spec);
const operation = spec.paths['/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances'].get;

interface Case {
  where: string;
  schema: Json;
  value: unknown;
}

function mediaTypeExamples(): Case[] {
  const cases: Case[] = [];
  for (const [status, ref] of Object.entries(operation.responses)) {
    const response = deref(spec, ref);
    for (const [mediaType, media] of Object.entries<Json>(response.content ?? {})) {
      for (const [name, example] of Object.entries<Json>(media.examples ?? {})) {
        cases.push({
          where: `response ${status} ${mediaType} example "${name}"`,
          schema: media.schema,
          value: deref(spec, example).value,
        });
      }
    }
  }
  return cases;
}

function parameterExamples(): Case[] {
  return operation.parameters.map((ref: Json) => {
    const p = deref(spec, ref);
    return { where: `parameter ${p.name} example`, schema: p.schema, value: p.example };
  });
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
  it('covers both reference samples, every error response and all 8 parameters', () => {
    const where = cases.map((c) => c.where);
    expect(where).toContain('response 200 application/json example "camelCase"');
    expect(where).toContain('response 200 application/json example "pascalCase"');
    for (const status of ['400', '403', '404', '429', '500', '503']) {
      expect(where.some((w) => w.startsWith(`response ${status} `))).toBe(true);
    }
    expect(where.filter((w) => w.startsWith('parameter '))).toHaveLength(8);
    expect(cases.length).toBeGreaterThan(40);
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

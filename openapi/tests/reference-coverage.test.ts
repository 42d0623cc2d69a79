// The spec carries everything the API reference lists. The names below are written out by hand
// from the reference's parameter and response tables; the project never reads the reference itself.
import { describe, expect, it } from 'vitest';
import { deref, type Json, loadBundledSpec } from './loadSpec.js';

const spec = loadBundledSpec();
const path = '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances';
const operation = spec.paths[path].get;
const schemas = spec.components.schemas;

// Response table of the reference, PascalCase as printed there, with its declared types.
const REFERENCE_ENVELOPE: Record<string, 'string' | 'long' | 'object[]'> = {
  Status: 'string',
  HttpCode: 'long',
  TotalCount: 'long',
  RequestId: 'string',
  Message: 'string',
  Code: 'string',
  Result: 'object[]',
  Latency: 'long',
};
const REFERENCE_INSTANCE: Record<string, 'string' | 'long' | 'object' | 'object[]'> = {
  Belongs: 'object',
  CreateParameters: 'object[]',
  UsageParameters: 'object[]',
  CreateTime: 'long',
  Cron: 'string',
  Description: 'string',
  ExtendInfo: 'string',
  FunctionName: 'string',
  FunctionType: 'string',
  InstanceName: 'string',
  ModelType: 'string',
  Source: 'string',
  Status: 'string',
  VersionId: 'long',
};
const REFERENCE_BELONGS = ['Category', 'Domain', 'Language'];
const REFERENCE_NAME_VALUE = ['Name', 'Value'];

const camel = (name: string) => name[0]!.toLowerCase() + name.slice(1);

function expectType(schema: Json, type: string, where: string) {
  const s = deref(spec, schema);
  const expected =
    type === 'long' ? { type: 'integer', format: 'int64' } : type === 'object[]' ? { type: 'array' } : { type };
  expect(s, where).toMatchObject(expected);
}

describe('200 body covers the reference', () => {
  for (const [form, name, toKey] of [
    ['camelCase', 'ListFunctionInstancesResponse', camel],
    ['PascalCase', 'ListFunctionInstancesResponsePascalCase', (n: string) => n],
  ] as const) {
    describe(form, () => {
      const envelope = schemas[name];
      const instance = deref(spec, envelope.properties[toKey('Result')].items);
      it.each(Object.entries(REFERENCE_ENVELOPE))('envelope field %s (%s)', (field, type) => {
        expectType(envelope.properties[toKey(field)], type, `${name}.${toKey(field)}`);
      });
      it.each(Object.entries(REFERENCE_INSTANCE))('instance field %s (%s)', (field, type) => {
        expectType(instance.properties[toKey(field)], type, `instance.${toKey(field)}`);
      });
      it('belongs and name/value pairs', () => {
        const belongs = deref(spec, instance.properties[toKey('Belongs')]);
        expect(Object.keys(belongs.properties).sort()).toEqual(REFERENCE_BELONGS.map(toKey).sort());
        for (const list of ['CreateParameters', 'UsageParameters']) {
          const item = deref(spec, instance.properties[toKey(list)].items);
          expect(Object.keys(item.properties).sort()).toEqual(REFERENCE_NAME_VALUE.map(toKey).sort());
        }
      });
      it('instance status is available|unavailable, source is builtin|user, default is boolean', () => {
        expect(deref(spec, instance.properties[toKey('Status')]).enum).toEqual(['available', 'unavailable']);
        expect(deref(spec, instance.properties[toKey('Source')]).enum).toEqual(['builtin', 'user']);
        expect(deref(spec, instance.properties[toKey('Default')]).type).toBe('boolean');
      });
    });
  }
});

describe('operation', () => {
  it('is identified and carries the ACS metadata of the reference', () => {
    expect(operation.operationId).toBe('listFunctionInstances');
    expect(operation.tags).toEqual(['FunctionInstances']);
    expect(operation['x-acs-action']).toBe('ListFunctionInstances');
    expect(operation['x-acs-version']).toBe('2017-12-25');
    expect(operation['x-acs-ram'].action).toBe('opensearch:DescribeFunction');
    expect(operation['x-acs-ram'].resource).toBe('acs:opensearch:{#regionId}:{#accountId}:apps/{#AppGroupId}');
  });

  const parameters = Object.fromEntries(
    operation.parameters.map((ref: Json) => deref(spec, ref)).map((p: Json) => [p.name, p]),
  );
  it.each([
    ['appGroupIdentity', 'path', true, 'string', undefined, undefined],
    ['functionName', 'path', true, 'string', undefined, undefined],
    ['modelType', 'query', false, 'string', undefined, undefined],
    ['functionType', 'query', false, 'string', undefined, undefined],
    ['source', 'query', false, 'string', 'user', ['builtin', 'user', 'all']],
    ['pageNumber', 'query', false, 'integer', 1, undefined],
    ['pageSize', 'query', false, 'integer', 10, undefined],
    ['output', 'query', false, 'string', 'normal', ['normal', 'simple', 'detail']],
  ])(
    'parameter %s: in %s, required %s, type %s, default %s, enum %j',
    (name, location, required, type, def, values) => {
      const p = parameters[name];
      expect(p.in).toBe(location);
      expect(Boolean(p.required)).toBe(required);
      expect(p.schema.type).toBe(type);
      expect(p.schema.default).toEqual(def);
      expect(p.schema.enum).toEqual(values);
      expect(p.description).toEqual(expect.any(String));
      expect(p.example).toBeDefined();
    },
  );
  it('has exactly the 8 parameters of the reference', () => {
    expect(Object.keys(parameters)).toHaveLength(8);
  });
});

describe('errors, servers and security', () => {
  it('every 4xx/5xx response uses the one error schema', () => {
    for (const status of ['400', '403', '404', '429', '500', '503']) {
      const schema = deref(spec, operation.responses[status]).content['application/json'].schema;
      expect(schema.$ref, status).toBe('#/components/schemas/ErrorResponse');
    }
    const shapes = schemas.ErrorResponse.anyOf.map((s: Json) => Object.keys(deref(spec, s).properties).sort());
    expect(shapes).toEqual([
      ['code', 'httpCode', 'message', 'requestId', 'status'],
      ['Code', 'HostId', 'Message', 'Recommend', 'RequestId'],
    ]);
  });

  it('lists the codes a client will meet', () => {
    const codes = schemas.ErrorResponse['x-acs-error-codes'].map((c: Json) => c.code);
    for (const code of [
      'Instance.NotExist',
      'InvalidParameter',
      'IncompleteSignature',
      'SignatureDoesNotMatch',
      'InvalidTimeStamp.Expired',
      'SignatureNonceUsed',
      'Throttling.User',
      'Forbidden.RAM',
      'InternalError',
      'ServiceUnavailable',
    ]) {
      expect(codes).toContain(code);
    }
  });

  it('serves the 11 regions, cn-hangzhou by default', () => {
    const server = spec.servers[0];
    expect(server.url).toBe('https://opensearch.{regionId}.aliyuncs.com');
    expect(server.variables.regionId.default).toBe('cn-hangzhou');
    expect(server.variables.regionId.enum).toHaveLength(11);
  });

  it('declares the ACS3-HMAC-SHA256 scheme on the Authorization header', () => {
    const scheme = spec.components.securitySchemes.acs3HmacSha256;
    expect(scheme).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    expect(scheme.description).toContain('ACS3-HMAC-SHA256');
    expect(spec.security).toEqual([{ acs3HmacSha256: [] }]);
  });
});

describe('wire casing invariant', () => {
  // The client's tolerant reader and the mocks' `casing: 'pascal'` map one form onto the other by
  // changing the first letter of each name. This holds every PascalCase twin of the spec to it,
  // nested objects included, whatever schemas the spec has.
  const capitalize = (k: string) => k[0]!.toUpperCase() + k.slice(1);
  function sameShape(pascal: Json, camel: Json, where: string): void {
    const p = deref(spec, pascal);
    const c = deref(spec, camel);
    expect(Object.keys(p.properties ?? {}), where).toEqual(Object.keys(c.properties ?? {}).map(capitalize));
    for (const key of Object.keys(c.properties ?? {})) {
      const pc = deref(spec, p.properties[capitalize(key)]);
      const cc = deref(spec, c.properties[key]);
      const pi = pc.items ? deref(spec, pc.items) : pc;
      const ci = cc.items ? deref(spec, cc.items) : cc;
      if (ci.properties && pi !== ci) sameShape(pi, ci, `${where}.${key}`);
    }
  }
  const twins = Object.entries<Json>(schemas).filter(([, s]) => s['x-acs-camel-case-form']);
  it('there are twins to check', () => expect(twins.length).toBeGreaterThan(0));
  it.each(twins.map(([name, s]) => [name, s['x-acs-camel-case-form']] as const))(
    '%s is %s with each name capitalized, nested objects included',
    (pascal, camelName) => {
      expect(schemas[camelName], `${camelName} exists`).toBeDefined();
      sameShape(schemas[pascal], schemas[camelName], pascal);
    },
  );
});

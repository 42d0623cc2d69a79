// The generated types type the operation: wrong parameter values and misspelled fields fail to compile.
import { describe, expectTypeOf, it } from 'vitest';
import type { operations, paths } from '../../packages/client/src/generated/openapi.js';

type Operation = paths['/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances']['get'];
type Query = NonNullable<Operation['parameters']['query']>;
type Path = Operation['parameters']['path'];
type Ok = operations['listFunctionInstances']['responses'][200]['content']['application/json'];

describe('generated types', () => {
  it('types source and output as their enums', () => {
    expectTypeOf<Query['source']>().toEqualTypeOf<'builtin' | 'user' | 'all' | undefined>();
    expectTypeOf<Query['output']>().toEqualTypeOf<'normal' | 'simple' | 'detail' | undefined>();
    // @ts-expect-error 'everything' is not a valid source
    const badSource: Query = { source: 'everything' };
    // @ts-expect-error 'verbose' is not a valid output
    const badOutput: Query = { output: 'verbose' };
    // @ts-expect-error pageSize is a number, not a string
    const badPageSize: Query = { pageSize: '10' };
    void [badSource, badOutput, badPageSize];
  });

  it('requires both path parameters', () => {
    expectTypeOf<Path>().toEqualTypeOf<{ appGroupIdentity: string; functionName: string }>();
    // @ts-expect-error functionName is required
    const missing: Path = { appGroupIdentity: 'app' };
    void missing;
  });

  it('types the 200 body in both casings, with no room for misspelled fields', () => {
    const body = {} as Ok;
    if ('result' in body) {
      // Required: every list answer carries it (the spec says so; the mocks always send it).
      expectTypeOf(body.totalCount).toEqualTypeOf<number>();
      expectTypeOf(body.result[0]!.status).toEqualTypeOf<'available' | 'unavailable' | undefined>();
      // @ts-expect-error totalCont is not a field
      void body.totalCont;
    } else {
      expectTypeOf(body.Result[0]!.InstanceName).toEqualTypeOf<string>();
    }
  });
});

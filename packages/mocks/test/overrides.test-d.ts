// The compiler checks an override's body against the spec's schema for that operation and status.
import { describe, expectTypeOf, it } from 'vitest';
import { createOpenSearchHandlers, type ResponseBody } from '../src/index.js';

const { controller } = createOpenSearchHandlers();

describe('typed overrides', () => {
  it('accepts bodies the spec allows for the status', () => {
    controller.override('listFunctionInstances', 200, {
      requestId: 'r',
      result: [{ instanceName: 'a', functionName: 'b' }],
    });
    controller.override('listFunctionInstances', 200, { RequestId: 'r', Result: [] });
    controller.override('listFunctionInstances', 404, { code: 'Instance.NotExist', message: 'gone' });
    controller.override(
      'listFunctionInstances',
      429,
      { Code: 'Throttling.User' },
      { headers: { 'retry-after': '1' }, times: 1 },
    );
    expectTypeOf<Extract<ResponseBody<'listFunctionInstances', 200>, { requestId: string }>>().toHaveProperty('result');
  });

  it('rejects bodies that break the schema, and undocumented statuses', () => {
    // @ts-expect-error result must be an array of instances
    controller.override('listFunctionInstances', 200, { requestId: 'r', result: 'nope' });
    // @ts-expect-error an instance needs instanceName and functionName
    controller.override('listFunctionInstances', 200, { requestId: 'r', result: [{ status: 'available' }] });
    const ready = [{ instanceName: 'a', functionName: 'b', status: 'ready' as const }];
    // @ts-expect-error status is available | unavailable
    controller.override('listFunctionInstances', 200, { requestId: 'r', result: ready });
    // @ts-expect-error 418 is not a documented status
    controller.override('listFunctionInstances', 418, {});
    // @ts-expect-error an error body needs a code
    controller.override('listFunctionInstances', 500, { message: 'no code' });
  });
});

// The compiler checks an override's body against the spec's schema for that operation and status.
import { describe, expectTypeOf, it } from 'vitest';
import { createOpenSearchHandlers, type ResponseBody } from '../src/index.js';

const { mock } = createOpenSearchHandlers();

describe('typed overrides (mock.respond, mock.error)', () => {
  it('accepts bodies the spec allows for the status', () => {
    mock.respond('listFunctionInstances', 200, {
      requestId: 'r',
      totalCount: 1,
      result: [{ instanceName: 'a', functionName: 'b' }],
    });
    mock.respond('listFunctionInstances', 200, { RequestId: 'r', Result: [] });
    mock.respond('listFunctionInstances', 404, { code: 'Instance.NotExist', message: 'gone' });
    mock.respond(
      'listFunctionInstances',
      429,
      { Code: 'Throttling.User' },
      { headers: { 'retry-after': '1' }, once: true },
    );
    expectTypeOf<Extract<ResponseBody<'listFunctionInstances', 200>, { requestId: string }>>().toHaveProperty('result');
  });

  it('takes only the spec error codes and operationIds', () => {
    mock.error('Throttling.User', { operationId: 'listFunctionInstances' });
    // @ts-expect-error a typo in the code does not compile
    mock.error('Instance.NotExsit');
    // @ts-expect-error nor does an unknown operation
    mock.networkError({ operationId: 'listInstances' });
    expectTypeOf(mock.paths.listFunctionInstances).toBeString();
  });

  it('rejects bodies that break the schema, and undocumented statuses', () => {
    // @ts-expect-error result must be an array of instances
    mock.respond('listFunctionInstances', 200, { requestId: 'r', result: 'nope' });
    // @ts-expect-error an instance needs instanceName and functionName
    mock.respond('listFunctionInstances', 200, { requestId: 'r', result: [{ status: 'available' }] });
    const ready = [{ instanceName: 'a', functionName: 'b', status: 'ready' as const }];
    // @ts-expect-error status is available | unavailable
    mock.respond('listFunctionInstances', 200, { requestId: 'r', result: ready });
    // @ts-expect-error 418 is not a documented status
    mock.respond('listFunctionInstances', 418, {});
    // @ts-expect-error an error body needs a code
    mock.respond('listFunctionInstances', 500, { message: 'no code' });
  });
});

describe('recorded requests are typed per operation', () => {
  it('narrowing on operationId types params and body', () => {
    const { controller } = createOpenSearchHandlers();
    const record = controller.requests[0]!;
    if (record.operationId === 'listFunctionInstances') {
      expectTypeOf(record.params.pageSize).toEqualTypeOf<number | undefined>();
      expectTypeOf(record.params.appGroupIdentity).toEqualTypeOf<string>();
      // @ts-expect-error the list has no body field
      void record.params.body;
    }
    if (record.operationId === 'createFunctionInstance') {
      expectTypeOf(record.body).toMatchTypeOf<{ instanceName: string; modelType: string } | undefined>();
    }
    // @ts-expect-error params differ per operation: narrow first
    void record.params.pageSize;
  });
});

describe('requestsOf', () => {
  it('types the records of one operation', () => {
    const { controller } = createOpenSearchHandlers();
    expectTypeOf(controller.requestsOf('listFunctionInstances')[0]!.params.source).toEqualTypeOf<
      'builtin' | 'user' | 'all' | undefined
    >();
  });
});

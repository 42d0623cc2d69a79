// The types the mocks share with the client: both come from the same generated spec types.
import type { components, operations } from '@acs-opensearch/client';

export type FunctionInstance = components['schemas']['FunctionInstance'];
export type ListFunctionInstancesResponse = components['schemas']['ListFunctionInstancesResponse'];
export type OperationId = keyof operations;
export type { ErrorCode } from '@acs-opensearch/client';

/** The statuses an operation documents. */
export type ResponseStatus<Op extends OperationId> = keyof operations[Op]['responses'] & number;

/** The JSON body the spec allows for one operation and one status. */
export type ResponseBody<
  Op extends OperationId,
  Status extends ResponseStatus<Op>,
> = operations[Op]['responses'][Status] extends {
  content: { 'application/json': infer Body };
}
  ? Body
  : never;

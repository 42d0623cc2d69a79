// The bundled spec plus GetFunctionInstance and CreateFunctionInstance, as a maintainer would add
// them (the same operations scripts/test-new-operations.mjs adds to a copy of the repository).
import { openApiDocument } from '../src/index.js';

const LIST = '/v4/openapi/app-groups/{appGroupIdentity}/functions/{functionName}/instances';
const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });

export function extendedSpec() {
  // biome-ignore lint/suspicious/noExplicitAny: a plain JSON document, edited as such.
  const document = structuredClone(openApiDocument) as any;
  const listParams = document.paths[LIST].get.parameters as Array<{ $ref?: string }>;
  const param = (name: string) => listParams.find((p) => p.$ref?.endsWith(`/${name}`)) ?? ref(name);
  document.paths[LIST].post = {
    operationId: 'createFunctionInstance',
    'x-acs-action': 'CreateFunctionInstance',
    'x-acs-version': '2017-12-25',
    parameters: [param('appGroupIdentity'), param('functionName')],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            additionalProperties: false,
            required: ['instanceName', 'modelType'],
            properties: {
              instanceName: { type: 'string', minLength: 1 },
              modelType: { type: 'string' },
              functionType: { type: 'string' },
              description: { type: 'string' },
            },
          },
        },
      },
    },
    responses: {
      200: {
        description: 'Created.',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['requestId'],
              properties: { requestId: { type: 'string' }, code: { type: 'string' } },
            },
            example: { requestId: 'EXAMPLE', code: '' },
          },
        },
      },
      400: document.paths[LIST].get.responses['400'],
    },
  };
  document.paths[`${LIST}/{instanceName}`] = {
    get: {
      operationId: 'getFunctionInstance',
      'x-acs-action': 'GetFunctionInstance',
      'x-acs-version': '2017-12-25',
      parameters: [
        param('appGroupIdentity'),
        param('functionName'),
        { name: 'instanceName', in: 'path', required: true, schema: { type: 'string', minLength: 1 } },
        param('output'),
      ],
      responses: {
        200: {
          description: 'The instance.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['requestId', 'result'],
                properties: {
                  requestId: { type: 'string' },
                  result: { $ref: '#/components/schemas/FunctionInstance' },
                },
              },
              example: { requestId: 'EXAMPLE', result: { instanceName: 'ctr_test', functionName: 'ctr' } },
            },
          },
        },
        404: document.paths[LIST].get.responses['404'],
      },
    },
    put: {
      operationId: 'modifyFunctionInstance',
      'x-acs-action': 'ModifyFunctionInstance',
      'x-acs-version': '2017-12-25',
      parameters: [
        param('appGroupIdentity'),
        param('functionName'),
        { name: 'instanceName', in: 'path', required: true, schema: { type: 'string' } },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { type: 'object', additionalProperties: false, properties: { description: { type: 'string' } } },
          },
        },
      },
      responses: {
        200: {
          description: 'Modified.',
          content: {
            'application/json': { schema: { type: 'object', properties: { requestId: { type: 'string' } } } },
          },
        },
      },
    },
    delete: {
      operationId: 'deleteFunctionInstance',
      'x-acs-action': 'DeleteFunctionInstance',
      'x-acs-version': '2017-12-25',
      parameters: [
        param('appGroupIdentity'),
        param('functionName'),
        { name: 'instanceName', in: 'path', required: true, schema: { type: 'string' } },
      ],
      responses: {
        200: {
          description: 'Deleted.',
          content: {
            'application/json': { schema: { type: 'object', properties: { requestId: { type: 'string' } } } },
          },
        },
      },
    },
  };
  return document;
}

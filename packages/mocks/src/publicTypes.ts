// The public face of what the mocks read from a spec: OpenAPI documents and operations typed with
// `unknown` where the repository's reader (which works on untyped JSON) uses `any`, and the
// recorded requests typed per operation.
import type { FlatParams, operations } from '@acs-opensearch/client';
import type { SearchOperationId } from '@acs-opensearch/client/search';
import { listOperations as readOperations } from '@acs-opensearch/openapi-reader';
import type { OperationId } from './data/types.js';

/** An OpenAPI 3.x document, as parsed JSON. */
export type OpenApiDocument = { readonly [key: string]: unknown };

/** One parameter of an operation, path-level parameters merged in. */
export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** Its schema (or its `content`'s JSON schema), local `$ref`s kept. */
  schema: unknown;
  /** Described by `content: application/json`: one query value holding JSON text. */
  json?: true;
  /** `x-acs-filter`: the item field a list's parameter filters on, and how. */
  filter?: { field: string; operator: '=' | '>=' | '<=' | 'contains' | 'in'; from?: string };
  /** The parameter's other `x-` extensions, when it has any (`x-acs-output-levels`, `x-acs-dry-run` ...). */
  extensions?: Record<string, unknown>;
}

/** One documented response of an operation. */
export interface OpenApiResponse {
  status: string;
  schema: unknown;
  examples: unknown[];
  headers: string[];
}

/** One operation of a document, as the mocks read it. */
export interface OpenApiOperation {
  operationId: string;
  method: string;
  path: string;
  /** The path as an MSW pattern (`/items/:id`). */
  mswPath: string;
  summary: string | undefined;
  parameters: OpenApiParameter[];
  requestBody: { required: boolean; schema: unknown } | undefined;
  responses: OpenApiResponse[];
  /** The operation's `x-` extensions. */
  extensions: Record<string, unknown>;
}

/** Every operation of a document, with its parameters (path-level first), JSON body and responses. */
export function listOperations(document: OpenApiDocument): OpenApiOperation[] {
  return readOperations(document);
}

/** An operation's path and query parameters, flat, as recorded (validated, defaults applied). */
export type RecordedParams<Op extends OperationId> = Omit<FlatParams<operations[Op]>, 'body'>;
/** An operation's JSON body, as recorded. */
export type RecordedBody<Op extends OperationId> =
  FlatParams<operations[Op]> extends { body?: infer B } ? B : undefined;

/** What the handlers answered a recorded request. */
export interface RecordedAnswer {
  /** The status it was answered with; undefined for a network error (`mock.networkError()`). */
  status: number | undefined;
  /** The error code it was answered with (`Throttling.User`); undefined for a success. */
  code: string | undefined;
  /** Whether an override (`mock.throttle()`, `mock.error()`, `mock.respond()`...) answered it: then `params` and `body` are not read. */
  overridden: boolean;
}

/**
 * A request the handlers saw, typed by its operation: narrow on `operationId` to read its `params`
 * and `body`. Every request is recorded, each retry attempt too: those an override answered
 * (`overridden: true`, with the operation its path names) and those no operation answers
 * (`operationId: undefined`). A request that broke the spec (answered 400) is recorded as it came, so
 * its values may not match these types; the recorded `params` are the ones that validated.
 */
export type RecordedRequest =
  | {
      [Op in OperationId]: {
        operationId: Op;
        method: string;
        url: string;
        params: RecordedParams<Op>;
        headers: Record<string, string>;
        body: RecordedBody<Op> | undefined;
        /** The AccessKeyId the request was signed with, if it was signed (never the secret, which is never sent). */
        accessKeyId: string | undefined;
        /** Whether the request carried an STS security token: rotation shows here, without reading headers. */
        securityToken: boolean;
      } & RecordedAnswer;
    }[OperationId]
  | {
      [Op in SearchOperationId]: {
        /** An application API (v3) request: a search, a suggestion or a push. */
        operationId: Op;
        method: string;
        url: string;
        /** Its path parameters (`app_name`, `table_name`, `suggest_name`) and query parameters, as text. */
        params: Record<string, string>;
        headers: Record<string, string>;
        /** A push's commands (its JSON body). */
        body: unknown;
        accessKeyId: string | undefined;
        /** Whether it carried an STS token (X-Opensearch-Security-Token). */
        securityToken: boolean;
      } & RecordedAnswer;
    }[SearchOperationId]
  | ({
      operationId: undefined;
      method: string;
      url: string;
      params: Record<string, never>;
      headers: Record<string, string>;
      body: undefined;
      accessKeyId: string | undefined;
      securityToken: boolean;
    } & RecordedAnswer);

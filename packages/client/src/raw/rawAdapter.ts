// The raw path's run-time half, loaded on the first raw call together with openapi-fetch:
// openapi-fetch builds the Request from the validated values, and its fetch is the engine, which
// signs with the operation's action, sends and reads it. HTTP error answers go back to
// openapi-fetch as responses, which it returns as `{ error, response }`.
import createClient, { type Client } from 'openapi-fetch';
import { copyMetadata } from '../engine/copyMetadata.js';
import type { Answer, CallSettings, createEngine } from '../engine/createEngine.js';
import { errorAnswers } from '../engine/errorAnswers.js';
import { normalizeCasing } from '../engine/normalizeCasing.js';
import { assertHeaderValue } from '../errors/checks.js';
import type { OpenSearchError } from '../errors/errors.js';
import type { createRequestBuilder } from '../operations/buildRequest.js';
import { encodePath } from '../operations/encodePath.js';
import { successBody } from '../operations/successBody.js';
import type { PreparedCall } from '../operations/validateParameters.js';
import type { OperationMeta } from '../shared/operationMeta.js';
import type { NormalizedPaths } from '../shared/operationTypes.js';
import { canonicalQuery } from '../signing/canonicalQuery.js';
import { canonicalUri } from '../signing/canonicalUri.js';

export interface RawAdapterOptions {
  baseUrl: string;
  unsigned: Record<string, string>;
  engine: ReturnType<typeof createEngine>;
  builder: ReturnType<typeof createRequestBuilder>;
}

/** A raw call's Request headers: host and authorization are the engine's; content-type and x-acs-* are signed. */
function requestHeaders(request: Request) {
  const headers: Record<string, string> = {};
  const extra: [string, string][] = [];
  let contentType: string | undefined;
  request.headers.forEach((value, name) => {
    if (name === 'host' || name === 'authorization') return;
    if (name === 'content-type') contentType = value;
    else if (name.startsWith('x-acs-')) extra.push([name, value]);
    else headers[name] = value;
  });
  return { headers, extra, contentType };
}

/** Checks the caller's own headers of a raw call (a record or pairs; Headers are checked by Headers) without echoing a value. */
function checkHeaders(headers: unknown): void {
  if (!headers || typeof headers !== 'object' || headers instanceof Headers) return;
  for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers)) {
    if (value != null) assertHeaderValue(`headers[${JSON.stringify(String(name)).slice(0, 60)}]`, String(value));
  }
}

/** The answer as openapi-fetch reads it: the checked camelCase body, or the error answer as it came. */
function toResponse(answer: Answer, body: string | null): Response {
  const headers = new Headers([...answer.headers]);
  // The text is decoded and may be rewritten: the original length and encoding no longer apply.
  headers.delete('content-encoding');
  headers.delete('content-length');
  // A 204 or 205 has no text and no data: its body is null, as the Response constructor requires.
  return new Response(body, { status: answer.status, statusText: answer.statusText, headers });
}

/** An error body (already freed of secrets) as text: JSON in camelCase, as every body the client hands out; text as it is. */
function bodyText(body: unknown): string | null {
  if (body === undefined || body === '') return null;
  if (typeof body === 'string') return body;
  try {
    return JSON.stringify(normalizeCasing(body));
  } catch {
    return JSON.stringify(body); // nested past the casing's depth cap: as it came
  }
}

/** The fetch openapi-fetch calls for one raw call: the Request it built, through the engine. */
function engineFetch(options: RawAdapterOptions, op: OperationMeta, settings: Partial<CallSettings> | undefined) {
  return async (request: Request): Promise<Response> => {
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const { href, pathname, search } = new URL(request.url);
    const { headers, extra, contentType } = requestHeaders(request);
    const parts = {
      method: op.method,
      path: canonicalUri(pathname),
      query: canonicalQuery(search),
      contentType,
      extra,
    };
    const built = options.builder.outgoing(op, href, parts, headers, body);
    let answer: Answer;
    try {
      answer = await options.engine.send('then' in built ? await built : built, settings);
    } catch (error) {
      const failed = errorAnswers.get(error as never);
      // The error answer as openapi-fetch hands it back: its body freed of secrets, as the typed error's is.
      if (failed) return copyMetadata(toResponse(failed, bodyText((error as OpenSearchError).body)), error as object);
      throw error;
    }
    const data = await successBody(op, answer, op.method);
    return copyMetadata(toResponse(answer, data === undefined ? null : JSON.stringify(data)), answer);
  };
}

/** The openapi-fetch client of one OpenSearch client, and the runner of its validated raw calls. */
export function createRawAdapter(options: RawAdapterOptions) {
  const client: Client<NormalizedPaths> = createClient<NormalizedPaths>({
    baseUrl: options.baseUrl,
    headers: options.unsigned,
    pathSerializer: encodePath,
  });
  function run(
    op: OperationMeta,
    path: unknown,
    init: Record<string, unknown>,
    prepared: PreparedCall,
    settings?: Partial<CallSettings>,
  ) {
    checkHeaders(init.headers);
    const { path: pathValues, query, header, body } = prepared;
    const fetch = engineFetch(options, op, settings);
    const { timeoutMs: _t, deadlineMs: _d, retry: _r, context: _c, ...rest } = init;
    const request = { ...rest, params: { path: pathValues, query, header }, fetch };
    return client.request(
      op.method as never,
      path as never,
      (body === undefined ? request : { ...request, body }) as never,
    );
  }
  return { client, run };
}

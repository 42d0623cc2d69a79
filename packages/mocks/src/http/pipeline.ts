// The request pipeline every handler runs: read the body (capped), take the path parameters MSW
// decoded (once), parse the query strictly, validate against the spec, record, wait the latency,
// verify the signature, then hand the request to its operation's behaviour.
import type { SigningCrypto } from '@acs-opensearch/client/signing';
import { delay } from 'msw';
import { type BehaviourContext, type Reply, respond } from '../behaviour/behaviours.js';
import { canonicalBody } from '../behaviour/bodyCasing.js';
import { MockViolationError } from '../model/errorResponses.js';
import type { ModelOperation } from '../model/specModel.js';
import type { Violation } from '../model/specValidator.js';
import type { NonceStore } from '../signature/nonceStore.js';
import { type KeyRing, verifySignature } from '../signature/verifySignature.js';
import { type RequestLog, signingOf, unreadEntry } from './requestLog.js';

export interface PipelineOptions {
  /** The key pairs signatures are checked with; false: unchecked. */
  verify: KeyRing | false;
  crypto: SigningCrypto | undefined;
  onViolation: 'respond' | 'throw';
  onUnknownAppGroup: 'respond' | 'warn' | 'throw';
  maxBodyBytes: number;
}

/** Thrown for a body over maxBodyBytes; answered 413. */
class TooLarge extends Error {}

const NO_BYTES = new Uint8Array(0);

/** Reads a request body as text and bytes (the signature check hashes those), refusing it past `max` bytes before buffering more. */
async function readCapped(request: Request, max: number): Promise<{ text: string; bytes: Uint8Array }> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > max) throw new TooLarge();
  if (!request.body) return { text: '', bytes: NO_BYTES };
  const reader = request.clone().body!.getReader();
  const decoder = new TextDecoder();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      // Not awaited: a tee'd branch's cancel settles only once the other branch (MSW's) is cancelled too.
      reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    chunks.push(value);
    text += decoder.decode(value, { stream: true });
  }
  text += decoder.decode();
  if (chunks.length === 1) return { text, bytes: chunks[0]! };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { text, bytes };
}

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Step 1: the JSON body, read under the cap; a TooLarge is thrown on, bad JSON is a violation. */
async function readBody(request: Request, model: ModelOperation, max: number, violations: Violation[]) {
  // A GET or HEAD has no body here: fetch's Request cannot hold one, and the mock server refuses it.
  const { text, bytes } = await readCapped(request, max);
  if (!model.op.requestBody || text === '') return { body: undefined, bytes };
  try {
    return { body: JSON.parse(text) as unknown, bytes };
  } catch {
    violations.push({ parameter: 'body', message: 'body is not valid JSON' });
    return { body: undefined, bytes };
  }
}

/** Step 2: the query decoded as the gateway does: `+` is a literal plus (URLSearchParams would make it a space). */
function readQuery(url: URL, violations: Violation[]): Record<string, string> {
  const query: Record<string, string> = {};
  // An empty part (`?&a=1`) is the empty key, which no parameter has.
  for (const part of url.search.slice(1).split('&')) {
    const eq = part.indexOf('=');
    try {
      // Stryker disable next-line EqualityOperator: `=x` (eq 0) names the empty key either way, which no parameter has.
      query[decodeURIComponent(eq < 0 ? part : part.slice(0, eq))] =
        eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    } catch {
      violations.push({
        parameter: 'query',
        message: `the query has a bad %-escape in ${JSON.stringify(part.slice(0, 40))}`,
      });
    }
  }
  return query;
}

/** Step 3: numbers are decimal digits only (ajv alone would take 0x10, 1e1 or " 5"). */
function checkDigits(
  model: ModelOperation,
  path: Record<string, string>,
  query: Record<string, string>,
  violations: Violation[],
): void {
  for (const p of model.op.parameters) {
    const raw = p.in === 'query' ? query[p.name] : p.in === 'path' ? path[p.name] : undefined;
    const type = p.schema?.type;
    if (raw === undefined) continue;
    if ((type === 'integer' && !INTEGER.test(raw)) || (type === 'number' && !NUMBER.test(raw)))
      violations.push({
        parameter: p.name,
        message: `${p.name} must be written in decimal digits, got ${JSON.stringify(raw.slice(0, 40))}`,
      });
  }
}

/** Steps 1 to 4: the request read and validated against its operation; nothing is answered yet. */
async function readRequest(
  ctx: BehaviourContext,
  model: ModelOperation,
  request: Request,
  path: Record<string, string>,
  max: number,
) {
  const violations: Violation[] = [];
  const read = await readBody(request, model, max, violations);
  const bytes = read.bytes;
  // A body in another casing (the SDK's PascalCase) is read as the canonical one, then validated.
  const body = model.bodySchema ? canonicalBody(ctx.spec.document, model.bodySchema, read.body) : read.body;
  // The router decoded the operation's path values once (router.ts).
  const query = readQuery(new URL(request.url), violations);
  checkDigits(model, path, query, violations);
  const header: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    header[name] = value;
  });
  const checked = model.validator.validateParameters({ path, query, header });
  violations.push(
    ...checked.violations,
    ...(violations.some((v) => v.parameter === 'body') ? [] : model.validator.validateBody(body)),
  );
  return { header, body, bytes, values: checked.values, violations };
}

/** Step 5: the record of the request, with the operation's validated path and query values; its answer is added when it is made. */
function record(
  log: RequestLog,
  model: ModelOperation,
  request: Request,
  read: Awaited<ReturnType<typeof readRequest>>,
) {
  const params: Record<string, unknown> = {};
  for (const p of model.op.parameters)
    if (p.in !== 'header' && read.values[p.name] !== undefined) params[p.name] = read.values[p.name];
  return log.push({
    operationId: model.op.operationId,
    method: request.method,
    url: request.url,
    params,
    headers: read.header,
    body: read.body,
    ...signingOf(read.header),
    status: undefined,
    code: undefined,
    overridden: false,
  });
}

/**
 * Step 6: the gateway's checks. It routes by action, method and path together, so a request that
 * names another operation's action is refused whether or not signatures are checked; with a key,
 * the signature.
 */
async function gatewayRefusal(
  model: ModelOperation,
  request: Request,
  options: PipelineOptions,
  nonces: NonceStore,
  reply: Reply,
  body: Uint8Array,
): Promise<Response | undefined> {
  const action = request.headers.get('x-acs-action');
  if (!options.verify) {
    if (action === null || !model.meta.action || action === model.meta.action) return undefined;
    const where = `${request.method} ${new URL(request.url).pathname}`;
    return reply.error(
      'InvalidAction.NotFound',
      `Specified api is not found: x-acs-action ${JSON.stringify(action)} is not ${model.meta.action}, the operation of ${where}.`,
      404,
    );
  }
  const failure = await verifySignature(request, {
    key: options.verify,
    body,
    nonces,
    action: model.meta.action,
    version: model.meta.version,
    crypto: options.crypto,
  });
  // Every answer carries the server's Date, so an expired request can correct its clock from it.
  return failure ? reply.error(failure.code, failure.message) : undefined;
}

/** Step 7: with `appGroups`, a request to another app group is answered 404, and warned about or thrown on if asked. */
function checkAppGroup(
  ctx: BehaviourContext,
  model: ModelOperation,
  values: Record<string, unknown>,
  request: Request,
  mode: PipelineOptions['onUnknownAppGroup'],
) {
  const scopeParam = model.collection?.scope;
  if (!scopeParam || mode === 'respond') return;
  const scope = String(values[scopeParam]);
  if (ctx.store.hasScope(scope)) return;
  const message = `[acs-opensearch mocks] ${request.method} ${new URL(request.url).pathname}: the ${scopeParam} ${JSON.stringify(scope)} is not one of the handlers' appGroups (it answers 404).`;
  if (mode === 'throw') throw new Error(message);
  console.warn(message);
}

export function createPipeline(
  ctx: BehaviourContext,
  options: PipelineOptions,
  log: RequestLog,
  nonces: NonceStore,
  replyFor: (request: Request, model?: ModelOperation) => Reply,
) {
  return async function handle(
    model: ModelOperation,
    request: Request,
    path: Record<string, string>,
  ): Promise<Response> {
    const noted = notingCodes(replyFor(request, model));
    let read: Awaited<ReturnType<typeof readRequest>>;
    try {
      read = await readRequest(ctx, model, request, path, options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof TooLarge)) throw error;
      const message = `The request body is over ${options.maxBodyBytes} bytes.`;
      const response = noted.reply.error('RequestEntityTooLarge', message, 413);
      log.push(unreadEntry(request, model.op.operationId, { status: 413, code: noted.code(), overridden: false }));
      return response;
    }
    const entry = record(log, model, request, read);
    const response = await answer(ctx, options, nonces, model, request, read, noted.reply);
    if (entry) {
      entry.status = response.status;
      entry.code = noted.code();
    }
    return response;
  };
}

/** A reply that notes the error code it answers, for the request's record. */
function notingCodes(reply: Reply): { reply: Reply; code: () => string | undefined } {
  let code: string | undefined;
  return {
    reply: {
      json: reply.json,
      error(errorCode, message, status, headers) {
        code = errorCode;
        return reply.error(errorCode, message, status, headers);
      },
    },
    code: () => code,
  };
}

/** Steps 6 to 8: the latency, the gateway's checks, the violations, the app group; then the behaviour. */
async function answer(
  ctx: BehaviourContext,
  options: PipelineOptions,
  nonces: NonceStore,
  model: ModelOperation,
  request: Request,
  read: Awaited<ReturnType<typeof readRequest>>,
  reply: Reply,
): Promise<Response> {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: delay(0) only yields a turn; 0 means no latency either way.
  if (ctx.latencyMs > 0) await delay(ctx.latencyMs);
  const refused = await gatewayRefusal(model, request, options, nonces, reply, read.bytes);
  if (refused) return refused;
  if (read.violations.length > 0) {
    if (options.onViolation === 'throw') throw new MockViolationError(model.op.operationId, read.violations);
    const first = read.violations[0]!;
    return reply.error('InvalidParameter', `The parameter ${first.parameter} is invalid: ${first.message}.`, 400);
  }
  checkAppGroup(ctx, model, read.values, request, options.onUnknownAppGroup);
  return respond(ctx, { model, values: read.values, body: read.body }, reply);
}

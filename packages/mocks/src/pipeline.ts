// The request pipeline every handler runs: read the body (capped), take the path parameters MSW
// decoded (once), parse the query strictly, validate against the spec, record, wait the latency,
// verify the signature, then hand the request to its operation's behaviour.
import type { SigningCrypto } from '@acs-opensearch/client/signing';
import { delay } from 'msw';
import { type BehaviourContext, type Reply, respond } from './behaviours.js';
import { MockViolationError } from './errorResponses.js';
import type { NonceStore } from './nonceStore.js';
import type { RequestLog } from './requestLog.js';
import type { ModelOperation } from './specModel.js';
import type { Violation } from './specValidator.js';
import { type SignatureKey, verifySignature } from './verifySignature.js';

export interface PipelineOptions {
  verify: SignatureKey | false;
  crypto: SigningCrypto | undefined;
  onViolation: 'respond' | 'throw';
  onUnknownAppGroup: 'respond' | 'warn' | 'throw';
  maxBodyBytes: number;
}

/** Thrown for a body over maxBodyBytes; answered 413. */
class TooLarge extends Error {}

/** Reads a request body as text, refusing it past `max` bytes before buffering more. */
async function readCapped(request: Request, max: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > max) throw new TooLarge();
  if (!request.body) return '';
  const reader = request.clone().body!.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > max) {
      // Not awaited: a tee'd branch's cancel settles only once the other branch (MSW's) is cancelled too.
      reader.cancel().catch(() => {});
      throw new TooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

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
    params: Record<string, unknown>,
  ): Promise<Response> {
    const reply = replyFor(request, model);
    const { op, validator } = model;
    const violations: Violation[] = [];

    let body: unknown;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      let text: string;
      try {
        text = await readCapped(request, options.maxBodyBytes);
      } catch (error) {
        if (error instanceof TooLarge)
          return reply.error('RequestEntityTooLarge', `The request body is over ${options.maxBodyBytes} bytes.`, 413);
        throw error;
      }
      if (op.requestBody && text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          violations.push({ parameter: 'body', message: 'body is not valid JSON' });
        }
      }
    }

    // MSW decoded the path parameters once; only the operation's own are kept (not its wildcard "0").
    const path: Record<string, string> = {};
    for (const p of op.parameters)
      if (p.in === 'path' && typeof params[p.name] === 'string') path[p.name] = params[p.name] as string;
    const url = new URL(request.url);
    // The query decoded as the gateway does: `+` is a literal plus (URLSearchParams would make it a space).
    const query: Record<string, string> = {};
    for (const part of url.search.slice(1).split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      try {
        query[decodeURIComponent(eq < 0 ? part : part.slice(0, eq))] =
          eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
      } catch {
        violations.push({
          parameter: 'query',
          message: `the query has a bad %-escape in ${JSON.stringify(part.slice(0, 40))}`,
        });
      }
    }
    // Numbers are decimal digits only: ajv alone would take 0x10, 1e1 or " 5".
    for (const p of op.parameters) {
      const raw = p.in === 'query' ? query[p.name] : p.in === 'path' ? path[p.name] : undefined;
      const type = p.schema?.type;
      if (
        raw !== undefined &&
        ((type === 'integer' && !INTEGER.test(raw)) || (type === 'number' && !NUMBER.test(raw)))
      ) {
        violations.push({
          parameter: p.name,
          message: `${p.name} must be written in decimal digits, got ${JSON.stringify(raw.slice(0, 40))}`,
        });
      }
    }
    const header: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      header[name] = value;
    });
    const { values, violations: parameterViolations } = validator.validateParameters({ path, query, header });
    violations.push(
      ...parameterViolations,
      ...(violations.some((v) => v.parameter === 'body') ? [] : validator.validateBody(body)),
    );
    const recorded: Record<string, unknown> = {};
    for (const p of op.parameters)
      if (p.in !== 'header' && values[p.name] !== undefined) recorded[p.name] = values[p.name];
    log.push({
      operationId: op.operationId,
      method: request.method,
      url: request.url,
      params: recorded,
      headers: header,
      body,
    });

    if (ctx.latencyMs > 0) await delay(ctx.latencyMs);
    // The gateway routes by action, method and path together: a request that names another
    // operation's action is refused whether or not signatures are checked.
    const action = request.headers.get('x-acs-action');
    if (!options.verify && action !== null && model.meta.action && action !== model.meta.action) {
      return reply.error(
        'InvalidAction.NotFound',
        `Specified api is not found: x-acs-action ${JSON.stringify(action)} is not ${model.meta.action}, the operation of ${request.method} ${url.pathname}.`,
        404,
      );
    }
    if (options.verify) {
      const failure = await verifySignature(request, {
        key: options.verify,
        nonces,
        action: model.meta.action,
        version: model.meta.version,
        crypto: options.crypto,
      });
      // An expired request gets the server's Date, so that a client can correct its clock.
      if (failure)
        return reply.error(
          failure.code,
          failure.message,
          undefined,
          failure.code === 'InvalidTimeStamp.Expired' ? { date: new Date().toUTCString() } : {},
        );
    }
    if (violations.length > 0) {
      if (options.onViolation === 'throw') throw new MockViolationError(op.operationId, violations);
      const first = violations[0]!;
      return reply.error('InvalidParameter', `The parameter ${first.parameter} is invalid: ${first.message}.`, 400);
    }
    const collection = model.collection;
    if (collection?.scope && options.onUnknownAppGroup !== 'respond') {
      const scope = String(values[collection.scope]);
      if (!ctx.store.hasScope(scope)) {
        const message = `[acs-opensearch mocks] ${request.method} ${url.pathname}: the ${collection.scope} ${JSON.stringify(scope)} is not one of the handlers' appGroups (it answers 404).`;
        if (options.onUnknownAppGroup === 'throw') throw new Error(message);
        console.warn(message);
      }
    }
    return respond(ctx, { model, values, body }, reply);
  };
}

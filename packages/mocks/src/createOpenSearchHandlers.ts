// Builds MSW handlers from an OpenAPI document: one per operation, each validating the request
// against the spec, optionally checking its signature, and answering from a stateful store
// (ListFunctionInstances) or from the spec's examples (any other operation). A typed controller
// lets tests change data, set responses and play scenarios.

import { normalizeCasing } from '@acs-opensearch/client';
import { type Json, listOperations, type OpenApiOperation } from '@acs-opensearch/openapi-reader';
import { delay, type HttpHandler, HttpResponse, http } from 'msw';
import { casingFor } from './casingFor.js';
import { type ErrorCodeInfo, errorBody, MockViolationError, readErrorCodes } from './errorResponses.js';
import { makeFunctionInstances } from './factories.js';
import { openApiDocument } from './generated/openapi-document.js';
import { InstanceStore } from './instanceStore.js';
import { type OutputLevel, selectOutput } from './outputLevels.js';
import { deterministicRequestId } from './prng.js';
import { sampleFromSchema } from './sampleFromSchema.js';
import { createOperationValidators, type Violation } from './specValidator.js';
import type { FunctionInstance, OperationId, ResponseBody, ResponseStatus } from './types.js';
import { type SignatureKey, verifySignature } from './verifySignature.js';

export interface OpenSearchHandlersOptions {
  /** Only match requests to this origin (and path prefix). Default: any origin. */
  baseUrl?: string;
  /** When given, only these app groups exist; each instance is listed under its own functionName. Default: every app group and function gets the default dataset. */
  appGroups?: Record<string, FunctionInstance[]>;
  /** Seed of the generated part of the default dataset and of request ids. Default 1. */
  seed?: number;
  /** Check ACS3-HMAC-SHA256 signatures with this key pair. Default false. */
  verifySignature?: SignatureKey | false;
  /** Answer in camelCase (the canonical wire form) or PascalCase. Default 'camel'. */
  casing?: 'camel' | 'pascal';
  /** Delay every response by this many ms (also reported as `latency`). Default 0. */
  latencyMs?: number;
  /** On a request that breaks the spec: answer 400 InvalidParameter ('respond', default) or throw a MockViolationError ('throw'). */
  onViolation?: 'respond' | 'throw';
  /** Build from another OpenAPI document instead of the bundled spec (the mocks follow any spec). */
  document?: Json;
  /** How many generated instances to add to the spec's examples in the default dataset. Default 22. */
  generatedInstances?: number;
}

export interface RecordedRequest {
  operationId: string;
  method: string;
  url: string;
  /** Path and query parameters after validation, defaults applied. */
  params: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
}

export interface OverrideInit {
  headers?: Record<string, string>;
  /** Apply this many times, then fall back to normal behaviour. Default: until reset. */
  times?: number;
}

export interface ScenarioOptions {
  /** Limit the scenario to one operation. Default: every operation. */
  operationId?: OperationId;
  /** Apply this many times. Default: until reset. */
  times?: number;
}

export interface OpenSearchMockController {
  /** Adds instances to an app group (created if needed); each goes under its functionName. */
  add(appGroup: string, instances: FunctionInstance | FunctionInstance[]): void;
  /** Removes one instance by name, or the whole app group. Returns how many instances went. */
  remove(appGroup: string, instanceName?: string): number;
  /** What a query would list, before paging and output levels. */
  instances(
    appGroup: string,
    functionName: string,
    filters?: { source?: 'builtin' | 'user' | 'all'; modelType?: string; functionType?: string },
  ): FunctionInstance[];
  /** Restores the initial data and clears overrides, scenarios, recorded requests and seen nonces. */
  reset(): void;
  /** Clears overrides and scenarios only. */
  resetOverrides(): void;
  /** Every request the handlers saw, oldest first. */
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  /** Answers `operationId` with this status and body; the body is type-checked against the spec for that status. */
  override<Op extends OperationId, S extends ResponseStatus<Op>>(
    operationId: Op,
    status: S,
    body: ResponseBody<Op, S>,
    init?: OverrideInit,
  ): void;
  scenarios: {
    /** Answers with the error `code`, with the status and shape the spec documents for it. */
    error(code: string, options?: ScenarioOptions & { message?: string }): void;
    /** Answers 429 Throttling.User with Retry-After. */
    throttle(options?: ScenarioOptions & { retryAfterSeconds?: number }): void;
    /** Fails the request at the network level (fetch rejects). */
    networkError(options?: ScenarioOptions): void;
    /** Delays responses by `ms`, then answers normally. */
    delay(ms: number, options?: ScenarioOptions): void;
  };
}

export interface OpenSearchHandlers {
  handlers: HttpHandler[];
  controller: OpenSearchMockController;
}

type Reply = (request: Request) => Promise<Response | undefined>;
interface ActiveOverride {
  operationId: string | undefined;
  remaining: number;
  reply: Reply;
}

const LIST_OPERATION = 'listFunctionInstances';

/** The spec's example instances (both casings), then deterministic generated ones. */
function defaultDataset(operation: OpenApiOperation | undefined, seed: number, generated: number): FunctionInstance[] {
  const fromExamples: FunctionInstance[] = [];
  for (const example of operation?.responses.find((r) => r.status === '200')?.examples ?? []) {
    const body = normalizeCasing<{ result?: FunctionInstance[] }>(example);
    for (const instance of body.result ?? []) fromExamples.push(instance);
  }
  const builtin = makeFunctionInstances(Math.min(3, generated), { source: 'builtin' }, { seed: seed + 1 });
  const rest = makeFunctionInstances(Math.max(0, generated - builtin.length), {}, { seed });
  return [...fromExamples, ...rest, ...builtin.map((b, i) => ({ ...b, instanceName: `builtin_instance_${i + 1}` }))];
}

/** Creates the handlers and their controller. */
export function createOpenSearchHandlers(options: OpenSearchHandlersOptions = {}): OpenSearchHandlers {
  const document = options.document ?? openApiDocument;
  const seed = options.seed ?? 1;
  const latencyMs = options.latencyMs ?? 0;
  const operations = listOperations(document);
  const validator = createOperationValidators(document);
  const errorCodes = readErrorCodes(document, operations);
  const listOperation = operations.find((op) => op.operationId === LIST_OPERATION);
  const dataset = defaultDataset(listOperation, seed, options.generatedInstances ?? 22);
  const store = new InstanceStore(() => ({
    explicit: options.appGroups
      ? new Map(Object.entries(options.appGroups).map(([k, v]) => [k, structuredClone(v)]))
      : undefined,
    fallback: dataset,
  }));
  const requests: RecordedRequest[] = [];
  const seenNonces = new Set<string>();
  let overrides: ActiveOverride[] = [];
  const toWire = casingFor(options.casing ?? 'camel');

  const requestIdFor = (request: Request) => deterministicRequestId(seed, `${request.method} ${request.url}`);

  function errorResponse(
    request: Request,
    code: string,
    message: string,
    extraHeaders: Record<string, string> = {},
    status?: number,
  ) {
    const info: ErrorCodeInfo | undefined = errorCodes.get(code);
    const requestId = requestIdFor(request);
    return HttpResponse.json(errorBody(info, code, message, requestId, new URL(request.url).host), {
      status: status ?? info?.httpStatus ?? 400,
      headers: { 'x-acs-request-id': requestId, ...extraHeaders },
    });
  }

  function violationResponse(request: Request, operation: OpenApiOperation, violations: Violation[]) {
    if (options.onViolation === 'throw') throw new MockViolationError(operation.operationId, violations);
    const first = violations[0]!;
    return errorResponse(
      request,
      'InvalidParameter',
      `The parameter ${first.parameter} is invalid: ${first.message}.`,
      {},
      400,
    );
  }

  function takeOverride(operationId: string): ActiveOverride | undefined {
    const found = overrides.find(
      (o) => o.remaining > 0 && (o.operationId === undefined || o.operationId === operationId),
    );
    if (found) {
      found.remaining -= 1;
      if (found.remaining <= 0) overrides = overrides.filter((o) => o !== found);
    }
    return found;
  }

  function pushOverride(operationId: string | undefined, times: number | undefined, reply: Reply) {
    if (times !== undefined && (!Number.isInteger(times) || times < 1))
      throw new TypeError(`times must be a positive integer, got ${times}`);
    overrides.push({ operationId, remaining: times ?? Number.POSITIVE_INFINITY, reply });
  }

  async function listInstances(request: Request, params: Record<string, unknown>) {
    const appGroup = String(params.appGroupIdentity);
    if (!store.hasAppGroup(appGroup)) {
      return errorResponse(
        request,
        'Instance.NotExist',
        `The app group ${JSON.stringify(appGroup)} does not exist.`,
        {},
        404,
      );
    }
    const all = store.query({
      appGroup,
      functionName: String(params.functionName),
      source: String(params.source ?? 'user'),
      modelType: params.modelType as string | undefined,
      functionType: params.functionType as string | undefined,
    });
    const pageNumber = Number(params.pageNumber ?? 1);
    const pageSize = Number(params.pageSize ?? 10);
    const start = (pageNumber - 1) * pageSize;
    const level = (params.output ?? 'normal') as OutputLevel;
    const requestId = requestIdFor(request);
    const body = {
      status: 'OK',
      httpCode: 200,
      totalCount: all.length,
      requestId,
      message: '',
      code: '',
      latency: latencyMs,
      result: all.slice(start, start + pageSize).map((i) => selectOutput(i, level)),
    };
    return HttpResponse.json(toWire(body), { headers: { 'x-acs-request-id': requestId } });
  }

  function exampleResponse(request: Request, operation: OpenApiOperation) {
    const success = operation.responses
      .filter((r) => /^2/.test(r.status))
      .sort((a, b) => a.status.localeCompare(b.status))[0];
    if (!success) return new HttpResponse(null, { status: 204 });
    const body = success.examples[0] ?? (success.schema ? sampleFromSchema(document, success.schema) : undefined);
    const status = Number(success.status) || 200;
    if (body === undefined || status === 204) return new HttpResponse(null, { status });
    return HttpResponse.json(body as never, { status, headers: { 'x-acs-request-id': requestIdFor(request) } });
  }

  const handlers = operations.map((operation) => {
    const check = validator.forOperation(operation);
    const pattern = `${options.baseUrl ? options.baseUrl.replace(/\/+$/, '') : '*'}${operation.mswPath}`;
    const method = operation.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch' | 'head' | 'options';
    return http[method](pattern, async ({ request, params }) => {
      const url = new URL(request.url);
      const path: Record<string, string> = {};
      for (const [name, value] of Object.entries(params)) if (typeof value === 'string') path[name] = safeDecode(value);
      const query = Object.fromEntries(url.searchParams);
      const header = Object.fromEntries(request.headers);
      let body: unknown;
      if (operation.requestBody) {
        const text = await request.clone().text();
        if (text !== '') {
          try {
            body = JSON.parse(text);
          } catch {
            return violationResponse(request, operation, [{ parameter: 'body', message: 'body is not valid JSON' }]);
          }
        }
      }
      const { values, violations } = check.validateParameters({ path, query, header });
      requests.push({
        operationId: operation.operationId,
        method: request.method,
        url: request.url,
        params: { ...values },
        headers: header,
        body,
      });

      if (latencyMs > 0) await delay(latencyMs);
      const override = takeOverride(operation.operationId);
      if (override) {
        const reply = await override.reply(request);
        if (reply) return reply;
      }
      if (options.verifySignature) {
        const failure = await verifySignature(request, options.verifySignature, seenNonces);
        if (failure) {
          const extra: Record<string, string> =
            failure.code === 'InvalidTimeStamp.Expired' ? { date: new Date().toUTCString() } : {};
          return errorResponse(request, failure.code, failure.message, extra);
        }
      }
      const bodyViolations = check.validateBody(body);
      if (violations.length > 0 || bodyViolations.length > 0)
        return violationResponse(request, operation, [...violations, ...bodyViolations]);
      if (operation.operationId === LIST_OPERATION) return listInstances(request, values);
      return exampleResponse(request, operation);
    });
  });

  const controller: OpenSearchMockController = {
    add(appGroup, instances) {
      store.add(appGroup, Array.isArray(instances) ? instances : [instances]);
    },
    remove(appGroup, instanceName) {
      return store.remove(appGroup, instanceName);
    },
    instances(appGroup, functionName, filters = {}) {
      if (!store.hasAppGroup(appGroup)) return [];
      return [
        ...store.query({
          appGroup,
          functionName,
          source: filters.source ?? 'all',
          modelType: filters.modelType,
          functionType: filters.functionType,
        }),
      ];
    },
    reset() {
      store.reset();
      overrides = [];
      requests.length = 0;
      seenNonces.clear();
    },
    resetOverrides() {
      overrides = [];
    },
    get requests() {
      return requests;
    },
    clearRequests() {
      requests.length = 0;
    },
    override(operationId, status, body, init = {}) {
      pushOverride(operationId, init.times, async (request) =>
        HttpResponse.json(body as never, {
          status: Number(status),
          headers: { 'x-acs-request-id': requestIdFor(request), ...init.headers },
        }),
      );
    },
    scenarios: {
      error(code, scenario = {}) {
        pushOverride(scenario.operationId, scenario.times, async (request) =>
          errorResponse(request, code, scenario.message ?? `Mocked ${code}.`),
        );
      },
      throttle(scenario = {}) {
        const seconds = scenario.retryAfterSeconds ?? 1;
        pushOverride(scenario.operationId, scenario.times, async (request) =>
          errorResponse(
            request,
            'Throttling.User',
            'Request was denied due to user flow control.',
            { 'retry-after': String(seconds) },
            429,
          ),
        );
      },
      networkError(scenario = {}) {
        pushOverride(scenario.operationId, scenario.times, async () => HttpResponse.error());
      },
      delay(ms, scenario = {}) {
        pushOverride(scenario.operationId, scenario.times, async () => {
          await delay(ms);
          return undefined;
        });
      },
    },
  };

  return { handlers, controller };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

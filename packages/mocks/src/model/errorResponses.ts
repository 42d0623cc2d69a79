// Error bodies in the shapes the spec documents: the gateway's PascalCase form and the service's
// camelCase envelope. A code's status and shape come from the spec (x-acs-error-codes, examples).
import { deref, type Json, type OpenApiOperation } from '@acs-opensearch/openapi-reader';

export interface ErrorCodeInfo {
  code: string;
  httpStatus: number;
  /** An example body of this code from the spec, when there is one: it fixes the shape. */
  example?: Record<string, unknown> | undefined;
}

/** Reads the error codes of the document: `x-acs-error-codes` on ErrorResponse, plus every error example. */
export function readErrorCodes(document: Json, operations: OpenApiOperation[]): Map<string, ErrorCodeInfo> {
  const codes = new Map<string, ErrorCodeInfo>();
  const errorSchema = deref(document, document.components?.schemas?.ErrorResponse ?? {});
  for (const entry of (errorSchema?.['x-acs-error-codes'] ?? []) as Array<{ code: string; httpStatus: number }>) {
    codes.set(entry.code, { code: entry.code, httpStatus: entry.httpStatus });
  }
  for (const op of operations) {
    for (const response of op.responses) {
      if (!/^[45]/.test(response.status)) continue;
      for (const example of response.examples as Array<Record<string, unknown>>) {
        const code = (example?.Code ?? example?.code) as string | undefined;
        if (!code) continue;
        const known = codes.get(code) ?? { code, httpStatus: Number(response.status) };
        if (!known.example) codes.set(code, { ...known, example });
      }
    }
  }
  return codes;
}

/** An error body for `code`, in the shape the spec's example of that code uses (gateway form by default). */
export function errorBody(
  info: ErrorCodeInfo | undefined,
  code: string,
  message: string,
  requestId: string,
  host: string,
): Record<string, unknown> {
  const example = info?.example;
  if (example && 'code' in example) {
    return { status: 'FAIL', httpCode: info!.httpStatus, code, message, requestId };
  }
  return {
    Code: code,
    Message: message,
    RequestId: requestId,
    HostId: host,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}`,
  };
}

/** Per document: the hosts of its endpoints (one per region), and the default one. */
const endpointsOf = new WeakMap<object, { hosts: Set<string>; fallback: string | undefined }>();

function endpoints(document: Json) {
  const known = endpointsOf.get(document);
  if (known) return known;
  const server = (document?.servers as Array<{ url?: unknown; variables?: unknown }> | undefined)?.[0];
  const template = typeof server?.url === 'string' ? server.url : undefined;
  const variables = (server?.variables ?? {}) as Record<string, { default?: string; enum?: string[] } | undefined>;
  const fill = (region: string | undefined) =>
    template &&
    new URL(
      template.replace(
        /\{(\w+)\}/g,
        (_m, name: string) => (name === 'regionId' ? region : undefined) ?? variables[name]?.default ?? '',
      ),
    ).host;
  const found = {
    hosts: new Set((variables.regionId?.enum ?? []).map((region) => fill(region) ?? '')),
    fallback: fill(undefined),
  };
  endpointsOf.set(document, found);
  return found;
}

/**
 * The HostId an error answers: the request's host when it is one of the spec's endpoints (a
 * region's), else the spec's default endpoint host (`acs-opensearch-mock` for a spec without one),
 * so that the same requests answer the same bytes whatever host a test sends them to.
 */
export function hostIdOf(document: Json, host: string): string {
  const { hosts, fallback } = endpoints(document);
  return hosts.has(host) ? host : (fallback ?? 'acs-opensearch-mock');
}

/** Thrown instead of answering 400 when `onViolation: 'throw'`: the request broke the spec. */
export class MockViolationError extends Error {
  override name = 'MockViolationError';
  constructor(
    readonly operationId: string,
    readonly violations: Array<{ parameter: string; message: string }>,
  ) {
    super(`${operationId}: the request does not match the spec: ${violations.map((v) => v.message).join('; ')}`);
  }
}

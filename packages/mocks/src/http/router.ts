// One MSW handler for every operation of a spec: it matches any path under the baseUrl that may be
// an operation's, then finds the operation by method and path template and decodes the path values
// once (a path that is none falls through, to the set's fallback). One
// handler instead of one per operation keeps building the handlers as cheap with 9 operations as
// with 1, and an unmatched request tries one pattern instead of one handler per operation.
import { type HttpHandler, http } from 'msw';
import { escapeRegExp, type ModelOperation, pathParams, type SpecModel } from '../model/specModel.js';

interface Route {
  model: ModelOperation;
  pattern: RegExp;
  names: string[];
}

/** A path template as a pattern: each `{name}` is one non-empty segment, captured or not. */
const templatePattern = (path: string, capture: boolean) =>
  escapeRegExp(path).replace(/\\\{[^/]+?\\\}/g, capture ? '([^/]+)' : '[^/]+');

/** One value per spec and baseUrl, built on first use and kept as long as the spec is. */
export function perSpecAndBase<T>(build: (spec: SpecModel, base: string | undefined) => T) {
  const bySpec = new WeakMap<SpecModel, Map<string, T>>();
  return (spec: SpecModel, base: string | undefined): T => {
    let byBase = bySpec.get(spec);
    if (!byBase) {
      byBase = new Map();
      bySpec.set(spec, byBase);
    }
    let value = byBase.get(base ?? '');
    if (value === undefined) {
      value = build(spec, base);
      byBase.set(base ?? '', value);
    }
    return value;
  };
}

/** The literal segments of a path template: `/a/{b}/c` has 2. */
const literalSegments = (path: string) => path.split('/').filter((s) => s !== '' && !s.startsWith('{')).length;

/** The routes of a spec, built once: the most literal template first (`/versions/{id}` before `/{name}`). */
const routesOf = perSpecAndBase((spec): Route[] =>
  [...spec.operations]
    .sort((a, b) => literalSegments(b.op.path) - literalSegments(a.op.path))
    .map((model) => ({
      model,
      pattern: new RegExp(`^${templatePattern(model.op.path, true)}$`),
      names: pathParams(model.op.path),
    })),
);

/** A request URL's path under the baseUrl's path (`https://h/api` and `https://h/api/x` give `/x`). */
export function pathUnder(base: string | undefined): (url: string) => string {
  const prefix = base ? new URL(base).pathname : '/';
  const cut = prefix === '/' ? 0 : prefix.length;
  return (url) => new URL(url).pathname.slice(cut);
}

/** What a request resolves to: its operation and decoded path values, a bad escape, or nothing. */
export type Resolution =
  | { model: ModelOperation; params: Record<string, string> }
  | { model: ModelOperation; badEscape: string }
  | undefined;

/** The operation a method and path (relative to the baseUrl) belong to. */
export function resolveRoute(spec: SpecModel, method: string, pathname: string): Resolution {
  for (const route of routesOf(spec, undefined)) {
    if (route.model.op.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (let i = 0; i < route.names.length; i++) {
      const raw = match[i + 1]!;
      try {
        params[route.names[i]!] = decodeURIComponent(raw);
      } catch {
        return { model: route.model, badEscape: raw };
      }
    }
    return { model: route.model, params };
  }
  return undefined;
}

/**
 * The literal heads of a spec's paths (what comes before the first `{`), the shortest that cover
 * them all: `/v4/openapi/app-groups` covers `/v4/openapi/app-groups/{appGroupIdentity}/apps`.
 * Built once per spec; a handler set for a new baseUrl then compiles a pattern of these few heads,
 * not of every operation, so making handlers costs the same at 9 operations as at 150.
 */
const headsOf = new WeakMap<SpecModel, string>();
function heads(spec: SpecModel): string {
  let joined = headsOf.get(spec);
  if (joined === undefined) {
    const all = [...new Set(spec.operations.map((m) => m.op.path.split('{')[0]!))].sort();
    const kept: string[] = [];
    for (const head of all) if (!kept.some((k) => head.startsWith(k))) kept.push(head);
    joined = kept.map(escapeRegExp).join('|');
    headsOf.set(spec, joined);
  }
  return joined;
}

/**
 * A pattern of the URLs under the baseUrl (any origin without one) that may be operations: those
 * under a literal head of the spec's paths. The router finds the operation itself and lets the rest
 * through. No capture groups: MSW would decode them, and throw on a bad %-escape before routing can
 * answer 400.
 */
export const anyOperation = perSpecAndBase((spec, base) => {
  const origin = base ? escapeRegExp(base) : 'https?://[^/]+';
  return new RegExp(`^${origin}(?:${heads(spec)})[^?#]*$`);
});

type Answer = (
  resolution: NonNullable<Resolution>,
  request: Request,
) => Promise<Response | undefined> | Response | undefined;
/** A request answered without MSW's machinery: the answer, or undefined when no operation matches. */
export type DirectAnswer = (request: Request) => Promise<Response | undefined> | Response | undefined;

/** Each router's direct path, for the mock server (node.ts), which needs no MSW lifecycle per request. */
const directAnswers = new WeakMap<HttpHandler, DirectAnswer>();

/** The direct path of a router made by createRouter, if `handler` is one. */
export const directAnswerOf = (handler: HttpHandler | undefined): DirectAnswer | undefined =>
  handler ? directAnswers.get(handler) : undefined;

/** The one handler: `answer` gets each request that names an operation; others fall through to MSW. */
export function createRouter(spec: SpecModel, base: string | undefined, answer: Answer): HttpHandler {
  const relative = pathUnder(base);
  const any = anyOperation(spec, base);
  const direct: DirectAnswer = (request) => {
    if (!any.test(request.url.split('?')[0]!.split('#')[0]!)) return undefined;
    const resolution = resolveRoute(spec, request.method, relative(request.url));
    return resolution ? answer(resolution, request) : undefined;
  };
  const handler = http.all(any, ({ request }) => {
    const resolution = resolveRoute(spec, request.method, relative(request.url));
    return resolution ? answer(resolution, request) : undefined;
  });
  directAnswers.set(handler, direct);
  return handler;
}

// One MSW handler for every operation of a spec: it matches any operation path under the baseUrl,
// then finds the operation by method and path template and decodes the path values once. One
// handler instead of one per operation keeps building the handlers as cheap with 9 operations as
// with 1, and an unmatched request tries one pattern instead of one handler per operation.
import { type HttpHandler, http } from 'msw';
import { escapeRegExp, type ModelOperation, type SpecModel } from './specModel.js';

interface Route {
  model: ModelOperation;
  pattern: RegExp;
  names: string[];
}

/** A path template as a pattern: each `{name}` is one non-empty segment. */
const templatePattern = (path: string) => escapeRegExp(path).replace(/\\\{[^/]+?\\\}/g, '([^/]+)');

const routesBySpec = new WeakMap<SpecModel, Route[]>();
/** The routes of a spec, built once: the most literal template first (`/versions/{id}` before `/{name}`). */
function routesOf(spec: SpecModel): Route[] {
  let routes = routesBySpec.get(spec);
  if (!routes) {
    const literal = (path: string) => path.split('/').filter((s) => s && !s.startsWith('{')).length;
    routes = [...spec.operations]
      .sort((a, b) => literal(b.op.path) - literal(a.op.path))
      .map((model) => ({
        model,
        pattern: new RegExp(`^${templatePattern(model.op.path)}$`),
        names: [...model.op.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!),
      }));
    routesBySpec.set(spec, routes);
  }
  return routes;
}

/** What a request resolves to: its operation and decoded path values, a bad escape, or nothing. */
export type Resolution =
  | { model: ModelOperation; params: Record<string, string> }
  | { model: ModelOperation; badEscape: string }
  | undefined;

/** The operation a method and path (relative to the baseUrl) belong to. */
export function resolveRoute(spec: SpecModel, method: string, pathname: string): Resolution {
  for (const route of routesOf(spec)) {
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

const anyBySpec = new WeakMap<SpecModel, Map<string, RegExp>>();
/** A pattern of every operation's URL under the baseUrl (any origin without one), built once per spec and baseUrl. */
export function anyOperation(spec: SpecModel, base: string | undefined): RegExp {
  let byBase = anyBySpec.get(spec);
  if (!byBase) {
    byBase = new Map();
    anyBySpec.set(spec, byBase);
  }
  let pattern = byBase.get(base ?? '');
  if (!pattern) {
    const origin = base ? escapeRegExp(base) : 'https?://[^/]+';
    // No capture groups: MSW would decode them, and throw on a bad %-escape before routing can answer 400.
    const paths = spec.operations.map((m) => templatePattern(m.op.path).replace(/\(\[\^\/\]\+\)/g, '[^/]+'));
    pattern = new RegExp(`^${origin}(?:${paths.join('|')})$`);
    byBase.set(base ?? '', pattern);
  }
  return pattern;
}

/** The one handler: `answer` gets each request that names an operation; others fall through to MSW. */
export function createRouter(
  spec: SpecModel,
  base: string | undefined,
  answer: (resolution: NonNullable<Resolution>, request: Request) => Promise<Response> | Response,
): HttpHandler {
  const basePath = base ? new URL(base).pathname.replace(/\/+$/, '') : '';
  const any = anyOperation(spec, base);
  return http.all(any, ({ request }) => {
    const pathname = new URL(request.url).pathname.slice(basePath.length);
    const resolution = resolveRoute(spec, request.method, pathname);
    return resolution ? answer(resolution, request) : undefined;
  });
}

// The application API (v3) in the mocks: one MSW handler that answers search, scroll, push and
// suggest for the applications the management API created. An application's schema is the
// newest version's (the store's collection whose items carry an `x-acs-search-schema` field);
// what is pushed is indexed (appIndex.ts) and searched as the reference describes. Signatures are
// checked when the set verifies them (`verifySignature`): a wrong signature, an unknown AccessKey
// or a nonce used twice are refused with the service's codes.
import {
  hmacSha1Base64,
  md5Hex,
  parseV3Authorization,
  SEARCH_OPERATIONS,
  type SearchOperationMeta,
  v3StringToSign,
} from '@acs-opensearch/client/search';
import { http } from 'msw';
import type { LoggedRequest, RequestLog } from '../http/requestLog.js';
import type { Collection } from '../model/specModel.js';
import type { NonceStore } from '../signature/nonceStore.js';
import type { KeyRing } from '../signature/verifySignature.js';
import type { Item, ResourceStore } from '../store/store.js';
import { textWords } from './analyzer.js';
import { AppIndex, type Doc, type SearchSchema } from './appIndex.js';
import { parseSearch, SearchQueryError } from './parse.js';

/** Each operation of the application API's spec, with its path as a pattern (path parameters named). */
const ROUTES = SEARCH_OPERATIONS.map((op) => ({
  op,
  pattern: new RegExp(
    `^${op.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, '(?<$1>[^/]+)')}$`,
  ),
}));

/** The operation a path and method are, and its path parameters (decoded). */
function route(method: string, path: string): { op: SearchOperationMeta; params: Record<string, string> } | undefined {
  for (const { op, pattern } of ROUTES) {
    const match = pattern.exec(path);
    if (!match || op.method !== method) continue;
    const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
    return { op, params };
  }
  return undefined;
}

/** The service's answers to errors: each numeric code with its HTTP status. */
const STATUS: Record<number, number> = {
  1000: 500,
  2001: 404,
  3007: 429,
  4003: 403,
  4007: 400,
  5001: 403,
  6301: 400,
  6302: 400,
  6303: 400,
  6304: 400,
};

/** The largest push body, and the most commands a push may carry. */
interface SearchLimits {
  maxRequestBytes: number;
  maxDocumentsPerRequest: number;
}

export interface SearchHandlerOptions {
  store: ResourceStore;
  /** Where application versions and their schema live. */
  source: { collection: Collection; field: string } | undefined;
  base: string | undefined;
  verify: KeyRing | false;
  nonces: NonceStore;
  limits: SearchLimits;
  /** Answer ids and scroll ids from this seed. */
  seed: number;
  now?: () => number;
}

interface Scroll {
  app: string;
  keys: string[];
  at: number;
  hit: number;
  expires: number;
  fields: string[] | undefined;
  format: 'json' | 'fulljson' | 'xml';
}

const MAX_SKEW_MS = 15 * 60 * 1000;
/** The mocks' bounds: open scrolls (the oldest is dropped first) and documents across applications. */
const MAX_OPEN_SCROLLS = 1000;
const MAX_SEARCH_DOCUMENTS = 1_000_000;

const ttlMs = (ttl: string): number => {
  const m = /^([1-9]\d*)([smhd])$/.exec(ttl);
  if (!m) throw new SearchQueryError(6301, 'scroll is a duration such as 1m, 30s, 1h');
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's'];
};

/** The application API engine of a handler set, as tests use it: without HTTP. */
export interface MockSearchEngine {
  /** Every document pushed to an application. */
  documents(app: string): Doc[];
  /** A push, as its request body (a JSON array of `{ cmd, fields }`); throws the service's error. */
  push(app: string, table: string, body: string): void;
  /** A search's result, from its parameters (`query`, `fetch_fields`, `scroll`, …); throws the service's error. */
  search(app: string, params: URLSearchParams): Record<string, unknown>;
  /** Suggestions for what was typed. */
  suggest(app: string, query: string, hit: number): { suggestion: string }[];
}

/** The search engine of one handler set: the indexes of every application, and the open scrolls. */
export class SearchEngine implements MockSearchEngine {
  private readonly apps = new Map<string, { schemaText: string; index: AppIndex }>();
  private readonly scrolls = new Map<string, Scroll>();
  private sequence = 0;
  constructor(private readonly options: SearchHandlerOptions) {}

  reset(): void {
    this.apps.clear();
    this.scrolls.clear();
    this.sequence = 0;
  }

  /** The request id of the next answer: the seed, then a sequence (stable across runs). */
  nextRequestId(): string {
    this.sequence += 1;
    return `${String(this.options.seed).padStart(6, '0')}${String(this.sequence).padStart(18, '0')}`;
  }

  /** The application's index, made (or remade, when its schema changed) from its newest version's schema. */
  index(app: string): AppIndex {
    const schema = this.schemaOf(app);
    if (!schema) throw new SearchQueryError(2001, `the application ${app} does not exist or has no schema`);
    const text = JSON.stringify(schema);
    const current = this.apps.get(app);
    if (current && current.schemaText === text) return current.index;
    const index = new AppIndex(schema);
    // A new schema keeps the documents whose fields it still has.
    if (current)
      for (const [, doc] of current.index.documents()) if (doc[index.schema.key] !== undefined) index.add(doc);
    this.apps.set(app, { schemaText: text, index });
    return index;
  }

  private schemaOf(app: string): SearchSchema | undefined {
    const { source, store } = this.options;
    if (!source || !store.hasScope(app)) return undefined;
    let items: Item[];
    try {
      items = store.list(source.collection, app, {});
    } catch {
      return undefined;
    }
    for (let i = items.length - 1; i >= 0; i -= 1) {
      const schema = items[i]?.[source.field];
      const tables = (schema as SearchSchema | undefined)?.tables;
      if (tables && typeof tables === 'object' && Object.keys(tables).length > 0) return schema as SearchSchema;
    }
    return undefined;
  }

  /** Every document of an application (for tests and the mock server's users). */
  documents(app: string): Doc[] {
    return [...this.index(app).documents()].map(([, doc]) => ({ ...doc }));
  }

  push(app: string, table: string, body: string): void {
    const index = this.index(app);
    if (!index.schema.tables.includes(table))
      throw new SearchQueryError(2001, `the application ${app} has no table ${table}`);
    if (new TextEncoder().encode(body).length > this.options.limits.maxRequestBytes)
      throw new SearchQueryError(4007, `the request body is over ${this.options.limits.maxRequestBytes} bytes`);
    let commands: unknown;
    try {
      commands = JSON.parse(body);
    } catch {
      throw new SearchQueryError(4007, 'the body is not valid JSON');
    }
    if (!Array.isArray(commands) || commands.length === 0)
      throw new SearchQueryError(4007, 'the body must be a non-empty array of { cmd, fields }');
    if (commands.length > this.options.limits.maxDocumentsPerRequest)
      throw new SearchQueryError(4007, `a push carries at most ${this.options.limits.maxDocumentsPerRequest} commands`);
    const key = index.schema.key;
    // All or nothing: every command is checked before any is applied.
    commands.forEach((command, i) => {
      const c = command as { cmd?: unknown; fields?: unknown };
      if (!c || typeof c !== 'object' || !['add', 'update', 'delete'].includes(c.cmd as string))
        throw new SearchQueryError(4007, `command ${i}: cmd must be add, update or delete`);
      if (!c.fields || typeof c.fields !== 'object' || Array.isArray(c.fields))
        throw new SearchQueryError(4007, `command ${i}: fields must be an object`);
      const pk = (c.fields as Doc)[key];
      if (pk === undefined || pk === null || pk === '')
        throw new SearchQueryError(4007, `command ${i}: fields must hold the primary key ${key}`);
      for (const name of Object.keys(c.fields as Doc))
        if (!index.schema.fields.has(name))
          throw new SearchQueryError(4007, `command ${i}: the schema has no field ${name}`);
    });
    let held = 0;
    for (const { index: other } of this.apps.values()) held += other.size;
    if (held + commands.length > MAX_SEARCH_DOCUMENTS)
      throw new SearchQueryError(4007, `the mocks hold at most ${MAX_SEARCH_DOCUMENTS} documents across applications`);
    for (const command of commands as { cmd: string; fields: Doc }[]) {
      if (command.cmd === 'add') index.add(command.fields);
      else if (command.cmd === 'update') index.update(command.fields);
      else index.delete(command.fields[key]);
    }
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private hitOf(
    index: AppIndex,
    hit: { doc: Doc; score: number },
    fields: string[] | undefined,
    format: string,
    sortValues: string[],
  ) {
    const names = fields ?? [...index.schema.fields.keys()];
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const value = hit.doc[name];
      if (value === undefined) continue;
      out[name] = format === 'fulljson' ? value : Array.isArray(value) ? value.map(String).join('\t') : String(value);
    }
    const item: Record<string, unknown> = {
      fields: out,
      property: {},
      attribute: {},
      variableValue: {},
      sortExprValues: sortValues,
    };
    if (format === 'fulljson') {
      const attribute: Record<string, unknown> = {};
      for (const name of index.schema.attributes) if (hit.doc[name] !== undefined) attribute[name] = hit.doc[name];
      item.attribute = attribute;
    }
    return item;
  }

  search(app: string, params: URLSearchParams): Record<string, unknown> {
    const index = this.index(app);
    const scrollId = params.get('scroll_id');
    const fields = params.get('fetch_fields')?.split(';').filter(Boolean);
    if (scrollId) return this.continueScroll(app, index, scrollId, params.get('scroll'));
    const text = params.get('query');
    if (!text) throw new SearchQueryError(6301, 'the query parameter is required');
    const parsed = parseSearch(text);
    const evaluation = index.evaluate(parsed);
    const keys = parsed.sort.length > 0 ? parsed.sort : [{ field: 'RANK', desc: true }];
    const sortValues = (hit: { doc: Doc; score: number }) =>
      keys.map((k) => (k.field === 'RANK' ? hit.score.toFixed(6) : String(hit.doc[k.field] ?? '')));
    const scroll = params.get('scroll');
    const result: Record<string, unknown> = {
      searchtime: 0,
      total: evaluation.total,
      num: 0,
      viewtotal: Math.min(evaluation.total, 5000),
      items: [],
      facet: evaluation.facets,
    };
    if (scroll) {
      const id = `scroll_${this.nextRequestId()}`;
      for (const [open, state] of this.scrolls) if (state.expires < this.now()) this.scrolls.delete(open);
      while (this.scrolls.size >= MAX_OPEN_SCROLLS) this.scrolls.delete(this.scrolls.keys().next().value as string);
      this.scrolls.set(id, {
        app,
        keys: evaluation.hits.map((h) => h.key),
        at: 0,
        hit: parsed.config.hit || 10,
        expires: this.now() + ttlMs(scroll),
        fields,
        format: parsed.config.format,
      });
      result.scroll_id = id;
      // A scan answers with the scroll id only; the next calls bring the hits.
      if (params.get('search_type') !== 'scan') return { ...result, ...this.scrollPage(index, id) };
      return result;
    }
    const page = evaluation.hits.slice(parsed.config.start, parsed.config.start + parsed.config.hit);
    result.items = page.map((h) => this.hitOf(index, h, fields, parsed.config.format, sortValues(h)));
    result.num = page.length;
    return result;
  }

  private scrollPage(index: AppIndex, id: string): Record<string, unknown> {
    const scroll = this.scrolls.get(id) as Scroll;
    const keys = scroll.keys.slice(scroll.at, scroll.at + scroll.hit);
    scroll.at += keys.length;
    const items = keys.flatMap((key) => {
      const doc = index.get(key);
      return doc ? [this.hitOf(index, { doc, score: 0 }, scroll.fields, scroll.format, [])] : [];
    });
    return { items, num: items.length, total: scroll.keys.length, viewtotal: scroll.keys.length, scroll_id: id };
  }

  private continueScroll(app: string, index: AppIndex, id: string, ttl: string | null): Record<string, unknown> {
    const scroll = this.scrolls.get(id);
    if (!scroll || scroll.app !== app || scroll.expires < this.now()) {
      this.scrolls.delete(id);
      throw new SearchQueryError(6304, 'the scroll_id is unknown or has expired');
    }
    if (ttl) scroll.expires = this.now() + ttlMs(ttl);
    const page = this.scrollPage(index, id);
    if ((page.num as number) === 0) this.scrolls.delete(id);
    return { searchtime: 0, facet: [], ...page };
  }

  /** Completions of what was typed: the index words and titles that start with it, most frequent first. */
  suggest(app: string, query: string, hit: number): { suggestion: string }[] {
    const index = this.index(app);
    const prefix = query.toLowerCase();
    const counts = new Map<string, number>();
    for (const [, doc] of index.documents())
      for (const [name, type] of index.schema.fields) {
        if (type !== 'TEXT' && type !== 'SHORT_TEXT') continue;
        const value = doc[name];
        if (typeof value !== 'string') continue;
        const candidates = [value.toLowerCase(), ...textWords(value)];
        for (const c of new Set(candidates))
          if (c.startsWith(prefix) && c !== prefix) counts.set(c, (counts.get(c) ?? 0) + 1);
      }
    return [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, hit)
      .map(([suggestion]) => ({ suggestion }));
  }

  /** Checks a request's v3 signature; throws the service's code when it fails. */
  async verify(request: Request, url: URL, body: string | undefined): Promise<void> {
    const ring = this.options.verify;
    if (!ring) return;
    const auth = parseV3Authorization(request.headers.get('authorization'));
    if (!auth) throw new SearchQueryError(4003, 'the Authorization header is not OPENSEARCH <AccessKeyId>:<Signature>');
    const key = ring.get(auth.accessKeyId);
    if (!key) throw new SearchQueryError(5001, 'the AccessKey does not exist');
    const date = request.headers.get('date') ?? '';
    const signedAt = Date.parse(date);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(date) || Math.abs(this.now() - signedAt) > MAX_SKEW_MS)
      throw new SearchQueryError(4003, 'the Date header is missing, malformed or more than 15 minutes off');
    if (key.securityToken !== undefined && request.headers.get('x-opensearch-security-token') !== key.securityToken)
      throw new SearchQueryError(4003, 'the security token does not belong to this AccessKey');
    if (body !== undefined && request.headers.get('content-md5') !== md5Hex(body))
      throw new SearchQueryError(4003, 'the Content-MD5 does not match the body');
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, name) => {
      query[name] = value;
    });
    const text = v3StringToSign({ method: request.method, path: decodeURIComponent(url.pathname), query }, headers);
    const expected = await hmacSha1Base64(key.accessKeySecret, text);
    if (!timingSafeEqual(expected, auth.signature)) throw new SearchQueryError(4003, 'the signature does not match');
    const nonce = request.headers.get('x-opensearch-nonce');
    if (!nonce) throw new SearchQueryError(4003, 'the X-Opensearch-Nonce header is missing');
    if (!this.options.nonces.use(`v3:${nonce}`, signedAt, this.now()))
      throw new SearchQueryError(4003, 'the nonce was used before: a replayed request');
  }
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The record of an application API request in the set's request log (`controller.requests`). */
function logEntry(
  request: Request,
  operationId: string,
  params: Record<string, unknown>,
  body: unknown,
): LoggedRequest {
  return {
    operationId,
    method: request.method,
    url: request.url,
    params,
    headers: Object.fromEntries(request.headers),
    body,
    accessKeyId: parseV3Authorization(request.headers.get('authorization'))?.accessKeyId,
    securityToken: request.headers.get('x-opensearch-security-token') !== null,
    status: undefined,
    code: undefined,
    overridden: false,
  };
}

const parsedBody = (text: string | undefined): unknown => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/** The MSW handler of the application API, for one handler set. */
export function createSearchHandler(engine: SearchEngine, base: string | undefined, log: RequestLog) {
  return http.all(/\/v3\/openapi\/apps\//, async ({ request }) => {
    const url = new URL(request.url);
    if (base !== undefined && !`${url.origin}${url.pathname}`.startsWith(base)) return undefined;
    const path = base === undefined ? url.pathname : `${url.origin}${url.pathname}`.slice(base.length) || url.pathname;
    const routed = route(request.method, path);
    const other = routed ? undefined : ['GET', 'POST'].map((m) => route(m, path)).find(Boolean);
    if (!routed && !other) return undefined;
    const { op, params } = (routed ?? other) as NonNullable<typeof routed>;
    const requestId = engine.nextRequestId();
    const body = op.body ? await request.text() : undefined;
    const entry = log.push(
      logEntry(request, op.operationId, { ...params, ...Object.fromEntries(url.searchParams) }, parsedBody(body)),
    );
    const answer = (value: unknown, status = 200, code?: number) => {
      if (entry) {
        entry.status = status;
        entry.code = code === undefined ? undefined : String(code);
      }
      return json(value, status);
    };
    try {
      if (!routed) throw new SearchQueryError(4007, `${op.path} is a ${op.method}`);
      await engine.verify(request, url, body);
      const app = params.app_name as string;
      if (op.body) {
        engine.push(app, params.table_name as string, body as string);
        return answer({ status: 'OK', request_id: requestId, result: true, errors: [] });
      }
      if (params.suggest_name !== undefined) {
        const query = url.searchParams.get('query');
        if (!query) throw new SearchQueryError(6301, 'the query parameter is required');
        const hitText = url.searchParams.get('hit') ?? '10';
        if (!/^\d+$/.test(hitText) || Number(hitText) < 1 || Number(hitText) > 100)
          throw new SearchQueryError(6301, 'hit must be a whole number from 1 to 100');
        const suggestions = engine.suggest(app, query, Number(hitText));
        return answer({ request_id: requestId, searchtime: 0, suggestions, errors: [] });
      }
      const result = engine.search(app, url.searchParams);
      return answer({ status: 'OK', request_id: requestId, result, errors: [], tracer: '' });
    } catch (error) {
      if (!(error instanceof SearchQueryError)) throw error;
      return answer(
        { status: 'FAIL', request_id: requestId, errors: [{ code: error.code, message: error.message }] },
        STATUS[error.code] ?? 400,
        error.code,
      );
    }
  });
}

// The `query` parameter of a search, parsed as the reference describes its clauses:
//   config=start:0,hit:10,format:fulljson && query=title:'cloud' AND (type:'1' OR type:'2')
//   && filter=price>100 AND in(tag, "a|b") && sort=-price;+RANK
//   && aggregate=group_key:type,agg_fun:count()#sum(price) && distinct=dist_key:shop,dist_count:1
//   && kvpairs=k:v
// Query operators bind tightest first: ANDNOT, AND, OR, RANK; parentheses group. A word is quoted
// ('…', with \' and \\ escaped), a phrase double-quoted, a range [low,high] / (low,high). A syntax
// error is a SearchQueryError with the code the engine answers (6301).

export class SearchQueryError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'SearchQueryError';
  }
}

const SYNTAX = 6301;
export const UNKNOWN_INDEX = 6302;
export const NOT_ATTRIBUTE = 6303;

export type QueryAst =
  | { kind: 'term'; index: string; text: string }
  | { kind: 'phrase'; index: string; text: string }
  | { kind: 'range'; index: string; low?: number; high?: number; lowIn: boolean; highIn: boolean }
  | { kind: 'and' | 'or' | 'andnot' | 'rank'; left: QueryAst; right: QueryAst };

export type FilterAst =
  | { kind: 'cmp'; op: '=' | '!=' | '>' | '>=' | '<' | '<='; left: FilterOperand; right: FilterOperand }
  | { kind: 'in' | 'notin'; field: string; values: string[] }
  | { kind: 'and' | 'or'; left: FilterAst; right: FilterAst };

export type FilterOperand =
  | { kind: 'field'; name: string }
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string };

interface SortKeyAst {
  field: string; // a field name, or RANK
  desc: boolean;
}

export interface AggregateAst {
  groupKey: string;
  functions: { name: 'count' | 'sum' | 'max' | 'min'; field?: string }[];
  range?: number[];
  filter?: FilterAst;
  maxGroup: number;
}

interface DistinctAst {
  key: string;
  times: number;
  count: number;
  reserved: boolean;
}

export interface ParsedSearch {
  query: QueryAst;
  filter?: FilterAst;
  sort: SortKeyAst[];
  config: { start: number; hit: number; format: 'json' | 'fulljson' | 'xml' };
  aggregates: AggregateAst[];
  distinct?: DistinctAst;
  kvpairs: Record<string, string>;
}

const fail = (message: string): never => {
  throw new SearchQueryError(SYNTAX, message);
};

/** Splits the parameter into clauses at `&&` outside quotes. */
function splitClauses(text: string): [string, string][] {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quote) {
      current += c;
      if (c === '\\' && i + 1 < text.length) {
        current += text[i + 1];
        i += 1;
      } else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    if (c === '&' && text[i + 1] === '&') {
      parts.push(current);
      current = '';
      i += 1;
      continue;
    }
    current += c;
  }
  if (quote) fail('a quoted word is not closed');
  parts.push(current);
  return parts.map((part) => {
    const at = part.indexOf('=');
    if (at <= 0) fail(`not a clause: ${JSON.stringify(part.slice(0, 40))} (clauses are name=value, joined by &&)`);
    return [part.slice(0, at).trim(), part.slice(at + 1)];
  });
}

/** A small tokenizer shared by the query and filter grammars. */
class Cursor {
  at = 0;
  constructor(readonly text: string) {}
  skip(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] as string)) this.at += 1;
  }
  peek(): string {
    this.skip();
    return this.text[this.at] ?? '';
  }
  done(): boolean {
    this.skip();
    return this.at >= this.text.length;
  }
  word(): string {
    this.skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.at));
    return m ? m[0] : '';
  }
  take(s: string): boolean {
    this.skip();
    if (this.text.startsWith(s, this.at)) {
      this.at += s.length;
      return true;
    }
    return false;
  }
  /** An operator keyword followed by a space or a parenthesis. */
  keyword(k: string): boolean {
    this.skip();
    const rest = this.text.slice(this.at);
    if (rest.startsWith(k) && /^[\s(]/.test(rest.slice(k.length))) {
      this.at += k.length;
      return true;
    }
    return false;
  }
  quoted(q: string): string {
    if (!this.take(q)) fail(`expected ${q} at ${this.at}`);
    let out = '';
    while (this.at < this.text.length) {
      const c = this.text[this.at] as string;
      this.at += 1;
      if (c === '\\') {
        out += this.text[this.at] ?? '';
        this.at += 1;
      } else if (c === q) return out;
      else out += c;
    }
    return fail('a quoted word is not closed');
  }
  number(): number | undefined {
    this.skip();
    const m = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.at));
    if (!m) return undefined;
    this.at += m[0].length;
    return Number(m[0]);
  }
}

/** The query clause. */
function parseQuery(text: string): QueryAst {
  const c = new Cursor(text);
  const ast = rankExpr(c);
  if (!c.done()) fail(`unexpected ${JSON.stringify(c.text.slice(c.at, c.at + 20))} in the query clause`);
  return ast;
}

function binary(c: Cursor, next: (c: Cursor) => QueryAst, ops: [string, 'and' | 'or' | 'andnot' | 'rank'][]): QueryAst {
  let left = next(c);
  for (;;) {
    const op = ops.find(([k]) => c.keyword(k));
    if (!op) return left;
    left = { kind: op[1], left, right: next(c) };
  }
}

const rankExpr = (c: Cursor): QueryAst => binary(c, orExpr, [['RANK', 'rank']]);
const orExpr = (c: Cursor): QueryAst => binary(c, andExpr, [['OR', 'or']]);
const andExpr = (c: Cursor): QueryAst => binary(c, andNotExpr, [['AND', 'and']]);
const andNotExpr = (c: Cursor): QueryAst => binary(c, primary, [['ANDNOT', 'andnot']]);

function primary(c: Cursor): QueryAst {
  if (c.take('(')) {
    const inner = rankExpr(c);
    if (!c.take(')')) fail('a parenthesis is not closed');
    return inner;
  }
  let index = 'default';
  const name = c.word();
  if (name) {
    const save = c.at;
    c.at += name.length + (c.text.slice(c.at).length - c.text.slice(c.at).trimStart().length);
    if (!c.take(':')) {
      c.at = save;
      fail(`a query term is index:'word' (got ${JSON.stringify(name)})`);
    }
    index = name;
  }
  const next = c.peek();
  if (next === "'") return { kind: 'term', index, text: c.quoted("'") };
  if (next === '"') return { kind: 'phrase', index, text: c.quoted('"') };
  if (next === '[' || next === '(') {
    const lowIn = c.take('[') || (c.take('(') && false);
    const low = c.number();
    if (!c.take(',')) fail('a range is [low,high]');
    const high = c.number();
    const highIn = c.take(']');
    if (!highIn && !c.take(')')) fail('a range ends with ] or )');
    return {
      kind: 'range',
      index,
      lowIn,
      highIn,
      ...(low === undefined ? {} : { low }),
      ...(high === undefined ? {} : { high }),
    };
  }
  return fail(`a query word must be quoted: ${index}:'word'`);
}

/** The filter clause. */
function parseFilter(text: string): FilterAst {
  const c = new Cursor(text);
  const ast = filterOr(c);
  if (!c.done()) fail(`unexpected ${JSON.stringify(c.text.slice(c.at, c.at + 20))} in the filter clause`);
  return ast;
}

function filterOr(c: Cursor): FilterAst {
  let left = filterAnd(c);
  while (c.keyword('OR')) left = { kind: 'or', left, right: filterAnd(c) };
  return left;
}

function filterAnd(c: Cursor): FilterAst {
  let left = filterPrimary(c);
  while (c.keyword('AND')) left = { kind: 'and', left, right: filterPrimary(c) };
  return left;
}

function operand(c: Cursor): FilterOperand {
  const n = c.number();
  if (n !== undefined) return { kind: 'number', value: n };
  if (c.peek() === '"') return { kind: 'string', value: c.quoted('"') };
  const name = c.word();
  if (!name) fail(`expected a field, a number or a "string" at ${c.at}`);
  c.take(name);
  return { kind: 'field', name };
}

function filterPrimary(c: Cursor): FilterAst {
  if (c.take('(')) {
    const inner = filterOr(c);
    if (!c.take(')')) fail('a parenthesis is not closed');
    return inner;
  }
  const fn = c.word();
  if (
    (fn === 'in' || fn === 'notin') &&
    c.text
      .slice(c.at + fn.length)
      .trimStart()
      .startsWith('(')
  ) {
    c.take(fn);
    c.take('(');
    const field = c.word();
    if (!field) fail(`${fn}() takes a field first`);
    c.take(field);
    if (!c.take(',')) fail(`${fn}(field, "a|b")`);
    const list = c.quoted('"');
    if (!c.take(')')) fail(`${fn}() is not closed`);
    return { kind: fn, field, values: list.split('|') };
  }
  const left = operand(c);
  const op = ['>=', '<=', '!=', '=', '>', '<'].find((o) => c.take(o)) as
    | '='
    | '!='
    | '>'
    | '>='
    | '<'
    | '<='
    | undefined;
  if (!op) return fail(`a filter is field op value (=, !=, >, >=, <, <=) at ${c.at}`);
  return { kind: 'cmp', op, left, right: operand(c) };
}

const int = (value: string, what: string, min: number, max: number): number => {
  if (!/^\d+$/.test(value)) fail(`${what} must be a whole number`);
  const n = Number(value);
  if (n < min || n > max) fail(`${what} must be from ${min} to ${max}`);
  return n;
};

/** `key:value,key:value` pairs of config, aggregate and distinct (agg_filter may hold commas in parentheses). */
function pairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  const push = (end: number) => {
    const part = text.slice(start, end);
    const at = part.indexOf(':');
    if (at <= 0) fail(`not a key:value pair: ${JSON.stringify(part)}`);
    out.push([part.slice(0, at).trim(), part.slice(at + 1).trim()]);
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '"') quote = !quote;
    else if (!quote && ch === '(') depth += 1;
    else if (!quote && ch === ')') depth -= 1;
    else if (!quote && depth === 0 && ch === ',') {
      push(i);
      start = i + 1;
    }
  }
  push(text.length);
  return out;
}

function parseConfig(text: string): ParsedSearch['config'] {
  const config: ParsedSearch['config'] = { start: 0, hit: 10, format: 'json' };
  for (const [key, value] of pairs(text)) {
    if (key === 'start') config.start = int(value, 'config start', 0, 5000);
    else if (key === 'hit') config.hit = int(value, 'config hit', 0, 500);
    else if (key === 'format') {
      if (value !== 'json' && value !== 'fulljson' && value !== 'xml') fail('config format is json, fulljson or xml');
      config.format = value as 'json' | 'fulljson' | 'xml';
    } else if (key === 'rerank_size') int(value, 'config rerank_size', 0, 2000);
    else fail(`unknown config key ${JSON.stringify(key)}`);
  }
  if (config.start + config.hit > 5000) fail('config start + hit may not pass 5000');
  return config;
}

function parseSort(text: string): SortKeyAst[] {
  return text.split(';').map((part) => {
    const m = /^\s*([+-]?)\s*([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(part);
    if (!m) fail(`not a sort key: ${JSON.stringify(part)} (+field or -field, separated by ;)`);
    return { field: (m as RegExpExecArray)[2] as string, desc: (m as RegExpExecArray)[1] !== '+' };
  });
}

function parseAggregate(text: string): AggregateAst[] {
  return text.split(';').map((one) => {
    const agg: Partial<AggregateAst> = { maxGroup: 1000 };
    for (const [key, value] of pairs(one)) {
      if (key === 'group_key') agg.groupKey = value;
      else if (key === 'agg_fun')
        agg.functions = value.split('#').map((fn) => {
          const m = /^(count|sum|max|min)\(([A-Za-z_][A-Za-z0-9_]*)?\)$/.exec(fn.trim());
          if (!m) fail(`not an aggregate function: ${JSON.stringify(fn)} (count(), sum(f), max(f), min(f))`);
          const [, name, field] = m as RegExpExecArray;
          if (name !== 'count' && !field) fail(`${name}() needs a field`);
          return { name: name as 'count', ...(field ? { field } : {}) };
        });
      else if (key === 'range')
        agg.range = value.split('~').map((v) => {
          const n = Number(v);
          if (v.trim() === '' || !Number.isFinite(n)) fail('aggregate range is numbers separated by ~');
          return n;
        });
      else if (key === 'agg_filter') agg.filter = parseFilter(value);
      else if (key === 'max_group') agg.maxGroup = int(value, 'aggregate max_group', 1, 1000);
      else if (key === 'agg_sampler_threshold' || key === 'agg_sampler_step') int(value, key, 0, 2 ** 31);
      else fail(`unknown aggregate key ${JSON.stringify(key)}`);
    }
    if (!agg.groupKey) fail('an aggregate needs group_key');
    if (!agg.functions) fail('an aggregate needs agg_fun');
    return agg as AggregateAst;
  });
}

function parseDistinct(text: string): DistinctAst {
  const d: Partial<DistinctAst> = { times: 1, count: 1, reserved: true };
  for (const [key, value] of pairs(text)) {
    if (key === 'dist_key') d.key = value;
    else if (key === 'dist_times') d.times = int(value, 'distinct dist_times', 1, 1000);
    else if (key === 'dist_count') d.count = int(value, 'distinct dist_count', 1, 1000);
    else if (key === 'reserved') {
      if (value !== 'true' && value !== 'false') fail('distinct reserved is true or false');
      d.reserved = value === 'true';
    } else if (key === 'update_total_hit' || key === 'dist_filter' || key === 'grade') continue;
    else fail(`unknown distinct key ${JSON.stringify(key)}`);
  }
  if (!d.key) fail('distinct needs dist_key');
  return d as DistinctAst;
}

/** The whole `query` parameter. */
export function parseSearch(text: string): ParsedSearch {
  const parsed: Partial<ParsedSearch> = {
    sort: [],
    config: { start: 0, hit: 10, format: 'json' },
    aggregates: [],
    kvpairs: {},
  };
  const seen = new Set<string>();
  for (const [name, value] of splitClauses(text)) {
    if (seen.has(name)) fail(`the ${name} clause is given twice`);
    seen.add(name);
    if (name === 'query') parsed.query = parseQuery(value);
    else if (name === 'filter') parsed.filter = parseFilter(value);
    else if (name === 'sort') parsed.sort = parseSort(value);
    else if (name === 'config') parsed.config = parseConfig(value);
    else if (name === 'aggregate') parsed.aggregates = parseAggregate(value);
    else if (name === 'distinct') parsed.distinct = parseDistinct(value);
    else if (name === 'kvpairs')
      parsed.kvpairs = Object.fromEntries(
        value
          .split(',')
          .filter(Boolean)
          .map((p) => {
            const at = p.indexOf(':');
            if (at <= 0) fail('kvpairs is key:value pairs, separated by ,');
            return [p.slice(0, at), p.slice(at + 1)];
          }),
      );
    else fail(`unknown clause ${JSON.stringify(name)}`);
  }
  if (!parsed.query) fail('the query clause is required');
  return parsed as ParsedSearch;
}

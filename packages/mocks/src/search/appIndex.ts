// One application's documents and their index, read from its schema ("OpenSearch:Schema"): the
// primary table's fields, the index fields (searchFields, each over fields with an analyzer) and the
// attribute fields (filterFields). Words are found with MiniSearch (one field per index); filter,
// sort, aggregate and distinct read the attribute values. The same documents and query always give
// the same answer: ties are broken by the primary key.
import MiniSearch from 'minisearch';
import { type Analyzer, analyzerFor } from './analyzer.js';
import {
  type AggregateAst,
  type FilterAst,
  type FilterOperand,
  NOT_ATTRIBUTE,
  type ParsedSearch,
  type QueryAst,
  SearchQueryError,
  UNKNOWN_INDEX,
} from './parse.js';

export type Doc = Record<string, unknown>;

/** The parts of an application schema the engine reads. */
export interface SearchSchema {
  tables?: Record<
    string,
    {
      name?: string;
      primaryTable?: boolean;
      fields?: Record<string, { name?: string; type?: string; primaryKey?: boolean }>;
    }
  >;
  indexes?: { searchFields?: Record<string, { fields?: string[]; analyzer?: string }>; filterFields?: string[] };
}

export interface IndexField {
  name: string;
  fields: string[];
  analyze: Analyzer;
  numeric: boolean;
}

const NUMERIC = /^(INT|FLOAT|DOUBLE|TIMESTAMP)(_ARRAY)?$/;
const ID = '\u0000pk';

/** What the engine answers for one search, before paging. */
export interface Evaluation {
  /** The matching documents, in order, with their relevance. */
  hits: { key: string; doc: Doc; score: number }[];
  total: number;
  facets: { key: string; items: Record<string, unknown>[] }[];
}

/** The schema read once: tables, the primary key, the index fields, the attribute fields. */
function readSchema(schema: SearchSchema) {
  const tables = Object.entries(schema.tables ?? {});
  const primary = tables.find(([, t]) => t.primaryTable) ?? tables[0];
  if (!primary) throw new SearchQueryError(4007, 'the application schema has no table');
  const fields = new Map<string, string>();
  let key: string | undefined;
  for (const [, table] of tables)
    for (const [name, field] of Object.entries(table.fields ?? {})) {
      fields.set(name, field.type ?? 'LITERAL');
      if (field.primaryKey && table === primary[1]) key = name;
    }
  if (!key) throw new SearchQueryError(4007, `the primary table ${primary[0]} has no primary key`);
  const indexes = new Map<string, IndexField>();
  for (const [name, index] of Object.entries(schema.indexes?.searchFields ?? {})) {
    const over = index.fields ?? [];
    const types = over.map((f) => fields.get(f) ?? 'LITERAL');
    indexes.set(name, {
      name,
      fields: over,
      analyze: analyzerFor(types, index.analyzer),
      numeric: types.length > 0 && types.every((t) => NUMERIC.test(t)),
    });
  }
  const attributes = new Set(schema.indexes?.filterFields ?? []);
  return { tables: tables.map(([name]) => name), primaryTable: primary[0], key, fields, indexes, attributes };
}

export type ReadSchema = ReturnType<typeof readSchema>;

const num = (value: unknown): number | undefined => {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
};

const valuesOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];

/** An attribute value as the engine compares it: numbers for numeric fields, strings otherwise. */
function attributeValues(schema: ReadSchema, doc: Doc, field: string): (number | string)[] {
  const numeric = NUMERIC.test(schema.fields.get(field) ?? '');
  return valuesOf(doc[field]).flatMap((v): (number | string)[] => {
    if (numeric) {
      const n = num(v);
      return n === undefined ? [] : [n];
    }
    return [String(v)];
  });
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether a document passes a filter. */
function passes(schema: ReadSchema, doc: Doc, filter: FilterAst): boolean {
  switch (filter.kind) {
    case 'and':
      return passes(schema, doc, filter.left) && passes(schema, doc, filter.right);
    case 'or':
      return passes(schema, doc, filter.left) || passes(schema, doc, filter.right);
    case 'in':
    case 'notin': {
      const numeric = NUMERIC.test(schema.fields.get(filter.field) ?? '');
      const wanted = new Set(filter.values.map((v) => (numeric ? String(num(v)) : v)));
      const found = attributeValues(schema, doc, filter.field).some((v) => wanted.has(String(v)));
      return filter.kind === 'in' ? found : !found;
    }
    case 'cmp': {
      const left = operandValues(schema, doc, filter.left);
      const right = operandValues(schema, doc, filter.right);
      const test = (a: number | string, b: number | string) => {
        const c = typeof a === typeof b ? compare(a, b) : compare(String(a), String(b));
        switch (filter.op) {
          case '=':
            return c === 0;
          case '!=':
            return c !== 0;
          case '>':
            return c > 0;
          case '>=':
            return c >= 0;
          case '<':
            return c < 0;
          default:
            return c <= 0;
        }
      };
      if (filter.op === '!=') return left.length > 0 && left.every((a) => right.every((b) => test(a, b)));
      return left.some((a) => right.some((b) => test(a, b)));
    }
  }
}

function operandValues(schema: ReadSchema, doc: Doc, operand: FilterOperand): (number | string)[] {
  if (operand.kind === 'field') return attributeValues(schema, doc, operand.name);
  return [operand.value];
}

/** Every field a filter reads must be an attribute (6303 otherwise). */
function checkFilter(schema: ReadSchema, filter: FilterAst, where: string): void {
  const need = (field: string) => {
    if (!schema.attributes.has(field))
      throw new SearchQueryError(NOT_ATTRIBUTE, `${where}: ${field} is not an attribute field of the application`);
  };
  if (filter.kind === 'and' || filter.kind === 'or') {
    checkFilter(schema, filter.left, where);
    checkFilter(schema, filter.right, where);
  } else if (filter.kind === 'in' || filter.kind === 'notin') need(filter.field);
  else if (filter.kind === 'cmp')
    for (const side of [filter.left, filter.right]) if (side.kind === 'field') need(side.name);
}

/** The documents of one application and the MiniSearch index over its index fields. */
export class AppIndex {
  readonly schema: ReadSchema;
  private readonly docs = new Map<string, Doc>();
  private readonly search: MiniSearch<Doc>;

  constructor(schema: SearchSchema) {
    this.schema = readSchema(schema);
    const indexes = this.schema.indexes;
    this.search = new MiniSearch<Doc>({
      idField: ID,
      fields: [...indexes.keys()],
      storeFields: [],
      // Each index field holds its words already analyzed, joined by a separator no word has.
      tokenize: (text) => (text === '' ? [] : text.split('\u0001')),
      processTerm: (term) => term,
    });
  }

  get size(): number {
    return this.docs.size;
  }

  /** The words of each index field of a document, as MiniSearch stores them. */
  private entry(key: string, doc: Doc): Doc {
    const entry: Doc = { [ID]: key };
    for (const index of this.schema.indexes.values())
      entry[index.name] = index.fields.flatMap((f) => index.analyze(doc[f])).join('\u0001');
    return entry;
  }

  /** add: replaces the document of that key. */
  add(doc: Doc): void {
    const key = String(doc[this.schema.key]);
    if (this.docs.has(key)) this.search.discard(key);
    this.docs.set(key, { ...doc });
    this.search.add(this.entry(key, doc));
  }

  /** update: changes the fields given (a missing document is added). */
  update(doc: Doc): void {
    const key = String(doc[this.schema.key]);
    const current = this.docs.get(key);
    this.add(current ? { ...current, ...doc } : doc);
  }

  delete(key: unknown): void {
    const k = String(key);
    if (!this.docs.has(k)) return;
    this.docs.delete(k);
    this.search.discard(k);
  }

  get(key: string): Doc | undefined {
    return this.docs.get(key);
  }

  documents(): IterableIterator<[string, Doc]> {
    return this.docs.entries();
  }

  /** Throws 6302 / 6303 for an index or a field the schema does not have. */
  check(parsed: ParsedSearch): void {
    const visit = (q: QueryAst) => {
      if (q.kind === 'term' || q.kind === 'phrase' || q.kind === 'range') {
        if (!this.schema.indexes.has(q.index))
          throw new SearchQueryError(
            UNKNOWN_INDEX,
            `the query names the index ${q.index}, which the application does not have`,
          );
      } else {
        visit(q.left);
        visit(q.right);
      }
    };
    visit(parsed.query);
    if (parsed.filter) checkFilter(this.schema, parsed.filter, 'filter');
    const attribute = (field: string, where: string) => {
      if (!this.schema.attributes.has(field))
        throw new SearchQueryError(NOT_ATTRIBUTE, `${where}: ${field} is not an attribute field of the application`);
    };
    for (const key of parsed.sort) if (key.field !== 'RANK') attribute(key.field, 'sort');
    for (const agg of parsed.aggregates) {
      attribute(agg.groupKey, 'aggregate group_key');
      for (const fn of agg.functions) if (fn.field) attribute(fn.field, `aggregate ${fn.name}()`);
      if (agg.filter) checkFilter(this.schema, agg.filter, 'aggregate agg_filter');
    }
    if (parsed.distinct) attribute(parsed.distinct.key, 'distinct dist_key');
  }

  /** The documents a query clause matches, with their relevance. */
  private match(q: QueryAst): Map<string, number> {
    switch (q.kind) {
      case 'and':
      case 'andnot':
      case 'or':
      case 'rank': {
        const left = this.match(q.left);
        const right = this.match(q.right);
        const out = new Map<string, number>();
        if (q.kind === 'and') {
          for (const [k, s] of left) if (right.has(k)) out.set(k, s + (right.get(k) as number));
        } else if (q.kind === 'andnot') {
          for (const [k, s] of left) if (!right.has(k)) out.set(k, s);
        } else if (q.kind === 'or') {
          for (const [k, s] of left) out.set(k, s + (right.get(k) ?? 0));
          for (const [k, s] of right) if (!left.has(k)) out.set(k, s);
        } else {
          for (const [k, s] of left) out.set(k, s + (right.get(k) ?? 0));
        }
        return out;
      }
      case 'range': {
        const index = this.schema.indexes.get(q.index) as IndexField;
        const out = new Map<string, number>();
        for (const [key, doc] of this.docs) {
          const inRange = index.fields.some((f) =>
            valuesOf(doc[f]).some((v) => {
              const n = num(v);
              if (n === undefined) return false;
              if (q.low !== undefined && (q.lowIn ? n < q.low : n <= q.low)) return false;
              if (q.high !== undefined && (q.highIn ? n > q.high : n >= q.high)) return false;
              return true;
            }),
          );
          if (inRange) out.set(key, 0);
        }
        return out;
      }
      default: {
        const index = this.schema.indexes.get(q.index) as IndexField;
        const words = index.analyze(q.text);
        const out = new Map<string, number>();
        if (words.length === 0) return out;
        const results = this.search.search(
          { queries: words, combineWith: 'AND' },
          { fields: [q.index], prefix: false, fuzzy: false, tokenize: (t) => [t], processTerm: (t) => t },
        );
        for (const r of results) {
          const key = String(r.id);
          if (q.kind === 'phrase' && !this.phraseIn(key, index, words)) continue;
          out.set(key, r.score);
        }
        return out;
      }
    }
  }

  private phraseIn(key: string, index: IndexField, words: string[]): boolean {
    const doc = this.docs.get(key) as Doc;
    return index.fields.some((f) => containsRun(index.analyze(doc[f]), words));
  }

  /** Matches, filters, sorts, aggregates and distincts: everything but the page. */
  evaluate(parsed: ParsedSearch): Evaluation {
    this.check(parsed);
    const matched = this.match(parsed.query);
    let hits = [...matched].map(([key, score]) => ({ key, doc: this.docs.get(key) as Doc, score }));
    if (parsed.filter) {
      const filter = parsed.filter;
      hits = hits.filter((h) => passes(this.schema, h.doc, filter));
    }
    hits = sortHits(this.schema, parsed, hits);
    const facets = parsed.aggregates.map((agg) => aggregate(this.schema, hits, agg));
    let total = hits.length;
    if (parsed.distinct) {
      const { kept, moved } = distinct(this.schema, hits, parsed.distinct);
      hits = parsed.distinct.reserved ? [...kept, ...moved] : kept;
      total = hits.length;
    }
    return { hits, total, facets };
  }
}

/** Whether `words` occur one after another in `sequence`. */
function containsRun(sequence: string[], words: string[]): boolean {
  outer: for (let i = 0; i + words.length <= sequence.length; i += 1) {
    for (let j = 0; j < words.length; j += 1) if (sequence[i + j] !== words[j]) continue outer;
    return true;
  }
  return false;
}

/** The hits in order, each one's sort values read once (decorate, sort, undecorate). */
function sortHits<T extends { key: string; doc: Doc; score: number }>(
  schema: ReadSchema,
  parsed: ParsedSearch,
  hits: T[],
): T[] {
  const keys = parsed.sort.length > 0 ? parsed.sort : [{ field: 'RANK', desc: true }];
  const decorated = hits.map((hit) => ({
    hit,
    values: keys.map((k) => (k.field === 'RANK' ? hit.score : attributeValues(schema, hit.doc, k.field)[0])),
  }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i += 1) {
      const x = a.values[i];
      const y = b.values[i];
      if (x === undefined || y === undefined) {
        if (x === y) continue;
        return x === undefined ? 1 : -1;
      }
      const c = compare(x, y);
      if (c !== 0) return (keys[i] as { desc: boolean }).desc ? -c : c;
    }
    return compare(a.hit.key, b.hit.key);
  });
  return decorated.map((d) => d.hit);
}

/** One aggregate over the hits: groups by value (or by range), largest first. */
function aggregate(schema: ReadSchema, hits: { doc: Doc }[], agg: AggregateAst) {
  const groups = new Map<
    string,
    { value: string; count: number; sums: Map<string, number>; maxs: Map<string, number>; mins: Map<string, number> }
  >();
  const bucketOf = (v: number | string): string => {
    if (!agg.range || typeof v !== 'number') return String(v);
    const edges = agg.range;
    for (let i = 0; i < edges.length; i += 1)
      if (v < (edges[i] as number)) return i === 0 ? `~${edges[0]}` : `${edges[i - 1]}~${edges[i]}`;
    return `${edges[edges.length - 1]}~`;
  };
  for (const { doc } of hits) {
    if (agg.filter && !passes(schema, doc, agg.filter)) continue;
    for (const value of new Set(attributeValues(schema, doc, agg.groupKey).map(bucketOf))) {
      let g = groups.get(value);
      if (!g) {
        g = { value, count: 0, sums: new Map(), maxs: new Map(), mins: new Map() };
        groups.set(value, g);
      }
      g.count += 1;
      for (const field of new Set(agg.functions.flatMap((fn) => (fn.field ? [fn.field] : [])))) {
        for (const v of attributeValues(schema, doc, field)) {
          if (typeof v !== 'number') continue;
          g.sums.set(field, (g.sums.get(field) ?? 0) + v);
          g.maxs.set(field, Math.max(g.maxs.get(field) ?? Number.NEGATIVE_INFINITY, v));
          g.mins.set(field, Math.min(g.mins.get(field) ?? Number.POSITIVE_INFINITY, v));
        }
      }
    }
  }
  const items = [...groups.values()]
    .sort((a, b) => b.count - a.count || compare(a.value, b.value))
    .slice(0, agg.maxGroup)
    .map((g) => {
      const item: Record<string, unknown> = { value: g.value };
      for (const fn of agg.functions) {
        if (fn.name === 'count') item.count = g.count;
        else if (fn.field) {
          const map = fn.name === 'sum' ? g.sums : fn.name === 'max' ? g.maxs : g.mins;
          const v = map.get(fn.field);
          if (v !== undefined) item[fn.name] = v;
        }
      }
      return item;
    });
  return { key: agg.groupKey, items };
}

/** distinct: at most dist_count × dist_times hits per key, in order; the rest kept apart. */
function distinct<T extends { doc: Doc }>(
  schema: ReadSchema,
  hits: T[],
  d: { key: string; count: number; times: number },
) {
  const counts = new Map<string, number>();
  const kept: T[] = [];
  const moved: T[] = [];
  for (const hit of hits) {
    const value = String(attributeValues(schema, hit.doc, d.key)[0] ?? '');
    const n = counts.get(value) ?? 0;
    if (n < d.count * d.times) {
      kept.push(hit);
      counts.set(value, n + 1);
    } else moved.push(hit);
  }
  return { kept, moved };
}

// A brute-force evaluator of search clauses, the oracle of the engine's property test. It reads the
// typed clauses (the client's SearchClauses), never the query text, and looks at every document:
// no parser, no index, no MiniSearch. Words come from the same analyzer the engine documents.
import type { AggregateClause, FilterNode, QueryNode, SearchClauses } from '@acs-opensearch/client/search';
import { analyzerFor } from '../src/search/analyzer.js';
import { catalogueSchema } from './searchApp.js';

type Doc = Record<string, unknown>;
const fields = catalogueSchema.tables.main.fields as Record<string, { type: string }>;
const numeric = (field: string) => /^(INT|FLOAT|DOUBLE|TIMESTAMP)/.test(fields[field]?.type ?? '');

function values(doc: Doc, field: string): (number | string)[] {
  const raw = doc[field];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((v) => (numeric(field) ? Number(v) : String(v)));
}

function indexOf(name: string) {
  const index = (catalogueSchema.indexes.searchFields as Record<string, { fields: string[]; analyzer?: string }>)[name];
  if (!index) throw new Error(`no index ${name}`);
  return {
    fields: index.fields,
    analyze: analyzerFor(
      index.fields.map((f) => fields[f]?.type ?? 'LITERAL'),
      index.analyzer,
    ),
  };
}

function matches(doc: Doc, q: QueryNode): boolean {
  if (typeof q === 'string') throw new Error('the oracle reads typed clauses only');
  if ('and' in q) return q.and.every((n) => matches(doc, n));
  if ('or' in q) return q.or.some((n) => matches(doc, n));
  if ('andNot' in q) return matches(doc, q.andNot[0]) && !matches(doc, q.andNot[1]);
  if ('rank' in q) return matches(doc, q.rank[0]);
  const index = indexOf(q.index);
  if ('range' in q) {
    const r = q.range;
    return index.fields.some((f) =>
      values(doc, f).some((v) => {
        const n = Number(v);
        return (
          (r.gt === undefined || n > r.gt) &&
          (r.gte === undefined || n >= r.gte) &&
          (r.lt === undefined || n < r.lt) &&
          (r.lte === undefined || n <= r.lte)
        );
      }),
    );
  }
  const words = index.analyze('term' in q ? q.term : q.phrase);
  if (words.length === 0) return false;
  if ('term' in q) {
    const have = new Set(index.fields.flatMap((f) => index.analyze(doc[f])));
    return words.every((w) => have.has(w));
  }
  return index.fields.some((f) => {
    const seq = index.analyze(doc[f]);
    for (let i = 0; i + words.length <= seq.length; i += 1) if (words.every((w, j) => seq[i + j] === w)) return true;
    return false;
  });
}

const cmp = (a: number | string, b: number | string) =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;

function passes(doc: Doc, f: FilterNode): boolean {
  if (typeof f === 'string') throw new Error('the oracle reads typed clauses only');
  if ('and' in f) return f.and.every((n) => passes(doc, n));
  if ('or' in f) return f.or.some((n) => passes(doc, n));
  if ('in' in f || 'notin' in f) {
    const field = 'in' in f ? f.in : f.notin;
    const wanted = new Set(f.values.map(String));
    const found = values(doc, field).some((v) => wanted.has(String(v)));
    return 'in' in f ? found : !found;
  }
  const have = values(doc, f.field);
  const test = (v: number | string) => {
    const c = cmp(v, f.value);
    return { '=': c === 0, '!=': c !== 0, '>': c > 0, '>=': c >= 0, '<': c < 0, '<=': c <= 0 }[f.op];
  };
  return f.op === '!=' ? have.length > 0 && have.every(test) : have.some(test);
}

function facet(docs: Doc[], agg: AggregateClause) {
  const groups = new Map<string, Doc[]>();
  for (const doc of docs) {
    if (agg.aggFilter !== undefined && !passes(doc, agg.aggFilter)) continue;
    for (const v of new Set(values(doc, agg.groupKey).map(String))) groups.set(v, [...(groups.get(v) ?? []), doc]);
  }
  return {
    key: agg.groupKey,
    items: [...groups]
      .sort(([a, x], [b, y]) => y.length - x.length || cmp(a, b))
      .slice(0, agg.maxGroup ?? 1000)
      .map(([value, group]) => {
        const item: Record<string, unknown> = { value };
        for (const fn of agg.aggFun) {
          const m = /^(\w+)\((\w*)\)$/.exec(fn) as RegExpExecArray;
          const name = m[1] as string;
          if (name === 'count') {
            item.count = group.length;
            continue;
          }
          const nums = group.flatMap((d) => values(d, m[2] as string).map(Number));
          if (nums.length === 0) continue;
          item[name] =
            name === 'sum' ? nums.reduce((s, n) => s + n, 0) : name === 'max' ? Math.max(...nums) : Math.min(...nums);
        }
        return item;
      }),
  };
}

/** What a search over `docs` must answer: the page's ids in order, the total and the facets. */
export function oracle(docs: Doc[], clauses: SearchClauses, key: string) {
  let hits = docs.filter((d) => matches(d, clauses.query));
  if (clauses.filter !== undefined) hits = hits.filter((d) => passes(d, clauses.filter as FilterNode));
  const sort = (clauses.sort ?? []).map((k) =>
    typeof k === 'string' ? { field: k.slice(1), order: k[0] === '+' ? 'asc' : 'desc' } : k,
  );
  hits.sort((a, b) => {
    for (const k of sort) {
      const x = values(a, k.field)[0];
      const y = values(b, k.field)[0];
      if (x === undefined || y === undefined) {
        if (x === y) continue;
        return x === undefined ? 1 : -1;
      }
      const c = cmp(x, y);
      if (c !== 0) return k.order === 'asc' ? c : -c;
    }
    return cmp(String(a[key]), String(b[key]));
  });
  const aggregates =
    clauses.aggregate === undefined ? [] : Array.isArray(clauses.aggregate) ? clauses.aggregate : [clauses.aggregate];
  const facets = aggregates.map((agg) => facet(hits, agg));
  if (clauses.distinct) {
    const d = clauses.distinct;
    const counts = new Map<string, number>();
    const kept: Doc[] = [];
    const moved: Doc[] = [];
    for (const doc of hits) {
      const v = String(values(doc, d.distKey)[0] ?? '');
      const n = counts.get(v) ?? 0;
      if (n < (d.distCount ?? 1) * (d.distTimes ?? 1)) {
        kept.push(doc);
        counts.set(v, n + 1);
      } else moved.push(doc);
    }
    hits = d.reserved === false ? kept : [...kept, ...moved];
  }
  const start = clauses.config?.start ?? 0;
  const hit = clauses.config?.hit ?? 10;
  return { ids: hits.slice(start, start + hit).map((d) => d[key]), total: hits.length, facets };
}

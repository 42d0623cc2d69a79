// The search engine against a brute-force evaluator (searchOracle.ts): random documents and random
// searches drawn from the clause grammar (query with AND, OR, ANDNOT, RANK, words, phrases and
// ranges; filter with comparisons, AND, OR, in and notin; sort; config; aggregate; distinct), built
// into query text by the client's builder, parsed and answered by the engine. Every answer's hits,
// order, total and aggregates equal the oracle's.
import { buildSearchQuery, type FilterNode, type QueryNode, type SearchClauses } from '@acs-opensearch/client/search';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppIndex } from '../src/search/appIndex.js';
import { parseSearch } from '../src/search/parse.js';
import { BRANDS, catalogueSchema, TAGS, WORDS } from './searchApp.js';
import { oracle } from './searchOracle.js';

const word = fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom("it's", 'back\\slash', 'a"b', 'x&&y', 'q=1'));
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
const doc = fc.record({
  title: text,
  body: text,
  brand: fc.constantFrom(...BRANDS),
  price: fc.integer({ min: 0, max: 200 }),
  type: fc.integer({ min: 1, max: 4 }),
  tags: fc.subarray(TAGS),
});
const docs = fc
  .array(doc, { minLength: 0, maxLength: 60 })
  .map((list) => list.map((d, i) => ({ id: `k${String(i).padStart(3, '0')}`, ...d })));

const leaf: fc.Arbitrary<QueryNode> = fc.oneof(
  fc.record({
    index: fc.constantFrom('default', 'title'),
    term: fc.oneof(
      word,
      fc.array(word, { minLength: 1, maxLength: 2 }).map((w) => w.join(' ')),
    ),
  }),
  fc.record({
    index: fc.constantFrom('title', 'default'),
    phrase: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 2 }).map((w) => w.join(' ')),
  }),
  fc.record({ index: fc.constant('brand'), term: fc.constantFrom(...BRANDS) }),
  fc
    .tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 }), fc.boolean(), fc.boolean())
    .map(([a, b, li, hi]) => ({
      index: 'price',
      range: {
        ...(li ? { gte: Math.min(a, b) } : { gt: Math.min(a, b) }),
        ...(hi ? { lte: Math.max(a, b) } : { lt: Math.max(a, b) }),
      },
    })),
);
const query: fc.Arbitrary<QueryNode> = fc.letrec<{ q: QueryNode }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('q'), { minLength: 2, maxLength: 3 }).map((and) => ({ and })),
    fc.array(tie('q'), { minLength: 2, maxLength: 3 }).map((or) => ({ or })),
    fc.tuple(tie('q'), tie('q')).map((andNot) => ({ andNot })),
    fc.tuple(tie('q'), tie('q')).map((rank) => ({ rank })),
  ),
})).q;

const filterLeaf: fc.Arbitrary<FilterNode> = fc.oneof(
  fc.record({
    field: fc.constantFrom('price', 'type'),
    op: fc.constantFrom('=', '!=', '>', '>=', '<', '<=') as fc.Arbitrary<'='>,
    value: fc.integer({ min: 0, max: 200 }),
  }),
  fc.record({
    field: fc.constantFrom('brand', 'tags'),
    op: fc.constantFrom('=', '!=') as fc.Arbitrary<'='>,
    value: fc.constantFrom(...BRANDS, ...TAGS),
  }),
  fc.record({
    in: fc.constantFrom('type', 'brand', 'tags'),
    values: fc.array(fc.constantFrom('1', '2', '3', ...BRANDS, ...TAGS), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    notin: fc.constantFrom('type', 'brand', 'tags'),
    values: fc.array(fc.constantFrom('1', '2', ...BRANDS, ...TAGS), { minLength: 1, maxLength: 3 }),
  }),
);
const filter: fc.Arbitrary<FilterNode> = fc.letrec<{ f: FilterNode }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small' },
    filterLeaf,
    fc.array(tie('f'), { minLength: 2, maxLength: 3 }).map((and) => ({ and })),
    fc.array(tie('f'), { minLength: 2, maxLength: 3 }).map((or) => ({ or })),
  ),
})).f;

const clauses: fc.Arbitrary<SearchClauses> = fc.record(
  {
    query,
    filter,
    sort: fc.array(
      fc.record({
        field: fc.constantFrom('price', 'type', 'brand', 'tags'),
        order: fc.constantFrom('asc', 'desc') as fc.Arbitrary<'asc'>,
      }),
      { minLength: 1, maxLength: 3 },
    ),
    config: fc.record({ start: fc.integer({ min: 0, max: 20 }), hit: fc.integer({ min: 1, max: 30 }) }),
    aggregate: fc.array(
      fc.record(
        {
          groupKey: fc.constantFrom('brand', 'type', 'tags'),
          aggFun: fc.subarray(['count()', 'sum(price)', 'max(price)', 'min(price)'], { minLength: 1 }),
          aggFilter: filterLeaf,
          maxGroup: fc.integer({ min: 1, max: 5 }),
        },
        { requiredKeys: ['groupKey', 'aggFun'] },
      ),
      { minLength: 1, maxLength: 2 },
    ),
    distinct: fc.record(
      {
        distKey: fc.constantFrom('brand', 'type'),
        distCount: fc.integer({ min: 1, max: 3 }),
        distTimes: fc.integer({ min: 1, max: 2 }),
        reserved: fc.boolean(),
      },
      { requiredKeys: ['distKey'] },
    ),
  },
  { requiredKeys: ['query', 'sort'] },
);

describe('the search engine against a brute-force evaluator', () => {
  it('random documents and random searches: the same hits, order, totals and aggregates', () => {
    fc.assert(
      fc.property(docs, clauses, (documents, search) => {
        const index = new AppIndex(catalogueSchema);
        for (const d of documents) index.add(d);
        const parsed = parseSearch(buildSearchQuery(search));
        const got = index.evaluate(parsed);
        const want = oracle(documents, search, 'id');
        const start = search.config?.start ?? 0;
        const hit = search.config?.hit ?? 10;
        expect(got.hits.slice(start, start + hit).map((h) => h.doc.id)).toEqual(want.ids);
        expect(got.total).toBe(want.total);
        expect(got.facets).toEqual(want.facets);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  it('pushes in any order end in the same index: add, update and delete by key', () => {
    fc.assert(
      fc.property(
        docs,
        fc.array(fc.tuple(fc.nat(59), fc.constantFrom('update', 'delete')), { maxLength: 30 }),
        (documents, edits) => {
          const index = new AppIndex(catalogueSchema);
          const expected = new Map(documents.map((d) => [d.id, { ...d } as Record<string, unknown>]));
          for (const d of documents) index.add(d);
          for (const [n, cmd] of edits) {
            const id = `k${String(n).padStart(3, '0')}`;
            if (cmd === 'delete') {
              index.delete(id);
              expected.delete(id);
            } else {
              index.update({ id, brand: 'edited' });
              expected.set(id, { ...(expected.get(id) ?? { id }), brand: 'edited' });
            }
          }
          const all = index.evaluate(parseSearch("query=brand:'edited'&&sort=+price"));
          expect(new Set(all.hits.map((h) => h.doc.id))).toEqual(
            new Set([...expected.values()].filter((d) => d.brand === 'edited').map((d) => d.id)),
          );
          expect(index.size).toBe(expected.size);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 200) },
    );
  });
});

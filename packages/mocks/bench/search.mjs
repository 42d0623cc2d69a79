// Benchmark (a script, not a timed test): push 100,000 documents into an application of the mocks'
// search engine, then the median time of a query + filter + sort search over them, against a
// brute-force evaluator of the same search (every document looked at). Both answers are checked equal.
// Run: pnpm --filter @acs-opensearch/mocks bench:search   (build first: pnpm build)
import { createOpenSearchClient } from '@acs-opensearch/client';
import { getResponse } from 'msw';
import { createOpenSearchHandlers } from '../dist/index.js';

const COUNT = Number(process.env.SEARCH_BENCH_DOCS ?? 100_000);
const ROUNDS = Number(process.env.SEARCH_BENCH_ROUNDS ?? 31);
const WORDS = [
  'cloud',
  'search',
  'storage',
  'fast',
  'quiet',
  'phone',
  'laptop',
  'tablet',
  'camera',
  'watch',
  '云',
  '搜索',
  '手机',
  '电脑',
];
const BRANDS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'];
const schema = {
  tables: {
    main: {
      name: 'main',
      primaryTable: true,
      fields: {
        id: { name: 'id', type: 'LITERAL', primaryKey: true },
        title: { name: 'title', type: 'TEXT' },
        brand: { name: 'brand', type: 'LITERAL' },
        price: { name: 'price', type: 'INT' },
      },
    },
  },
  indexes: {
    searchFields: { default: { fields: ['title'], analyzer: 'chn_standard' }, brand: { fields: ['brand'] } },
    filterFields: ['id', 'brand', 'price'],
  },
};

let seed = 42;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const docs = Array.from({ length: COUNT }, (_, i) => ({
  id: `d${i}`,
  title: Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick(WORDS)).join(' '),
  brand: pick(BRANDS),
  price: Math.floor(random() * 10_000),
}));

const mocks = createOpenSearchHandlers({ baseUrl: 'https://bench.example' });
const fetchThrough = async (input, init) =>
  (await getResponse(mocks.handlers, new Request(input, init))) ?? new Response(null, { status: 599 });
const client = createOpenSearchClient({
  endpoint: 'https://bench.example',
  credentials: { accessKeyId: 'a', accessKeySecret: 'b' },
  fetch: fetchThrough,
});
await client.createAppGroup({
  body: {
    name: 'bench',
    type: 'enhanced',
    quota: { docSize: 1, computeResource: 20, spec: 'opensearch.share.common' },
  },
});
await client.createApp({ appGroupIdentity: 'bench', body: { schema } });

let started = performance.now();
for (let i = 0; i < docs.length; i += 1000)
  mocks.search.push('bench', 'main', JSON.stringify(docs.slice(i, i + 1000).map((fields) => ({ cmd: 'add', fields }))));
const pushMs = performance.now() - started;

const query =
  "query=default:'cloud' AND default:'phone'&&filter=price>=2000 AND price<8000&&sort=-price;+id&&config=start:0,hit:20";
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const words = (text) => [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment.toLowerCase());
// The brute-force evaluator: every document, its words, the filter and the sort.
function bruteForce() {
  const hits = docs.filter((d) => {
    const have = new Set(words(d.title));
    return have.has('cloud') && have.has('phone') && d.price >= 2000 && d.price < 8000;
  });
  hits.sort((a, b) => b.price - a.price || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { total: hits.length, ids: hits.slice(0, 20).map((d) => d.id) };
}
const engine = () => {
  const result = mocks.search.search('bench', new URLSearchParams({ query, fetch_fields: 'id' }));
  return { total: result.total, ids: result.items.map((i) => i.fields.id) };
};

const a = engine();
const b = bruteForce();
if (JSON.stringify(a) !== JSON.stringify(b))
  throw new Error(`the engine and the brute force disagree: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);

const median = (list) => [...list].sort((x, y) => x - y)[Math.floor(list.length / 2)];
const engineMs = [];
const bruteMs = [];
for (let round = 0; round < ROUNDS; round += 1) {
  started = performance.now();
  engine();
  engineMs.push(performance.now() - started);
  started = performance.now();
  bruteForce();
  bruteMs.push(performance.now() - started);
}
console.log(
  `node ${process.version}: ${COUNT.toLocaleString('en')} documents pushed in ${(pushMs / 1000).toFixed(1)} s (${Math.round(COUNT / (pushMs / 1000)).toLocaleString('en')} docs/s)`,
);
console.log(`query + filter + sort (${a.total} matches, page of 20), median of ${ROUNDS} interleaved rounds:`);
console.log(`  engine (MiniSearch index):  ${median(engineMs).toFixed(1)} ms`);
console.log(`  brute force (every doc):    ${median(bruteMs).toFixed(1)} ms`);
console.log(`  ratio brute force / engine: ${(median(bruteMs) / median(engineMs)).toFixed(1)}`);

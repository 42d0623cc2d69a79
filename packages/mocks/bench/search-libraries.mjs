// How the mocks' search engine chose its full-text library: MiniSearch and FlexSearch, measured on the
// same documents (words already split by Intl.Segmenter, as the engine gives them): time to index,
// the median time of an AND query of two words, the heap they hold, and whether they find the same
// documents. Run: node packages/mocks/bench/search-libraries.mjs
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';

const COUNT = Number(process.env.SEARCH_BENCH_DOCS ?? 100_000);
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
let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};
const docs = Array.from({ length: COUNT }, (_, i) => ({
  id: i,
  words: Array.from({ length: 3 + Math.floor(random() * 6) }, () => WORDS[Math.floor(random() * WORDS.length)]),
}));
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};

function measure(name, build, query) {
  const before = heap();
  let t = performance.now();
  const index = build();
  const indexMs = performance.now() - t;
  const held = heap() - before;
  const times = [];
  let found;
  for (let i = 0; i < 41; i += 1) {
    t = performance.now();
    found = query(index, 'cloud', 'phone');
    times.push(performance.now() - t);
  }
  return { name, indexMs, queryMs: median(times), heapMB: held / 2 ** 20, found: new Set(found) };
}

const mini = measure(
  'MiniSearch 7',
  () => {
    const m = new MiniSearch({
      fields: ['text'],
      storeFields: [],
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
    });
    m.addAll(docs.map((d) => ({ id: d.id, text: d.words.join(' ') })));
    return m;
  },
  (m, a, b) => m.search({ queries: [a, b], combineWith: 'AND' }, { prefix: false, fuzzy: false }).map((r) => r.id),
);
const flex = measure(
  'FlexSearch 0.8',
  () => {
    const f = new FlexSearch.Index({ tokenize: 'strict', encode: (s) => s.split(' ') });
    for (const d of docs) f.add(d.id, d.words.join(' '));
    return f;
  },
  (f, a, b) => f.search(`${a} ${b}`, { limit: COUNT }),
);
const truth = new Set(docs.filter((d) => d.words.includes('cloud') && d.words.includes('phone')).map((d) => d.id));
console.log(
  `node ${process.version}, ${COUNT.toLocaleString('en')} documents; an AND query of two words (${truth.size} matches)`,
);
for (const r of [mini, flex]) {
  const exact = r.found.size === truth.size && [...truth].every((id) => r.found.has(id));
  console.log(
    `  ${r.name.padEnd(15)} index ${(r.indexMs / 1000).toFixed(2)} s, query median ${r.queryMs.toFixed(1)} ms, heap ${r.heapMB.toFixed(0)} MB, finds exactly the matches: ${exact}`,
  );
}

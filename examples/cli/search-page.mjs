#!/usr/bin/env node
// The search half of `pnpm start`: a search page's calls, end to end, against the built-in mock
// server (real HTTP on 127.0.0.1, every signature verified). It creates an application with a schema
// through the management API, pushes a few hundred documents through the application API (v3), then
// runs the searches a shop's search page makes (words, a filter, a sort, an aggregate for the facets,
// a second page) and prints what the page would show.
import { parseArgs } from 'node:util';
import { createOpenSearchClient } from '@acs-opensearch/client';
import { createSearchClient } from '@acs-opensearch/client/search';

const HELP = `Usage: node examples/cli/search-page.mjs [options]   (pnpm start runs it after the lifecycle demo)

Options
  --documents N   how many products to push (default: 300)
  --words TEXT    what the shopper types (default: "cloud phone")
  -h, --help      show this help`;

const MOCK_KEY = { accessKeyId: 'mock-demo-access-key-id', accessKeySecret: 'mock-demo-access-key-secret' };
const { values } = parseArgs({
  options: { documents: { type: 'string' }, words: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const count = Number(values.documents ?? 300);
if (!Number.isInteger(count) || count < 1 || count > 100_000) {
  console.error('error: --documents must be a whole number from 1 to 100000');
  process.exit(2);
}
const words = values.words ?? 'cloud phone';

const { startMockServer } = await import('@acs-opensearch/mocks/node');
const server = await startMockServer({ verifySignature: MOCK_KEY });
try {
  console.log(`mock server on ${server.url} (signature verification on)\n`);
  const management = createOpenSearchClient({ endpoint: server.url, credentials: MOCK_KEY });
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
          rating: { name: 'rating', type: 'INT' },
        },
      },
    },
    indexes: {
      searchFields: { default: { fields: ['title'], analyzer: 'chn_standard' }, brand: { fields: ['brand'] } },
      filterFields: ['id', 'brand', 'price', 'rating'],
    },
  };
  await management.createAppGroup({
    body: {
      name: 'demo_shop',
      type: 'enhanced',
      quota: { docSize: 1, computeResource: 20, spec: 'opensearch.share.common' },
    },
  });
  await management.createApp({ appGroupIdentity: 'demo_shop', body: { description: 'the shop', schema } });
  console.log('management API: created the application demo_shop with a table of products');

  const shop = createSearchClient({ endpoint: server.url, appName: 'demo_shop', credentials: MOCK_KEY });
  const nouns = ['phone', 'laptop', 'tablet', 'camera', 'watch', 'speaker'];
  const adjectives = ['cloud', 'smart', 'quiet', 'fast', 'light', 'pro'];
  const models = ['mini', 'max', 'plus', 'air', 'one', 'go'];
  const brands = ['acme', 'globex', 'initech', 'umbrella'];
  const products = Array.from({ length: count }, (_, i) => ({
    id: `p${String(i).padStart(4, '0')}`,
    title: `${adjectives[i % 6]} ${nouns[Math.floor(i / 6) % 6]} ${models[Math.floor(i / 36) % 6]}`,
    brand: brands[Math.floor(i / 5) % brands.length],
    price: 50 + ((i * 7919) % 2000),
    rating: 1 + ((i * 31) % 5),
  }));
  const report = await shop.push(
    'main',
    products.map((fields) => ({ cmd: 'add', fields })),
  );
  console.log(`application API: pushed ${report.pushed} products in ${report.batches.length} request(s)\n`);

  const terms = words.split(/\s+/).filter(Boolean);
  const page = async (start) =>
    shop.search({
      query: {
        query: { and: terms.map((term) => ({ index: 'default', term })) },
        filter: {
          and: [
            { field: 'rating', op: '>=', value: 3 },
            { field: 'price', op: '<', value: 1500 },
          ],
        },
        sort: [{ field: 'price', order: 'asc' }],
        config: { start, hit: 5, format: 'fulljson' },
        aggregate: { groupKey: 'brand', aggFun: ['count()', 'min(price)'] },
      },
      fetch_fields: ['id', 'title', 'brand', 'price', 'rating'],
    });
  const first = await page(0);
  console.log(`Search: "${words}"   rating >= 3, under 1500, cheapest first`);
  console.log(`${first.result.total} results\n`);
  const row = (item) => {
    const f = item.fields;
    return `  ${String(f.id).padEnd(6)} ${String(f.title).padEnd(24)} ${String(f.brand).padEnd(9)} ${String(f.price).padStart(5)}  ${'★'.repeat(Number(f.rating))}`;
  };
  for (const item of first.result.items) console.log(row(item));
  console.log('\nBrands (facet):');
  for (const group of first.result.facet?.[0]?.items ?? [])
    console.log(`  ${String(group.value).padEnd(9)} ${String(group.count).padStart(3)} results, from ${group.min}`);
  const second = await page(5);
  console.log('\nPage 2:');
  for (const item of second.result.items) console.log(row(item));
  const suggestions = await shop.suggest('titles', { query: terms[0]?.slice(0, 2) ?? 'c', hit: 5 });
  console.log(
    `\nSuggestions for "${terms[0]?.slice(0, 2)}": ${suggestions.suggestions.map((s) => s.suggestion).join(', ')}`,
  );
} finally {
  await server.close();
}

// Shared by the search tests: an application made through the management API with a schema (a
// made-up catalogue: nothing here comes from the spec's examples), and documents drawn from a seed.
import type { OpenSearchClient } from '@acs-opensearch/client';

export const catalogueSchema = {
  tables: {
    main: {
      name: 'main',
      primaryTable: true,
      fields: {
        id: { name: 'id', type: 'LITERAL' as const, primaryKey: true },
        title: { name: 'title', type: 'TEXT' as const, primaryKey: false },
        body: { name: 'body', type: 'TEXT' as const, primaryKey: false },
        brand: { name: 'brand', type: 'LITERAL' as const, primaryKey: false },
        price: { name: 'price', type: 'INT' as const, primaryKey: false },
        type: { name: 'type', type: 'INT' as const, primaryKey: false },
        tags: { name: 'tags', type: 'LITERAL_ARRAY' as const, primaryKey: false },
      },
    },
  },
  indexes: {
    searchFields: {
      default: { fields: ['title', 'body'], analyzer: 'chn_standard' },
      title: { fields: ['title'], analyzer: 'chn_standard' },
      brand: { fields: ['brand'] },
      id: { fields: ['id'] },
      price: { fields: ['price'] },
    },
    filterFields: ['id', 'brand', 'price', 'type', 'tags'],
  },
};

const quota = { docSize: 1, computeResource: 20, spec: 'opensearch.share.common' };

/** Creates an app group and its version with the catalogue schema. */
export async function createCatalogue(client: OpenSearchClient, name: string): Promise<void> {
  await client.createAppGroup({ body: { name, type: 'enhanced', quota } });
  await client.createApp({ appGroupIdentity: name, body: { description: 'catalogue', schema: catalogueSchema } });
}

export const WORDS = [
  'cloud',
  'search',
  'storage',
  'fast',
  'quiet',
  'phone',
  'laptop',
  '云',
  '搜索',
  '手机',
  '电脑',
  '快速',
];
export const BRANDS = ['acme', 'globex', 'initech', 'umbrella'];
export const TAGS = ['new', 'sale', 'gift', 'eco'];

/** A small deterministic generator (mulberry32). */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CatalogueDoc {
  id: string;
  title: string;
  body: string;
  brand: string;
  price: number;
  type: number;
  tags: string[];
  [key: string]: unknown;
}

/** `count` documents from a seed: words from a small vocabulary, so queries match many. */
export function makeDocs(count: number, seed = 1): CatalogueDoc[] {
  const next = prng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const sentence = (n: number) =>
    Array.from({ length: n }, () => pick(WORDS))
      .join(' ')
      .replace(/ (?=\p{Script=Han})|(?<=\p{Script=Han}) /gu, '');
  return Array.from({ length: count }, (_, i) => ({
    id: `d${String(i).padStart(6, '0')}`,
    title: sentence(1 + Math.floor(next() * 4)),
    body: sentence(3 + Math.floor(next() * 6)),
    brand: pick(BRANDS),
    price: Math.floor(next() * 1000),
    type: 1 + Math.floor(next() * 4),
    tags: TAGS.filter(() => next() < 0.3),
  }));
}

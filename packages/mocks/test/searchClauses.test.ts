// Each clause as its reference page describes it, written as the pages write them, on a small
// catalogue whose answers are worked out by hand: config paging and formats, the query operators,
// filter comparisons and functions, sort keys and relevance, aggregate with range, agg_filter and
// max_group, distinct, kvpairs, and the error codes of malformed clauses.
import { createOpenSearchClient } from '@acs-opensearch/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOpenSearchHandlers } from '../src/index.js';
import { serveForFile } from './clientLifecycles.js';
import { createCatalogue } from './searchApp.js';

const BASE = 'https://clauses.example';
const mocks = createOpenSearchHandlers({ baseUrl: BASE });
serveForFile(...mocks.handlers);

const rows = [
  { id: 'a', title: 'cloud search engine', body: 'fast', brand: 'acme', price: 50, type: 1, tags: ['new'] },
  { id: 'b', title: 'cloud storage', body: 'quiet cloud', brand: 'acme', price: 150, type: 2, tags: ['sale'] },
  { id: 'c', title: 'search phone', body: 'cloud', brand: 'globex', price: 250, type: 1, tags: ['new', 'sale'] },
  { id: 'd', title: '云 搜索', body: '手机', brand: 'globex', price: 350, type: 3, tags: [] },
  { id: 'e', title: 'laptop', body: 'storage search', brand: 'initech', price: 450, type: 2, tags: ['eco'] },
];

beforeAll(async () => {
  await createCatalogue(
    createOpenSearchClient({ endpoint: BASE, credentials: { accessKeyId: 'a', accessKeySecret: 'b' } }),
    'shop',
  );
  mocks.search.push('shop', 'main', JSON.stringify(rows.map((fields) => ({ cmd: 'add', fields }))));
});

type Answer = {
  total: number;
  items: { fields: Record<string, unknown>; sortExprValues: string[] }[];
  facet: { key: string; items: Record<string, unknown>[] }[];
};
const search = (query: string, extra: Record<string, string> = {}) =>
  mocks.search.search('shop', new URLSearchParams({ query, ...extra })) as unknown as Answer;
const ids = (a: Answer) => a.items.map((i) => i.fields.id);
const codeOf = (query: string) => {
  try {
    search(query);
    return 'ok';
  } catch (error) {
    return (error as { code: number }).code;
  }
};

describe('the clauses, as the reference pages write them', () => {
  it("query: index:'words' (every word), AND, OR, ANDNOT, parentheses, phrase, range, the default index", () => {
    expect(ids(search("query=title:'cloud search'&&sort=+id"))).toEqual(['a']);
    expect(ids(search("query=default:'cloud'&&sort=+id"))).toEqual(['a', 'b', 'c']);
    expect(ids(search("query='cloud'&&sort=+id"))).toEqual(['a', 'b', 'c']);
    expect(ids(search("query=title:'cloud' OR title:'laptop'&&sort=+id"))).toEqual(['a', 'b', 'e']);
    expect(ids(search("query=default:'cloud' ANDNOT brand:'acme'&&sort=+id"))).toEqual(['c']);
    expect(ids(search("query=(title:'cloud' OR title:'phone') AND brand:'acme'&&sort=+id"))).toEqual(['a', 'b']);
    expect(ids(search('query=title:"search engine"&&sort=+id'))).toEqual(['a']);
    expect(ids(search('query=title:"engine search"&&sort=+id'))).toEqual([]);
    expect(ids(search('query=price:[150,350)&&sort=+id'))).toEqual(['b', 'c']);
    expect(ids(search("query=default:'搜索'&&sort=+id"))).toEqual(['d']);
  });

  it('RANK: the left side decides the matches, the right side only the relevance; no sort is relevance first', () => {
    const ranked = search("query=default:'cloud' RANK default:'storage'");
    expect(new Set(ids(ranked))).toEqual(new Set(['a', 'b', 'c']));
    expect(ids(ranked)[0]).toBe('b');
    const scores = ranked.items.map((i) => Number(i.sortExprValues[0]));
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it('config: start and hit page the hits, format json answers strings and fulljson the values', () => {
    expect(ids(search("query=default:'cloud'&&sort=+id&&config=start:1,hit:1"))).toEqual(['b']);
    expect(search("query=default:'cloud'&&config=start:1,hit:1").total).toBe(3);
    expect(search("query=id:'b'&&config=format:json").items[0]?.fields.price).toBe('150');
    expect(search("query=id:'b'&&config=format:fulljson").items[0]?.fields.price).toBe(150);
    expect(search("query=id:'b'", { fetch_fields: 'id;brand' }).items[0]?.fields).toEqual({ id: 'b', brand: 'acme' });
  });

  it('filter: comparisons, AND, OR, parentheses, strings, in and notin, arrays', () => {
    const f = (filter: string) =>
      ids(search(`query=default:'cloud' OR default:'laptop' OR default:'搜索'&&filter=${filter}&&sort=+id`));
    expect(f('price>150')).toEqual(['c', 'd', 'e']);
    expect(f('price>=150 AND type=2')).toEqual(['b', 'e']);
    expect(f('(type=1 OR type=3) AND price<300')).toEqual(['a', 'c']);
    expect(f('brand="globex"')).toEqual(['c', 'd']);
    expect(f('brand!="acme"')).toEqual(['c', 'd', 'e']);
    expect(f('in(type, "2|3")')).toEqual(['b', 'd', 'e']);
    expect(f('notin(brand, "acme|initech")')).toEqual(['c', 'd']);
    expect(f('tags="sale"')).toEqual(['b', 'c']);
  });

  it('sort: - descending, + ascending, several keys, and the values in sortExprValues', () => {
    const sorted = search("query=default:'cloud' OR default:'laptop' OR default:'搜索'&&sort=-type;+price");
    expect(ids(sorted)).toEqual(['d', 'b', 'e', 'a', 'c']);
    expect(sorted.items[0]?.sortExprValues).toEqual(['3', '350']);
  });

  it('aggregate: count, sum, max, min per group; range buckets; agg_filter; max_group', () => {
    const all = "query=default:'cloud' OR default:'laptop' OR default:'搜索'";
    expect(search(`${all}&&aggregate=group_key:brand,agg_fun:count()#sum(price)#max(price)#min(price)`).facet).toEqual([
      {
        key: 'brand',
        items: [
          { value: 'acme', count: 2, sum: 200, max: 150, min: 50 },
          { value: 'globex', count: 2, sum: 600, max: 350, min: 250 },
          { value: 'initech', count: 1, sum: 450, max: 450, min: 450 },
        ],
      },
    ]);
    expect(search(`${all}&&aggregate=group_key:price,agg_fun:count(),range:100~300`).facet[0]?.items).toEqual([
      { value: '100~300', count: 2 },
      { value: '300~', count: 2 },
      { value: '~100', count: 1 },
    ]);
    expect(
      search(`${all}&&aggregate=group_key:type,agg_fun:count(),agg_filter:price>100,max_group:1`).facet[0]?.items,
    ).toEqual([{ value: '2', count: 2 }]);
    expect(
      search(`${all}&&aggregate=group_key:type,agg_fun:count();group_key:brand,agg_fun:count()`).facet.map(
        (f) => f.key,
      ),
    ).toEqual(['type', 'brand']);
  });

  it('distinct: dist_count per key and dist_times rounds; reserved keeps the rest after', () => {
    const all = "query=default:'cloud' OR default:'laptop' OR default:'搜索'&&sort=+price";
    expect(ids(search(`${all}&&distinct=dist_key:brand,dist_count:1,dist_times:1,reserved:false`))).toEqual([
      'a',
      'c',
      'e',
    ]);
    expect(ids(search(`${all}&&distinct=dist_key:brand,dist_count:1,dist_times:1,reserved:true`))).toEqual([
      'a',
      'c',
      'e',
      'b',
      'd',
    ]);
    expect(search(`${all}&&distinct=dist_key:brand,dist_count:1,reserved:false`).total).toBe(3);
  });

  it('kvpairs is accepted and passed along; malformed clauses get 6301, unknown indexes 6302, non-attributes 6303', () => {
    expect(ids(search("query=id:'a'&&kvpairs=city:hz,user:u1"))).toEqual(['a']);
    expect(codeOf("query=title:'unclosed")).toBe(6301);
    expect(codeOf('query=title:unquoted')).toBe(6301);
    expect(codeOf("query=(title:'a'")).toBe(6301);
    expect(codeOf("query=title:'a'&&nosuch=1")).toBe(6301);
    expect(codeOf("query=title:'a'&&config=hit:abc")).toBe(6301);
    expect(codeOf("query=title:'a'&&filter=price>>1")).toBe(6301);
    expect(codeOf("query=title:'a'&&aggregate=group_key:brand")).toBe(6301);
    expect(codeOf('filter=price>1')).toBe(6301);
    expect(codeOf("query=color:'red'")).toBe(6302);
    expect(codeOf('query=title:\'a\'&&filter=title="x"')).toBe(6303);
    expect(codeOf("query=title:'a'&&aggregate=group_key:body,agg_fun:count()")).toBe(6303);
    expect(codeOf("query=title:'a'&&distinct=dist_key:title")).toBe(6303);
  });
});

// The parser of the mocks' search engine, clause by clause: each malformed form is code 6301 with a
// message that says what is wrong, and the accepted forms parse as the reference writes them.
import { describe, expect, it } from 'vitest';
import { parseSearch, SearchQueryError } from '../src/search/parse.js';

const malformed: [string, string][] = [
  ["query=a:'x'&&", 'not a clause: "" (clauses are name=value, joined by &&)'],
  ['noequals', 'not a clause: "noequals" (clauses are name=value, joined by &&)'],
  ["query=a:'x", 'a quoted word is not closed'],
  ["query=(a:'x' OR b:'y'", 'a parenthesis is not closed'],
  ["query=a:'x' b:'y'", 'unexpected "b:\'y\'" in the query clause'],
  ['query=a:[1;2]', 'a range is [low,high]'],
  ['query=a:[1,2', 'a range ends with ] or )'],
  ['query=a x', 'a query term is index:\'word\' (got "a")'],
  ['query=a:\'x\'&&filter=in(t "1")', 'in(field, "a|b")'],
  ['query=a:\'x\'&&filter=in(t, "1"', 'in() is not closed'],
  ['query=a:\'x\'&&filter=in(, "1")', 'in() takes a field first'],
  ["query=a:'x'&&filter=(a=1", 'a parenthesis is not closed'],
  ["query=a:'x'&&filter=a=1 b=2", 'unexpected "b=2" in the filter clause'],
  ["query=a:'x'&&filter=a", 'a filter is field op value (=, !=, >, >=, <, <=) at 1'],
  ["query=a:'x'&&filter==1", 'expected a field, a number or a "string" at 0'],
  ["query=a:'x'&&config=start:1.5", 'config start must be a whole number'],
  ["query=a:'x'&&config=hit:501", 'config hit must be from 0 to 500'],
  ["query=a:'x'&&config=format:csv", 'config format is json, fulljson or xml'],
  ["query=a:'x'&&config=rerank_size:x", 'config rerank_size must be a whole number'],
  ["query=a:'x'&&config=start:4990,hit:20", 'config start + hit may not pass 5000'],
  ["query=a:'x'&&config=color:red", 'unknown config key "color"'],
  ["query=a:'x'&&config=nocolon", 'not a key:value pair: "nocolon"'],
  ["query=a:'x'&&sort=+a b", 'not a sort key: "+a b" (+field or -field, separated by ;)'],
  [
    "query=a:'x'&&aggregate=group_key:a,agg_fun:avg(p)",
    'not an aggregate function: "avg(p)" (count(), sum(f), max(f), min(f))',
  ],
  ["query=a:'x'&&aggregate=group_key:a,agg_fun:sum()", 'sum() needs a field'],
  ["query=a:'x'&&aggregate=group_key:a,agg_fun:count(),range:1~x", 'aggregate range is numbers separated by ~'],
  ["query=a:'x'&&aggregate=agg_fun:count()", 'an aggregate needs group_key'],
  ["query=a:'x'&&aggregate=group_key:a", 'an aggregate needs agg_fun'],
  ["query=a:'x'&&aggregate=group_key:a,agg_fun:count(),color:1", 'unknown aggregate key "color"'],
  ["query=a:'x'&&aggregate=group_key:a,agg_fun:count(),max_group:0", 'aggregate max_group must be from 1 to 1000'],
  ["query=a:'x'&&distinct=dist_count:1", 'distinct needs dist_key'],
  ["query=a:'x'&&distinct=dist_key:a,reserved:maybe", 'distinct reserved is true or false'],
  ["query=a:'x'&&distinct=dist_key:a,color:1", 'unknown distinct key "color"'],
  ["query=a:'x'&&kvpairs=nocolon", 'kvpairs is key:value pairs, separated by ,'],
  ["query=a:'x'&&query=b:'y'", 'the query clause is given twice'],
  ['filter=a=1', 'the query clause is required'],
];

describe('the search parser', () => {
  it.each(malformed)('%s is 6301: %s', (query, message) => {
    let caught: unknown;
    try {
      parseSearch(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SearchQueryError);
    expect(caught).toMatchObject({ code: 6301, message });
  });

  it('accepts every documented key and form', () => {
    const parsed = parseSearch(
      'config=start:10,hit:20,format:fulljson,rerank_size:200&&query=( a:\'x\' OR b:"p q" ) ANDNOT c:(1,2]&&filter=(x>=1 AND y!="z") OR notin(t, "a|b")&&sort=price;+id;-RANK&&aggregate=group_key:g,agg_fun:count()#sum(p),agg_sampler_threshold:100,agg_sampler_step:10,agg_filter:p>1,max_group:5&&distinct=dist_key:d,dist_times:2,dist_count:3,reserved:false,update_total_hit:true&&kvpairs=k:v,x:1',
    );
    expect(parsed.config).toEqual({ start: 10, hit: 20, format: 'fulljson' });
    expect(parsed.query).toMatchObject({
      kind: 'andnot',
      right: { kind: 'range', index: 'c', low: 1, high: 2, lowIn: false, highIn: true },
    });
    expect(parsed.sort).toEqual([
      { field: 'price', desc: true },
      { field: 'id', desc: false },
      { field: 'RANK', desc: true },
    ]);
    expect(parsed.aggregates[0]).toMatchObject({
      groupKey: 'g',
      maxGroup: 5,
      functions: [{ name: 'count' }, { name: 'sum', field: 'p' }],
    });
    expect(parsed.distinct).toEqual({ key: 'd', times: 2, count: 3, reserved: false });
    expect(parsed.kvpairs).toEqual({ k: 'v', x: '1' });
    expect(parseSearch("query=a:'x'").config).toEqual({ start: 0, hit: 10, format: 'json' });
    expect(parseSearch("query=a:'it\\'s'").query).toEqual({ kind: 'term', index: 'a', text: "it's" });
  });
});

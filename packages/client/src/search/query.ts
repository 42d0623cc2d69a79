// The search `query` parameter, built from typed clauses: `config=…&&query=…&&filter=…&&sort=…
// &&aggregate=…&&distinct=…&&kvpairs=…`, with the quoting and escaping each clause needs (a word in
// single quotes with `\` and `'` escaped; a string in a filter in double quotes with `\` and `"`
// escaped). A clause may also be given as the reference writes it, as a string, and is then sent as
// it is. Names (index, field, function) are checked: a name the service could not parse is a
// ValidationError before anything is sent.
import { ValidationError } from '../errors/errors.js';

/** A query clause: a string as the reference writes it, or a tree. */
export type QueryNode =
  | string
  | { index: string; term: string }
  | { index: string; phrase: string }
  | { index: string; range: RangeBounds }
  | { and: readonly QueryNode[] }
  | { or: readonly QueryNode[] }
  | { andNot: readonly [QueryNode, QueryNode] }
  | { rank: readonly [QueryNode, QueryNode] };

/** A numeric range of an index: `[` when the bound is included, `(` when not; a missing bound is open. */
export interface RangeBounds {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export type FilterValue = number | string;
export type FilterOperator = '=' | '!=' | '>' | '>=' | '<' | '<=';

/** A filter clause: a string as the reference writes it, or a tree. */
export type FilterNode =
  | string
  | { field: string; op: FilterOperator; value: FilterValue }
  | { in: string; values: readonly FilterValue[] }
  | { notin: string; values: readonly FilterValue[] }
  | { and: readonly FilterNode[] }
  | { or: readonly FilterNode[] };

/** One sort key: a field, or `RANK` (relevance); descending unless `order: 'asc'`. */
export interface SortKey {
  field: string;
  order?: 'asc' | 'desc';
}

export interface ConfigClause {
  start?: number;
  hit?: number;
  format?: 'json' | 'fulljson' | 'xml';
  rerank_size?: number;
}

/** One aggregate: group by `groupKey`, with functions such as `count()`, `sum(price)`, `max(price)`, `min(price)`. */
export interface AggregateClause {
  groupKey: string;
  aggFun: readonly string[];
  range?: readonly number[];
  aggFilter?: FilterNode;
  maxGroup?: number;
}

export interface DistinctClause {
  distKey: string;
  distTimes?: number;
  distCount?: number;
  reserved?: boolean;
}

/** Every clause of the `query` parameter. */
export interface SearchClauses {
  query: QueryNode;
  filter?: FilterNode;
  sort?: readonly (SortKey | string)[];
  config?: ConfigClause;
  aggregate?: AggregateClause | readonly AggregateClause[];
  distinct?: DistinctClause;
  kvpairs?: Record<string, string | number>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FUNCTION = /^[a-z_]+\((?:[A-Za-z_][A-Za-z0-9_]*)?\)$/;

function name(value: string, what: string): string {
  if (!NAME.test(value))
    throw new ValidationError(what, `${what} must be a name (letters, digits, _), got ${JSON.stringify(value)}`);
  return value;
}

/** A word of a query in single quotes: `\` and `'` escaped. */
export const quoteTerm = (term: string): string => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A string of a filter in double quotes: `\` and `"` escaped. */
export const quoteString = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function finite(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new ValidationError(what, `${what} must be a finite number`);
  return String(value);
}

function rangeText(bounds: RangeBounds, index: string): string {
  if ((bounds.gt !== undefined && bounds.gte !== undefined) || (bounds.lt !== undefined && bounds.lte !== undefined))
    throw new ValidationError(
      `query.${index}`,
      'a range takes one lower bound (gt or gte) and one upper bound (lt or lte)',
    );
  const low = bounds.gte ?? bounds.gt;
  const high = bounds.lte ?? bounds.lt;
  const open = bounds.gte !== undefined ? '[' : '(';
  const close = bounds.lte !== undefined ? ']' : ')';
  return `${open}${low === undefined ? '' : finite(low, `query.${index}`)},${high === undefined ? '' : finite(high, `query.${index}`)}${close}`;
}

/** The query clause's text. */
export function queryText(node: QueryNode): string {
  if (typeof node === 'string') return node;
  if ('and' in node) return group(node.and, ' AND ');
  if ('or' in node) return group(node.or, ' OR ');
  if ('andNot' in node) return group(node.andNot, ' ANDNOT ');
  if ('rank' in node) return group(node.rank, ' RANK ');
  const index = name(node.index, 'query.index');
  if ('term' in node) return `${index}:${quoteTerm(node.term)}`;
  if ('phrase' in node) return `${index}:"${node.phrase.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return `${index}:${rangeText(node.range, index)}`;
}

function group(nodes: readonly QueryNode[], operator: string): string {
  if (nodes.length === 0) throw new ValidationError('query', `${operator.trim()} needs at least one operand`);
  const parts = nodes.map((n) => queryText(n));
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(operator)})`;
}

const filterValue = (value: FilterValue, what: string): string =>
  typeof value === 'number' ? finite(value, what) : quoteString(value);

/** The filter clause's text. */
export function filterText(node: FilterNode): string {
  if (typeof node === 'string') return node;
  if ('and' in node || 'or' in node) {
    const list = 'and' in node ? node.and : node.or;
    if (list.length === 0) throw new ValidationError('filter', 'AND and OR need at least one operand');
    const parts = list.map(filterText);
    return parts.length === 1 ? (parts[0] as string) : `(${parts.join('and' in node ? ' AND ' : ' OR ')})`;
  }
  if ('in' in node || 'notin' in node) {
    const fn = 'in' in node ? 'in' : 'notin';
    const field = name('in' in node ? node.in : node.notin, `filter.${fn}`);
    if (node.values.length === 0) throw new ValidationError(`filter.${fn}`, `${fn}() needs at least one value`);
    const values = node.values.map((v) => {
      const text = typeof v === 'number' ? finite(v, `filter.${field}`) : v;
      if (/[|"\\]/.test(text)) throw new ValidationError(`filter.${fn}`, `a value of ${fn}() cannot hold |, " or \\`);
      return text;
    });
    return `${fn}(${field}, "${values.join('|')}")`;
  }
  const field = name(node.field, 'filter.field');
  if (!['=', '!=', '>', '>=', '<', '<='].includes(node.op))
    throw new ValidationError('filter.op', `unknown operator ${JSON.stringify(node.op)}`);
  return `${field}${node.op}${filterValue(node.value, `filter.${field}`)}`;
}

/** The sort clause: `-price;+RANK` (descending by default). */
function sortText(keys: readonly (SortKey | string)[]): string {
  return keys
    .map((key) => {
      if (typeof key === 'string') return key;
      const field = key.field === 'RANK' ? 'RANK' : name(key.field, 'sort.field');
      return `${key.order === 'asc' ? '+' : '-'}${field}`;
    })
    .join(';');
}

const intIn = (value: number, what: string, min: number, max: number): string => {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ValidationError(what, `${what} must be an integer from ${min} to ${max}`);
  return String(value);
};

/** The config clause: `start:0,hit:10,format:fulljson`. */
function configText(config: ConfigClause): string {
  const parts: string[] = [];
  if (config.start !== undefined) parts.push(`start:${intIn(config.start, 'config.start', 0, 5000)}`);
  if (config.hit !== undefined) parts.push(`hit:${intIn(config.hit, 'config.hit', 0, 500)}`);
  if (config.format !== undefined) {
    if (!['json', 'fulljson', 'xml'].includes(config.format))
      throw new ValidationError('config.format', 'config.format is json, fulljson or xml');
    parts.push(`format:${config.format}`);
  }
  if (config.rerank_size !== undefined)
    parts.push(`rerank_size:${intIn(config.rerank_size, 'config.rerank_size', 0, 2000)}`);
  return parts.join(',');
}

function aggregateText(aggregate: AggregateClause): string {
  if (aggregate.aggFun.length === 0) throw new ValidationError('aggregate.aggFun', 'an aggregate needs a function');
  for (const fn of aggregate.aggFun)
    if (!FUNCTION.test(fn)) throw new ValidationError('aggregate.aggFun', `not a function call: ${JSON.stringify(fn)}`);
  const parts = [
    `group_key:${name(aggregate.groupKey, 'aggregate.groupKey')}`,
    `agg_fun:${aggregate.aggFun.join('#')}`,
  ];
  if (aggregate.range) parts.push(`range:${aggregate.range.map((v) => finite(v, 'aggregate.range')).join('~')}`);
  if (aggregate.aggFilter !== undefined) parts.push(`agg_filter:${filterText(aggregate.aggFilter)}`);
  if (aggregate.maxGroup !== undefined)
    parts.push(`max_group:${intIn(aggregate.maxGroup, 'aggregate.maxGroup', 1, 1000)}`);
  return parts.join(',');
}

function distinctText(distinct: DistinctClause): string {
  const parts = [`dist_key:${name(distinct.distKey, 'distinct.distKey')}`];
  if (distinct.distTimes !== undefined)
    parts.push(`dist_times:${intIn(distinct.distTimes, 'distinct.distTimes', 1, 1000)}`);
  if (distinct.distCount !== undefined)
    parts.push(`dist_count:${intIn(distinct.distCount, 'distinct.distCount', 1, 1000)}`);
  if (distinct.reserved !== undefined) parts.push(`reserved:${distinct.reserved}`);
  return parts.join(',');
}

function kvpairsText(pairs: Record<string, string | number>): string {
  return Object.entries(pairs)
    .map(([k, v]) => {
      const text = String(v);
      if (/[,:&]/.test(text)) throw new ValidationError(`kvpairs.${k}`, 'a kvpairs value cannot hold , : or &');
      return `${name(k, 'kvpairs')}:${text}`;
    })
    .join(',');
}

const isList = (value: AggregateClause | readonly AggregateClause[]): value is readonly AggregateClause[] =>
  Array.isArray(value);

/** The whole `query` parameter of a search, from its clauses. */
export function buildSearchQuery(clauses: SearchClauses): string {
  const parts: string[] = [];
  if (clauses.config) {
    const text = configText(clauses.config);
    if (text) parts.push(`config=${text}`);
  }
  parts.push(`query=${queryText(clauses.query)}`);
  if (clauses.filter !== undefined) parts.push(`filter=${filterText(clauses.filter)}`);
  if (clauses.sort && clauses.sort.length > 0) parts.push(`sort=${sortText(clauses.sort)}`);
  if (clauses.aggregate) {
    const list: readonly AggregateClause[] = isList(clauses.aggregate) ? clauses.aggregate : [clauses.aggregate];
    if (list.length > 0) parts.push(`aggregate=${list.map(aggregateText).join(';')}`);
  }
  if (clauses.distinct) parts.push(`distinct=${distinctText(clauses.distinct)}`);
  if (clauses.kvpairs && Object.keys(clauses.kvpairs).length > 0) parts.push(`kvpairs=${kvpairsText(clauses.kvpairs)}`);
  return parts.join('&&');
}

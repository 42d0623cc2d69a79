// The mocks README's behaviour tables, one per family (the spec's tags), which `pnpm generate` writes
// from the same model the handlers run on: what each operation does to the store, so the README
// says what the mocks derive and never lists it by hand.
import type { Json } from '@acs-opensearch/openapi-reader';
import { buildSpecModel, type Collection, type Effect, type ModelOperation } from './specModel.js';

const code = (text: string) => `\`${text}\``;
/** What a collection holds, in words: its path's last segment that is not a parameter. */
const noun = (c: Collection) =>
  c.path
    .split('/')
    .filter((s) => s && !s.startsWith('{'))
    .at(-1)!
    .replace(/-/g, ' ');

function paging(model: ModelOperation): string {
  const p = model.meta.pagination;
  return p ? `, in pages (${code(p.pageNumber)}, ${code(p.pageSize)}, ${code(p.totalCount)})` : '';
}

function extras(model: ModelOperation): string {
  const parts: string[] = [];
  if (model.filters.length > 0)
    parts.push(`filters: ${model.filters.map((f) => `${code(f.name)} (${f.operator})`).join(', ')}`);
  if (model.output)
    parts.push(
      `output levels: ${Object.keys(model.output.levels).map(code).join(', ')} and the rest answer every field`,
    );
  if (model.dryRun) parts.push(`${code(`${model.dryRun}=true`)} writes nothing`);
  return parts.length > 0 ? `; ${parts.join('; ')}` : '';
}

function under(model: ModelOperation): string {
  const anchor = model.anchor;
  if (!anchor) return '';
  return ` of the item of ${noun(anchor.collection)} named by ${code(anchor.param)} (404 when it does not exist)`;
}

/** The fields an effect sets, as code. */
const sets = (effect: Effect) =>
  Object.entries(effect.set)
    .map(([k, v]) => code(`${k}: ${JSON.stringify(v)}`))
    .join(', ');

/** What an effect needs first, and the error otherwise. */
function needs(effect: Effect): string {
  const wanted = Object.entries(effect.requires ?? {}).map(
    ([k, allowed]) => `${code(k)} in ${allowed.map((v) => code(JSON.stringify(v))).join(', ')}`,
  );
  return wanted.length > 0
    ? `; needs ${wanted.join(' and ')} first, else ${code(effect.error ?? 'InvalidParameter')}`
    : '';
}

/** What an operation that fits no resource pattern does. */
const answersExample = (model: ModelOperation) =>
  `answers its example, with the request's values in the fields of the same name${under(model)}`;

/** An item PUT: a merge, or (with `x-acs-upsert`) a create-or-replace that may act on the item it is inside. */
function describeUpdate(model: ModelOperation, c: Collection, key: string): string {
  if (!model.upsert)
    return `merges the body's declared fields into one of the ${noun(c)}; 404 when there is none${extras(model)}`;
  const effect = model.effect?.owner ? model.effect : undefined;
  return `creates or replaces one of the ${noun(c)} (by ${key}) with the body's declared fields${
    effect ? `, and sets ${sets(effect)} on the item it is inside${needs(effect)}` : ''
  }${extras(model)}`;
}

/** A singleton's GET or write. */
function describeSingleton(model: ModelOperation): string {
  if (model.behaviour === 'singleton-get') {
    const initial = model.op.extensions['x-acs-initial-value'];
    return `answers the singleton${under(model)}: what the last write left, else ${
      initial ? code(JSON.stringify(initial)) : "the spec's example"
    }`;
  }
  return (model.op.requestBody?.schema as { type?: string } | undefined)?.type === 'array'
    ? `replaces the singleton${under(model)} with the list sent${extras(model)}`
    : `merges the body into the singleton${under(model)}${extras(model)}`;
}

/** An action: its effect on the item (or singleton) it sits on, and what it needs first. */
function describeAction(model: ModelOperation): string {
  const effect = model.effect;
  if (!effect) return `answers 200 and changes nothing visible${under(model)}`;
  const on = model.target ? ` of the singleton at ${code(model.target.split('/').pop()!)}` : under(model);
  return `${Object.keys(effect.set).length > 0 ? `sets ${sets(effect)}` : 'changes nothing'}${on}${needs(effect)}`;
}

/** A bulk action: its commands and what each does to the collection. */
function describeBulk(model: ModelOperation, c: Collection, key: string): string {
  const bulk = model.bulk!;
  const where = bulk.items ? code(bulk.items) : 'the body';
  const puts = bulk.put.map(code).join(', ');
  const removes = bulk.remove.map(code).join(', ');
  return `applies each command of ${where} to the ${noun(c)} by ${key}, in order: ${puts} puts one, ${removes} removes one; any other ${code(bulk.command)} is a 400 and nothing is written${extras(model)}`;
}

/** A computed read: the collections it reads, and which of their items it keeps. */
function describeComputed(model: ModelOperation): string {
  const computed = model.computed;
  if (!computed) return answersExample(model);
  const match =
    computed.within && computed.match ? ` whose ${code(computed.match)} occurs in ${code(computed.within)}` : '';
  return `lists, from the store, the ${computed.from.map(noun).join(' and the ')}${match}${under(model)}`;
}

/** One line on what an operation does to the store. */
export function describeBehaviour(model: ModelOperation): string {
  const c = model.collection;
  const key = c?.key ? code(c.key) : 'its key';
  switch (model.behaviour) {
    case 'list':
      return `lists the ${noun(c!)} the store holds${paging(model)}${extras(model)}`;
    case 'get':
      return `answers one of the ${noun(c!)} by ${key}; 404 when there is none${extras(model)}`;
    case 'create':
      return `stores a new item of ${noun(c!)} (${key}, assigned by the store when the body has none); 409 when it exists${extras(model)}`;
    case 'update':
      return describeUpdate(model, c!, key);
    case 'delete':
      return `deletes one of the ${noun(c!)} and everything under it${c?.isScope ? ' (the whole app group)' : ''}; 404 when there is none${extras(model)}`;
    case 'current':
      return `answers the newest of the ${noun(c!)} that passes its filters${extras(model)}`;
    case 'singleton-get':
    case 'singleton-put':
      return describeSingleton(model);
    case 'field-put':
      return `sets ${code(model.field!)}${under(model)} to the body; its GET shows it${extras(model)}`;
    case 'action':
      return describeAction(model);
    case 'bulk':
      return describeBulk(model, c!, key);
    case 'computed':
      return describeComputed(model);
    case 'merge':
      return `computes the wide table from the ${code(model.merge!.tables)} sent: each field once, the table it came from, the primary table's key; a join to a field not sent, no or two primary tables, or one name with two types is a 400; writes nothing`;
    case 'checks':
      return `checks the body and answers an outcome per failed rule (${model
        .checks!.rules.map((r) => (r.among ? `${code(r.value)} among ${code(r.among)}` : `${code(r.value)} present`))
        .join(', ')}), else one ${code(model.checks!.passed.code)}; writes nothing`;
    case 'relate':
      return `puts the rows of ${noun(c!)} its body stands for, replacing those with the same ${model.relation!.key.map(code).join(', ')}`;
    case 'unrelate':
      return `removes the rows of ${noun(c!)} its query's filters match${extras(model)}`;
    default:
      return answersExample(model);
  }
}

/** The rows of the tables, one section per family in the order of the spec's tags: operation, request, what the mocks do. */
export function behaviourSections(document: Json): Array<{ family: string; rows: string[][] }> {
  const model = buildSpecModel(document);
  const tags: string[] = [...((document.tags ?? []) as Array<{ name: string }>).map((t) => t.name), 'Other'];
  const familyOf = (m: ModelOperation) => {
    const raw = document.paths?.[m.op.path]?.[m.op.method.toLowerCase()] as { tags?: string[] } | undefined;
    return raw?.tags?.[0] ?? 'Other';
  };
  const out: Array<{ family: string; rows: string[][] }> = [];
  for (const family of tags) {
    const ops = model.operations.filter((m) => familyOf(m) === family);
    if (ops.length > 0)
      out.push({
        family,
        rows: ops.map((m) => [code(m.op.operationId), code(`${m.op.method} ${m.op.path}`), describeBehaviour(m)]),
      });
  }
  return out;
}

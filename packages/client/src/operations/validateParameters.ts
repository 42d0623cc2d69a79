// Validation before the network, for every operation, from the generated rules: the generated
// methods and the raw openapi-fetch calls go through the same checks. Values are copied into
// objects without a prototype, so a `__proto__` key in JSON-parsed input is just an unknown key.
import { ValidationError } from '../errors/errors.js';
import type { OperationMeta, ParameterRule, ValueRule } from '../shared/operationMeta.js';

type Bag = Record<string, unknown>;

/** The validated parts of one call, in prototype-free objects. */
export interface PreparedCall {
  path: Bag;
  query: Bag;
  header: Bag;
  body: unknown;
}

/** No lone UTF-16 surrogate (which encodeURIComponent would throw on); native where the runtime has it. */
function isWellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (native) return native.call(text);
  try {
    encodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

/** A value's JSON type, `integer` for whole numbers; what the checks and the messages speak of. */
const jsonType = (value: unknown): string =>
  Array.isArray(value) ? 'array' : value === null ? 'null' : Number.isInteger(value) ? 'integer' : typeof value;

/** A range in words: "from 1 to 30", "at least 1", "at most 30", or `none` when there is no bound. */
function bounds(min: number | undefined, max: number | undefined, none: string): string {
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}`;
  if (min !== undefined) return `at least ${min}`;
  if (max !== undefined) return `at most ${max}`;
  return none;
}

/**
 * One check of a value against its rule: the end of "… must …" when the value breaks it, else
 * undefined. `type` is the value's JSON type, `text` the value when it is a string ('' otherwise),
 * `inUrl` whether it travels in the URL (a path or query parameter).
 */
type RuleCheck = (rule: ValueRule, value: unknown, type: string, text: string, inUrl: boolean) => string | undefined;

/** The checks, in the order a value is held to them; the first that fails is the error. */
const RULE_CHECKS: readonly RuleCheck[] = [
  // The JSON type (a whole number is a number too).
  (rule, value, type) =>
    type === rule.type || (rule.type === 'number' && type === 'integer' && Number.isFinite(value))
      ? undefined
      : `be ${/^[aeiou]/.test(rule.type) ? 'an' : 'a'} ${rule.type}, got ${type}`,
  // A number's range, finiteness and, for an integer, safety.
  (rule, value, type) =>
    typeof value === 'number' &&
    (!Number.isFinite(value) ||
      value < (rule.minimum ?? -Infinity) ||
      value > (rule.maximum ?? Infinity) ||
      (type === 'integer' && !Number.isSafeInteger(value)))
      ? `be ${bounds(rule.minimum, rule.maximum, 'a finite number')}, got ${value}`
      : undefined,
  // A string's length.
  (rule, _value, _type, text) =>
    text.length < (rule.minLength ?? 0) || text.length > (rule.maxLength ?? Infinity)
      ? `have ${bounds(rule.minLength || undefined, rule.maxLength, '')} character${(rule.maxLength ?? rule.minLength) === 1 ? '' : 's'}`
      : undefined,
  // A string's pattern.
  (rule, _value, _type, text) =>
    rule.pattern !== undefined && !new RegExp(rule.pattern, 'u').test(text) ? `match ${rule.pattern}` : undefined,
  // An array's length.
  (rule, value) =>
    Array.isArray(value) && (value.length < (rule.minItems ?? 0) || value.length > (rule.maxItems ?? Infinity))
      ? `have ${bounds(rule.minItems || undefined, rule.maxItems, '')} items`
      : undefined,
  // The enum.
  (rule, value) =>
    rule.enum && !rule.enum.includes(value as string) ? `be one of ${rule.enum.join(', ')}` : undefined,
  // A value in the URL must be encodable.
  (_rule, _value, _type, text, inUrl) =>
    inUrl && !isWellFormed(text) ? 'be well-formed UTF-16 (it has a lone surrogate)' : undefined,
];

/** Checks one value against its rule; the error names `name`, its message says `where`. */
function checkValue(name: string, where: string, rule: ValueRule, value: unknown, inUrl: boolean): void {
  if (rule.anyOf) {
    // One of several forms: the first that accepts the value wins; none does, the first form's error.
    let first: unknown;
    for (const form of rule.anyOf)
      try {
        checkValue(name, where, form, value, inUrl);
        return;
      } catch (error) {
        first ??= error;
      }
    throw first;
  }
  const type = jsonType(value);
  const text = typeof value === 'string' ? value : '';
  for (const check of RULE_CHECKS) {
    const problem = check(rule, value, type, text, inUrl);
    if (problem) throw new ValidationError(name, `${where} must ${problem}`);
  }
  if (rule.items && Array.isArray(value))
    for (let i = 0; i < value.length; i++) checkValue(`${name}[${i}]`, `${where}[${i}]`, rule.items, value[i], inUrl);
  if (rule.fields && type === 'object') checkFields(name, where, rule, value as Bag, inUrl);
}

/** The fields of a nested object: known ones checked, required ones present, unknown ones refused when closed. */
function checkFields(name: string, where: string, rule: ValueRule, value: Bag, inUrl: boolean): void {
  const fields = rule.fields!;
  for (const key of Object.keys(value)) {
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    if (!field && rule.closed)
      throw new ValidationError(`${name}.${key}`, `${where}: unknown field ${JSON.stringify(key)}`);
    if (field && value[key] !== undefined) checkValue(`${name}.${key}`, `${where}.${key}`, field, value[key], inUrl);
  }
  for (const [key, field] of Object.entries(fields))
    if (field.required && value[key] === undefined)
      throw new ValidationError(`${name}.${key}`, `${where}.${key} is required`);
}

/** The own keys of a parameter object (a `__proto__` key from JSON.parse included), or a ValidationError. */
function ownKeys(where: string, value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(where, `${where} must be an object of parameters, got ${jsonType(value)}`);
  }
  return Object.keys(value);
}

/** Each operation's parameters by location and name, built once. */
const indexes = new WeakMap<OperationMeta, Map<string, ParameterRule>>();
function parameterIndex(op: OperationMeta): Map<string, ParameterRule> {
  let index = indexes.get(op);
  // Stryker disable next-line ConditionalExpression: a cache; an index built again is equal.
  if (!index) {
    index = new Map();
    for (const rule of op.parameters) {
      index.set(`${rule.in}:${rule.name}`, rule);
      if (!index.has(rule.name)) index.set(rule.name, rule);
    }
    indexes.set(op, index);
  }
  return index;
}

/** Each operation's body as one object rule, so it is checked as any nested object is (checkFields). */
const bodyRules = new WeakMap<OperationMeta, ValueRule>();
function bodyRule(op: OperationMeta, rule: NonNullable<OperationMeta['body']>): ValueRule {
  let whole = bodyRules.get(op);
  // Stryker disable next-line ConditionalExpression: a cache; a rule built again is equal.
  if (!whole) {
    whole = rule.anyOf
      ? { type: 'object', anyOf: rule.anyOf }
      : { type: 'object', fields: rule.fields, ...(rule.closed ? { closed: true as const } : {}) };
    bodyRules.set(op, whole);
  }
  return whole;
}

function checkBody(op: OperationMeta, body: unknown): unknown {
  const rule = op.body;
  if (!rule) {
    if (body !== undefined) throw new ValidationError('body', `${op.operationId} takes no request body`);
    return undefined;
  }
  if (body === undefined || body === null) {
    if (rule.required) throw new ValidationError('body', `${op.operationId}: body is required`);
    return undefined;
  }
  if (rule.value) {
    // A body that is a list: checked as a whole, and sent as a copy of it.
    checkValue('body', `${op.operationId}: body`, rule.value, body, false);
    return Array.isArray(body) ? [...body] : body;
  }
  checkValue('body', `${op.operationId}: body`, bodyRule(op, rule), body, false);
  // A prototype-free copy of the defined fields: JSON.stringify sends its own keys, `__proto__` included.
  const copy: Bag = Object.create(null);
  for (const key of Object.keys(body as Bag)) if ((body as Bag)[key] !== undefined) copy[key] = (body as Bag)[key];
  return copy;
}

const LOCATIONS = ['path', 'query', 'header'] as const;

/** Checks and stores one parameter value; `location` is where it goes on the wire. */
function accept(op: OperationMeta, out: PreparedCall, rule: ParameterRule, key: string, value: unknown): void {
  if (value === undefined || value === null) return;
  checkValue(key, `${op.operationId}: ${key}`, rule, value, rule.in !== 'header');
  if (rule.in === 'path' && (value === '.' || value === '..')) {
    throw new ValidationError(
      key,
      `${op.operationId}: ${key} cannot be "${value}": URL parsing would resolve it away and change the path`,
    );
  }
  // A `content: application/json` parameter travels as its JSON text, one value (as the SDK sends `tags`).
  out[rule.in][key] = rule.json ? JSON.stringify(value) : value;
}

function finish(op: OperationMeta, out: PreparedCall, body: unknown): PreparedCall {
  for (const rule of op.parameters) {
    if (rule.required && out[rule.in][rule.name] === undefined) {
      throw new ValidationError(rule.name, `${op.operationId}: ${rule.name} is required`);
    }
  }
  out.body = checkBody(op, body);
  return out;
}

const empty = (): PreparedCall => ({
  path: Object.create(null),
  query: Object.create(null),
  header: Object.create(null),
  body: undefined,
});

/**
 * Validates a raw call: the values by location, as openapi-fetch takes them. Unknown keys, wrong
 * types, values outside their enum or range, and missing required values are ValidationErrors
 * naming the key.
 */
export function prepareCall(
  op: OperationMeta,
  parts: { path?: unknown; query?: unknown; header?: unknown; body?: unknown },
): PreparedCall {
  const out = empty();
  const index = parameterIndex(op);
  for (const location of LOCATIONS) {
    const given = parts[location] as Bag | undefined;
    for (const key of ownKeys(`params.${location}`, given)) {
      const rule = index.get(`${location}:${key}`);
      if (!rule)
        throw new ValidationError(key, `${op.operationId}: unknown ${location} parameter ${JSON.stringify(key)}`);
      accept(op, out, rule, key, (given as Bag)[key]);
    }
  }
  return finish(op, out, parts.body);
}

/** Validates a generated method's flat parameters (path and query together, the JSON body as `body`), in one pass. */
export function prepareFlat(op: OperationMeta, params: unknown): PreparedCall {
  const out = empty();
  const index = parameterIndex(op);
  let body: unknown;
  for (const key of ownKeys('params', params)) {
    const value = (params as Bag)[key];
    if (key === 'body' && op.body) {
      body = value;
      continue;
    }
    const rule = index.get(key);
    if (!rule || rule.name !== key)
      throw new ValidationError(key, `${op.operationId}: unknown parameter ${JSON.stringify(key)}`);
    accept(op, out, rule, key, value);
  }
  return finish(op, out, body);
}

/** Checks a 2xx body against the top level of the spec's camelCase schema; returns what is wrong, or undefined. */
export function shapeProblem(op: OperationMeta, data: unknown): string | undefined {
  const shape = op.success;
  if (!shape) return undefined;
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return `the body is ${data === undefined ? 'empty' : jsonType(data)}, not an object`;
  for (const name of shape.required) {
    if ((data as Bag)[name] === undefined) return `the body has no ${name}`;
  }
  for (const name in shape.types) {
    const type = shape.types[name]!;
    const value = (data as Bag)[name];
    if (value === undefined || value === null) continue;
    const actual = jsonType(value);
    if (actual !== type && !(type === 'number' && actual === 'integer')) return `${name} is ${actual}, not ${type}`;
  }
  return undefined;
}

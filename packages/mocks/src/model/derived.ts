// Answers computed from the request alone, as the spec declares them: `x-acs-merge` (the wide
// table a join of tables makes) and `x-acs-checks` (rules a request body must pass, each failure
// an outcome). Reading the declarations lives here; what they compute is behaviour/derived.ts.

import type { Json } from '@acs-opensearch/openapi-reader';

/** `x-acs-merge`: where the tables are in the body, and where the wide table goes in the answer. */
export interface MergeSpec {
  /** The body field holding the tables, by name. */
  tables: string;
  /** The field of a table holding its fields, by name. */
  fields: string;
  /** The flag of the primary table. */
  primary: string;
  /** The flag of a key field. */
  key: string;
  /** The field of a field listing the `table.field` it joins. */
  join: string | undefined;
  /** The field of a field giving its type: one name must have one type in every table. */
  type: string;
  /** The answer's field holding the outcome, and its three parts. */
  answer: string;
  merged: string;
  origin: string;
  mergedKey: string;
}

/** A rule of `x-acs-checks`: a value that must be present, or whose values must be among others. */
interface CheckRule {
  /** A path in the body (`a.b`; `[]` each element, `*` each map value, `~` each map key). */
  value: string;
  /** The path of the allowed values; absent for a presence check. */
  among: string | undefined;
}

/** `x-acs-checks`: rules the body must pass; the answer lists an outcome per failure, or one success. */
export interface ChecksSpec {
  answer: string;
  /** Each outcome repeats these body fields under `field`. */
  echo: { field: string; from: string[] } | undefined;
  passed: { code: string; message: string };
  failed: string;
  rules: CheckRule[];
}

const text = (value: unknown, fallback: string) => (typeof value === 'string' && value ? value : fallback);

/** The `x-acs-merge` of an operation, with the API's names as defaults. */
export function mergeOf(raw: unknown): MergeSpec | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  return {
    tables: text(r.tables, 'tables'),
    fields: text(r.fields, 'fields'),
    primary: text(r.primary, 'primary'),
    key: text(r.key, 'key'),
    join: typeof r.join === 'string' ? r.join : undefined,
    type: text(r.type, 'type'),
    answer: text(r.answer, 'result'),
    merged: text(r.merged, 'merged'),
    origin: text(r.origin, 'origin'),
    mergedKey: text(r.mergedKey, 'key'),
  };
}

/** The `x-acs-checks` of an operation. */
export function checksOf(raw: unknown): ChecksSpec | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const echo = r.echo as { field?: unknown; from?: unknown } | undefined;
  const passed = (r.passed ?? {}) as Record<string, unknown>;
  const rules = (Array.isArray(r.rules) ? r.rules : []) as Array<Record<string, unknown>>;
  return {
    answer: text(r.answer, 'result'),
    echo:
      echo && typeof echo.field === 'string'
        ? { field: echo.field, from: Array.isArray(echo.from) ? echo.from.map(String) : [] }
        : undefined,
    passed: { code: text(passed.code, 'OK'), message: text(passed.message, 'passed') },
    failed: text(r.failed, 'FAILED'),
    rules: rules.flatMap((rule) => {
      if (typeof rule.present === 'string') return [{ value: rule.present, among: undefined }];
      if (typeof rule.value === 'string')
        return [{ value: rule.value, among: typeof rule.among === 'string' ? rule.among : undefined }];
      return [];
    }),
  };
}

/** Every value at a path of a JSON value (`[]` each element, `*` each map value, `~` each map key). */
export function valuesAtPath(root: Json, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const step of path.split('.').filter(Boolean)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step === '[]') {
        if (Array.isArray(value)) next.push(...value);
      } else if (step === '*' || step === '~') {
        if (value && typeof value === 'object' && !Array.isArray(value))
          next.push(...(step === '*' ? Object.values(value) : Object.keys(value)));
      } else if (value && typeof value === 'object' && !Array.isArray(value)) {
        const child = (value as Record<string, unknown>)[step];
        if (child !== undefined && child !== null) next.push(child);
      }
    }
    current = next;
  }
  return current;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** The wide table of a join, or why the tables sent cannot make one. */
export type MergeOutcome = { ok: true; answer: Obj } | { ok: false; message: string };

/**
 * The wide table the body's tables make: the primary table's fields first, then each other
 * table's, in the order sent; a field already there (the field a table joins on, or one of the
 * same name and type) appears once, from the first table that has it. Each field's origin is
 * its table; the key is the primary table's key. Refused: no table, not exactly one primary
 * table, a primary table with no key, a join to a field that was not sent, one name with two types.
 */
export function mergeTables(spec: MergeSpec, body: unknown): MergeOutcome {
  const tables = isObj(body) ? body[spec.tables] : undefined;
  if (!isObj(tables) || Object.keys(tables).length === 0)
    return { ok: false, message: `The body has no tables to merge (\`${spec.tables}\`).` };
  const entries = Object.entries(tables).map(([name, table]) => [name, isObj(table) ? table : {}] as const);
  const fieldsOf = (table: Obj): Obj => (isObj(table[spec.fields]) ? (table[spec.fields] as Obj) : {});
  const primaries = entries.filter(([, table]) => table[spec.primary] === true);
  if (primaries.length !== 1)
    return {
      ok: false,
      message: `Exactly one table must be the primary table (\`${spec.primary}: true\`); ${primaries.length === 0 ? 'none is' : `${primaries.map(([n]) => n).join(' and ')} are`}.`,
    };
  const [primaryName, primary] = primaries[0]!;
  const key = Object.entries(fieldsOf(primary)).find(([, f]) => isObj(f) && f[spec.key] === true)?.[0];
  if (!key) return { ok: false, message: `The primary table ${primaryName} has no key field (\`${spec.key}: true\`).` };
  const merged: Obj = {};
  const origin: Obj = {};
  for (const [tableName, table] of [primaries[0]!, ...entries.filter(([, t]) => t !== primary)]) {
    for (const [fieldName, raw] of Object.entries(fieldsOf(table))) {
      const field = isObj(raw) ? raw : {};
      for (const target of spec.join && Array.isArray(field[spec.join]) ? (field[spec.join] as unknown[]) : []) {
        const [t, f] = String(target).split('.');
        const joined = isObj(tables[t ?? '']) ? fieldsOf(tables[t!] as Obj) : {};
        if (!f || !(f in joined))
          return {
            ok: false,
            message: `${tableName}.${fieldName} joins ${JSON.stringify(target)}, which is not a field of the tables sent.`,
          };
      }
      const existing = merged[fieldName] as Obj | undefined;
      if (existing) {
        const [was, now] = [existing[spec.type], field[spec.type]];
        if (was !== undefined && now !== undefined && was !== now)
          return {
            ok: false,
            message: `${fieldName} is ${String(was)} in ${String(origin[fieldName])} and ${String(now)} in ${tableName}.`,
          };
        continue;
      }
      const copy: Obj = structuredClone({ name: fieldName, ...field });
      // The wide table's key is the primary table's; the other tables' keys are plain fields of it.
      if (table !== primary) delete copy[spec.key];
      if (spec.join) delete copy[spec.join];
      merged[fieldName] = copy;
      origin[fieldName] = tableName;
    }
  }
  const name = isObj(body) && typeof body.name === 'string' && body.name ? body.name : primaryName;
  return {
    ok: true,
    answer: { [spec.merged]: { name, [spec.fields]: merged }, [spec.origin]: origin, [spec.mergedKey]: key },
  };
}

/** The outcomes of the checks on a body: one per failure, or the single success. */
export function runChecks(spec: ChecksSpec, body: unknown): Obj[] {
  const echo: Obj = {};
  if (spec.echo && isObj(body))
    for (const name of spec.echo.from) if (body[name] !== undefined) echo[name] = structuredClone(body[name]);
  const outcome = (code: string, message: string): Obj => ({
    code,
    message,
    ...(spec.echo ? { [spec.echo.field]: structuredClone(echo) } : {}),
  });
  const failures: Obj[] = [];
  for (const rule of spec.rules) {
    const values = valuesAtPath(body as Json, rule.value).filter((v) => v !== '');
    if (rule.among === undefined) {
      if (values.length === 0) failures.push(outcome(spec.failed, `${rule.value} is missing.`));
      continue;
    }
    const allowed = new Set(valuesAtPath(body as Json, rule.among).map(String));
    for (const value of values)
      if (!allowed.has(String(value)))
        failures.push(
          outcome(
            spec.failed,
            `${rule.value} ${JSON.stringify(value)} is not one of ${rule.among} (${[...allowed].join(', ') || 'none'}).`,
          ),
        );
  }
  return failures.length > 0 ? failures : [outcome(spec.passed.code, spec.passed.message)];
}

// What each `output` level returns. The reference says: simple = basic information; normal (the
// default) adds "information such as createParameters and cron"; detail adds the training details.
// The field lists below are our reading of that; where the reference is silent they are assumptions
// (see the package README).
import type { FunctionInstance } from './types.js';

export type OutputLevel = 'simple' | 'normal' | 'detail';

/** The fields of the reference's camelCase sample response, which is what `simple` returns. */
export const SIMPLE_FIELDS = [
  'versionId',
  'instanceName',
  'functionName',
  'functionType',
  'modelType',
  'description',
  'status',
  'source',
  'belongs',
  'createTime',
  'default',
] as const satisfies ReadonlyArray<keyof FunctionInstance>;

export const NORMAL_FIELDS = [
  ...SIMPLE_FIELDS,
  'createParameters',
  'usageParameters',
  'cron',
] as const satisfies ReadonlyArray<keyof FunctionInstance>;

const FIELDS: Record<OutputLevel, ReadonlySet<string> | undefined> = {
  simple: new Set(SIMPLE_FIELDS),
  normal: new Set(NORMAL_FIELDS),
  detail: undefined,
};

/** Projects an instance onto the fields of an output level (`detail` returns everything). */
export function selectOutput(instance: FunctionInstance, level: OutputLevel): FunctionInstance {
  const fields = FIELDS[level];
  if (!fields) return instance;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(instance)) if (fields.has(key)) out[key] = value;
  return out as FunctionInstance;
}

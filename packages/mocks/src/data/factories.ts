// Deterministic factories for test data, usable without MSW: the same seed gives the same data,
// and every value is valid against the spec's FunctionInstance schema.
import { createRandom, deterministicRequestId } from './prng.js';
import type { FunctionInstance, ListFunctionInstancesResponse } from './types.js';

export interface FactoryOptions {
  /** Seed of the generator. Default 1. */
  seed?: number;
  /** Position of the item in a series; the same seed and index give the same item. Default 0. */
  index?: number;
  /**
   * Draw `source` at random (three in four `user`, else `builtin`). Default false: every instance
   * is `source: 'user'`, which is what a list shows by default (`source` defaults to `user`).
   */
  mixedSources?: boolean;
}

const MODEL_TYPES = ['tf_checkpoint', 'offline_inference', 'pai_model', 'gbdt'];
const FUNCTION_TYPES = ['PAAS', 'SAAS'];
const DOMAINS = ['ecommerce', 'education', 'content', 'gaming'];
const CATEGORIES = ['general', 'vertical'];
const LANGUAGES = ['zh', 'en'];
const CRONS = ['', '0 3 ? * 0,1,3,5', '30 2 * * ?', '0 0 ? * 1'];
// 2024-01-01T00:00:00Z in ms: createTime values stay in a plausible, fixed window.
const EPOCH = 1_704_067_200_000;

/** One instance. `overrides` win over generated values. */
export function makeFunctionInstance(
  overrides: Partial<FunctionInstance> = {},
  options: FactoryOptions = {},
): FunctionInstance {
  const index = options.index ?? 0;
  const random = createRandom(((options.seed ?? 1) * 1_000_003 + index * 7919) >>> 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const functionName = overrides.functionName ?? 'ctr';
  const instance: FunctionInstance = {
    versionId: 100 + Math.floor(random() * 900),
    instanceName: `${functionName}_instance_${String(index + 1).padStart(3, '0')}`,
    functionName,
    functionType: pick(FUNCTION_TYPES),
    modelType: pick(MODEL_TYPES),
    description: random() < 0.5 ? '' : `Generated instance ${index + 1}`,
    status: random() < 0.8 ? 'available' : 'unavailable',
    source: random() < 0.75 || !options.mixedSources ? 'user' : 'builtin',
    belongs: { domain: pick(DOMAINS), category: pick(CATEGORIES), language: pick(LANGUAGES) },
    createParameters: [{ name: 'param1', value: `value${index + 1}` }],
    usageParameters: [{ name: 'use_param1', value: `value${index + 1}` }],
    createTime: EPOCH + Math.floor(random() * 31_536_000_000),
    cron: pick(CRONS),
    extendInfo: JSON.stringify({ dataReport: { auc: Math.round(random() * 1000) / 1000 }, errors: {} }),
  };
  return { ...instance, ...overrides };
}

/** `count` instances of one series; item i is makeFunctionInstance(overrides, { seed, index: i }). */
export function makeFunctionInstances(
  count: number,
  overrides: Partial<FunctionInstance> = {},
  options: Omit<FactoryOptions, 'index'> = {},
): FunctionInstance[] {
  return Array.from({ length: count }, (_, index) => makeFunctionInstance(overrides, { ...options, index }));
}

/** A whole 200 body around `result`. */
export function makeListResponse(
  result: FunctionInstance[],
  overrides: Partial<ListFunctionInstancesResponse> = {},
  options: { seed?: number } = {},
): ListFunctionInstancesResponse {
  return {
    status: 'OK',
    httpCode: 200,
    totalCount: result.length,
    requestId: deterministicRequestId(options.seed ?? 1, JSON.stringify(result.map((r) => r.instanceName))),
    message: '',
    code: '',
    latency: 0,
    result,
    ...overrides,
  };
}

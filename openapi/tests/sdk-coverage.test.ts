// The spec covers the official SDK 5.2.0: every operation the SDK can call is in the spec, with the
// SDK's method and path. A missing one fails here, by name.
import { describe, expect, it } from 'vitest';
import { coverage, sdkOperations } from '../../scripts/lib/sdk-operations.mjs';
import { loadBundledSpec } from './loadSpec.js';

const methods = sdkOperations();

describe('the spec covers the official SDK', () => {
  it('has every operation of the SDK, with its method and path', () => {
    const result = coverage(loadBundledSpec(), methods);
    expect(result.missing, `operations of the SDK missing from the spec: ${result.missing.join(', ')}`).toEqual([]);
    expect(result.differs).toEqual([]);
    expect(result.covered).toBe(result.total);
    expect(result.total).toBeGreaterThan(100);
  });

  it('names an operation the spec lacks, and one whose path differs', () => {
    const spec = structuredClone(loadBundledSpec()) as { paths: Record<string, Record<string, unknown>> };
    const [first, second] = Object.entries(spec.paths);
    const removed = Object.values(first![1]).map((op) => (op as Record<string, string>)['x-acs-action']);
    delete spec.paths[first![0]];
    spec.paths[`${second![0]}/moved`] = second![1];
    delete spec.paths[second![0]];
    const moved = Object.values(second![1]).map((op) => (op as Record<string, string>)['x-acs-action']);
    const result = coverage(spec, methods);
    expect(result.missing).toEqual(removed.filter(Boolean).sort());
    expect(result.differs.map((d) => d.split(':')[0])).toEqual(moved.filter(Boolean));
    expect(result.covered).toBe(result.total - removed.length);
  });
});

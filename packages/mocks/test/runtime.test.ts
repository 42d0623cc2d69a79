// Proves which runtime ran the suite: scripts/test-node24.mjs and scripts/test-new-operations.mjs
// (the copy's suites) set EXPECT_NODE_MAJOR=24.
import { expect, it } from 'vitest';

it('runs on the expected Node major version', () => {
  const expected = process.env.EXPECT_NODE_MAJOR;
  const major = process.versions.node.split('.')[0];
  if (expected) expect(major).toBe(expected);
  expect(Number(major)).toBeGreaterThanOrEqual(20);
  expect(typeof globalThis.crypto.subtle.sign).toBe('function');
});

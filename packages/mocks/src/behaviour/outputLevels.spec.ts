import { describe, expect, it } from 'vitest';
import { makeFunctionInstance } from '../data/factories.js';
import { NORMAL_FIELDS, SIMPLE_FIELDS, selectOutput } from './outputLevels.js';

describe('selectOutput', () => {
  const full = { ...makeFunctionInstance({}, { seed: 4 }), extendInfo: '{"auc":0.9}' };
  it('simple keeps the basic fields, normal adds parameters and cron, detail keeps everything', () => {
    expect(
      Object.keys(selectOutput(full, 'simple')).every((k) => (SIMPLE_FIELDS as readonly string[]).includes(k)),
    ).toBe(true);
    expect(
      Object.keys(selectOutput(full, 'normal')).every((k) => (NORMAL_FIELDS as readonly string[]).includes(k)),
    ).toBe(true);
    expect(selectOutput(full, 'simple')).not.toHaveProperty('cron');
    expect(selectOutput(full, 'detail')).toEqual(full);
  });
  it('returns a new object for the projected levels', () => {
    expect(selectOutput(full, 'simple')).not.toBe(full);
  });
});

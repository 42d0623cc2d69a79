import { describe, expect, it } from 'vitest';
import { acsDate } from './acsDate.js';

describe('acsDate', () => {
  it('drops milliseconds and accepts epoch ms', () => {
    expect(acsDate(new Date('2024-02-29T23:59:59.123Z'))).toBe('2024-02-29T23:59:59Z');
    expect(acsDate(0)).toBe('1970-01-01T00:00:00Z');
  });
  it('formats each second afresh, the cached one included', () => {
    const t = Date.UTC(2025, 0, 1, 0, 0, 59, 999);
    expect([acsDate(t), acsDate(t + 1), acsDate(t - 59_999)]).toEqual([
      '2025-01-01T00:00:59Z',
      '2025-01-01T00:01:00Z',
      '2025-01-01T00:00:00Z',
    ]);
  });
  it('rejects an invalid date', () => expect(() => acsDate(new Date('nope'))).toThrow(RangeError));
  it('rejects a date past the year 275760 instead of formatting garbage', () =>
    expect(() => acsDate(8.64e15 + 1000)).toThrow(RangeError));
});

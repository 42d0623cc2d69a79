import { describe, expect, it } from 'vitest';
import { RequestLog } from './requestLog.js';

const entry = (n: number) => ({
  operationId: 'op',
  method: 'GET',
  url: `https://h/${n}`,
  params: { n },
  headers: {},
  body: undefined,
  accessKeyId: undefined,
  securityToken: false,
});

describe('RequestLog', () => {
  it('keeps the newest `limit` entries, oldest first', () => {
    const log = new RequestLog(2);
    for (let n = 1; n <= 4; n++) log.push(entry(n));
    expect(log.entries.map((e) => e.params.n)).toEqual([3, 4]);
  });
  it('records nothing with limit 0, and refuses a bad limit', () => {
    const log = new RequestLog(0);
    log.push(entry(1));
    expect(log.entries).toEqual([]);
    expect(() => new RequestLog(-1)).toThrow(TypeError);
  });
});

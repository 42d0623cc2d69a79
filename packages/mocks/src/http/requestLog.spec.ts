import { describe, expect, it } from 'vitest';
import { RequestLog, signingOf } from './requestLog.js';

const entry = (n: number) => ({
  operationId: 'op',
  method: 'GET',
  url: `https://h/${n}`,
  params: { n },
  headers: {},
  body: undefined,
  accessKeyId: undefined,
  securityToken: false,
  status: undefined,
  code: undefined,
  overridden: false,
});

describe('RequestLog', () => {
  it('keeps the newest `limit` entries, oldest first', () => {
    const log = new RequestLog(2);
    for (let n = 1; n <= 4; n++) expect(log.push(entry(n))?.params.n).toBe(n);
    expect(log.entries.map((e) => e.params.n)).toEqual([3, 4]);
  });
  it('records nothing with limit 0, and refuses a bad limit', () => {
    const log = new RequestLog(0);
    expect(log.push(entry(1))).toBeUndefined();
    expect(log.entries).toEqual([]);
    expect(() => new RequestLog(-1)).toThrow(TypeError);
  });
  it('reads the signing facts of headers, never more', () => {
    const authorization = 'ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host,Signature=abc';
    expect(signingOf({ authorization, 'x-acs-security-token': 't' })).toEqual({
      accessKeyId: 'AK1',
      securityToken: true,
    });
    expect(signingOf(new Headers())).toEqual({ accessKeyId: undefined, securityToken: false });
  });
});

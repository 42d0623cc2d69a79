import { AttemptTimer } from '../src/engine/timeout.js';
import { OPERATIONS } from '../src/generated/metadata.js';
import { createRequestBuilder } from '../src/operations/buildRequest.js';
import { successBody } from '../src/operations/successBody.js';
import { prepareFlat } from '../src/operations/validateParameters.js';
import { defaultCrypto } from '../src/signing/defaultCrypto.js';

const op = OPERATIONS.listFunctionInstances as never;
const params = { appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 10 };
const builder = createRequestBuilder({
  baseUrl: 'http://h.example',
  unsigned: { accept: 'application/json' },
  crypto: defaultCrypto,
});
const creds = { accessKeyId: 'a', accessKeySecret: 'b' };
const body = JSON.stringify({
  requestId: 'r',
  totalCount: 2,
  result: Array.from({ length: 10 }, (_, i) => ({
    instanceName: `i${i}`,
    functionName: 'ctr',
    status: 'available',
    createTime: 1,
    source: 'user',
    belongs: { domain: 'x' },
  })),
});
const answer = { status: 200, statusText: '', headers: new Headers(), text: body, url: 'http://h.example/x' };
const N = 200000;
const time = (name: string, fn: () => unknown) => {
  for (let i = 0; i < 20000; i++) fn();
  const t = performance.now();
  for (let i = 0; i < N; i++) fn();
  console.log(name, (((performance.now() - t) * 1000) / N).toFixed(2), 'µs');
};
const prepared = prepareFlat(op, params);
const built = builder.fromPrepared(op, prepared) as { sign: (c: unknown, n: number) => unknown };
time('prepareFlat', () => prepareFlat(op, params));
time('fromPrepared', () => builder.fromPrepared(op, prepared));
time('sign', () => built.sign(creds, Date.now()));
time('successBody', () => successBody(op, answer, 'GET'));
time('JSON.parse', () => JSON.parse(body));
time('AttemptTimer', () => new AttemptTimer(10000, undefined).clear());
time('new Response+headers', () => new Response(body, { headers: { 'content-type': 'application/json' } }));

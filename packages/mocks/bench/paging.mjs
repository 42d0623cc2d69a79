// Benchmark: page latency of ListFunctionInstances against 1,000 vs 100,000 instances, through the
// real MSW handlers (getResponse), after the first query has built the filtered index.
// Run: pnpm --filter @acs-opensearch/mocks bench   (build first: pnpm build)
import { getResponse } from 'msw';
import { createOpenSearchHandlers, makeFunctionInstances } from '../dist/index.js';

async function measure(size) {
  const instances = makeFunctionInstances(size, { functionName: 'ctr', source: 'user' }, { seed: 1 });
  const { handlers } = createOpenSearchHandlers({ appGroups: { shop: instances } });
  const url = (page) =>
    `https://opensearch.cn-hangzhou.aliyuncs.com/v4/openapi/app-groups/shop/functions/ctr/instances?pageSize=20&pageNumber=${page}`;
  await (await getResponse(handlers, new Request(url(1)))).json(); // warm: builds the index
  const pages = 2000;
  const started = performance.now();
  for (let i = 0; i < pages; i++) {
    const page = 1 + ((i * 7919) % Math.floor(size / 20));
    const body = await (await getResponse(handlers, new Request(url(page)))).json();
    if (body.result.length !== 20 || body.totalCount !== size) throw new Error('unexpected page');
  }
  return (performance.now() - started) / pages;
}

const small = await measure(1_000);
const large = await measure(100_000);
console.log(`page of 20 from 1,000 instances:   ${(small * 1000).toFixed(0)} µs`);
console.log(`page of 20 from 100,000 instances: ${(large * 1000).toFixed(0)} µs`);
console.log(`ratio 100k / 1k: ${(large / small).toFixed(2)} (1.00 = flat)`);

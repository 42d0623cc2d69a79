// The benchmark's HTTP server, in a process of its own (as production runs: the client and the
// server do not share an event loop): answers every request with one ListFunctionInstances page.
// Started by throughput.mjs with fork(); sends its port to the parent, then serves until killed.
import { createServer } from 'node:http';

const body = JSON.stringify({
  status: 'OK',
  httpCode: 200,
  totalCount: 2,
  requestId: 'A4D487A9-A456-5AA5-A9C6-B7BF2889CF74',
  message: '',
  code: '',
  latency: 1,
  result: Array.from({ length: 10 }, (_, i) => ({
    versionId: 100,
    instanceName: `instance_${i}`,
    functionName: 'ctr',
    functionType: 'PAAS',
    modelType: 'offline_inference',
    description: '',
    status: 'available',
    belongs: { domain: 'ecommerce', category: 'general', language: 'zh' },
    createTime: 100010,
    source: 'user',
  })),
});
const server = createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json', 'x-acs-request-id': 'bench' }).end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.(server.address().port));
process.on('disconnect', () => process.exit(0));

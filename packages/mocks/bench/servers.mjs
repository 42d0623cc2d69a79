// The servers of bench/server.mjs, in their own process (as a mock server runs beside a test
// suite): the mock server as users run it (the default data, the request log on, signature
// verification on), the tuned one (an empty app group, no request log), and a plain node:http
// server answering the JSON it is given. Sends their URLs; reads the plain server's body from a message.
import { createServer } from 'node:http';
import { startMockServer } from '../dist/node.js';

const key = { accessKeyId: 'bench-ak', accessKeySecret: 'bench-secret' };
const mock = await startMockServer({ verifySignature: key });
const tuned = await startMockServer({ verifySignature: key, appGroups: { my_app: [] }, maxRecordedRequests: 0 });
let body = '{}';
const plain = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'x-acs-request-id': 'plain' });
    res.end(body);
  });
});
await new Promise((resolve) => plain.listen(0, '127.0.0.1', resolve));
process.on('message', (message) => {
  if (message?.body) body = message.body;
  if (message?.stop) Promise.all([mock.close(), tuned.close()]).then(() => plain.close(() => process.exit(0)));
});
process.send({ mock: mock.url, tuned: tuned.url, plain: `http://127.0.0.1:${plain.address().port}` });

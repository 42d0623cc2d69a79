// startMockServer serves the same handlers over real HTTP: signatures, overrides, CORS for a
// browser app on another origin, 4xx (never 500) for malformed requests, a body cap, request ids
// that do not depend on the port, and the acs-opensearch-mock command.
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createOpenSearchClient } from '@acs-opensearch/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOperations, openApiDocument } from '../src/index.js';
import { type MockServer, startMockServer } from '../src/node.js';

const key = { accessKeyId: 'demo-ak', accessKeySecret: 'demo-secret' };
const LIST = '/v4/openapi/app-groups/my_app/functions/ctr/instances';
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ port: 0, host: '127.0.0.1', verifySignature: key });
});
afterAll(() => server.close());

/** A raw HTTP/1.1 exchange, for requests fetch refuses to send. */
function rawHttp(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (d) => {
      out += d.toString();
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve(out);
    }, 1000);
  });
}

describe('startMockServer', () => {
  it('listens on loopback and serves signed client calls over HTTP', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const client = createOpenSearchClient({ endpoint: server.url, credentials: key });
    const page = await client.listFunctionInstances({ appGroupIdentity: 'my_app', functionName: 'ctr', pageSize: 2 });
    expect(page.result).toHaveLength(2);
    expect(server.controller.requests.at(-1)?.params).toMatchObject({ pageSize: 2 });
  });

  it('rejects unsigned requests, and answers 404 InvalidAction.NotFound for unknown paths and methods', async () => {
    const unsigned = await fetch(`${server.url}${LIST}`);
    expect(unsigned.status).toBe(400);
    expect((await unsigned.json()).Code).toBe('IncompleteSignature');
    const unknown = await fetch(`${server.url}/nope`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).Code).toBe('InvalidAction.NotFound');
    expect((await fetch(`${server.url}${LIST}`, { method: 'PATCH' })).status).toBe(404);
  });

  it('turns a networkError override into a dropped connection; resetHandlers removes it', async () => {
    server.use(server.mock.networkError({ once: true }));
    const client = createOpenSearchClient({ endpoint: server.url, credentials: key, retry: false });
    await expect(client.listFunctionInstances({ appGroupIdentity: 'a', functionName: 'b' })).rejects.toMatchObject({
      kind: 'network',
    });
    server.use(server.mock.error('Forbidden.RAM'));
    await expect(client.listFunctionInstances({ appGroupIdentity: 'a', functionName: 'b' })).rejects.toMatchObject({
      status: 403,
    });
    server.resetHandlers();
    await expect(client.listFunctionInstances({ appGroupIdentity: 'a', functionName: 'b' })).resolves.toBeDefined();
  });
});

describe('protocol edges', () => {
  it('a repeated signed header is named in the 400', async () => {
    const answer = await rawHttp(
      server.port,
      `POST ${LIST} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    expect(answer).toContain('The header content-type is sent more than once');
  });

  it('an HTTP/1.0 request without Host is answered for the bound address, not port 0', async () => {
    const mock = await startMockServer({ port: 0, verifySignature: key });
    try {
      const answer = await rawHttp(mock.port, `GET ${LIST} HTTP/1.0\r\n\r\n`);
      expect(answer.split('\r\n')[0]).toMatch(/^HTTP\/1\.[01] 400/);
      // Answered as a request to the bound address (its error is the API's, not a crash on port 0);
      // HostId is the spec's endpoint, the same whatever host a request names.
      expect(answer).toMatch(/"HostId":"[^":]+"/);
      expect(answer).not.toContain(':0"');
    } finally {
      await mock.close();
    }
  });

  it('every answer carries Date', async () => {
    const response = await fetch(`${server.url}${LIST}`);
    expect(Date.parse(response.headers.get('date') ?? '')).toBeGreaterThan(0);
  });
});

describe('malformed requests get 4xx, never 500', () => {
  it.each([
    [
      'a bad %-escape',
      `GET ${LIST.replace('ctr', 'c%ZZr')} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
      400,
    ],
    ['a Host with a space', `GET ${LIST} HTTP/1.1\r\nHost: 127.0.0.1 evil\r\nConnection: close\r\n\r\n`, 400],
    ['a Host with user info', `GET ${LIST} HTTP/1.1\r\nHost: user:pw@127.0.0.1\r\nConnection: close\r\n\r\n`, 400],
    ['TRACE', `TRACE ${LIST} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, 404],
    ['a broken request line', 'GET /\x01 HTTP/1.1\r\n\r\n', 400],
    [
      'a GET with a body (a clear 400, never 500)',
      `GET ${LIST} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      400,
    ],
    ['CONNECT (answered, not dropped)', 'CONNECT 127.0.0.1:443 HTTP/1.1\r\nHost: 127.0.0.1:443\r\n\r\n', 405],
    [
      'a repeated Content-Type (a clear 400, not SignatureDoesNotMatch)',
      `POST ${LIST} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      400,
    ],
    [
      'a repeated x-acs-action',
      `GET ${LIST} HTTP/1.1\r\nHost: 127.0.0.1\r\nx-acs-action: A\r\nx-acs-action: B\r\nConnection: close\r\n\r\n`,
      400,
    ],
    [
      'headers over the limit (431)',
      `GET ${LIST} HTTP/1.1\r\nHost: 127.0.0.1\r\nx-big: ${'a'.repeat(100 * 1024)}\r\nConnection: close\r\n\r\n`,
      431,
    ],
  ])('%s', async (_name, text, status) => {
    const answer = await rawHttp(server.port, text);
    const reason = {
      200: 'OK',
      400: 'Bad Request',
      404: 'Not Found',
      405: 'Method Not Allowed',
      431: 'Request Header Fields Too Large',
    }[status];
    expect(answer.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${reason}`);
  });

  it('a body over the cap is refused with 413 before it is buffered, whatever the path', async () => {
    const post = (base: string, path: string, method = 'POST') =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          `${base}${path}`,
          { method, headers: { 'content-length': String(300 * 1024 * 1024) } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.write(Buffer.alloc(64 * 1024));
      });
    const withPost = await startMockServer();
    try {
      expect(await post(withPost.url, LIST)).toBe(413);
      expect(await post(withPost.url, '/unknown')).toBe(413);
    } finally {
      await withPost.close();
    }
    // A method no operation has is refused at once, body unread.
    const methods = new Set(listOperations(openApiDocument).map((op) => op.method));
    const unused = ['PATCH', 'PUT', 'DELETE', 'POST'].find((m) => !methods.has(m));
    expect(unused, 'a write method the spec does not use').toBeDefined();
    expect(await post(server.url, LIST, unused)).toBe(404);
  });
});

describe('CORS for browser apps on another origin', () => {
  const origin = 'http://localhost:5173';
  it('answers the preflight and exposes x-acs-request-id', async () => {
    const preflight = await fetch(`${server.url}${LIST}`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization,x-acs-date',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization,x-acs-date');
    const answer = await fetch(`${server.url}${LIST}`, { headers: { origin } });
    expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
    expect(answer.headers.get('access-control-expose-headers')).toContain('x-acs-request-id');
  });

  it('is off with cors: false, and limited to the listed origins with an array', async () => {
    const closed = await startMockServer({ cors: false });
    const listed = await startMockServer({ cors: ['http://app.example'] });
    try {
      expect(
        (await fetch(`${closed.url}${LIST}`, { headers: { origin } })).headers.get('access-control-allow-origin'),
      ).toBeNull();
      expect(
        (await fetch(`${listed.url}${LIST}`, { headers: { origin } })).headers.get('access-control-allow-origin'),
      ).toBeNull();
      expect(
        (await fetch(`${listed.url}${LIST}`, { headers: { origin: 'http://app.example' } })).headers.get(
          'access-control-allow-origin',
        ),
      ).toBe('http://app.example');
    } finally {
      await closed.close();
      await listed.close();
    }
  });
});

describe('determinism', () => {
  it('request ids do not depend on the host or port, and repeat for the same sequence', async () => {
    const ids = async () => {
      const mock = await startMockServer({ seed: 9 });
      try {
        const out: string[] = [];
        for (const q of ['', '?pageSize=2', ''])
          out.push((await fetch(`${mock.url}${LIST}${q}`)).headers.get('x-acs-request-id')!);
        return out;
      } finally {
        await mock.close();
      }
    };
    const [a, b] = [await ids(), await ids()];
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(3);
  });
});

describe('acs-opensearch-mock (the bin)', () => {
  it('prints its URL, serves signed calls, and stops cleanly on SIGTERM', async () => {
    const bin = fileURLToPath(new URL('../bin/acs-opensearch-mock.mjs', import.meta.url));
    const child = spawn(
      process.execPath,
      [bin, '--port', '0', '--verify-signature', 'bin-ak:bin-sk', '--casing', 'pascal', '--seed', '3'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /listening on (http:\/\/\S+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    const client = createOpenSearchClient({
      endpoint: url,
      credentials: { accessKeyId: 'bin-ak', accessKeySecret: 'bin-sk' },
    });
    const page = await client.listFunctionInstances({ appGroupIdentity: 'a', functionName: 'ctr', pageSize: 1 });
    expect(page.result).toHaveLength(1);
    const raw = await (await fetch(`${url}${LIST}`)).json();
    expect(raw.Code).toBe('IncompleteSignature');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
  });

  it('refuses a bad option with usage and exit code 2', async () => {
    const bin = fileURLToPath(new URL('../bin/acs-opensearch-mock.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, '--casing', 'snake'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(stderr).toContain('--casing must be camel or pascal');
  });
});

describe('reset', () => {
  it('the mock server resets the same way', async () => {
    const mock = await startMockServer();
    try {
      const url = `${mock.url}/v4/openapi/app-groups/a/functions/ctr/instances`;
      mock.use(mock.mock.error('ServiceUnavailable'));
      expect((await fetch(url)).status).toBe(503);
      mock.reset();
      expect((await fetch(url)).status).toBe(200);
      expect(mock.controller.requests).toHaveLength(1);
    } finally {
      await mock.close();
    }
  });
});

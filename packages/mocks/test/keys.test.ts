// The mock server for services: several key pairs, each with an optional STS token, from options,
// a repeated --verify-signature flag or a keys file; an unknown AccessKeyId and a token that is not
// its key's are refused with the API's codes; controller.requests records which key signed each
// request and whether it carried a token, never a secret. Operations are picked by shape.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenSearchClient, OPERATIONS, OpenSearchError, type OperationMeta } from '@acs-opensearch/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/node.js';

// Any GET: a correctly signed call gets a 2xx or a modelled 4xx (an unknown app group, say), never a key refusal.
const op = (Object.values(OPERATIONS) as OperationMeta[]).find((o) => o.method === 'GET')!;
const params = Object.fromEntries(
  op.parameters.filter((p) => p.required && p.in === 'path').map((p) => [p.name, 'a1']),
) as Record<string, unknown>;
const KEY_CODES = /Signature|AccessKey|SecurityToken|IncompleteSignature/;

const longTerm = { accessKeyId: 'long-ak', accessKeySecret: 'long-secret-value' };
const sts = { accessKeyId: 'STS.sts-ak', accessKeySecret: 'sts-secret-value', securityToken: 'sts-token-value' };

/** A call's outcome: 'ok', or the error code. */
async function outcome(endpoint: string, credentials: Record<string, string>): Promise<string> {
  const client = createOpenSearchClient({ endpoint, credentials: credentials as never, retry: false });
  const method = (client as unknown as Record<string, (p: unknown) => Promise<unknown>>)[op.operationId]!;
  try {
    await method(params);
    return 'ok';
  } catch (error) {
    if (!(error instanceof OpenSearchError) || error.kind !== 'client') throw error;
    return KEY_CODES.test(error.code) ? error.code : 'ok';
  }
}

describe('several key pairs, with STS tokens', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ verifySignature: [longTerm, sts] });
  });
  afterAll(() => server.close());

  it('each pair is accepted; an unknown key, and a wrong or missing token for a key that has one, are refused with their codes', async () => {
    expect(await outcome(server.url, longTerm)).toBe('ok');
    expect(await outcome(server.url, sts)).toBe('ok');
    expect(await outcome(server.url, { ...longTerm, accessKeyId: 'nobody' })).toBe('InvalidAccessKeyId.NotFound');
    expect(await outcome(server.url, { ...sts, securityToken: 'rotated-away' })).toBe(
      'InvalidSecurityToken.MismatchWithAccessKey',
    );
    const { securityToken: _dropped, ...noToken } = sts;
    expect(await outcome(server.url, noToken)).toBe('InvalidSecurityToken.Malformed');
    // A pair given without a token does not check one (an STS client against `--verify-signature AK:SK`).
    expect(await outcome(server.url, { ...longTerm, securityToken: 'any' })).toBe('ok');
    expect(await outcome(server.url, { ...sts, accessKeySecret: 'wrong' })).toBe('SignatureDoesNotMatch');
  });

  it('controller.requests records the key id and whether a token was used, never a secret', async () => {
    server.reset();
    await outcome(server.url, longTerm);
    await outcome(server.url, sts);
    expect(server.controller.requests.map((r) => [r.accessKeyId, r.securityToken])).toEqual([
      ['long-ak', false],
      ['STS.sts-ak', true],
    ]);
    const recorded = JSON.stringify(server.controller.requests);
    expect(recorded).not.toContain(longTerm.accessKeySecret);
    expect(recorded).not.toContain(sts.accessKeySecret);
  });

  it('refuses a bad key list at creation', async () => {
    await expect(startMockServer({ verifySignature: [{ accessKeyId: '', accessKeySecret: 'x' }] })).rejects.toThrow(
      'verifySignature keys must be { accessKeyId, accessKeySecret, securityToken? }',
    );
  });
});

describe('acs-opensearch-mock with several keys', () => {
  const bin = fileURLToPath(new URL('../bin/acs-opensearch-mock.mjs', import.meta.url));
  function start(args: string[]) {
    const child = spawn(process.execPath, [bin, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const url = new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = /listening on (http:\/\/\S+)/.exec(d.toString());
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
    });
    const stop = () => {
      child.kill('SIGTERM');
      return new Promise((resolve) => child.on('exit', resolve));
    };
    return { url, stop, child, stderr: () => stderr };
  }

  it('takes repeated --verify-signature AK:SK[:TOKEN] and a --keys-file together', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acs-keys-'));
    const file = join(dir, 'keys.json');
    writeFileSync(
      file,
      JSON.stringify([{ accessKeyId: 'file-ak', accessKeySecret: 'file-sk', securityToken: 'file-token' }]),
    );
    const server = start([
      '--verify-signature',
      `${longTerm.accessKeyId}:${longTerm.accessKeySecret}`,
      '--verify-signature',
      `${sts.accessKeyId}:${sts.accessKeySecret}:${sts.securityToken}`,
      '--keys-file',
      file,
    ]);
    const url = await server.url;
    expect(await outcome(url, longTerm)).toBe('ok');
    expect(await outcome(url, sts)).toBe('ok');
    expect(
      await outcome(url, { accessKeyId: 'file-ak', accessKeySecret: 'file-sk', securityToken: 'file-token' }),
    ).toBe('ok');
    expect(await outcome(url, { accessKeyId: 'file-ak', accessKeySecret: 'file-sk' })).toBe(
      'InvalidSecurityToken.Malformed',
    );
    expect(await server.stop()).toBe(0);
  });

  it('refuses a bad keys file with exit code 2, naming the file and never a secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acs-keys-'));
    const file = join(dir, 'keys.json');
    writeFileSync(file, JSON.stringify([{ accessKeyId: 'ak', accessKeySecret: 'leaky-secret', securityToken: 5 }]));
    const server = start(['--keys-file', file]);
    await expect(server.url).rejects.toThrow();
    expect(server.stderr()).toContain(`--keys-file ${file} must be a JSON array`);
    expect(server.stderr()).not.toContain('leaky-secret');
  });
});

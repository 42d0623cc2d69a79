#!/usr/bin/env node
// acs-opensearch-mock: the mock server from the command line, for Playwright's webServer, other
// languages and manual testing. Prints its URL, stops cleanly on SIGINT or SIGTERM.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startMockServer } from './node.js';

const USAGE = `Usage: acs-opensearch-mock [options]

Serves the OpenSearch API mocks (every operation of the spec) over HTTP.

  --port N                  port to listen on (default 4010; 0 picks a free one)
  --host HOST               interface to bind (default 127.0.0.1)
  --verify-signature AK:SK[:TOKEN]
                            check ACS3-HMAC-SHA256 signatures with this key pair, and with
                            TOKEN, require it as the STS security token (repeatable: several
                            pairs; an unknown AccessKeyId is InvalidAccessKeyId.NotFound, a
                            token that is not its key's InvalidSecurityToken.*; without TOKEN,
                            the token is not checked)
  --keys-file FILE          key pairs from a JSON file: [{ "accessKeyId", "accessKeySecret",
                            "securityToken"? }], with or beside --verify-signature
  --casing camel|pascal     wire casing of the answers (default camel)
  --seed N                  seed of the generated data and request ids (default 1)
  --latency MS              delay every answer (default 0)
  --no-cors                 no CORS headers (default: on when the host is loopback)
  --cors-origin ORIGIN      allow only this origin (repeatable)
  --help                    this text`;

type Key = { accessKeyId: string; accessKeySecret: string; securityToken?: string };

/** `AK:SK` or `AK:SK:TOKEN` (the token is everything after the second colon). */
function parseKeyPair(text: string): Key {
  const [accessKeyId, accessKeySecret, ...token] = text.split(':');
  if (!accessKeyId || !accessKeySecret) throw new Error('--verify-signature must be AK:SK or AK:SK:TOKEN');
  return { accessKeyId, accessKeySecret, ...(token.length > 0 ? { securityToken: token.join(':') } : {}) };
}

/** A JSON array of key pairs; a bad file names what is wrong, never a secret. */
function readKeysFile(path: string): Key[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--keys-file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'not valid JSON'}`);
  }
  const valid = (k: Partial<Key> | null) =>
    !!k &&
    typeof k.accessKeyId === 'string' &&
    k.accessKeyId !== '' &&
    typeof k.accessKeySecret === 'string' &&
    k.accessKeySecret !== '' &&
    (k.securityToken === undefined || typeof k.securityToken === 'string');
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every(valid))
    throw new Error(`--keys-file ${path} must be a JSON array of { accessKeyId, accessKeySecret, securityToken? }`);
  return (parsed as Key[]).map(({ accessKeyId, accessKeySecret, securityToken }) => ({
    accessKeyId,
    accessKeySecret,
    ...(securityToken === undefined ? {} : { securityToken }),
  }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'verify-signature': { type: 'string', multiple: true },
      'keys-file': { type: 'string' },
      casing: { type: 'string', default: 'camel' },
      seed: { type: 'string', default: '1' },
      latency: { type: 'string', default: '0' },
      'no-cors': { type: 'boolean', default: false },
      'cors-origin': { type: 'string', multiple: true },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const integer = (name: string, text: string) => {
    if (!/^\d+$/.test(text)) throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}`);
    return Number(text);
  };
  const keys = [
    ...(values['verify-signature'] ?? []).map(parseKeyPair),
    ...(values['keys-file'] ? readKeysFile(values['keys-file']) : []),
  ];
  const verifySignature = keys.length > 0 ? keys : undefined;
  if (values.casing !== 'camel' && values.casing !== 'pascal') throw new Error('--casing must be camel or pascal');
  const server = await startMockServer({
    port: integer('port', values.port),
    host: values.host,
    seed: integer('seed', values.seed),
    latencyMs: integer('latency', values.latency),
    casing: values.casing,
    ...(verifySignature ? { verifySignature } : {}),
    ...(values['no-cors'] ? { cors: false } : values['cors-origin'] ? { cors: values['cors-origin'] } : {}),
  });
  console.log(`acs-opensearch-mock listening on ${server.url}`);
  const stop = (signal: string) => {
    console.log(`acs-opensearch-mock: ${signal}, closing`);
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`acs-opensearch-mock: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
});

// openapi-fetch middleware that signs each request, for users who build their own client with
// createClient<paths>(). The action and version are looked up per request from the spec by method
// and path template. It signs once per call (openapi-fetch runs onRequest once); for retries that
// re-sign every attempt, and for validation, use createOpenSearchClient.
import type { Middleware } from 'openapi-fetch';
import type { CredentialsCacheOptions } from '../credentials/cache.js';
import { type CredentialsOption, createCredentialsSource } from '../credentials/credentials.js';
import { resolveOperation } from '../operations/resolveOperation.js';
import type { SigningCrypto } from '../signing/crypto.js';
import { signRequest } from '../signing/signRequest.js';

export interface SigningMiddlewareOptions {
  /** Static credentials, a provider, a `Credential` of @alicloud/credentials, or (when omitted) the ALIBABA_CLOUD_* environment variables. */
  credentials?: CredentialsOption | undefined;
  /** How credentials from a provider or a `Credential` are reused (as the client's option of the same name). */
  credentialsCache?: CredentialsCacheOptions | undefined;
  /** The clock, for tests or a known skew. */
  now?: () => Date | number;
  nonce?: () => string;
  /** Hash primitives; default node:crypto in Node, Web Crypto elsewhere. */
  signingCrypto?: SigningCrypto;
}

/** Creates middleware that adds the x-acs-* headers and the ACS3-HMAC-SHA256 Authorization. */
export function createSigningMiddleware(options: SigningMiddlewareOptions = {}): Middleware {
  const credentials = createCredentialsSource(options.credentials, options.credentialsCache);
  return {
    async onRequest({ request, schemaPath }) {
      const op = resolveOperation(request.method, schemaPath);
      const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
      const signed = await signRequest(
        { method: request.method, url: request.url, headers: request.headers, body },
        {
          credentials: await credentials(),
          action: op.action,
          version: op.version,
          ...(options.now ? { now: options.now } : {}),
          ...(options.nonce ? { nonce: options.nonce } : {}),
          crypto: options.signingCrypto,
        },
      );
      const headers = new Headers(request.headers);
      for (const [name, value] of Object.entries(signed.headers)) headers.set(name, value);
      return new Request(request.url, {
        method: request.method,
        headers,
        body: body as BodyInit | undefined,
        signal: request.signal,
        redirect: 'manual',
      });
    },
  };
}

// openapi-fetch middleware that signs each request, for users who build their own client with
// createClient<paths>(). It signs once per call (openapi-fetch runs onRequest once); for retries
// that re-sign every attempt, use createOpenSearchClient.
import type { Middleware } from 'openapi-fetch';
import { createCredentialsSource, type CredentialsOption } from './credentials.js';
import { API_VERSION, OPERATIONS } from './generated/metadata.js';
import { signRequest, type SigningCrypto } from './signing/index.js';

export interface SigningMiddlewareOptions {
  /** Static credentials, a provider called per request, or (when omitted) the ALIBABA_CLOUD_* environment variables. */
  credentials?: CredentialsOption | undefined;
  /** x-acs-action; by default looked up from the spec by the request's path template. */
  action?: string | undefined;
  /** x-acs-version; default the spec's version. */
  version?: string | undefined;
  /** The clock, for tests or a known skew. */
  now?: () => Date | number;
  nonce?: () => string;
  /** Hash primitives; default Web Crypto. */
  signingCrypto?: SigningCrypto;
}

const ACTIONS = new Map<string, string>(
  Object.values(OPERATIONS).map((op) => [`${op.method} ${op.path}`, op.action ?? '']),
);

/** Creates middleware that adds the x-acs-* headers and the ACS3-HMAC-SHA256 Authorization. */
export function createSigningMiddleware(options: SigningMiddlewareOptions = {}): Middleware {
  const credentials = createCredentialsSource(options.credentials);
  return {
    async onRequest({ request, schemaPath }) {
      const action = options.action ?? ACTIONS.get(`${request.method} ${schemaPath}`);
      if (!action) {
        throw new TypeError(`createSigningMiddleware: no x-acs-action known for ${request.method} ${schemaPath}; pass { action }`);
      }
      const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
      const signed = await signRequest(
        { method: request.method, url: request.url, headers: request.headers, body },
        {
          credentials: await credentials(),
          action,
          version: options.version ?? API_VERSION,
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
        redirect: request.redirect,
      });
    },
  };
}

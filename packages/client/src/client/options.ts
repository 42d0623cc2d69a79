// The client's options: each checked (a bad one is a ValidationError naming it), defaults applied,
// and the resolved configuration that `client.config` shows (never a credential).
import type { CredentialsCacheOptions } from '../credentials/cache.js';
import { type CredentialsOption, createCredentialsSource, describeCredentials } from '../credentials/credentials.js';
import { pickTransport } from '../engine/defaultTransport.js';
import type { CallHooks } from '../engine/hooks.js';
import { createRetryBudget, type RetryBudgetOptions } from '../engine/retryBudget.js';
import { type RetryOptions, resolveRetry } from '../engine/retryPolicy.js';
import { assertHeaderValue, checkNumber, checkOptionsObject, MAX_TIMER_MS } from '../errors/checks.js';
import { ValidationError } from '../errors/errors.js';
import { SecretSet } from '../errors/secretSet.js';
import type { RegionId } from '../generated/metadata.js';
import type { SigningCrypto } from '../signing/crypto.js';
import { DEFAULT_CRYPTO_NAME, defaultCrypto } from '../signing/defaultCrypto.js';
import { resolveEndpoint } from './endpoint.js';
import { DEFAULT_USER_AGENT } from './platform.js';

export interface OpenSearchClientOptions {
  /** The region whose public endpoint to call. Default `cn-hangzhou`. Ignored when `endpoint` is set. */
  regionId?: RegionId;
  /** A full base URL that overrides the region: proxies, VPC endpoints, a local mock (`http://127.0.0.1:PORT`). */
  endpoint?: string;
  /**
   * Static credentials; a provider function; or a `Credential` of `@alicloud/credentials` (its default
   * chain, ECS RAM role, OIDC/RRSA, profiles, a credentials URI). Default: the ALIBABA_CLOUD_* environment variables.
   */
  credentials?: CredentialsOption;
  /** How credentials from a provider or a `Credential` are reused: refreshMarginMs (default 5 min) and maxAgeMs (default 60 s). */
  credentialsCache?: CredentialsCacheOptions;
  /** Called on every attempt of every call, generated or raw: onAttempt, onResponse, onError. Default none. */
  hooks?: CallHooks;
  /**
   * The fetch to send through (undici's with a ProxyAgent, a test's stub). Setting it implies
   * `transport: 'fetch'`. Default: `globalThis.fetch`, looked up at every request.
   */
  fetch?: typeof fetch;
  /**
   * How requests go out. `'auto'` (default): in Node, node:http(s) on a keep-alive agent, unless
   * `globalThis.fetch` has been replaced since the client loaded (MSW, a stub: then that fetch);
   * elsewhere fetch. `'node'`: node:http(s) always (Node only). `'fetch'`: fetch always.
   */
  transport?: 'auto' | 'node' | 'fetch';
  /**
   * Node only: the `http.Agent` or `https.Agent` the node transport sends through: a pool of your
   * own, or a proxy agent (`new HttpsProxyAgent(process.env.HTTPS_PROXY)`). Default: a keep-alive
   * agent per client.
   */
  agent?: object;
  /** Per-attempt timeout in ms, covering the response body too; 0 disables it. Default 10000. */
  timeoutMs?: number;
  /** Bound on a whole call in ms: every attempt and every wait between them; 0 disables it. Default 60000. */
  deadlineMs?: number;
  /** The largest response body the client reads, in bytes, counted after decompression. Default 10 MiB. */
  maxResponseBytes?: number;
  /** Retry policy, or `false` for a single attempt. Default: 3 attempts, full-jitter backoff. */
  retry?: RetryOptions | false;
  /**
   * The retry budget every call of the client shares (a token bucket, as AWS SDK v3's standard mode
   * has): a retry costs retryCost (timeoutCost after a timeout), a call that succeeds gives back what
   * its last retry cost or successIncrement; an empty bucket means no more retries until calls
   * succeed. `false` turns it off. Default { capacity: 500, retryCost: 5, timeoutCost: 10, successIncrement: 1 }.
   */
  retryBudget?: RetryBudgetOptions | false;
  /** The User-Agent to send. Default in Node: `acs-opensearch-client/<version> node/<version>`; none elsewhere (browsers forbid it). */
  userAgent?: string;
  /** Hash primitives for signing. Default: node:crypto in Node, Web Crypto elsewhere (chosen by the package's export conditions). */
  signingCrypto?: SigningCrypto;
}

export interface OpenSearchClientConfig {
  baseUrl: string;
  regionId: RegionId | undefined;
  timeoutMs: number;
  deadlineMs: number;
  maxResponseBytes: number;
  maxAttempts: number;
  /** The retry budget's capacity in tokens; 0 when it is off. */
  retryBudget: number;
  credentials: string;
  userAgent: string | undefined;
  /** The hooks that are set, by name. */
  hooks: string[];
  signingCrypto: 'web-crypto' | 'node:crypto' | 'custom';
  /** What sends requests: node:http(s), or fetch (`custom fetch` when the `fetch` option is set). */
  transport: 'node:http' | 'fetch' | 'custom fetch';
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_DEADLINE_MS = 60_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** A function, or a ValidationError naming `field`. */
function checkFunction(field: string, value: unknown): void {
  if (typeof value !== 'function') throw new ValidationError(field, `${field} must be a function`);
}

/** fetch, signingCrypto, credentialsCache and hooks: the shapes the client calls into (transport and agent: defaultTransport.ts). */
function checkShapes(options: OpenSearchClientOptions): void {
  if (options.fetch !== undefined) checkFunction('fetch', options.fetch);
  const crypto = options.signingCrypto;
  if (crypto !== undefined && (typeof crypto?.sha256Hex !== 'function' || typeof crypto.hmacSha256Hex !== 'function'))
    throw new ValidationError('signingCrypto', 'signingCrypto must be { sha256Hex, hmacSha256Hex }');
  checkOptionsObject('credentialsCache', options.credentialsCache, ['refreshMarginMs', 'maxAgeMs'], (field, value) =>
    checkNumber(field, value, 0, MAX_TIMER_MS),
  );
  checkOptionsObject('hooks', options.hooks, ['onAttempt', 'onResponse', 'onError'], checkFunction);
}

/** Every option checked and resolved; `config` is what the client shows of them. */
export function resolveOptions(options: OpenSearchClientOptions) {
  if (!options || typeof options !== 'object') throw new ValidationError('options', 'options must be an object');
  const { baseUrl, regionId } = resolveEndpoint(options);
  const timeoutMs = checkNumber('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 0, MAX_TIMER_MS);
  const deadlineMs = checkNumber('deadlineMs', options.deadlineMs ?? DEFAULT_DEADLINE_MS, 0, MAX_TIMER_MS);
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxResponseBytes = checkNumber('maxResponseBytes', maxBytes, 1, 2 ** 40, true);
  checkShapes(options);
  if (options.userAgent !== undefined) assertHeaderValue('userAgent', options.userAgent);
  const retry = resolveRetry(options.retry);
  const budget = createRetryBudget(options.retryBudget);
  // Every secret the client comes to know, removed from every error and event it hands back.
  const secrets = new SecretSet();
  const credentials = createCredentialsSource(options.credentials, options.credentialsCache, undefined, secrets);
  const userAgent = options.userAgent ?? DEFAULT_USER_AGENT;
  const [transport, transportName] = pickTransport(options);
  const config: OpenSearchClientConfig = Object.freeze({
    baseUrl,
    regionId,
    timeoutMs,
    deadlineMs,
    maxResponseBytes,
    maxAttempts: retry.maxAttempts,
    retryBudget: budget?.capacity ?? 0,
    credentials: describeCredentials(options.credentials),
    userAgent,
    hooks: options.hooks ? Object.keys(options.hooks).filter((k) => options.hooks![k as keyof CallHooks]) : [],
    signingCrypto: options.signingCrypto ? 'custom' : DEFAULT_CRYPTO_NAME,
    transport: transportName,
  });
  const hooks = config.hooks.length > 0 ? options.hooks : undefined;
  return {
    config,
    retry,
    budget,
    secrets,
    credentials,
    hooks,
    crypto: options.signingCrypto ?? defaultCrypto,
    transport,
  };
}

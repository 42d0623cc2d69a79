// Where credentials come from: a static pair (or STS triple), a provider function, a credentials
// object from @alicloud/credentials (anything with `getCredential()`: its default chain, ECS RAM
// role, OIDC/RRSA, profiles, a credentials URI), or the ALIBABA_CLOUD_* environment variables.
// Asynchronous sources are cached with single-flight refresh (cache.ts, loaded on first use); a
// static pair is checked once and costs nothing per call. A bad static value is a ValidationError naming the field; a
// source that fails is a CredentialsError. No value is ever echoed.
import { assertCredentials, type Credentials } from '../errors/checks.js';
import { ValidationError } from '../errors/errors.js';
import type { SecretSet } from '../errors/secretSet.js';
import type { CredentialsCacheOptions, ExpiringCredentials } from './cache.js';

/**
 * Returns credentials, with their expiration when they have one (then they are reused until
 * refreshMarginMs before it). Called at most once at a time, however many calls are waiting.
 */
export type CredentialsProvider = () => ExpiringCredentials | Promise<ExpiringCredentials>;

/** The shape of a `Credential` of `@alicloud/credentials` (its `getCredential()`), without depending on the package. */
export interface CredentialsClient {
  getCredential(): Promise<{ accessKeyId?: string; accessKeySecret?: string; securityToken?: string }>;
}

export type CredentialsOption = Credentials | CredentialsProvider | CredentialsClient;

/**
 * The lookup one attempt makes: waits at most `withinMs` (the attempt's time) for an asynchronous
 * source, then fails with a CredentialsError `CredentialsTimeout`.
 */
export type CredentialsLookup = (withinMs?: number) => Credentials | Promise<Credentials>;

export type { CredentialsCacheOptions, ExpiringCredentials };

const isClient = (option: unknown): option is CredentialsClient =>
  typeof option === 'object' && option !== null && typeof (option as CredentialsClient).getCredential === 'function';

function fromEnvironment(): Credentials | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (!env?.ALIBABA_CLOUD_ACCESS_KEY_ID && !env?.ALIBABA_CLOUD_ACCESS_KEY_SECRET) return undefined;
  return {
    accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? '',
    accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? '',
    ...(env.ALIBABA_CLOUD_SECURITY_TOKEN ? { securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN } : {}),
  };
}

/** The environment, read at every attempt (a rotated variable is picked up). */
function environmentSource(secrets: SecretSet | undefined): Credentials {
  const credentials = fromEnvironment();
  secrets?.addCredentials(credentials);
  if (!credentials)
    throw new ValidationError(
      'credentials',
      'no credentials: pass `credentials`, or set ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET',
    );
  assertCredentials(credentials);
  return credentials;
}

/** An asynchronous source, cached: cache.ts loads on the first lookup, so static credentials never load it. */
function cached(
  source: () => unknown,
  cache: CredentialsCacheOptions | undefined,
  now: (() => number) | undefined,
  secrets: SecretSet | undefined,
) {
  let lookup: ((withinMs?: number) => Credentials | Promise<Credentials>) | undefined;
  return (withinMs?: number): Credentials | Promise<Credentials> =>
    lookup
      ? lookup(withinMs)
      : import('./cache.js').then(({ cachedSource }) => {
          lookup ??= cachedSource(source, cache, now, secrets);
          return lookup(withinMs);
        });
}

/** The lookup one attempt makes. A static pair is checked now, so a typo fails at creation. */
export function createCredentialsSource(
  option: CredentialsOption | undefined,
  cache?: CredentialsCacheOptions,
  now?: () => number,
  /** The client's secrets: every secret and token the source gives is added, from the first on. */
  secrets?: SecretSet,
): CredentialsLookup {
  if (typeof option === 'function') return cached(option, cache, now, secrets);
  if (isClient(option)) return cached(() => option.getCredential(), cache, now, secrets);
  if (option === undefined) return () => environmentSource(secrets);
  secrets?.addCredentials(option as Credentials);
  assertCredentials(option);
  // Copy, so that later mutation of the caller's object cannot change what is signed.
  const { accessKeyId, accessKeySecret, securityToken } = option;
  const frozen: Credentials = Object.freeze({ accessKeyId, accessKeySecret, securityToken });
  return () => frozen;
}

/** How credentials were configured, safe to show. */
export function describeCredentials(option: CredentialsOption | undefined): string {
  if (typeof option === 'function') return 'provider';
  if (isClient(option)) return 'credentials client';
  if (option) return option.securityToken ? 'static (STS)' : 'static';
  return 'environment';
}

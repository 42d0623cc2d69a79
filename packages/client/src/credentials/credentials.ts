// Where credentials come from: a static pair, a provider called for every attempt (STS tokens
// that refresh), or the ALIBABA_CLOUD_* environment variables where process.env exists. Every
// source is checked the same way (assertCredentials): a bad one is a ValidationError naming the
// field, never echoing a value.

import { assertCredentials, type Credentials } from '../errors/checks.js';
import { ValidationError } from '../errors/errors.js';

/** Returns credentials for one attempt; called again for every attempt, so it may refresh STS tokens. */
export type CredentialsProvider = () => Credentials | Promise<Credentials>;

export type CredentialsOption = Credentials | CredentialsProvider;

function fromEnvironment(): Credentials | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (!env?.ALIBABA_CLOUD_ACCESS_KEY_ID && !env?.ALIBABA_CLOUD_ACCESS_KEY_SECRET) return undefined;
  return {
    accessKeyId: env.ALIBABA_CLOUD_ACCESS_KEY_ID ?? '',
    accessKeySecret: env.ALIBABA_CLOUD_ACCESS_KEY_SECRET ?? '',
    ...(env.ALIBABA_CLOUD_SECURITY_TOKEN ? { securityToken: env.ALIBABA_CLOUD_SECURITY_TOKEN } : {}),
  };
}

/** Builds the per-attempt credential lookup. A static pair is checked at once, so a typo fails at creation. */
export function createCredentialsSource(
  option: CredentialsOption | undefined,
): () => Credentials | Promise<Credentials> {
  if (typeof option === 'function') {
    return async () => {
      let credentials: Credentials;
      try {
        credentials = await option();
      } catch (cause) {
        throw new ValidationError('credentials', 'the credentials provider failed; see cause', cause);
      }
      assertCredentials(credentials);
      return credentials;
    };
  }
  if (option !== undefined) {
    assertCredentials(option);
    // Copy, so that later mutation of the caller's object cannot change what is signed.
    const { accessKeyId, accessKeySecret, securityToken } = option;
    const frozen: Credentials = Object.freeze({ accessKeyId, accessKeySecret, securityToken });
    return () => frozen;
  }
  return () => {
    const credentials = fromEnvironment();
    if (!credentials) {
      throw new ValidationError(
        'credentials',
        'no credentials: pass `credentials`, or set ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET',
      );
    }
    assertCredentials(credentials);
    return credentials;
  };
}

/** How credentials were configured, safe to show. */
export function describeCredentials(option: CredentialsOption | undefined): string {
  if (typeof option === 'function') return 'provider';
  if (option) return option.securityToken ? 'static (STS)' : 'static';
  return 'environment';
}

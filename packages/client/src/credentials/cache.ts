// Caching with single-flight refresh, for every asynchronous credentials source: one refresh at a
// time however many calls want credentials, reuse until a margin before the expiration (or for
// maxAgeMs when the source gives none), and a typed error when a refresh fails with nothing valid
// left. Each value is a frozen copy: a call keeps the credentials it signed with.

import { CredentialsError } from '../errors/answerErrors.js';
import { assertCredentials, type Credentials } from '../errors/checks.js';
import { OpenSearchError, ValidationError } from '../errors/errors.js';
import { redactError } from '../errors/redact.js';
import { SecretSet } from '../errors/secretSet.js';

export interface CredentialsCacheOptions {
  /** Refresh this long before the credentials' expiration, in ms. Default 300000 (5 minutes). */
  refreshMarginMs?: number;
  /** How long credentials without an expiration are reused, in ms; 0 asks the source for every attempt. Default 60000. */
  maxAgeMs?: number;
}

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;
const DEFAULT_MAX_AGE_MS = 60_000;

/** What a source may return: credentials, and when they expire (epoch ms, a Date, or an ISO 8601 string as STS gives). */
export type ExpiringCredentials = Credentials & { expiration?: number | Date | string | undefined };

interface Entry {
  credentials: Credentials;
  /** When to fetch new ones. */
  refreshAt: number;
  /** When these stop being valid (Infinity when unknown). */
  expiresAt: number;
}

function expirationMs(value: ExpiringCredentials['expiration']): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : Number.NaN;
}

/** The credentials of one lookup, checked and frozen, with when to refresh them. */
function entryOf(got: unknown, now: number, margin: number, maxAge: number): Entry {
  // What the source returned is checked like static credentials: a ValidationError naming the field.
  assertCredentials(got);
  const { accessKeyId, accessKeySecret, securityToken, expiration } = got as ExpiringCredentials;
  const expiresAt = expirationMs(expiration);
  if (Number.isNaN(expiresAt))
    throw new ValidationError(
      'credentials.expiration',
      'credentials.expiration must be a Date, epoch ms or an ISO 8601 time',
    );
  const credentials = Object.freeze({ accessKeyId, accessKeySecret, securityToken });
  const refreshAt = Number.isFinite(expiresAt) ? expiresAt - margin : now + maxAge;
  return { credentials, refreshAt, expiresAt };
}

/** The cached, single-flight lookup of an asynchronous source. */
export function cachedSource(
  source: () => unknown,
  options: CredentialsCacheOptions = {},
  now: () => number = Date.now,
  /** The client's secrets: each lookup's are added, and every failure is freed of them. */
  secrets: SecretSet = new SecretSet(),
): (withinMs?: number) => Credentials | Promise<Credentials> {
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const maxAge = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  let entry: Entry | undefined;
  let inflight: Promise<Credentials> | undefined;

  async function refresh(): Promise<Credentials> {
    let got: unknown;
    try {
      got = await source();
    } catch (cause) {
      // A failed refresh keeps the cached credentials while they are still valid.
      if (entry && now() < entry.expiresAt) return entry.credentials;
      if (cause instanceof OpenSearchError) throw cause;
      // The cause holds no secret: known ones and secret-looking values removed, or only its name and code.
      throw new CredentialsError('the credentials source failed; see cause', redactError(cause, secrets));
    }
    // Known from now on, even if the values turn out unusable: an error may quote them.
    secrets.addCredentials(got as Credentials | undefined);
    entry = entryOf(got, now(), margin, maxAge);
    return entry.credentials;
  }

  return (withinMs = Number.POSITIVE_INFINITY) => {
    if (entry && now() < entry.refreshAt) return entry.credentials;
    inflight ??= refresh().finally(() => {
      inflight = undefined;
    });
    return Number.isFinite(withinMs) ? bounded(inflight, withinMs) : inflight;
  };
}

/**
 * A lookup that waits at most `ms` (the attempt's time): past it, this attempt fails with a
 * CredentialsError `CredentialsTimeout`, while the refresh goes on for the attempts that follow.
 */
function bounded(lookup: Promise<Credentials>, ms: number): Promise<Credentials> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new CredentialsError(
            `the credentials source did not answer within ${ms} ms (the attempt's time); nothing was sent`,
            undefined,
            'CredentialsTimeout',
          ),
        ),
      ms,
    );
  });
  return Promise.race([lookup, late]).finally(() => clearTimeout(timer));
}

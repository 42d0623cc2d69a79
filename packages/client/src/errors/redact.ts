// Secrets out of every text the client hands back: error messages, causes, error bodies and hook
// events. Two passes, both needed:
//   1. every secret the client knows (static credentials, anything a source returned) is removed in
//      any form it may take on the way back: raw, JSON-escaped (at any depth up to 3), URL-encoded
//      (once or twice, either hex case, `+` for space) and base64 (standard or URL-safe, at any
//      alignment inside a longer encoded text);
//   2. the value under any secret-looking key (AccessKeySecret, SecurityToken, secret, token,
//      password, signature, credential, authorization...) is removed wherever it sits: JSON, JSON
//      nested in strings at any depth (escaped quotes), query strings, headers, `key=value` text.
// A text that still carries a secret-looking pair once decoded (URL-encoded or base64 JSON of a
// secret the client never saw) cannot be made safe: `redactError` then keeps only the name and code.

import { MIN_SECRET_LENGTH, type SecretSet } from './secretSet.js';

export const REDACTED = '[redacted]';

const KEY = String.raw`(?<![A-Za-z0-9_.\-])[A-Za-z0-9_.\-]{0,40}?(?:secret|token|passw(?:or)?d|pwd|signature|credential|authorization|api[_\-]?key|private[_\-]?key)[A-Za-z0-9_.\-]{0,40}`;
// key, an optional closing quote (escaped at any depth), the separator, then the value: quoted with
// the same escaping (its closing quote not itself escaped), or bare up to a delimiter.
const PAIR = new RegExp(
  String.raw`(${KEY}(?:\\*["'])?\s*[:=]\s*)(?:\[redacted\]|(\\*)(["'])[\s\S]{0,4096}?(?<!\\)\2\3|(?:(?:Bearer|Basic|ACS3-HMAC-SHA256)\s+)?[^\s,;&}\]"'\\{\[]+)`,
  'gi',
);
/** A secret-looking key followed by a structure (object or array): its inside cannot be told apart. */
const STRUCTURED = new RegExp(String.raw`${KEY}(?:\\*["'])?\s*[:=]\s*(?:\{|\[(?!redacted\]))`, 'i');
/** A key that is secret-looking as a whole (a JSON field's name). */
const SECRET_KEY = new RegExp(`^${KEY}$`, 'i');
/** A secret-looking pair whose value was not redacted. */
const UNREDACTED = new RegExp(String.raw`${KEY}(?:\\*["'])?\s*[:=]\s*(?!\[redacted\])(?:\\*["'])?[^\s"'\\,;&}]`, 'i');

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The base64 characters that depend on the secret's bytes alone, at each of the 3 alignments. */
function base64Forms(secret: string): string[] {
  const bytes = utf8(secret);
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = base64(padded);
    const first = Math.ceil((8 * offset) / 6);
    const last = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(first, last);
    if (core.length >= 6) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

function urlForms(secret: string): string[] {
  const once = encodeURIComponent(secret);
  const strict = once.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const lower = (s: string) => s.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
  const forms = [once, strict, lower(once), lower(strict), once.replace(/%20/g, '+'), encodeURIComponent(once)];
  return forms;
}

function jsonForms(secret: string): string[] {
  const forms: string[] = [];
  let escaped = secret;
  for (let depth = 0; depth < 3; depth++) {
    escaped = JSON.stringify(escaped).slice(1, -1);
    forms.push(escaped, escaped.replace(/\//g, '\\/'));
  }
  return forms;
}

/** Every form of one secret to search for, longest first (a longer form is removed before its parts). */
function formsOf(secret: string): string[] {
  const all = new Set([secret, ...jsonForms(secret), ...urlForms(secret), ...base64Forms(secret)]);
  return [...all].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** Each set's forms to search for, made again only when the set has changed. */
const formsCache = new WeakMap<SecretSet, { version: number; forms: string[] }>();
function formsOfSet(secrets: SecretSet): string[] {
  const { secrets: known, version } = secrets.known;
  const cached = formsCache.get(secrets);
  if (cached?.version === version) return cached.forms;
  const forms = [...new Set(known.flatMap(formsOf))].sort((a, b) => b.length - a.length);
  formsCache.set(secrets, { version, forms });
  return forms;
}

/** `text` with every known secret (in any form) and every secret-looking value removed. */
export function scrub(secrets: SecretSet, text: string): string {
  let out = text;
  for (const form of formsOfSet(secrets)) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out.replace(PAIR, (_m, head: string) => `${head}${REDACTED}`);
}

/** Whether any known secret (in any form) is in `text`. */
function holdsKnown(secrets: SecretSet, text: string): boolean {
  for (const form of formsOfSet(secrets)) if (text.includes(form)) return true;
  return false;
}

function decodedViews(text: string): string[] {
  const views: string[] = [];
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    let decoded = text;
    for (let i = 0; i < 2; i++) {
      try {
        decoded = decodeURIComponent(decoded.replace(/\+/g, ' '));
      } catch {
        decoded = decoded.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) =>
          String.fromCharCode(Number.parseInt(hex, 16)),
        );
      }
      views.push(decoded);
    }
  }
  for (const run of text.match(/[A-Za-z0-9+/_-]{16,}={0,2}/g) ?? []) {
    try {
      views.push(atob(run.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '')));
    } catch {
      // Not base64 after all.
    }
  }
  return views;
}

/** Whether a scrubbed text is safe to show: no structured secret, and nothing secret-looking once decoded. */
function isSafe(scrubbed: string, secrets: SecretSet): boolean {
  if (STRUCTURED.test(scrubbed) || UNREDACTED.test(scrubbed)) return false;
  for (const view of decodedViews(scrubbed)) {
    if (holdsKnown(secrets, view) || STRUCTURED.test(view) || UNREDACTED.test(view)) return false;
  }
  return true;
}

/** A text made safe, or undefined when it cannot be. */
export function safeOrUndefined(text: string, secrets: SecretSet): string | undefined {
  const scrubbed = scrub(secrets, text);
  return isSafe(scrubbed, secrets) ? scrubbed : undefined;
}

/** A parsed body with secrets removed: secret-looking keys' values and every string scrubbed. */
export function scrubValue(value: unknown, secrets: SecretSet, depth = 0): unknown {
  if (typeof value === 'string') return safeOrUndefined(value, secrets) ?? REDACTED;
  if (value === null || typeof value !== 'object' || depth > 32) return depth > 32 ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && item !== null && item !== '' ? REDACTED : scrubValue(item, secrets, depth + 1);
  }
  return out;
}

const nameOf = (error: unknown): string =>
  error instanceof Error && typeof error.name === 'string' ? error.name.slice(0, 64) : 'Error';
const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' || typeof code === 'number' ? String(code).slice(0, 64) : undefined;
};

/**
 * A copy of an error (and its cause chain, up to 4 deep) that holds no secret: the name, a code when
 * it has one, and the message scrubbed. When the message cannot be made safe, only the name and the
 * code are kept. The copy's stack is its own (it names no secret).
 */
export function redactError(error: unknown, secrets: SecretSet, depth = 0): Error {
  const name = nameOf(error);
  const rawCode = codeOf(error);
  const code = rawCode === undefined ? undefined : safeOrUndefined(rawCode, secrets);
  const text =
    error instanceof Error ? String(error.message) : typeof error === 'string' ? error : safeDescription(error);
  const message =
    safeOrUndefined(text, secrets) ?? `${name}${code ? ` ${code}` : ''} (message withheld: it could hold a secret)`;
  const cause =
    error instanceof Error && error.cause !== undefined && depth < 4
      ? redactError(error.cause, secrets, depth + 1)
      : undefined;
  const copy = new Error(message, cause === undefined ? undefined : { cause });
  copy.name = name;
  if (code !== undefined) (copy as Error & { code?: string }).code = code;
  return copy;
}

function safeDescription(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Whether an error (or its cause chain) would show a known secret or a secret-looking pair. */
export function needsRedaction(error: unknown, secrets: SecretSet, depth = 0): boolean {
  if (error === undefined || error === null || depth > 4) return false;
  // The name, message and code, and any own enumerable property (a `config`, `response` or `headers` an HTTP library adds).
  const text =
    error instanceof Error
      ? `${error.name} ${error.message} ${String((error as { code?: unknown }).code ?? '')} ${safeDescription(error)}`
      : safeDescription(error);
  if (safeOrUndefined(text, secrets) !== text) return true;
  return error instanceof Error && needsRedaction(error.cause, secrets, depth + 1);
}

// Path parameters go on the wire exactly as they are signed: each value percent-encoded into its
// own segment (encodeURIComponent, plus `*` as %2A, which the canonical URI would rewrite anyway).
import { ValidationError } from './errors.js';

const PARAM = /\{([^{}]+)\}/g;
/** Templates split once into literal text and parameter names: [literal, name, literal, name, ..., literal]. */
const compiled = new Map<string, string[]>();

function compile(template: string): string[] {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(PARAM);
    compiled.set(template, parts);
  }
  return parts;
}

function encodeValue(name: string, value: unknown): string {
  if (value === undefined || value === null) throw new ValidationError(name, `path parameter ${name} is required`);
  const text = String(value);
  if (text === '') throw new ValidationError(name, `path parameter ${name} must not be empty`);
  if (text === '.' || text === '..') {
    throw new ValidationError(name, `path parameter ${name} cannot be "${text}": URL parsing would resolve it away and change the path`);
  }
  try {
    const encoded = encodeURIComponent(text);
    return encoded.includes('*') ? encoded.replace(/\*/g, '%2A') : encoded;
  } catch {
    throw new ValidationError(name, `path parameter ${name} contains a lone UTF-16 surrogate, which cannot be encoded in a URL`);
  }
}

/** Fills `{name}` placeholders; rejects empty values, `.` and `..`, and what cannot be encoded. */
export function encodePath(template: string, params: Record<string, unknown> | undefined): string {
  const parts = compile(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += encodeValue(name, params?.[name]) + parts[i + 1]!;
  }
  return out;
}

// Path parameters go on the wire exactly as they are signed: each value percent-encoded into its
// own segment (encodeURIComponent, plus `*` as %2A, which the canonical URI would rewrite anyway).
import { ValidationError } from './errors.js';

const PARAM = /\{([^{}]+)\}/g;

/** Fills `{name}` placeholders; rejects `.` and `..`, which URL parsing would resolve out of their segment. */
export function encodePath(template: string, params: Record<string, unknown> | undefined): string {
  return template.replace(PARAM, (placeholder, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null) {
      throw new ValidationError(name, `path parameter ${name} is required`);
    }
    const text = String(value);
    if (text === '') throw new ValidationError(name, `path parameter ${name} must not be empty`);
    if (text === '.' || text === '..') {
      throw new ValidationError(name, `path parameter ${name} cannot be "${text}": URL parsing would resolve it away and change the path`);
    }
    return encodeURIComponent(text).replace(/\*/g, '%2A');
  });
}

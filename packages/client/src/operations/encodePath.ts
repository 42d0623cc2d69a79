// Path parameters go on the wire exactly as they are signed: each value percent-encoded into its
// own segment (encodeURIComponent, plus `*` as %2A, which the canonical URI would rewrite anyway).
// The values were validated first (validateParameters): present, not empty, not `.` or `..`, no
// lone surrogate.

/** Templates split once: [literal, name, literal, name, ..., literal]. */
const compiled = new Map<string, string[]>();

/** Fills the `{name}` placeholders of a path template. */
export function encodePath(template: string, params: Record<string, unknown> | undefined): string {
  let parts = compiled.get(template);
  // Stryker disable next-line ConditionalExpression: a cache; a template split again gives equal parts.
  if (!parts) {
    parts = template.split(/\{([^{}]+)\}/);
    compiled.set(template, parts);
  }
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const encoded = encodeURIComponent(String(params?.[parts[i]!]));
    out += (encoded.includes('*') ? encoded.replace(/\*/g, '%2A') : encoded) + parts[i + 1]!;
  }
  return out;
}

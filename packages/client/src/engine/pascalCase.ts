// Whether an answer came in PascalCase: a check every 2xx body goes through, kept apart from the
// conversion itself (normalizeCasing.ts), which loads with the failure path (engine/failures.ts):
// most answers are camelCase and never need it.

/** Whether a response body is in the PascalCase form: no `requestId`, and a key that starts upper-case. */
export function isPascalCaseBody(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body) || 'requestId' in body) return false;
  for (const key in body) if (key.length > 0 && key[0] !== key[0]!.toLowerCase()) return true;
  return false;
}

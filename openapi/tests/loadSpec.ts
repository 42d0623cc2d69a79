// Loads the bundled spec for the spec tests. Reading it ($refs, validation) is the repository's
// one OpenAPI reader's job: @acs-opensearch/openapi-reader, which the generator and the mocks use too.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export { createSpecValidator, deref, type Json } from '@acs-opensearch/openapi-reader';

export const bundlePath = fileURLToPath(new URL('../generated/openapi.json', import.meta.url));

export function loadBundledSpec() {
  return JSON.parse(readFileSync(bundlePath, 'utf8'));
}

// Public entry of @acs-opensearch/client.
export type { paths, components, operations } from './generated/openapi.js';
export { API_VERSION, REGIONS, DEFAULT_REGION_ID, OPERATIONS, ERROR_CODES, type RegionId } from './generated/metadata.js';
import type { components } from './generated/openapi.js';

/** One algorithm instance, camelCase, as the client returns it. */
export type FunctionInstance = components['schemas']['FunctionInstance'];
export * from './signing/index.js';

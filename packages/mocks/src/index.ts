// Public entry of @acs-opensearch/mocks: MSW handlers built from the spec.
export { openApiDocument } from './generated/openapi-document.js';

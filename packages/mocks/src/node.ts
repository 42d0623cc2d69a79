// Node-only entry of @acs-opensearch/mocks.
export { openApiDocument } from './generated/openapi-document.js';

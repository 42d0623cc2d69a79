// The push limits the mocks enforce: the application API spec's (`x-acs-limits` of pushDocuments).
import { pushDocumentsOperation } from '@acs-opensearch/client/search';

export const SEARCH_LIMITS = {
  maxRequestBytes: pushDocumentsOperation.limits?.maxRequestBytes ?? 2 * 1024 * 1024,
  maxDocumentsPerRequest: pushDocumentsOperation.limits?.maxDocumentsPerRequest ?? 1000,
};

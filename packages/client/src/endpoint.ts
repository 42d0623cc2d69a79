// The base URL of the API: an explicit endpoint wins, otherwise the spec's regional server.
import { DEFAULT_REGION_ID, REGIONS, SERVER_URL_TEMPLATE, type RegionId } from './generated/metadata.js';
import { ValidationError } from './errors.js';

/** Resolves `endpoint` / `regionId` into a base URL without a trailing slash. */
export function resolveEndpoint(options: { endpoint?: string | undefined; regionId?: string | undefined }): {
  baseUrl: string;
  regionId: RegionId | undefined;
} {
  if (options.endpoint !== undefined) {
    let url: URL;
    try {
      url = new URL(options.endpoint);
    } catch {
      throw new ValidationError('endpoint', `endpoint must be an absolute http(s) URL, got ${JSON.stringify(options.endpoint)}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ValidationError('endpoint', `endpoint must use http: or https:, got ${url.protocol}`);
    }
    if (url.search || url.hash) {
      throw new ValidationError('endpoint', 'endpoint must not carry a query string or a fragment');
    }
    return { baseUrl: url.href.replace(/\/+$/, ''), regionId: options.regionId as RegionId | undefined };
  }
  const regionId = options.regionId ?? DEFAULT_REGION_ID;
  if (!(REGIONS as readonly string[]).includes(regionId)) {
    throw new ValidationError(
      'regionId',
      `Unknown regionId ${JSON.stringify(regionId)}: expected one of ${REGIONS.join(', ')}, or pass \`endpoint\``,
    );
  }
  return { baseUrl: SERVER_URL_TEMPLATE.replace('{regionId}', regionId), regionId: regionId as RegionId };
}

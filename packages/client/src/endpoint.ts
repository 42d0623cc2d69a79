// The base URL of the API: an explicit endpoint wins, otherwise the spec's regional server.
import { ValidationError } from './errors.js';
import { DEFAULT_REGION_ID, REGIONS, type RegionId, SERVER_URL_TEMPLATE } from './generated/metadata.js';

/** Resolves `endpoint` / `regionId` into a base URL without a trailing slash. Never echoes a password. */
export function resolveEndpoint(options: { endpoint?: string | undefined; regionId?: string | undefined }): {
  baseUrl: string;
  regionId: RegionId | undefined;
} {
  if (options.endpoint !== undefined) {
    let url: URL;
    try {
      if (typeof options.endpoint !== 'string') throw new TypeError();
      url = new URL(options.endpoint);
    } catch {
      throw new ValidationError('endpoint', 'endpoint must be an absolute http(s) URL, such as https://opensearch.cn-hangzhou.aliyuncs.com');
    }
    if (url.username || url.password) {
      throw new ValidationError('endpoint', 'endpoint must not carry a user name or password (user:password@host); the URL is not shown');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new ValidationError('endpoint', `endpoint must use http: or https:, got ${url.protocol}`);
    }
    if (url.search || url.hash || options.endpoint.includes('?') || options.endpoint.includes('#')) {
      throw new ValidationError('endpoint', 'endpoint must not carry a query string or a fragment');
    }
    return { baseUrl: url.href.replace(/\/+$/, ''), regionId: options.regionId as RegionId | undefined };
  }
  const regionId = options.regionId ?? DEFAULT_REGION_ID;
  if (!(REGIONS as readonly string[]).includes(regionId)) {
    throw new ValidationError(
      'regionId',
      `Unknown regionId ${JSON.stringify(String(regionId)).slice(0, 60)}: expected one of ${REGIONS.join(', ')}, or pass \`endpoint\``,
    );
  }
  return { baseUrl: SERVER_URL_TEMPLATE.replace('{regionId}', regionId), regionId: regionId as RegionId };
}

// The base URL of the API: an explicit endpoint wins, otherwise the spec's regional server.
import { ValidationError } from '../errors/errors.js';
import { DEFAULT_REGION_ID, REGIONS, type RegionId, SERVER_URL_TEMPLATE } from '../generated/metadata.js';

/** Resolves `endpoint` / `regionId` into a base URL without a trailing slash. Never echoes a password. */
export function resolveEndpoint(options: { endpoint?: string | undefined; regionId?: string | undefined }): {
  baseUrl: string;
  regionId: RegionId | undefined;
} {
  if (options.endpoint !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(options.endpoint);
    } catch {}
    // userinfo would put a password in config and errors; a query or fragment would corrupt every path.
    if (!url || !/^https?:$/.test(url.protocol) || url.username || url.password || /[?#]/.test(options.endpoint)) {
      throw new ValidationError(
        'endpoint',
        'endpoint must be an http(s) URL without user:password@, query or fragment (value not shown)',
      );
    }
    return { baseUrl: url.href.replace(/\/+$/, ''), regionId: options.regionId as RegionId | undefined };
  }
  const regionId = options.regionId ?? DEFAULT_REGION_ID;
  if (!(REGIONS as readonly string[]).includes(regionId)) {
    throw new ValidationError(
      'regionId',
      `regionId ${JSON.stringify(String(regionId)).slice(0, 40)} is not one of ${REGIONS.join(', ')}; or pass endpoint`,
    );
  }
  return { baseUrl: SERVER_URL_TEMPLATE.replace('{regionId}', regionId), regionId: regionId as RegionId };
}

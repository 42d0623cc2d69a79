// What differs by runtime, in Node (tsup puts this file in place of platform.ts in dist/node):
// a default User-Agent naming the package, its version and Node's, as the official SDKs send theirs.

declare const __ACS_CLIENT_VERSION__: string | undefined;

const version = typeof __ACS_CLIENT_VERSION__ === 'string' ? __ACS_CLIENT_VERSION__ : '0.0.0-dev';
const node = (globalThis as { process?: { version?: string } }).process?.version ?? 'unknown';

/** The User-Agent sent when `userAgent` is not set. */
export const DEFAULT_USER_AGENT: string | undefined = `acs-opensearch-client/${version} node/${node.replace(/^v/, '')}`;

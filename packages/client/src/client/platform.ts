// What differs by runtime, outside Node: browsers, workers and edge runtimes. No User-Agent by
// default (browsers forbid setting it). The Node build swaps this file for platform.node.ts.

/** The User-Agent sent when `userAgent` is not set; none outside Node. */
export const DEFAULT_USER_AGENT: string | undefined = undefined;

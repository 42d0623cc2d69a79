// A scripted fetch for tests: records what the client sends and answers from a list of responders.
export interface Sent {
  url: URL;
  method: string;
  headers: Headers;
  body: string;
}

export type Responder = (sent: Sent, signal: AbortSignal | null | undefined) => Response | Promise<Response>;

export function fakeFetch(...responders: Responder[]) {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const entry: Sent = {
      url: new URL(request.url),
      method: request.method,
      headers: new Headers(init?.headers ?? request.headers),
      body: await request.text(),
    };
    sent.push(entry);
    const responder = responders[Math.min(sent.length - 1, responders.length - 1)];
    if (!responder) throw new Error('fakeFetch: no responder');
    return responder(entry, init?.signal);
  };
  return { fetch: fetch as typeof globalThis.fetch, sent };
}

export const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });

export const page = (names: string[], totalCount: number) =>
  json({
    requestId: `req-${names.join('-') || 'empty'}`,
    totalCount,
    result: names.map((instanceName) => ({ instanceName, functionName: 'ctr' })),
  });

export const credentials = { accessKeyId: 'AKID-TEST', accessKeySecret: 'super-secret-value-123' };
export const sts = { ...credentials, securityToken: 'sts-token-value-456' };
export const params = { appGroupIdentity: 'my_app', functionName: 'ctr' } as const;

/** A one-time event a test waits for instead of a number of milliseconds: `fire()` it, `await` its `happened`. */
export function latch() {
  let fire!: () => void;
  const happened = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { fire, happened };
}

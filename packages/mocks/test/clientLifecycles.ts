// What the lifecycle tests through our client share: an MSW server that lets requests to the
// mock server (127.0.0.1) through and fails on any other unhandled one, and the status or code a
// call ends with.
import type { RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';

/** An MSW server with these handlers for the file's tests; the mock server's own requests pass. */
export function serveForFile(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers);
  beforeAll(() =>
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    }),
  );
  afterAll(() => server.close());
  return server;
}

/** The HTTP status a call ends with: 200, or its error's. */
export const statusOf = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status?: number }) => e.status,
  );

/** The error code a call ends with ('none' when it succeeds). */
export const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'none',
    (e: { code?: string }) => e.code,
  );

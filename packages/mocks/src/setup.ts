// One call that starts the mocks wherever a test runs: MSW's setupServer in Node (plain Node, jsdom,
// happy-dom; Vitest or Jest), MSW's setupWorker in a real browser (Vitest browser mode), with the
// unhandled-request check set for msw 2 and 3 alike. The same test file then runs in jsdom and in
// the browser, with no shim of the user's.
import type { HttpHandler } from 'msw';
import type { SetupWorker } from 'msw/browser';
import type { SetupServer } from 'msw/node';
import {
  createOpenSearchHandlers,
  type OpenSearchHandlers,
  type OpenSearchHandlersOptions,
} from './createOpenSearchHandlers.js';

export interface SetupOpenSearchMocksOptions extends OpenSearchHandlersOptions {
  /** In a browser: where the app serves `mockServiceWorker.js` (`npx msw init public`). Default `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /** In a browser: keep MSW's console quiet. Default true. */
  quiet?: boolean;
}

export interface OpenSearchMocks extends Omit<OpenSearchHandlers, 'reset'> {
  /** Where it runs: `setupServer` ('node') or `setupWorker` ('browser'). */
  readonly runtime: 'node' | 'browser';
  /** Adds overrides in front, as `server.use()` / `worker.use()` do: `mocks.use(mocks.mock.error('Forbidden.RAM'))`. */
  use(...handlers: HttpHandler[]): void;
  /** Resets everything a test changed: the overrides, the data, the recorded requests, the request ids and the nonces. */
  reset(): void;
  /** Stops intercepting. */
  close(): Promise<void>;
  /**
   * The MSW server (in Node) or worker (in a browser) it started, for what this object does not
   * wrap: its lifecycle events (`mocks.msw.events.on('request:start', ...)`), `listHandlers()`...
   */
  readonly msw: SetupServer | SetupWorker;
}

interface Interceptor {
  use(...handlers: HttpHandler[]): void;
  resetHandlers(): void;
}

declare const __ACS_CJS__: boolean | undefined;
declare const require: (id: string) => unknown;

/**
 * msw/node, with a specifier bundlers leave alone (a browser build never reaches it): require() in
 * the CommonJS build, import() in the ES build and from the sources.
 */
async function loadMswNode(): Promise<typeof import('msw/node')> {
  const specifier = 'msw/node';
  if (typeof __ACS_CJS__ !== 'undefined' && __ACS_CJS__) return require(specifier) as typeof import('msw/node');
  return (await import(/* @vite-ignore */ specifier)) as typeof import('msw/node');
}

/** A real browser, not Node with a DOM (jsdom and happy-dom run in Node). */
function inRealBrowser(): boolean {
  const node = (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node;
  return typeof window !== 'undefined' && typeof node !== 'string';
}

/** Creates the handlers and starts MSW with them, in Node or in a browser. */
export async function setupOpenSearchMocks(options: SetupOpenSearchMocksOptions = {}): Promise<OpenSearchMocks> {
  const { serviceWorkerUrl = '/mockServiceWorker.js', quiet = true, ...handlerOptions } = options;
  const mocks = createOpenSearchHandlers(handlerOptions);
  // msw 2 reads onUnhandledRequest, msw 3 onUnhandledFrame; each ignores the other's.
  const unhandled = { onUnhandledRequest: mocks.onUnhandledRequest, onUnhandledFrame: mocks.onUnhandledFrame };
  let interceptor: Interceptor & (SetupServer | SetupWorker);
  let stop: () => void | Promise<void>;
  const runtime = inRealBrowser() ? 'browser' : 'node';
  if (runtime === 'browser') {
    const { setupWorker } = await import('msw/browser');
    const worker = setupWorker(...mocks.handlers);
    await worker.start({ ...unhandled, quiet, serviceWorker: { url: serviceWorkerUrl } } as never);
    interceptor = worker;
    stop = () => worker.stop();
  } else {
    const { setupServer } = await loadMswNode();
    const server = setupServer(...mocks.handlers);
    server.listen(unhandled as never);
    interceptor = server;
    stop = () => server.close();
  }
  return {
    ...mocks,
    runtime,
    msw: interceptor,
    use: (...handlers) => interceptor.use(...handlers),
    reset: () => mocks.reset(interceptor),
    close: async () => {
      await stop();
    },
  };
}

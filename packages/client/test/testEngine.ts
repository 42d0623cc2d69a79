// An engine over a scripted fetch (fakeFetch.ts), for the tests of the engine's steps: static
// credentials, one attempt, no deadline and a 10 s attempt timeout unless `options` says otherwise.

import { createEngine, type EngineOptions } from '../src/engine/createEngine.js';
import { resolveRetry } from '../src/engine/retryPolicy.js';
import { fetchTransport } from '../src/engine/transport.js';
import { credentials, fakeFetch, type Responder } from './fakeFetch.js';

export function testEngine(responders: Responder[], options: Partial<EngineOptions> = {}) {
  const { fetch, sent } = fakeFetch(...responders);
  const engine = createEngine({
    credentials: () => credentials,
    transport: fetchTransport(fetch),
    timeoutMs: 10_000,
    deadlineMs: 0,
    retry: resolveRetry(false),
    maxResponseBytes: 1e6,
    clock: { offsetMs: 0 },
    ...options,
  });
  return { engine, send: engine.send, sent };
}

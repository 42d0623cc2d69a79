// A logger on every attempt: console here; pino's `logger.info(obj)` takes the same objects. The
// callId ties the lines of one call together, under any concurrency.
import type { CallHooks } from '@acs-opensearch/client';

export function loggingHooks(log: Pick<Console, 'info' | 'warn'> = console): CallHooks {
  return {
    onResponse: (e) =>
      log.info({
        callId: e.callId,
        op: e.operationId,
        status: e.status,
        requestId: e.requestId,
        ms: Math.round(e.durationMs),
        attempt: e.attempt,
      }),
    onError: (e) =>
      log.warn({
        callId: e.callId,
        op: e.operationId,
        stage: e.stage,
        kind: e.kind,
        code: e.code,
        attempt: e.attempt,
        retrying: e.retrying,
        delayMs: e.delayMs,
      }),
  };
}

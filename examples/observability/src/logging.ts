// A logger on every attempt: console here; pino's `logger.info(obj)` takes the same objects.
import type { CallHooks } from '@acs-opensearch/client';

export function loggingHooks(log: Pick<Console, 'info' | 'warn'> = console): CallHooks {
  return {
    onResponse: (e) =>
      log.info({
        op: e.operationId,
        status: e.status,
        requestId: e.requestId,
        ms: Math.round(e.durationMs),
        attempt: e.attempt,
      }),
    onError: (e) =>
      log.warn({ op: e.operationId, kind: e.kind, code: e.code, attempt: e.attempt, retrying: e.retrying }),
  };
}

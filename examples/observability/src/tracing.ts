// An OpenTelemetry span per call, with an event per attempt. @opentelemetry/api is this app's
// dependency, not the client's. A call is known by its method and URL from its first attempt to
// its last event (`retrying: false`).
import type { CallEvent, CallHooks } from '@acs-opensearch/client';
import { type Span, SpanStatusCode, type Tracer } from '@opentelemetry/api';

export function tracingHooks(tracer: Tracer): CallHooks {
  const spans = new Map<string, Span>();
  const spanOf = (e: CallEvent) => {
    const key = `${e.method} ${e.url}`;
    let span = spans.get(key);
    if (!span) {
      span = tracer.startSpan(e.operationId, {
        attributes: { 'rpc.system': 'acs', 'rpc.method': e.action, 'http.request.method': e.method, 'url.full': e.url },
      });
      spans.set(key, span);
    }
    return { key, span };
  };
  const end = (key: string, span: Span) => {
    span.end();
    spans.delete(key);
  };
  return {
    onAttempt: (e) => spanOf(e).span.addEvent('attempt', { attempt: e.attempt }),
    onResponse: (e) => {
      const { key, span } = spanOf(e);
      span.addEvent('response', {
        attempt: e.attempt,
        'http.response.status_code': e.status,
        requestId: e.requestId ?? '',
      });
      if (!e.retrying && e.status < 300) end(key, span);
    },
    onError: (e) => {
      const { key, span } = spanOf(e);
      span.addEvent('error', { attempt: e.attempt, 'error.type': e.code, retrying: e.retrying });
      if (e.retrying) return;
      span.setStatus({ code: SpanStatusCode.ERROR, message: e.code });
      end(key, span);
    },
  };
}

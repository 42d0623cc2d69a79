// An OpenTelemetry span per call, with an event per attempt. @opentelemetry/api is this app's
// dependency, not the client's. Every event of a call carries its `callId`, so concurrent identical
// calls never share a span. Pass `{ context: context.active() }` as a call's options to parent its
// span explicitly; otherwise the parent is the context active when the call's first event fires.
import type { CallEvent, CallHooks } from '@acs-opensearch/client';
import { type Context, context as otel, type Span, SpanStatusCode, type Tracer } from '@opentelemetry/api';

const isContext = (value: unknown): value is Context => typeof (value as Context | undefined)?.getValue === 'function';

export function tracingHooks(tracer: Tracer): CallHooks {
  const spans = new Map<string, Span>();
  const spanOf = (e: CallEvent) => {
    let span = spans.get(e.callId);
    if (!span) {
      const attributes = {
        'rpc.system': 'acs',
        'rpc.method': e.action,
        'http.request.method': e.method,
        'url.full': e.url,
      };
      span = tracer.startSpan(e.operationId, { attributes }, isContext(e.context) ? e.context : otel.active());
      spans.set(e.callId, span);
    }
    return span;
  };
  const end = (e: CallEvent, span: Span) => {
    span.end();
    spans.delete(e.callId);
  };
  return {
    onAttempt: (e) => spanOf(e).addEvent('attempt', { attempt: e.attempt }),
    onResponse: (e) => {
      const span = spanOf(e);
      span.addEvent('response', {
        attempt: e.attempt,
        'http.response.status_code': e.status,
        requestId: e.requestId ?? '',
      });
      if (!e.retrying && e.status < 300) end(e, span);
    },
    onError: (e) => {
      const span = spanOf(e);
      span.addEvent('error', {
        attempt: e.attempt,
        'error.type': e.code,
        stage: e.stage,
        retrying: e.retrying,
        ...(e.retrying ? { 'retry.delay_ms': e.delayMs ?? 0 } : { 'retry.none': e.notRetried ?? '' }),
      });
      if (e.retrying) return;
      span.setStatus({ code: SpanStatusCode.ERROR, message: e.code });
      end(e, span);
    },
  };
}

import { type Context, context, isSpanContextValid, trace } from '@opentelemetry/api';

export interface TraceIds {
  trace_id?: string;
  span_id?: string;
}

const none: TraceIds = {};

/**
 * The ids of the span active in `ctx` (default: the current context), for log lines; empty when
 * no span is active or tracing is off (the API's no-op context manager has none), so it costs a
 * lookup and no allocation then.
 */
export function traceIds(ctx: Context = context.active()): TraceIds {
  const span = trace.getSpanContext(ctx);
  if (!span || !isSpanContextValid(span)) return none;
  return { trace_id: span.traceId, span_id: span.spanId };
}

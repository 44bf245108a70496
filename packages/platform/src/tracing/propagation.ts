import { type Context, context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';

/** W3C trace context of a span, as carried in headers, job data and event metadata. */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** Adds `traceparent` (and `tracestate`) of the active span to `headers`; nothing when tracing is off. */
export function injectTraceHeaders<H extends Record<string, string>>(headers: H, ctx: Context = context.active()): H {
  propagation.inject(ctx, headers);
  return headers;
}

/** The active span's trace context as a small object (undefined without one), for job data and payloads. */
export function traceCarrier(ctx: Context = context.active()): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent ? carrier : undefined;
}

/** The context a carrier (headers, job data, extensions) continues; the root context without one. */
export function extractTraceContext(carrier: unknown): Context {
  if (!carrier || typeof carrier !== 'object') return ROOT_CONTEXT;
  const source = carrier as Record<string, unknown>;
  const value = (name: string) => {
    const found = source[name];
    return typeof found === 'string' ? found : Array.isArray(found) && typeof found[0] === 'string' ? found[0] : undefined;
  };
  if (!value('traceparent')) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, { traceparent: value('traceparent'), tracestate: value('tracestate') });
}

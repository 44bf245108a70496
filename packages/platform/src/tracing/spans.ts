import { type Attributes, type Context, context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

export { SpanKind };
export type { Span };

const TRACER = 'miyu';

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent (default: the active context), e.g. one extracted from a traceparent. */
  parent?: Context;
}

/**
 * Runs `fn` inside a new active span that ends when `fn` settles, recording an exception and an
 * error status on failure. With tracing off the API hands out a non-recording span.
 */
export function withSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const tracer = trace.getTracer(TRACER);
  return tracer.startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await fn(span);
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Starts a span that the caller ends (long-lived work: a subscription, a stream). */
export function startSpan(name: string, options: SpanOptions = {}): Span {
  return trace.getTracer(TRACER).startSpan(name, { kind: options.kind, attributes: options.attributes }, options.parent);
}

/** Marks a span failed with the error (its message only, no stack in attributes). */
export function failSpan(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** The context with `span` active, to run work under it (context.with). */
export function contextWithSpan(span: Span, parent: Context = context.active()): Context {
  return trace.setSpan(parent, span);
}

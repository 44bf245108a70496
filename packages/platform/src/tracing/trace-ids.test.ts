import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { traceIds } from './trace-ids.ts';

describe('traceIds', () => {
  it('gives the active span context ids', () => {
    const ctx = trace.setSpanContext(ROOT_CONTEXT, {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      traceFlags: TraceFlags.SAMPLED,
    });
    expect(traceIds(ctx)).toEqual({ trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' });
  });

  it('is empty without a span or with an invalid one', () => {
    expect(traceIds(ROOT_CONTEXT)).toEqual({});
    expect(traceIds()).toEqual({});
    const invalid = trace.setSpanContext(ROOT_CONTEXT, { traceId: '0'.repeat(32), spanId: '0'.repeat(16), traceFlags: 0 });
    expect(traceIds(invalid)).toEqual({});
  });
});

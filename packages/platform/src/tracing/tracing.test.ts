import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTracingEnv } from './env.ts';
import { extractTraceContext, injectTraceHeaders, traceCarrier } from './propagation.ts';
import { withSpan } from './spans.ts';
import { startTracing, type TracingHandle } from './start-tracing.ts';

describe('loadTracingEnv', () => {
  it('is off without an endpoint, samples everything by default and checks the ratio', () => {
    expect(loadTracingEnv({})).toEqual({ endpoint: undefined, protocol: 'http/protobuf', samplingRatio: 1 });
    expect(
      loadTracingEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_TRACES_SAMPLER_ARG: '0.25' }),
    ).toMatchObject({ endpoint: 'http://127.0.0.1:4318', samplingRatio: 0.25 });
    expect(() => loadTracingEnv({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });

  it('starts nothing when off', async () => {
    const handle = await startTracing({ service: 'test', config: loadTracingEnv({}) });
    expect(handle.enabled).toBe(false);
    expect(traceCarrier()).toBeUndefined();
  });
});

describe('tracing on (in-memory exporter)', () => {
  const exporter = new InMemorySpanExporter();
  // the export waits for resource detection: flushed before reading
  const processor = new SimpleSpanProcessor({ exporter });
  let handle: TracingHandle;
  beforeAll(async () => {
    handle = await startTracing({
      service: 'test',
      config: loadTracingEnv({}),
      spanProcessors: [processor],
    });
  });
  afterAll(() => handle.shutdown());

  it('carries one trace across a traceparent hop', async () => {
    const headers = await withSpan('client', {}, async () => injectTraceHeaders<Record<string, string>>({}));
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await withSpan('server', { parent: extractTraceContext(headers) }, async () => {
      expect(trace.getSpanContext(context.active())?.traceId).toBe(headers.traceparent?.split('-')[1]);
    });
    await processor.forceFlush();
    const spans = exporter.getFinishedSpans();
    const [client, server] = [spans.find((s) => s.name === 'client'), spans.find((s) => s.name === 'server')];
    expect(client).toBeDefined();
    expect(server?.spanContext().traceId).toBe(client?.spanContext().traceId);
    expect(server?.parentSpanContext?.spanId).toBe(client?.spanContext().spanId);
  });

  it('records a failure and rethrows it', async () => {
    await expect(withSpan('failing', {}, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await processor.forceFlush();
    const failing = exporter.getFinishedSpans().find((s) => s.name === 'failing');
    expect(failing?.status).toMatchObject({ code: 2, message: 'boom' });
  });

  it('ignores a malformed carrier', () => {
    expect(trace.getSpanContext(extractTraceContext({ traceparent: 'nonsense' }))).toBeUndefined();
    expect(trace.getSpanContext(extractTraceContext(null))).toBeUndefined();
  });
});

import type { SpanProcessor } from '@opentelemetry/sdk-trace';
import type { TracingConfig } from './env.ts';

export interface TracingHandle {
  enabled: boolean;
  /** Flushes the spans still buffered and unregisters the SDK. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  service: string;
  config: TracingConfig;
  /** Span processors to use instead of the OTLP exporter (tests: an in-memory exporter). */
  spanProcessors?: SpanProcessor[];
}

const off: TracingHandle = { enabled: false, shutdown: async () => {} };

/**
 * Starts the OpenTelemetry Node SDK when an OTLP endpoint is configured (or processors are given),
 * otherwise does nothing: the SDK is not even imported, and the API stays on its no-op tracer and
 * propagator, so spans and traceparent injection cost a function call.
 */
export async function startTracing(options: StartTracingOptions): Promise<TracingHandle> {
  const { config } = options;
  if (!config.endpoint && !options.spanProcessors) return off;
  const [{ NodeSDK }, trace, { AsyncLocalStorageContextManager }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/context-async-hooks'),
  ]);
  const spanProcessors = options.spanProcessors ?? [new trace.BatchSpanProcessor({ exporter: await createExporter(config) })];
  const sdk = new NodeSDK({
    serviceName: options.service,
    sampler: new trace.ParentBasedSampler({ root: new trace.TraceIdRatioBasedSampler(config.samplingRatio) }),
    spanProcessors,
    contextManager: new AsyncLocalStorageContextManager(),
    // traces only: no metrics or log exporters (metrics are prom-client's /metrics), no auto-instrumentation
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  return { enabled: true, shutdown: () => sdk.shutdown() };
}

async function createExporter(config: TracingConfig) {
  const url = `${(config.endpoint ?? '').replace(/\/$/, '')}/v1/traces`;
  if (config.protocol === 'http/json') {
    const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter({ url });
  }
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter({ url });
}

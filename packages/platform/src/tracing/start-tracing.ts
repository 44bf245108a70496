import { createRequire } from 'node:module';
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
  // CommonJS builds on purpose: @apollo/gateway takes its tracer from the CommonJS @opentelemetry/api
  // at import time (a proxy of that module instance), so the SDK must register through the same instance
  const require = createRequire(import.meta.url);
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const trace = require('@opentelemetry/sdk-trace') as typeof import('@opentelemetry/sdk-trace');
  const { AsyncLocalStorageContextManager } =
    require('@opentelemetry/context-async-hooks') as typeof import('@opentelemetry/context-async-hooks');
  const spanProcessors = options.spanProcessors ?? [new trace.BatchSpanProcessor({ exporter: createExporter(config, require) })];
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

function createExporter(config: TracingConfig, require: NodeJS.Require) {
  const url = `${(config.endpoint ?? '').replace(/\/$/, '')}/v1/traces`;
  if (config.protocol === 'http/json') {
    const { OTLPTraceExporter } =
      require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    return new OTLPTraceExporter({ url });
  }
  const { OTLPTraceExporter } =
    require('@opentelemetry/exporter-trace-otlp-proto') as typeof import('@opentelemetry/exporter-trace-otlp-proto');
  return new OTLPTraceExporter({ url });
}

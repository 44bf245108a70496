import { z } from 'zod';
import { parseEnv } from '../env-schema.ts';

const schema = z.object({
  /** OTLP/HTTP base URL of a collector (e.g. http://127.0.0.1:4318); unset = tracing off, no SDK loaded. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** http/protobuf (default) or http/json. */
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(['http/protobuf', 'http/json']).default('http/protobuf'),
  /** Share of new traces sampled, 0..1 (a trace started upstream keeps its caller's decision). */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
});

export interface TracingConfig {
  endpoint?: string;
  protocol: 'http/protobuf' | 'http/json';
  samplingRatio: number;
}

export function loadTracingEnv(source: Record<string, string | undefined> = process.env): TracingConfig {
  const env = parseEnv('tracing', schema, source);
  return {
    endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    protocol: env.OTEL_EXPORTER_OTLP_PROTOCOL,
    samplingRatio: env.OTEL_TRACES_SAMPLER_ARG,
  };
}

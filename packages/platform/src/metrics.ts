import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface ServiceMetrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
}

/** One registry per service instance (no global default registry), so tests can run many. */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, httpDuration };
}

/** A counter of a service's own (registered on its registry; unregistered without one, e.g. in unit tests). */
export function serviceCounter<Label extends string>(
  metrics: ServiceMetrics | undefined,
  definition: { name: string; help: string; labelNames: readonly Label[] },
): Counter<Label> {
  return new Counter({ ...definition, registers: metrics ? [metrics.registry] : [] });
}

/** A histogram of a service's own (registered on its registry; unregistered without one). */
export function serviceHistogram<Label extends string>(
  metrics: ServiceMetrics | undefined,
  definition: { name: string; help: string; labelNames: readonly Label[]; buckets: number[] },
): Histogram<Label> {
  return new Histogram({ ...definition, registers: metrics ? [metrics.registry] : [] });
}

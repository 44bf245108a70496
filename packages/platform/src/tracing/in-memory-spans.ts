import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';

export type { ReadableSpan };

/** An in-memory span exporter for tests: hand `processor` to startTracing, then read the finished spans. */
export function createInMemorySpans() {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor({ exporter });
  return {
    processor,
    /** Finished spans, after flushing (the export waits for resource detection). */
    async finished(): Promise<ReadableSpan[]> {
      await processor.forceFlush();
      return exporter.getFinishedSpans();
    },
  };
}

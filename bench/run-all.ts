import { benchEnv } from './env.ts';
import { runFirstChunkLatency } from './first-chunk-latency.ts';
import { writeResults } from './lib/results.ts';
import { runSubscriptionFanout } from './subscription-fanout.ts';

/** `npm run bench`: both benchmarks, one after the other, into bench/results/<date>.json. */
const options = benchEnv();
const started = Date.now();
const firstChunkLatency = await runFirstChunkLatency(options);
const subscriptionFanout = await runSubscriptionFanout(options);
const path = writeResults({
  options: { ...options, databaseUrl: options.databaseUrl ? 'set' : undefined },
  wallSeconds: Math.round((Date.now() - started) / 1000),
  firstChunkLatency,
  subscriptionFanout,
});
console.log(`results written to ${path}`);
process.exit(0);

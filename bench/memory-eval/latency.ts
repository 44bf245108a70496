import { randomUUID } from 'node:crypto';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { createMemorySubgraph } from '../../subgraphs/memory/src/app.ts';
import { rememberFromMessage } from '../../subgraphs/memory/src/modules/memory/memory.service.ts';
import { percentile } from '../lib/stats.ts';
import { memoryEvalEnv } from './env.ts';
import { EVAL_SPLITS, generateMemoryEval } from './generate.ts';

const RECALL = `query($r: [_Any!]!, $q: String!, $l: Int) { _entities(representations: $r) { ... on User { recall(query: $q, limit: $l) { memory { id } } } } }`;
const REMEMBER = `mutation($input: RememberInput!) { remember(input: $input) { id } }`;

/**
 * Recall latency as a person's memories grow (issue 12): one person gets N memories (the eval's
 * generated turns, numbered so each is distinct), then 200 recalls of the eval's questions go
 * through the subgraph's HTTP (`recall(limit: 10)`), and 200 `remember` calls with the offline
 * embedding. `MEMORY_LATENCY_SIZES=1000,10000 npx node bench/memory-eval/latency.ts` (PGlite;
 * DATABASE_URL for PostgreSQL). Prints JSON.
 */
const env = memoryEvalEnv();
const sizes = env.latencySizes;
const subgraph = await startTestSubgraph(
  createMemorySubgraph({ events: createMemoryEventAdapters(), embeddings: { kind: 'offline' } }),
);
const people = generateMemoryEval(EVAL_SPLITS.dev.seed, EVAL_SPLITS.dev.people, EVAL_SPLITS.dev.prefix);
const texts = people.flatMap((p) => p.turns.map((t) => t.text));
const questions = people.flatMap((p) => p.questions.map((q) => q.text));
const ms = (values: number[]) => ({
  p50: Math.round(percentile(values, 50) * 10) / 10,
  p95: Math.round(percentile(values, 95) * 10) / 10,
});
const report: Record<string, unknown> = { database: env.databaseUrl ? 'postgresql' : 'pglite' };
try {
  for (const size of sizes) {
    const userId = randomUUID();
    const started = performance.now();
    for (let i = 0; i < size; i++) {
      await rememberFromMessage(subgraph.orm.em.fork(), userId, {
        content: `${texts[i % texts.length]} (${Math.floor(i / texts.length)})`,
        kind: 'FACT',
        occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000),
      });
    }
    const loadSeconds = Math.round((performance.now() - started) / 100) / 10;
    const me = subgraph.asUser(userId);
    const recall: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      const response = await subgraph.request(me, RECALL, {
        r: [{ __typename: 'User', id: userId }],
        q: questions[i % questions.length],
        l: 10,
      });
      recall.push(performance.now() - t0);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    }
    const remember: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      const response = await subgraph.request(me, REMEMBER, {
        input: { content: `New thing number ${i}: ${texts[i]}`, kind: 'FACT' },
      });
      remember.push(performance.now() - t0);
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    }
    report[String(size)] = { loadSeconds, recallMs: ms(recall), rememberMs: ms(remember) };
    console.error(`[memory-latency] ${size} memories: ${JSON.stringify(report[String(size)])}`);
  }
} finally {
  await subgraph.close();
}
console.log(JSON.stringify(report, null, 2));

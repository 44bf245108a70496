import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { startFakeEmbeddingsServer } from '@miyu/testing/fake-embeddings/fake-embeddings-server';
import { createMemorySubgraph } from '../../subgraphs/memory/src/app.ts';
import { loadEmbeddingsConfig } from '../../subgraphs/memory/src/env.ts';
import { embedderFor } from '../../subgraphs/memory/src/modules/embedding/embedder-for.ts';
import { createOpenAiEmbedder } from '../../subgraphs/memory/src/modules/embedding/openai-embedder.ts';
import { percentile } from '../lib/stats.ts';
import { memoryEvalEnv } from './env.ts';
import { EVAL_SPLITS, generateMemoryEval, type Person } from './generate.ts';
import { scoreAll, staleRate, type Ranking } from './metrics.ts';
import { runMiyu, takesOccurredAt } from './miyu-client.ts';
import { plainBm25 } from './plain-bm25.ts';
import { summaryTable } from './summary-table.ts';

/**
 * The memory evaluation (issue 12): every turn of every generated conversation goes through the
 * real memory subgraph's `remember`, every question through `recall(limit: 10)`; a plain BM25 over
 * the very same turns is scored in the same run. Prints JSON.
 */
async function main() {
  const env = memoryEvalEnv();
  const splits = env.split === 'both' ? (['dev', 'held-out'] as const) : [env.split];
  // MIYU offline: the offline SIF embedder, the default of the subgraph
  const subgraph = await startTestSubgraph(
    createMemorySubgraph({ events: createMemoryEventAdapters(), embeddings: { kind: 'offline' } }),
  );
  const fake = env.embeddings === 'fake' ? await startFakeEmbeddingsServer({ dimensions: 256 }) : undefined;
  const embedder = fake
    ? createOpenAiEmbedder({ apiKey: 'eval', baseURL: fake.url, model: 'fake-hashed-bag-of-words', dimensions: 256 })
    : env.embeddings === 'env'
      ? embedderFor(loadEmbeddingsConfig(env.source))
      : undefined;
  const withEmbeddings = embedder
    ? await startTestSubgraph(createMemorySubgraph({ events: createMemoryEventAdapters(), embedder }))
    : undefined;
  const occurredAt = await takesOccurredAt(subgraph);
  const report: Record<string, unknown> = {
    database: env.databaseUrl ? 'postgresql' : 'pglite',
    occurredAt,
    embeddings: embedder?.model ?? 'none',
  };
  try {
    for (const split of splits) {
      const spec = split === 'dev' ? EVAL_SPLITS.dev : EVAL_SPLITS.heldOut;
      const people: Person[] = generateMemoryEval(spec.seed, spec.people, spec.prefix).slice(0, env.people ?? spec.people);
      const questions = people.flatMap((person) => person.questions);
      const miyu: Ranking = new Map();
      const miyuEmbeddings: Ranking = new Map();
      const bm25: Ranking = new Map();
      const latencies: number[] = [];
      let duplicates = 0;
      let memories = 0;
      for (const person of people) {
        const result = await runMiyu(subgraph, person, occurredAt);
        for (const [id, ranked] of result.ranking) miyu.set(id, ranked);
        latencies.push(...result.latencies);
        duplicates += result.duplicates;
        memories += result.memories;
        if (withEmbeddings) {
          const other = await runMiyu(withEmbeddings, person, occurredAt);
          for (const [id, ranked] of other.ranking) miyuEmbeddings.set(id, ranked);
        }
        const search = plainBm25(person.turns.map((turn) => ({ id: turn.id, text: turn.text })));
        for (const question of person.questions)
          bm25.set(
            question.id,
            search(question.text, 10).map((id) => [id]),
          );
      }
      report[split] = {
        people: people.length,
        turns: people.reduce((sum, person) => sum + person.turns.length, 0),
        memories,
        questions: questions.length,
        miyu: { ...scoreAll(questions, miyu), staleAboveCurrentPct: staleRate(questions, miyu), duplicates },
        ...(withEmbeddings
          ? {
              miyuEmbeddings: {
                ...scoreAll(questions, miyuEmbeddings),
                staleAboveCurrentPct: staleRate(questions, miyuEmbeddings),
              },
            }
          : {}),
        plainBm25: { ...scoreAll(questions, bm25), staleAboveCurrentPct: staleRate(questions, bm25) },
        recallMs: { p50: Math.round(percentile(latencies, 50) * 10) / 10, p95: Math.round(percentile(latencies, 95) * 10) / 10 },
      };
    }
  } finally {
    await subgraph.close();
    await withEmbeddings?.close();
    await fake?.close();
  }
  console.log(JSON.stringify(report, null, 2));
  console.log(summaryTable(report));
}

await main();

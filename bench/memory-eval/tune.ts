import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { startTestSubgraph } from '@miyu/testing/subgraph-harness';
import { createMemorySubgraph } from '../../subgraphs/memory/src/app.ts';
import {
  RELEVANCE_TUNING,
  type RelevanceTuning,
  recallMemories,
} from '../../subgraphs/memory/src/modules/memory/memory-recall.ts';
import { EVAL_SPLITS, generateMemoryEval } from './generate.ts';
import { type Ranking, scoreAll } from './metrics.ts';
import { storePerson } from './miyu-client.ts';

/**
 * Chooses the recall tuning on the DEV split only (never the held-out one): the dev people are
 * stored once through `remember`, then every question is recalled in process under each setting of
 * a small grid, one parameter at a time around the current values. Prints the dev scores per
 * setting; the chosen values go into RELEVANCE_TUNING by hand. `npx node bench/memory-eval/tune.ts`
 */
const GRID: Partial<Record<keyof RelevanceTuning, number[]>> = {
  rrfK: [1, 2, 5, 10, 20, 60],
  semanticWeight: [0, 0.25, 0.5, 0.75, 1],
  semanticDepth: [10, 20, 50, 100],
  semanticFloor: [0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1.1],
  slotWeight: [0, 0.5, 1, 2],
  recalledWeight: [0],
  questionFactor: [0.25, 0.5, 0.75, 1],
  monthBoost: [0, 0.3, 0.6, 1],
  latestBoost: [0, 0.25, 0.5, 1],
};

const subgraph = await startTestSubgraph(createMemorySubgraph({ events: createMemoryEventAdapters() }));
try {
  const people = generateMemoryEval(EVAL_SPLITS.dev.seed, EVAL_SPLITS.dev.people, EVAL_SPLITS.dev.prefix);
  const stored: Array<{ person: (typeof people)[number] } & Awaited<ReturnType<typeof storePerson>>> = [];
  for (const person of people) stored.push({ person, ...(await storePerson(subgraph, person, true)) });
  const questions = people.flatMap((person) => person.questions);
  const evaluate = async (tuning: RelevanceTuning) => {
    const ranking: Ranking = new Map();
    for (const { person, userId, turnsOf } of stored) {
      for (const question of person.questions) {
        const recalled = await recallMemories(
          subgraph.orm.em.fork(),
          userId,
          { query: question.text, limit: 10 },
          { tuning, countRecall: false },
        );
        ranking.set(
          question.id,
          recalled.map((r) => turnsOf.get(r.memory.id) ?? []),
        );
      }
    }
    return scoreAll(questions, ranking).all;
  };
  let best: RelevanceTuning = { ...RELEVANCE_TUNING };
  let bestScore = await evaluate(best);
  console.log('current', JSON.stringify(best), JSON.stringify(bestScore));
  for (const [key, values] of Object.entries(GRID) as Array<[keyof RelevanceTuning, number[]]>) {
    for (const value of values) {
      if (value === best[key]) continue;
      const tuning = { ...best, [key]: value };
      const score = await evaluate(tuning);
      console.log(`${key}=${value}`, JSON.stringify(score));
      if (score.recallAt10 + 10 * score.mrr > bestScore.recallAt10 + 10 * bestScore.mrr) {
        best = tuning;
        bestScore = score;
      }
    }
  }
  console.log('best on dev', JSON.stringify(best), JSON.stringify(bestScore));
} finally {
  await subgraph.close();
}

import type { Category, Question } from './generate.ts';

export interface Scores {
  questions: number;
  recallAt5: number;
  recallAt10: number;
  mrr: number;
}

/** Ranked turn ids per question: each returned memory stands for the turns it was stored from. */
export type Ranking = Map<string, string[][]>;

const rankOf = (ranked: string[][], wanted: string[]): number => {
  const set = new Set(wanted);
  const index = ranked.findIndex((turns) => turns.some((turn) => set.has(turn)));
  return index < 0 ? Number.POSITIVE_INFINITY : index + 1;
};
const pct = (value: number) => Math.round(value * 1000) / 10;

function score(questions: Question[], ranking: Ranking): Scores {
  let at5 = 0;
  let at10 = 0;
  let rr = 0;
  for (const question of questions) {
    const rank = rankOf(ranking.get(question.id) ?? [], question.evidence);
    if (rank <= 5) at5++;
    if (rank <= 10) at10++;
    if (rank <= 10) rr += 1 / rank;
  }
  const n = Math.max(questions.length, 1);
  return {
    questions: questions.length,
    recallAt5: pct(at5 / n),
    recallAt10: pct(at10 / n),
    mrr: Math.round((rr / n) * 1000) / 1000,
  };
}

/** recall@5, recall@10 (% of questions with an evidence turn in the top k) and MRR@10, overall and per category. */
export function scoreAll(questions: Question[], ranking: Ranking) {
  const categories = [...new Set(questions.map((question) => question.category))] as Category[];
  return {
    all: score(questions, ranking),
    byCategory: Object.fromEntries(
      categories.map((category) => [
        category,
        score(
          questions.filter((q) => q.category === category),
          ranking,
        ),
      ]),
    ),
  };
}

/** Changed facts: % of those questions whose superseded turn is in the top 10 above the current one (or without it). */
export function staleRate(questions: Question[], ranking: Ranking): number {
  const changed = questions.filter((question) => question.stale.length > 0);
  const stale = changed.filter((question) => {
    const ranked = ranking.get(question.id) ?? [];
    const old = rankOf(ranked, question.stale);
    return old <= 10 && old <= rankOf(ranked, question.evidence);
  });
  return pct(stale.length / Math.max(changed.length, 1));
}

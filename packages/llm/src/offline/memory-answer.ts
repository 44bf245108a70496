import type { ReplyContext } from '../llm-provider.ts';
import { keywords } from './text-tokens.ts';

type Memory = ReplyContext['memories'][number];

export interface MemoryMatch {
  memory: Memory;
  /** Keyword overlap weighted by rarity across the recalled memories. */
  overlap: number;
  /** The shared keywords, for explaining the choice in tests and logs. */
  shared: string[];
}

/**
 * Picks the memory that best answers `message`: keyword overlap, where a keyword shared by many
 * memories counts less (a rough IDF), with the recall score breaking ties. Returns undefined when
 * no memory shares a single keyword, so the reply never cites something unrelated.
 */
export function findRelevantMemory(message: string, memories: readonly Memory[]): MemoryMatch | undefined {
  const query = keywords(message);
  if (query.length === 0 || memories.length === 0) return undefined;
  const memoryWords = memories.map((memory) => new Set(keywords(memory.content)));
  const documentFrequency = new Map<string, number>();
  for (const set of memoryWords) for (const word of set) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);

  let best: MemoryMatch | undefined;
  let bestScore = 0;
  memories.forEach((memory, index) => {
    const set = memoryWords[index] ?? new Set<string>();
    const shared = query.filter((word) => set.has(word));
    if (shared.length === 0) return;
    const overlap = shared.reduce((sum, word) => sum + 1 / (documentFrequency.get(word) ?? 1), 0);
    const score = overlap + 0.01 * memory.score;
    if (score > bestScore) {
      best = { memory, overlap, shared };
      bestScore = score;
    }
  });
  return best;
}

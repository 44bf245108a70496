import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * The lexical index: one row per (person, stemmed term, memory) with the term's count, so BM25's
 * document frequencies are counted over the person's own memories only. Rows go with their
 * memory (on delete cascade).
 */
export const MemoryTermEntity = defineEntity({
  name: 'MemoryTerm',
  tableName: 'memory_terms',
  properties: {
    userId: p.uuid().primary(),
    term: p.string().length(64).primary(),
    memoryId: p.uuid().primary().index(),
    tf: p.integer(),
  },
});

export type MemoryTermRow = InferEntity<typeof MemoryTermEntity>;

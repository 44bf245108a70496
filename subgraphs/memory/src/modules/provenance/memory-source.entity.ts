import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/**
 * Provenance: one row per (memory, message it was learned from). The messages belong to the
 * conversation subgraph, so only their ids are kept. Rows go with their memory (forget, forgetAll).
 */
export const MemorySourceEntity = defineEntity({
  name: 'MemorySource',
  tableName: 'memory_sources',
  indexes: [{ properties: ['userId', 'messageId'] }],
  properties: {
    memoryId: p.uuid().primary(),
    messageId: p.uuid().primary(),
    userId: p.uuid(),
    conversationId: p.uuid().nullable(),
    /** The content key of the text as it was extracted from this message (the memory may be edited later). */
    factKey: p.string().length(64),
    /** When the message was said. */
    learnedAt: p.datetime(),
  },
});

export type MemorySourceRow = InferEntity<typeof MemorySourceEntity>;

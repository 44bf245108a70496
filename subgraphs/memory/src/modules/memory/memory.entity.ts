import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

export const MEMORY_KINDS = ['FACT', 'PREFERENCE', 'EVENT', 'RELATIONSHIP', 'REFLECTION'] as const;
export type MemoryKind = (typeof MEMORY_KINDS)[number];

export const MemoryEntity = defineEntity({
  name: 'Memory',
  tableName: 'memories',
  // One row per distinct (normalised) content per user: remembering it again refreshes that row.
  uniques: [{ properties: ['userId', 'contentKey'] }],
  indexes: [
    // Keyset pagination walks (user_id, created_at desc, id desc).
    { properties: ['userId', 'createdAt', 'id'] },
    // Full-text recall; queries must use the identical expression for the planner to pick it.
    {
      name: 'memories_content_fts_index',
      expression: `create index "memories_content_fts_index" on "memories" using gin (to_tsvector('english', "content"))`,
    },
    // BM25's per-person statistics (count, average length) read from the index alone.
    {
      name: 'memories_user_id_doc_length_index',
      expression: `create index "memories_user_id_doc_length_index" on "memories" ("user_id") include ("doc_length")`,
    },
    // the current memory of a slot, found when a new statement of it arrives
    {
      name: 'memories_user_id_slot_index',
      expression: `create index "memories_user_id_slot_index" on "memories" ("user_id", "slot") where "slot" is not null and "superseded_at" is null`,
    },
  ],
  properties: {
    id: p.uuid().primary(),
    // indexed through the composite and unique indexes, whose leading column it is
    userId: p.uuid(),
    kind: p.enum(MEMORY_KINDS),
    content: p.text(),
    /** SHA-256 of the lower-cased, whitespace-collapsed content (bounded size for the unique index). */
    contentKey: p.string().length(64).hidden(),
    // double precision, read back as a JS number (MikroORM maps doubles to strings by default)
    importance: p.double().runtimeType('number').$type<number>(),
    /** The conversation message this memory was extracted from (owned by the conversation subgraph). */
    sourceMessageId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    /** When the remembered thing happened or was said (the message's time), apart from when it was stored. */
    occurredAt: p.datetime().nullable(),
    /** Content words (after stop words) counted by BM25's length normalisation. */
    docLength: p.integer().default(0).hidden(),
    /** The analyser version its terms in memory_terms were built with (0 = not yet indexed). */
    termsVersion: p.integer().default(0).hidden(),
    /** Unit-length float32 vector (little-endian) of the content; written and read in SQL only. */
    embedding: p.blob().nullable().hidden().lazy(),
    /** The embedding model it was made with; another model's vectors are re-embedded in the background. */
    embeddingModel: p.string().length(64).nullable().hidden(),
    /** How many recalls returned it (the `recalled` part of the recall score) and the last time. */
    recallCount: p.integer().default(0).hidden(),
    lastRecalledAt: p.datetime().nullable().hidden(),
    /** What the memory states a value of, when it does ("home", "job", "name of my cat"): one current memory per slot. */
    slot: p.string().length(128).nullable().hidden(),
    /** Set when a later memory stated another value of its slot: kept as history, never recalled as current. */
    supersededAt: p.datetime().nullable(),
    supersededById: p.uuid().nullable(),
  },
});

export type MemoryRow = InferEntity<typeof MemoryEntity>;

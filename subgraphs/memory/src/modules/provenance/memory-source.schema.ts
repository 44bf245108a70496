import type { ObjectRef } from '@pothos/core';
import type { Builder } from '../../builder.ts';
import type { MemoryRow } from '../memory/memory.entity.ts';
import type { MemorySourceRow } from './memory-source.entity.ts';

type Types = Builder['$inferSchemaTypes'];

/** `Memory.sources`: the messages a memory was learned from (ids only: conversation owns messages). */
export function defineMemorySources(
  builder: Builder,
  MemoryRef: ObjectRef<Types, MemoryRow>,
  MessageRef: ObjectRef<Types, { id: string }>,
) {
  const MemorySourceRef = builder.objectRef<MemorySourceRow>('MemorySource').implement({
    description: 'A message a memory was learned from.',
    fields: (t) => ({
      message: t.field({ type: MessageRef, resolve: (source) => ({ id: source.messageId }) }),
      conversationId: t.id({
        nullable: true,
        description: 'The conversation of the message (unknown for memories learned before sources were kept).',
        resolve: (source) => source.conversationId ?? null,
      }),
      learnedAt: t.field({ type: 'DateTime', description: 'When the message was said.', resolve: (source) => source.learnedAt }),
    }),
  });
  builder.objectField(MemoryRef, 'sources', (t) =>
    t.field({
      type: [MemorySourceRef],
      description: 'The messages it was learned from, oldest first; empty for a memory stored with remember or imported.',
      resolve: (memory, _args, ctx) => ctx.loaders.sourcesByMemoryId.load(memory.id),
    }),
  );
  return { MemorySourceRef };
}

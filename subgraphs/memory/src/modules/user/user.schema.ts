import { errors } from '@miyu/platform/errors';
import type { Builder } from '../../builder.ts';
import type { MemoryTypes } from '../memory/memory.schema.ts';
import { listMemories } from '../memory/memory-list.ts';
import { recallMemories } from '../memory/memory-recall.ts';
import type { Embedder } from '../embedding/sif-embedder.ts';

/** The most memories one recall returns (recallMemories refuses more; the field clamps to it). */
const MAX_RECALL = 20;

/** Extends identity's User; a foreign user id reads as null, like a missing one. */
export function defineUserMemoryFields(builder: Builder, types: MemoryTypes, embedder: Embedder) {
  const UserRef = builder.externalRef('User', builder.selection<{ id: string }>('id'), (ref, ctx) =>
    ref.id === ctx.userId ? ref : null,
  );
  UserRef.implement({
    externalFields: (t) => ({ id: t.id() }),
    fields: (t) => ({
      memories: t.field({
        type: types.MemoryConnectionRef,
        description: 'Newest first.',
        args: {
          first: t.arg.int({ defaultValue: 20 }),
          after: t.arg.string(),
          kind: t.arg({ type: types.MemoryKindEnum }),
        },
        resolve: (user, args, ctx) => {
          // the shield rule checked ownership already; this keeps the SQL scoped even if a rule changes
          if (user.id !== ctx.userId) throw errors.forbidden();
          return listMemories(ctx.em, user.id, args);
        },
      }),
      recall: t.field({
        type: [types.RecalledMemoryRef],
        description: 'Memories relevant to a free-text query, best first.',
        args: {
          query: t.arg.string({ required: true }),
          limit: t.arg.int({
            defaultValue: 5,
            description: `How many to return, 1 to ${MAX_RECALL}; a larger value is clamped to ${MAX_RECALL}, a smaller one to 1.`,
          }),
        },
        resolve: (user, args, ctx) => {
          if (user.id !== ctx.userId) throw errors.forbidden();
          // clamped, not refused: an error here would null this field's parent, the whole of `me`
          const limit = Math.min(MAX_RECALL, Math.max(1, args.limit ?? 5));
          return recallMemories(ctx.em, user.id, { query: args.query, limit }, { embedder });
        },
      }),
    }),
  });
}

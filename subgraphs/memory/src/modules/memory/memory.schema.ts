import { definePageInfo } from '@miyu/graphql/pagination';
import { requireUser } from '@miyu/graphql/require-user';
import { errors } from '@miyu/platform/errors';
import type { Builder } from '../../builder.ts';
import { MEMORY_KINDS, type MemoryRow } from './memory.entity.ts';
import type { MemoryConnection } from './memory-list.ts';
import type { RecalledMemory } from './memory-recall.ts';
import { forget, forgetAll, remember, updateMemory } from './memory.service.ts';
import type { Embedder } from '../embedding/sif-embedder.ts';
import { defineMemorySources } from '../provenance/memory-source.schema.ts';

export function defineMemoryTypes(builder: Builder, embedder: Embedder) {
  const MemoryKindEnum = builder.enumType('MemoryKind', { values: MEMORY_KINDS });
  const PageInfoRef = definePageInfo(builder);

  // The conversation subgraph owns Message; we only hand out its key (no resolver here).
  const MessageRef = builder
    .externalRef('Message', builder.keyDirective(builder.selection<{ id: string }>('id'), false))
    .implement({
      fields: (t) => ({ id: t.exposeID('id') }),
    });

  const MemoryRef = builder.objectRef<MemoryRow>('Memory').implement({
    description: 'Something MIYU remembers about the user.',
    fields: (t) => ({
      id: t.exposeID('id'),
      kind: t.field({ type: MemoryKindEnum, resolve: (memory) => memory.kind }),
      content: t.exposeString('content'),
      importance: t.exposeFloat('importance', { description: '0..1' }),
      createdAt: t.field({ type: 'DateTime', resolve: (memory) => memory.createdAt }),
      updatedAt: t.field({ type: 'DateTime', resolve: (memory) => memory.updatedAt }),
      occurredAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the remembered thing happened or was said, apart from when it was stored.',
        resolve: (memory) => memory.occurredAt ?? null,
      }),
      source: t.field({
        type: MessageRef,
        nullable: true,
        description: 'The message it was extracted from, if any.',
        resolve: (memory) => (memory.sourceMessageId ? { id: memory.sourceMessageId } : null),
      }),
      supersededAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When a later statement replaced it; a superseded memory is history, never recalled as current.',
        resolve: (memory) => memory.supersededAt ?? null,
      }),
    }),
  });
  builder.objectFields(MemoryRef, (t) => ({
    supersededBy: t.field({
      type: MemoryRef,
      nullable: true,
      description: 'The memory that replaced it.',
      resolve: (memory, _args, ctx) => (memory.supersededById ? ctx.loaders.memoryById.load(memory.supersededById) : null),
    }),
    history: t.field({
      type: [MemoryRef],
      description: 'The earlier versions it replaced, newest first.',
      resolve: (memory, _args, ctx) => ctx.loaders.historyByMemoryId.load(memory.id),
    }),
  }));
  defineMemorySources(builder, MemoryRef, MessageRef);
  // A foreign id resolves to null, exactly like a missing one (the loader filters by user_id).
  builder.asEntity(MemoryRef, {
    key: builder.selection<{ id: string }>('id'),
    resolveReference: (ref, ctx) => ctx.loaders.memoryById.load(ref.id),
  });

  const RecalledMemoryRef = builder.objectRef<RecalledMemory>('RecalledMemory').implement({
    fields: (t) => ({
      memory: t.field({ type: MemoryRef, resolve: (recalled) => recalled.memory }),
      score: t.exposeFloat('score', { description: 'Blend of relevance, importance and recency, 0..1.' }),
    }),
  });

  const MemoryConnectionRef = builder.objectRef<MemoryConnection>('MemoryConnection').implement({
    fields: (t) => ({
      nodes: t.field({ type: [MemoryRef], resolve: (connection) => connection.nodes }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (connection) => connection.pageInfo }),
      totalCount: t.exposeInt('totalCount'),
    }),
  });

  const RememberInput = builder.inputType('RememberInput', {
    fields: (t) => ({
      content: t.string({ required: true }),
      kind: t.field({ type: MemoryKindEnum, required: true }),
      importance: t.float({ description: '0..1, default 0.5' }),
      occurredAt: t.field({ type: 'DateTime', description: 'When it happened or was said, if not now.' }),
    }),
  });

  builder.mutationFields((t) => ({
    remember: t.field({
      type: MemoryRef,
      description: 'Stores a memory; the same content again (ignoring case and spacing) refreshes the existing one.',
      args: { input: t.arg({ type: RememberInput, required: true }) },
      resolve: (_root, { input }, ctx) => remember(ctx.em, requireUser(ctx.userId), input, embedder),
    }),
    updateMemory: t.field({
      type: MemoryRef,
      args: { id: t.arg.id({ required: true }), content: t.arg.string({ required: true }) },
      resolve: (_root, args, ctx) => updateMemory(ctx.em, requireUser(ctx.userId), args.id, args.content, embedder),
    }),
    forget: t.boolean({
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, ctx) => forget(ctx.em, requireUser(ctx.userId), id),
    }),
    forgetAll: t.int({
      description:
        "Deletes all of the caller's memories and returns how many. Clients pass confirm: true; confirm: false deletes nothing (an absent confirm keeps the contract's original meaning: delete).",
      args: {
        confirm: t.arg.boolean({ description: 'true (or absent, as the contract first had it) deletes; false deletes nothing.' }),
      },
      resolve: (_root, { confirm }, ctx) => {
        const userId = requireUser(ctx.userId);
        if (confirm === false) throw errors.badInput('forgetAll deletes every memory: pass confirm: true to do it.');
        return forgetAll(ctx.em, userId);
      },
    }),
  }));

  return { MemoryRef, MemoryKindEnum, RecalledMemoryRef, MemoryConnectionRef };
}

export type MemoryTypes = ReturnType<typeof defineMemoryTypes>;

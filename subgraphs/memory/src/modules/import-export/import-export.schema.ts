import { requireUser } from '@miyu/graphql/require-user';
import type { Builder } from '../../builder.ts';
import type { MemoryTypes } from '../memory/memory.schema.ts';
import { MEMORY_KINDS } from '../memory/memory.entity.ts';
import type { Embedder } from '../embedding/sif-embedder.ts';
import { exportMemories, MAX_EXPORT_PAGE } from './export-memories.ts';
import { type ImportRefusal, type ImportReport, importMemories, MAX_IMPORT } from './import-memories.ts';

/** `importMemories` and `exportMemories`: a person's memories in and out in bulk. */
export function defineImportExport(builder: Builder, types: MemoryTypes, embedder: Embedder) {
  const ImportMemoryInput = builder.inputType('ImportMemoryInput', {
    fields: (t) => ({
      content: t.string({ required: true }),
      // a string, not MemoryKind: an unknown kind refuses that item (with its index), not the whole call
      kind: t.string({ required: true, description: `One of ${MEMORY_KINDS.join(', ')}.` }),
      importance: t.float({ description: '0..1, default 0.5' }),
      occurredAt: t.field({ type: 'DateTime', description: 'When it happened or was said, if known.' }),
    }),
  });
  const ImportRefusalRef = builder.objectRef<ImportRefusal>('ImportRefusal').implement({
    description: 'An item importMemories did not store, and why.',
    fields: (t) => ({
      index: t.exposeInt('index', { description: 'Its position in the input list, from 0.' }),
      reason: t.exposeString('reason'),
    }),
  });
  const ImportReportRef = builder.objectRef<ImportReport>('ImportMemoriesReport').implement({
    fields: (t) => ({
      imported: t.exposeInt('imported', { description: 'New memories stored.' }),
      merged: t.exposeInt('merged', {
        description: 'Items already remembered (same content, ignoring case and spacing): that memory was refreshed.',
      }),
      refused: t.field({ type: [ImportRefusalRef], resolve: (report) => report.refused }),
    }),
  });

  builder.mutationField('importMemories', (t) =>
    t.field({
      type: ImportReportRef,
      description: `Stores up to ${MAX_IMPORT} memories in one transaction; invalid items are refused with their index and reason, the rest stored.`,
      args: { input: t.arg({ type: [ImportMemoryInput], required: true }) },
      resolve: (_root, { input }, ctx) => importMemories(ctx.em, requireUser(ctx.userId), input, embedder),
    }),
  );
  builder.queryField('exportMemories', (t) =>
    t.field({
      type: types.MemoryConnectionRef,
      description: `All of the caller's memories, superseded versions included, oldest first; up to ${MAX_EXPORT_PAGE} per page. Ask for sources and history on each.`,
      args: { first: t.arg.int({ defaultValue: 500 }), after: t.arg.string() },
      resolve: (_root, args, ctx) => exportMemories(ctx.em, requireUser(ctx.userId), args),
    }),
  );
}

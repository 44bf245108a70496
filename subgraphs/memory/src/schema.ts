import { buildSubgraphSchema } from '@miyu/graphql/federation';
import { createBuilder } from './builder.ts';
import { defineImportExport } from './modules/import-export/import-export.schema.ts';
import { defineMemoryTypes } from './modules/memory/memory.schema.ts';
import { defineSummaryTypes } from './modules/summary/conversation-summary.schema.ts';
import { defineUserMemoryFields } from './modules/user/user.schema.ts';
import type { Embedder } from './modules/embedding/sif-embedder.ts';

/** `embedder` makes the vectors of remembered memories and of recall queries. */
export function buildMemorySchema(embedder: Embedder) {
  const builder = createBuilder();
  builder.queryType({});
  builder.mutationType({});
  const memoryTypes = defineMemoryTypes(builder, embedder);
  defineUserMemoryFields(builder, memoryTypes, embedder);
  defineImportExport(builder, memoryTypes, embedder);
  defineSummaryTypes(builder);
  return buildSubgraphSchema(builder);
}

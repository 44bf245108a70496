import { buildSubgraphSchema } from '@miyu/graphql/federation';
import { createBuilder } from './builder.ts';
import { defineMemoryTypes } from './modules/memory/memory.schema.ts';
import { defineSummaryTypes } from './modules/summary/conversation-summary.schema.ts';
import { defineUserMemoryFields } from './modules/user/user.schema.ts';

export function buildMemorySchema() {
  const builder = createBuilder();
  builder.queryType({});
  builder.mutationType({});
  const memoryTypes = defineMemoryTypes(builder);
  defineUserMemoryFields(builder, memoryTypes);
  defineSummaryTypes(builder);
  return buildSubgraphSchema(builder);
}

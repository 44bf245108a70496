import type { GraphQLSchema } from 'graphql';
import type { SubgraphBuilder } from './builder.ts';

/** Builds the subgraph schema with the federation directives MIYU uses. */
export function buildSubgraphSchema<Context extends object>(builder: SubgraphBuilder<Context>): GraphQLSchema {
  return builder.toSubGraphSchema({
    linkUrl: 'https://specs.apollo.dev/federation/v2.6',
    federationDirectives: ['@key', '@extends', '@external', '@requires', '@shareable', '@inaccessible'],
  });
}

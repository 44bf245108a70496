import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * What the subscription lane needs from a supergraph, built the way @apollo/gateway builds it
 * (Supergraph.build → apiSchema → QueryPlanner), with a bounded plan cache.
 */
export function loadFederatedSchema(supergraphSdl: string, planCacheSize = 500) {
  const supergraph = Supergraph.build(supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const apiGraphQLSchema: GraphQLSchema = apiSchema.toGraphQLJSSchema();
  const supergraphGraphQLSchema: GraphQLSchema = supergraph.schema.toGraphQLJSSchema();
  const planner = new QueryPlanner(supergraph);
  const planCache = new LRUCache<string, QueryPlan>({ max: planCacheSize });

  return {
    apiSchema,
    apiGraphQLSchema,
    supergraphGraphQLSchema,
    subgraphs: supergraph.subgraphsMetadata(),
    /** Plans an operation; the cache key is the document's source and the operation name. */
    plan(document: DocumentNode, source: string, operationName: string | undefined): QueryPlan {
      const key = `${operationName ?? ''}\u0000${source}`;
      const cached = planCache.get(key);
      if (cached) return cached;
      const operation = operationFromDocument(apiSchema, document, { operationName });
      const plan = planner.buildQueryPlan(operation);
      planCache.set(key, plan);
      return plan;
    },
    get planCacheSize(): number {
      return planCache.size;
    },
  };
}

export type FederatedSchema = ReturnType<typeof loadFederatedSchema>;

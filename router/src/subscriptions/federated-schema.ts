import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

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
  const planCache = new Map<string, QueryPlan>();

  return {
    apiSchema,
    apiGraphQLSchema,
    supergraphGraphQLSchema,
    subgraphs: supergraph.subgraphsMetadata(),
    /** Plans an operation; the cache key is the document's source and the operation name. */
    plan(document: DocumentNode, source: string, operationName: string | undefined): QueryPlan {
      const key = `${operationName ?? ''}\u0000${source}`;
      const cached = planCache.get(key);
      if (cached) {
        // refresh recency: Map iteration order is insertion order, so this is an LRU
        planCache.delete(key);
        planCache.set(key, cached);
        return cached;
      }
      const operation = operationFromDocument(apiSchema, document, { operationName });
      const plan = planner.buildQueryPlan(operation);
      if (planCache.size >= planCacheSize) planCache.delete(planCache.keys().next().value as string);
      planCache.set(key, plan);
      return plan;
    },
    get planCacheSize(): number {
      return planCache.size;
    },
  };
}

export type FederatedSchema = ReturnType<typeof loadFederatedSchema>;

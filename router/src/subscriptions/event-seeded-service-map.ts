import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetchNode } from '@apollo/query-planner';

/**
 * executeQueryPlan runs a plan from an empty result. For a subscription event we hand it the plan
 * `Sequence[primary, rest]` and a service map in which the primary's subgraph answers the
 * primary operation with the event already received over graphql-ws; every other fetch (the
 * `_entities` hops of `rest`) goes to the real data sources with the original request context.
 */
export function seedServiceMap(
  serviceMap: Record<string, GraphQLDataSource>,
  primary: FetchNode,
  event: { data?: unknown; errors?: unknown },
): Record<string, GraphQLDataSource> {
  const real = serviceMap[primary.serviceName];
  const seeded: GraphQLDataSource = {
    process(options: GraphQLDataSourceProcessOptions) {
      if (options.request.query === primary.operation) return Promise.resolve(event as never);
      if (!real) return Promise.reject(new Error(`no data source for ${primary.serviceName}`));
      return real.process(options);
    },
  };
  return { ...serviceMap, [primary.serviceName]: seeded };
}

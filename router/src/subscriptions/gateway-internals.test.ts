import { composeServices } from '@apollo/composition';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { createLogger } from '@miyu/platform/logger';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { subscribeFederated } from './federated-subscribe.ts';
import { loadFederatedSchema } from './federated-schema.ts';
import type { UpstreamPool } from './upstream-pool.ts';

// Pins the pieces of @apollo/gateway / @apollo/query-planner the subscription lane relies on:
// QueryPlanner producing {kind: 'Subscription', primary, rest}, executeQueryPlan running a seeded
// Sequence[primary, rest], and buildOperationContext. A gateway upgrade that changes them fails here.
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])';
const TICKS = `${LINK}
type Query { ping: Boolean }
type Subscription { ticks(from: Int!): Tick! }
type Tick @key(fields: "id") { id: ID! n: Int! }`;
const LABELS = `${LINK}
type Query { labelsVersion: Int }
type Tick @key(fields: "id") { id: ID! label: String! }`;

function supergraph(): string {
  const result = composeServices([
    { name: 'ticks', url: 'http://ticks.invalid/graphql', typeDefs: parse(TICKS) },
    { name: 'labels', url: 'http://labels.invalid/graphql', typeDefs: parse(LABELS) },
  ]);
  if (!result.supergraphSdl) throw new Error(JSON.stringify(result.errors));
  return result.supergraphSdl;
}

describe('gateway internals used by the subscription lane', () => {
  const schema = loadFederatedSchema(supergraph());
  const source = 'subscription($from: Int!) { ticks(from: $from) { n label alias: n } }';
  const document = parse(source);

  it('plans a cross-subgraph subscription as primary + rest, and caches the plan', () => {
    const plan = schema.plan(document, source, undefined);
    expect(plan.node?.kind).toBe('Subscription');
    if (plan.node?.kind !== 'Subscription') return;
    expect(plan.node.primary.serviceName).toBe('ticks');
    expect(plan.node.primary.variableUsages).toEqual(['from']);
    expect(JSON.stringify(plan.node.rest)).toContain('"serviceName":"labels"');
    expect(schema.plan(document, source, undefined)).toBe(plan);
    expect(plan.node.primary.operation).toBe('subscription($from:Int!){ticks(from:$from){__typename id n alias:n}}');
  });

  it('runs rest through executeQueryPlan for every event, with the request context', async () => {
    const seenContexts: unknown[] = [];
    const labels: GraphQLDataSource = {
      async process(options: GraphQLDataSourceProcessOptions) {
        seenContexts.push(options.context);
        const representations = options.request.variables?.representations as { id: string }[];
        return { data: { _entities: representations.map((r) => ({ __typename: 'Tick', label: `label-${r.id}` })) } };
      },
    };
    // what the ticks subgraph answers to the primary operation (aliases included)
    const events = [1, 2].map((n) => ({ data: { ticks: { __typename: 'Tick', id: `t${n}`, n, alias: n } } }));
    const upstream = {
      subscribe: async (subgraph: string, payload: { variables: Record<string, unknown> }) => {
        expect(subgraph).toBe('ticks');
        expect(payload.variables).toEqual({ from: 1 });
        return (async function* () {
          yield* events;
        })();
      },
    } as unknown as UpstreamPool;
    const context = { principal: { kind: 'anonymous' as const }, requestId: 'r1', internalToken: async () => 'token' };
    const results = [];
    for await (const result of await subscribeFederated(
      {
        schema: () => schema,
        serviceMap: () => ({ labels }),
        upstream,
        logger: createLogger({ service: 'test', level: 'silent' }),
      },
      { document, source, operationName: undefined, variables: { from: 1 }, context },
    )) {
      results.push(result);
    }
    expect(results).toEqual([
      { data: { ticks: { n: 1, label: 'label-t1', alias: 1 } } },
      { data: { ticks: { n: 2, label: 'label-t2', alias: 2 } } },
    ]);
    expect(seenContexts).toEqual([context, context]);
  });
});

import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import type { Logger } from '@miyu/platform/logger';
import { type DocumentNode, type ExecutionResult, GraphQLError } from 'graphql';
import type { RouterContext } from '../router-context.ts';
import { seedServiceMap } from './event-seeded-service-map.ts';
import type { FederatedSchema } from './federated-schema.ts';
import { type UpstreamEvent, UpstreamLostError, type UpstreamPool } from './upstream-pool.ts';
import { QueueOverflowError } from './bounded-queue.ts';

export interface FederatedSubscribeDeps {
  schema: () => FederatedSchema;
  serviceMap: () => Record<string, GraphQLDataSource>;
  upstream: UpstreamPool;
  logger: Logger;
}

export interface SubscribeRequest {
  document: DocumentNode;
  source: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  context: RouterContext;
}

/**
 * Executes a subscription the way Apollo Router does: open the plan's `primary` fetch on the
 * owning subgraph over graphql-ws, and for every event run `rest` (the `_entities` hops to other
 * subgraphs) through the gateway's own executeQueryPlan with the original request context.
 *
 * Returns a hand-written iterator rather than an async generator: a generator suspended while
 * awaiting the next upstream event cannot be `return()`ed until that event arrives, which would
 * keep a cancelled subscription (and its upstream operation) alive indefinitely.
 */
export async function subscribeFederated(
  deps: FederatedSubscribeDeps,
  request: SubscribeRequest,
): Promise<AsyncIterableIterator<ExecutionResult>> {
  const schema = deps.schema();
  const plan = schema.plan(request.document, request.source, request.operationName);
  const node = plan.node;
  if (node?.kind !== 'Subscription') {
    return once({ errors: [new GraphQLError('Not a subscription operation.', { extensions: { code: 'BAD_REQUEST' } })] });
  }
  const primary = node.primary;
  const upstreamVariables = Object.fromEntries((primary.variableUsages ?? []).map((name) => [name, request.variables[name]]));
  const events = await deps.upstream.subscribe(primary.serviceName, {
    query: primary.operation,
    variables: upstreamVariables,
    operationName: primary.operationName,
    internalToken: await request.context.internalToken(),
  });
  const operationContext = buildOperationContext({
    schema: schema.apiGraphQLSchema,
    operationDocument: request.document,
    operationName: request.operationName,
  });
  const eventPlan: QueryPlan = {
    kind: 'QueryPlan',
    node: node.rest ? { kind: 'Sequence', nodes: [primary, node.rest] } : primary,
  };
  let finished = false;
  const finish = async (): Promise<IteratorResult<ExecutionResult>> => {
    finished = true;
    await events.return?.();
    return { value: undefined, done: true };
  };
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (finished) return { value: undefined, done: true };
      let event: IteratorResult<UpstreamEvent>;
      try {
        event = await events.next();
      } catch (error) {
        await finish();
        return { value: { errors: [subscriptionError(error, primary.serviceName)] }, done: false };
      }
      if (event.done || finished) return finish();
      if (!event.value.data) return { value: { errors: toGraphQLErrors(event.value) }, done: false };
      return { value: await runEventPlan(deps, schema, eventPlan, primary, event.value, request, operationContext), done: false };
    },
    return: finish,
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

export function once(result: ExecutionResult): AsyncIterableIterator<ExecutionResult> {
  let sent = false;
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (sent) return { value: undefined, done: true };
      sent = true;
      return { value: result, done: false };
    },
    async return() {
      sent = true;
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

async function runEventPlan(
  deps: FederatedSubscribeDeps,
  schema: FederatedSchema,
  plan: QueryPlan,
  primary: FetchNode,
  event: UpstreamEvent,
  request: SubscribeRequest,
  operationContext: ReturnType<typeof buildOperationContext>,
): Promise<ExecutionResult> {
  const requestContext = {
    request: { query: request.source, variables: request.variables, operationName: request.operationName },
    document: request.document,
    operationName: request.operationName ?? null,
    context: request.context,
    logger: deps.logger,
    metrics: {},
    cache: undefined,
    overallCachePolicy: undefined,
  };
  const result = await executeQueryPlan(
    plan,
    seedServiceMap(deps.serviceMap(), primary, event),
    requestContext as never,
    operationContext,
    schema.supergraphGraphQLSchema,
    schema.apiSchema,
  );
  const errors = (result as ExecutionResult).errors?.map(
    (error) => new GraphQLError(error.message, { path: error.path, extensions: withoutServiceName(error.extensions) }),
  );
  return { ...(result as ExecutionResult), ...(errors ? { errors } : {}) };
}

function toGraphQLErrors(event: UpstreamEvent): GraphQLError[] {
  return (event.errors ?? [{ message: 'The subscription produced no data.' }]).map(
    (error) => new GraphQLError(error.message, { extensions: withoutServiceName(error.extensions) }),
  );
}

function subscriptionError(error: unknown, subgraph: string): GraphQLError {
  if (error instanceof QueueOverflowError)
    return new GraphQLError(error.message, { extensions: { code: 'SUBSCRIPTION_QUEUE_OVERFLOW' } });
  const graphqlErrors = (error as { graphqlErrors?: { message: string; extensions?: Record<string, unknown> }[] }).graphqlErrors;
  if (graphqlErrors?.[0])
    return new GraphQLError(graphqlErrors[0].message, { extensions: withoutServiceName(graphqlErrors[0].extensions) });
  const lost = error instanceof UpstreamLostError ? error : new UpstreamLostError(subgraph);
  return new GraphQLError(lost.message, { extensions: { code: 'SUBGRAPH_UNAVAILABLE' } });
}

/** Subgraph names are internal topology: client errors never carry `serviceName`. */
function withoutServiceName(extensions: Record<string, unknown> | undefined): Record<string, unknown> {
  const { serviceName: _internal, ...rest } = extensions ?? {};
  return rest;
}

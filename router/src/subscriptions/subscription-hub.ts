import type { Logger } from '@miyu/platform/logger';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { Counter, Gauge, type Registry } from 'prom-client';
import { type FederatedSubscribeDeps, once, type SubscribeRequest, subscribeFederated } from './federated-subscribe.ts';

export interface SubscriptionLimits {
  /** Open subscriptions one client connection may hold. */
  maxPerConnection: number;
  /** Open subscriptions this router process holds at most. */
  maxPerProcess: number;
}

interface ActiveSubscription {
  connectionId: string;
  abort: (reason: GraphQLError) => void;
}

/**
 * Every open subscription of the process: caps, termination (supergraph reload, drain, token
 * expiry) and metrics. Protocol adapters (graphql-ws, multipart, SSE) all go through it.
 */
export function createSubscriptionHub(
  deps: FederatedSubscribeDeps & { limits: SubscriptionLimits; registry: Registry; logger: Logger },
) {
  const active = new Set<ActiveSubscription>();
  const perConnection = new Map<string, number>();
  const gauge = new Gauge({ name: 'router_active_subscriptions', help: 'Open subscriptions', registers: [deps.registry] });
  const events = new Counter({
    name: 'router_subscription_events_total',
    help: 'Subscription events sent to clients',
    registers: [deps.registry],
  });
  const started = new Counter({
    name: 'router_subscriptions_total',
    help: 'Subscriptions started, by protocol',
    labelNames: ['protocol'] as const,
    registers: [deps.registry],
  });

  /** Checks the caps; returns an error result instead of a stream when a cap is reached. */
  function admit(connectionId: string): GraphQLError | null {
    if (active.size >= deps.limits.maxPerProcess) {
      return new GraphQLError('This server holds too many subscriptions; retry later.', {
        extensions: { code: 'SUBSCRIPTION_LIMIT' },
      });
    }
    if ((perConnection.get(connectionId) ?? 0) >= deps.limits.maxPerConnection) {
      return new GraphQLError(`At most ${deps.limits.maxPerConnection} subscriptions per connection.`, {
        extensions: { code: 'SUBSCRIPTION_LIMIT' },
      });
    }
    return null;
  }

  /**
   * One subscription as an iterator the protocol adapters pull from. `return()` (client went
   * away) and `terminateAll` (reload, drain) take effect at once, even while waiting for the
   * next upstream event.
   */
  function run(request: SubscribeRequest, connectionId: string, protocol: string): AsyncIterableIterator<ExecutionResult> {
    const refused = admit(connectionId);
    if (refused) return once({ errors: [refused] });
    let abortWith: GraphQLError | null = null;
    let finished = false;
    let wake: (() => void) | undefined;
    const entry: ActiveSubscription = {
      connectionId,
      abort: (reason) => {
        abortWith = reason;
        wake?.();
      },
    };
    active.add(entry);
    perConnection.set(connectionId, (perConnection.get(connectionId) ?? 0) + 1);
    gauge.set(active.size);
    started.inc({ protocol });
    const source = subscribeFederated(deps, request).catch((error: unknown) => {
      deps.logger.warn({ err: error }, 'subscription could not start');
      return once({
        errors: [new GraphQLError('The subscription could not start.', { extensions: { code: 'SUBSCRIPTION_FAILED' } })],
      });
    });
    const release = async () => {
      if (!active.delete(entry)) return;
      const left = (perConnection.get(connectionId) ?? 1) - 1;
      if (left <= 0) perConnection.delete(connectionId);
      else perConnection.set(connectionId, left);
      gauge.set(active.size);
      await (await source).return?.();
    };
    const end = async (): Promise<IteratorResult<ExecutionResult>> => {
      finished = true;
      await release();
      return { value: undefined, done: true };
    };
    const iterator: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        if (finished) return { value: undefined, done: true };
        const stream = await source;
        const aborted = new Promise<'aborted'>((resolve) => {
          wake = () => resolve('aborted');
        });
        const next = abortWith ? 'aborted' : await Promise.race([stream.next(), aborted]);
        if (next === 'aborted' || abortWith) {
          const reason =
            abortWith ?? new GraphQLError('Subscription ended.', { extensions: { code: 'SUBSCRIPTION_TERMINATED' } });
          await end();
          return { value: { errors: [reason] }, done: false };
        }
        if (next.done || finished) return end();
        events.inc();
        return next;
      },
      return: end,
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  return {
    subscribe: run,
    /** Ends every subscription with an error the client can act on (resubscribe). */
    terminateAll(reason: string, code = 'SUBSCRIPTION_TERMINATED'): number {
      const count = active.size;
      for (const entry of [...active]) entry.abort(new GraphQLError(reason, { extensions: { code } }));
      if (count > 0) deps.logger.info({ count, reason }, 'subscriptions terminated');
      return count;
    },
    get activeCount(): number {
      return active.size;
    },
  };
}

export type SubscriptionHub = ReturnType<typeof createSubscriptionHub>;

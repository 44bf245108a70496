import { INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';
import type { Client } from 'graphql-ws';
import type { FanoutChunk } from './verify-stream.ts';
import { connected, directClient, routerClient } from './ws-clients.ts';

/** Only fields the conversation subgraph owns: no `rest` plan, the router relays each event. */
export const FANOUT_QUERY =
  'subscription($id: ID!) { replyStream(messageId: $id) { seq delta done reset message { id content } } }';

export interface FanoutTarget {
  replyId: string;
  /** Router mode: the user's bearer token. */
  bearer: string;
  /** Direct mode: the user's internal token, sent per operation as the router would. */
  internalToken: string;
}

export interface Subscriber {
  replyId: string;
  chunks: FanoutChunk[];
  error?: string;
  finished: Promise<void>;
}

export interface SubscriberPlan {
  mode: 'router' | 'direct';
  /** Router URL, or the conversation subgraph's URL in direct mode. */
  url: string;
  /** Direct mode: the router-principal token the subgraph requires on the upgrade. */
  upgradeToken: string;
  targets: FanoutTarget[];
  perTarget: number;
  socketsPerTarget: number;
}

/** Opens `perTarget` subscriptions per reply, spread evenly over `socketsPerTarget` sockets each. */
export async function openSubscribers(plan: SubscriberPlan) {
  const clients: Client[] = [];
  const subscribers: Subscriber[] = [];
  for (const target of plan.targets) {
    const sockets = Array.from({ length: plan.socketsPerTarget }, () =>
      plan.mode === 'router' ? routerClient(plan.url, target.bearer) : directClient(plan.url, plan.upgradeToken),
    );
    clients.push(...sockets);
    await Promise.all(sockets.map(connected));
    for (let index = 0; index < plan.perTarget; index += 1) {
      const client = sockets[index % sockets.length]!;
      const subscriber: Subscriber = { replyId: target.replyId, chunks: [], finished: Promise.resolve() };
      subscriber.finished = new Promise<void>((resolve) => {
        client.subscribe<{ replyStream: FanoutChunk }>(
          {
            query: FANOUT_QUERY,
            variables: { id: target.replyId },
            ...(plan.mode === 'direct' ? { extensions: { [INTERNAL_TOKEN_HEADER]: target.internalToken } } : {}),
          },
          {
            next: (value) => {
              if (value.data?.replyStream) subscriber.chunks.push(value.data.replyStream);
              else subscriber.error ??= JSON.stringify(value.errors);
            },
            error: (error) => {
              subscriber.error ??= error instanceof Error ? error.message : JSON.stringify(error);
              resolve();
            },
            complete: resolve,
          },
        );
      });
      subscribers.push(subscriber);
    }
  }
  return {
    subscribers,
    async close(): Promise<void> {
      await Promise.allSettled(clients.map((client) => client.dispose()));
    },
  };
}

import { defineEntity, p } from '@mikro-orm/core';

/**
 * A subgraph's outbox table for events about one person: written in the same transaction as the
 * change they describe; the shared relay (outbox-relay.ts) publishes them and sets `publishedAt`.
 */
export function defineUserOutboxEntity<const Name extends string>(name: Name, tableName: string) {
  return defineEntity({
    name,
    tableName,
    properties: {
      id: p.uuid().primary(),
      userId: p.uuid(),
      type: p.string().length(64),
      payload: p.json<Record<string, unknown>>(),
      createdAt: p.datetime(),
      publishedAt: p.datetime().nullable().index(),
    },
  });
}

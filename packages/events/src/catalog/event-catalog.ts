import { z } from 'zod';

/**
 * Every domain event MIYU publishes, declared once: its type and version, the subgraph that
 * produces it, its payload schema (the payload type is inferred from it) and an example. The
 * producers stage events through `catalogEvent` and the consumers read them through
 * `parseCatalogEvent` (see consume-catalog.ts), so both ends check the same shape. The README's
 * event table is generated from this file (`node packages/events/src/catalog/catalog-table.ts`).
 */

const uuid = z.uuid();
// The producing subgraph owns the lists of platforms and modes; the catalog asks for a name.
const platform = z.string().min(1).max(32);
const mode = z.string().min(1).max(32);

const EXAMPLE_USER = '00000000-0000-4000-8000-000000000001';
const EXAMPLE_A = '00000000-0000-4000-8000-00000000000a';
const EXAMPLE_B = '00000000-0000-4000-8000-00000000000b';
const EXAMPLE_C = '00000000-0000-4000-8000-00000000000c';

export type Producer = 'conversation' | 'identity' | 'memory' | 'personality' | 'quest' | 'every subgraph';

/** The subgraphs that hold a person's rows; each removes them on `account.deleted`. */
export const ACCOUNT_SUBGRAPHS = ['identity', 'personality', 'memory', 'quest', 'conversation'] as const;
const accountSubgraph = z.enum(ACCOUNT_SUBGRAPHS);

interface CatalogEntry<S extends z.ZodType> {
  version: number;
  producer: Producer;
  /** Who reads it (documentation: the consumers declare their own handlers). */
  consumers: readonly string[];
  description: string;
  payload: S;
  example: z.input<S>;
}

const entry = <S extends z.ZodType>(value: CatalogEntry<S>) => value;

export const EVENT_CATALOG = {
  'conversation.started': entry({
    version: 1,
    producer: 'conversation',
    consumers: ['quest'],
    description: 'A person started a conversation (startConversation).',
    payload: z.object({ userId: uuid, conversationId: uuid, platform, title: z.string().nullable() }),
    example: { userId: EXAMPLE_USER, conversationId: EXAMPLE_A, platform: 'WEB', title: null },
  }),
  'message.created': entry({
    version: 1,
    producer: 'conversation',
    consumers: ['conversation (starts the reply)', 'memory', 'personality', 'quest'],
    description: 'A person sent a message; its PENDING reply was stored with it (sendMessage).',
    payload: z.object({
      userId: uuid,
      conversationId: uuid,
      messageId: uuid,
      replyId: uuid,
      content: z.string(),
      platform,
    }),
    example: {
      userId: EXAMPLE_USER,
      conversationId: EXAMPLE_A,
      messageId: EXAMPLE_B,
      replyId: EXAMPLE_C,
      content: 'hello',
      platform: 'WEB',
    },
  }),
  'reply.completed': entry({
    version: 1,
    producer: 'conversation',
    consumers: ['memory'],
    description: 'A reply was stored COMPLETE: generated to the end, or stopped by cancelReply with the text so far.',
    payload: z.object({
      userId: uuid,
      conversationId: uuid,
      messageId: uuid,
      replyToId: uuid.nullish(),
      content: z.string(),
      model: z.string().nullish(),
      fellBack: z.boolean(),
    }),
    example: {
      userId: EXAMPLE_USER,
      conversationId: EXAMPLE_A,
      messageId: EXAMPLE_C,
      replyToId: EXAMPLE_B,
      content: 'Hi!',
      model: 'offline',
      fellBack: false,
    },
  }),
  'reply.failed': entry({
    version: 1,
    producer: 'conversation',
    consumers: [],
    description: 'A reply failed on its last attempt and was stored FAILED.',
    payload: z.object({
      userId: uuid,
      conversationId: uuid,
      messageId: uuid,
      replyToId: uuid.nullish(),
      error: z.object({ code: z.string(), message: z.string() }),
    }),
    example: {
      userId: EXAMPLE_USER,
      conversationId: EXAMPLE_A,
      messageId: EXAMPLE_C,
      replyToId: EXAMPLE_B,
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The model is not available.' },
    },
  }),
  'memory.created': entry({
    version: 1,
    producer: 'memory',
    consumers: ['quest'],
    description: 'A message taught MIYU something new about the person (a memory was stored).',
    payload: z.object({ memoryId: uuid, kind: z.string().min(1), sourceMessageId: uuid.nullable() }),
    example: { memoryId: EXAMPLE_A, kind: 'PREFERENCE', sourceMessageId: EXAMPLE_B },
  }),
  'mode.changed': entry({
    version: 1,
    producer: 'personality',
    consumers: ['quest'],
    description: "The companion's mode changed at the person's request (setMode).",
    payload: z.object({ from: mode, to: mode, reason: z.string(), transitionId: z.number().int() }),
    example: { from: 'CASUAL', to: 'PLAYFUL', reason: 'requested by user', transitionId: 1 },
  }),
  'quest.reward_claimed': entry({
    version: 1,
    producer: 'quest',
    consumers: ['personality'],
    description: "A person claimed a completed quest's reward (xp, a badge, a share of affinity).",
    payload: z.object({
      questId: z.string().min(1),
      periodKey: z.string().min(1),
      xp: z.number().int().min(0),
      affinity: z.number().min(0).max(1),
      badge: z.string().nullable(),
    }),
    example: { questId: 'say-hello', periodKey: 'all', xp: 10, affinity: 0.05, badge: null },
  }),
  'account.deleted': entry({
    version: 1,
    producer: 'identity',
    consumers: ['identity', 'personality', 'memory', 'quest', 'conversation'],
    description:
      "A person deleted their account (deleteAccount): their credentials are revoked; every subgraph removes the person's rows.",
    payload: z.object({ deletionId: uuid, subgraphs: z.array(accountSubgraph).min(1) }),
    example: { deletionId: EXAMPLE_A, subgraphs: [...ACCOUNT_SUBGRAPHS] },
  }),
  'account.deletion_progressed': entry({
    version: 1,
    producer: 'every subgraph',
    consumers: ['identity (tracks the deletion)'],
    description: 'One subgraph removed every row of a deleted account.',
    payload: z.object({ deletionId: uuid, subgraph: accountSubgraph, rowsDeleted: z.number().int().min(0) }),
    example: { deletionId: EXAMPLE_A, subgraph: 'memory', rowsDeleted: 12 },
  }),
} as const;

export type EventCatalog = typeof EVENT_CATALOG;
export type EventType = keyof EventCatalog;
/** The payload of an event type, as its schema parses it. */
export type EventPayload<T extends EventType> = z.output<EventCatalog[T]['payload']>;

export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

export const isEventType = (type: string): type is EventType => Object.hasOwn(EVENT_CATALOG, type);

/** The example payload of an event type (tests and the README). */
export function examplePayload<T extends EventType>(type: T): EventPayload<T> {
  return EVENT_CATALOG[type].payload.parse(EVENT_CATALOG[type].example) as EventPayload<T>;
}

/** A producer's payload checked against its type's schema: a mismatch is a bug in the producer, so it throws. */
export function checkedPayload<T extends EventType>(type: T, payload: EventPayload<T>): Record<string, unknown> {
  return EVENT_CATALOG[type].payload.parse(payload) as Record<string, unknown>;
}

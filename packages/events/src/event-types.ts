/**
 * The adapters behind the event-driven parts of MIYU. Each has an in-memory implementation
 * (embedded mode: one process, nothing to install) and a Redis one (distributed mode), and the
 * same contract tests run against both.
 */

import type { ReplyClaim, ReplyFence } from './reply-fence.ts';
import type { AccountRevocations } from './revocation/account-revocations.ts';

/** A domain event. Consumers are idempotent on `id`. */
export interface DomainEvent<T = Record<string, unknown>> {
  /** Unique id (uuid); also the idempotency key for consumers. */
  id: string;
  /** e.g. `message.created`, `reply.completed`, `memory.created`, `mode.changed`. */
  type: string;
  /** The user the event is about. */
  userId: string;
  /** ISO-8601 time the event happened. */
  at: string;
  /** The version of its type's schema in the event catalog (catalog/event-catalog.ts); 1 when absent. */
  version?: number;
  payload: T;
}

/** An event a consumer could not use (unknown type or version, malformed), kept with the reason. */
export interface DeadLetter {
  /** The consumer group that refused it. */
  group: string;
  reason: string;
  /** ISO-8601 time it was refused. */
  at: string;
  /** The event as it was delivered. */
  event: DomainEvent<unknown>;
}

/** Where refused events go instead of being dropped: operators list them (newest first). */
export interface DeadLetterStore {
  add(letter: DeadLetter): Promise<void>;
  list(limit?: number): Promise<DeadLetter[]>;
}

/**
 * A durable, replayable log of domain events with consumer groups (Redis Streams / in-memory).
 * Every group sees every event; within a group each event is delivered to one consumer and
 * redelivered until acknowledged (at-least-once).
 */
export interface EventLog {
  append(event: DomainEvent): Promise<void>;
  /**
   * Starts consuming as `group` (created at the current end of the log if new, so a new
   * group does not replay history). The handler's promise resolving acknowledges the event;
   * a rejection leaves it pending and it is retried after `retryDelayMs`.
   */
  consume(group: string, handler: (event: DomainEvent) => Promise<void>, options?: { retryDelayMs?: number }): Promise<Consumer>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export interface Consumer {
  stop(): Promise<void>;
}

/** Fire-and-forget topic messaging for live notifications (subscriptions); may drop on reconnect. */
export interface PubSub {
  publish(topic: string, message: unknown): Promise<void>;
  /** Yields messages published after the call; `return()` on the iterator unsubscribes. */
  subscribe<T = unknown>(topic: string, signal?: AbortSignal): AsyncIterableIterator<T>;
  close(): Promise<void>;
}

/** Options for one job. */
export interface JobOptions {
  /** Deduplication key: adding a job whose id is already queued or running is a no-op. */
  jobId: string;
  /** Total tries including the first (default 3). */
  attempts?: number;
  /** First retry delay; doubles each retry (default 500 ms). */
  backoffMs?: number;
}

export interface JobProcessOptions {
  concurrency?: number;
  /**
   * How long a running job's lock holds without renewal (BullMQ renews it at half that): a
   * worker that died is found and its job run elsewhere within about 1.5× this. Default 30 s.
   * The in-process queue dies with its process, so it has no locks.
   */
  lockMs?: number;
}

/** Durable background jobs (BullMQ in distributed mode; an in-process queue in embedded mode). */
export interface JobQueue<T = Record<string, unknown>> {
  add(data: T, options: JobOptions): Promise<void>;
  /** Starts workers; the handler receives the attempt number (1-based). */
  process(handler: (data: T, attempt: number) => Promise<void>, options?: JobProcessOptions): Promise<void>;
  /** Jobs waiting or running (metrics). */
  depth(): Promise<number>;
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** One piece of a streamed reply. */
export interface ReplyChunkRecord {
  messageId: string;
  seq: number;
  delta: string;
  done: boolean;
  /** Discard the text received so far: the reply restarts after this chunk (delta is empty). */
  reset?: boolean;
}

/**
 * Per-reply chunk streams that can be replayed: a late or reconnecting subscriber reads every
 * chunk after the sequence number it has seen, then follows live ones until `done`.
 */
export interface ReplyStreamStore {
  /**
   * Adds a chunk. Once the stream has its done chunk every later append is dropped (the reply is
   * over); once it is sealed, a later chunk that is not a done chunk is dropped. With a fence,
   * the append throws ReplyFencedError when a later claim took the reply over, and renews the lease.
   */
  append(chunk: ReplyChunkRecord, fence?: ReplyFence): Promise<void>;
  /**
   * Takes the reply over for writing: refused while another producer's lease runs; otherwise a
   * new epoch (fencing every earlier producer) and the last seq written, in one atomic step.
   */
  claim(messageId: string, leaseMs: number): Promise<ReplyClaim>;
  /** Extends the lease; false once another producer has claimed the reply. */
  renew(messageId: string, fence: ReplyFence): Promise<boolean>;
  /** Ends the lease early (the producer finished or gave up), so a retry claims at once. */
  release(messageId: string, fence: ReplyFence): Promise<void>;
  /**
   * Seals a stream and returns the chunks it holds before its done chunk (stream order), in one
   * step, so no text can slip in between: what it returns is all the text the stream will ever
   * have. The sealer then ends it with a done chunk (a reply stopped while it was written).
   */
  seal(messageId: string): Promise<ReplyChunkRecord[]>;
  /** Chunks with seq > afterSeq in order, then live ones, ending after the `done` chunk. */
  follow(messageId: string, afterSeq: number, signal?: AbortSignal): AsyncIterableIterator<ReplyChunkRecord>;
  /** Deletes a stream (e.g. on retry of a reply that had partial output). */
  reset(messageId: string): Promise<void>;
  close(): Promise<void>;
}

/** What a service receives: one set of adapters, chosen by the launcher. */
export interface EventAdapters {
  eventLog: EventLog;
  pubsub: PubSub;
  replyStreams: ReplyStreamStore;
  /** Events a consumer refused, with the reason. */
  deadLetters: DeadLetterStore;
  /** Named durable queues (one per kind of job). */
  jobQueue<T extends Record<string, unknown>>(name: string): JobQueue<T>;
  /** Deleted accounts (createEventAdapters sets it; its event log then skips their events). */
  revocations?: AccountRevocations;
  close(): Promise<void>;
}

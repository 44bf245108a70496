import { randomUUID } from 'node:crypto';
import { createMemoryEventAdapters } from '@miyu/events/memory/create-memory-adapters';
import { createLogger } from '@miyu/platform/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxEventEntity } from './outbox.entity.ts';
import { createOutboxRelay } from './outbox-relay.ts';
import { stageOutboxEvent } from './outbox.service.ts';
import { type ConversationHarness, startConversationHarness } from '../../conversation-test-support.ts';

const ADA = '00000000-0000-4000-8000-0000000000a7';
const CLAIM = /from "?(\w+"?\.)?"?outbox_events"?.* for update skip locked/i;
const WINDOW_MS = 300;

describe('the outbox relay batch window', () => {
  let harness: ConversationHarness;
  const events = createMemoryEventAdapters();
  beforeAll(async () => {
    // the subgraph's own relay only polls once an hour here: the relay under test does the work
    harness = await startConversationHarness({ outboxPollMs: 3_600_000 });
  });
  afterAll(async () => {
    await harness?.close();
    await events.close();
  });

  const unpublished = async (ids: string[]) =>
    (await harness.orm.em.fork().find(OutboxEventEntity, { id: { $in: ids } })).filter((row) => row.publishedAt === null);

  async function commitEvent(content: string): Promise<string> {
    const em = harness.orm.em.fork();
    const row = stageOutboxEvent(em, 'conversation.started', {
      userId: ADA,
      conversationId: randomUUID(),
      platform: 'WEB',
      title: content,
    });
    await em.flush();
    return row.id;
  }

  it('publishes commits nudged within the window together, in one claiming transaction, after the window', async () => {
    const relay = createOutboxRelay({
      orm: harness.orm,
      events,
      logger: createLogger({ service: 'test', level: 'silent' }),
      intervalMs: 3_600_000,
      batchWindowMs: WINDOW_MS,
    });
    const delivered: string[] = [];
    const consumer = await events.eventLog.consume('outbox-relay-test', async (event) => {
      delivered.push(event.id);
    });
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const claims = () => harness.queryCounter.statements.filter((statement) => CLAIM.test(statement)).length;
    harness.queryCounter.reset();
    const started = performance.now();
    const ids: string[] = [];
    for (const content of ['one', 'two', 'three']) {
      ids.push(await commitEvent(content));
      relay.nudge();
    }
    expect(performance.now() - started).toBeLessThan(WINDOW_MS);
    expect(await unpublished(ids)).toHaveLength(3);
    expect(claims()).toBe(0);

    let waiting = ids.length;
    while (waiting > 0 && performance.now() - started < 5_000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      waiting = (await unpublished(ids)).length;
    }
    expect(waiting).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(claims()).toBe(1);
    await expect.poll(() => delivered).toEqual(expect.arrayContaining(ids));
    await relay.stop();
    await consumer.stop();
  });
});

import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import { type FakeXServer, startFakeX } from '@miyu/testing/fake-x/fake-x-server';
import { until } from '@miyu/testing/until';
import { markdownToPlainText } from '@miyu/x/thread/plain-text';
import { splitThread } from '@miyu/x/thread/split-thread';
import { weightedLength } from '@miyu/x/thread/weighted-length';
import type { XWorker } from '@miyu/x/x-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { type E2eStack, startE2eStack } from './stack.ts';
import { asXUser, xWorkerFactory } from './x-harness.ts';

const ada = { id: '2000000000000000001', username: 'ada', name: 'Ada' };
const bob = { id: '2000000000000000002', username: 'bob', name: 'Bob' };

/** A long answer in Markdown (several posts) when asked for a story, a short one otherwise. */
const replyText = (message: string) =>
  message.includes('story')
    ? Array.from({ length: 14 }, (_, i) => `Sentence **number ${i + 1}** of the _story_ is here, told slowly.`).join(' ')
    : `Short answer to: ${message.slice(0, 60)}`;

type Conversations = {
  me: { conversations: { nodes: { platform: string; messages: { nodes: { role: string; content: string }[] } }[] } };
};
const lastAnswer = async (stack: E2eStack, externalId: string) => {
  const data = await asXUser<Conversations>(
    stack,
    externalId,
    '{ me { conversations { nodes { platform messages { nodes { role content } } } } } }',
  );
  const conversation = data.me.conversations.nodes.find((c) => c.platform === 'TWITTER');
  return conversation?.messages.nodes.filter((m) => m.role === 'ASSISTANT').at(-1)?.content ?? '';
};

/** How many mentions the worker handled with this outcome (its x_mentions_total metric). */
async function mentionsWith(worker: XWorker | undefined, outcome: string): Promise<number> {
  const text = (await worker?.metrics.registry.getSingleMetricAsString('x_mentions_total')) ?? '';
  // every series also carries the service label: outcome="answered",service="x"
  return Number(text.match(new RegExp(`outcome="${outcome}"[^}]*\\} (\\d+)`, 'u'))?.[1] ?? 0);
}

/** Checks that the posts under `mentionId` are exactly her answer, as plain text, in a numbered thread of valid posts. */
function expectThread(fake: FakeXServer, mentionId: string, answer: string): void {
  const thread = fake.threadUnder(mentionId);
  expect(thread.map((post) => post.text)).toEqual(splitThread(markdownToPlainText(answer)));
  thread.forEach((post, index) => {
    expect(post.text).not.toMatch(/\*\*|(?<!\w)_\w/u);
    expect(weightedLength(post.text)).toBeLessThanOrEqual(280);
    if (thread.length > 1) expect(post.text.endsWith(` ${index + 1}/${thread.length}`)).toBe(true);
  });
  // nothing else answers the mention or any post of the thread
  const answering = fake
    .posts()
    .filter((post) => [mentionId, ...thread.map((t) => t.id)].includes(post.in_reply_to_tweet_id ?? ''));
  expect(answering).toHaveLength(thread.length);
}

describe('the X worker (real twitter-api-v2 against a fake X API v2, through the router)', () => {
  let llm: FakeOpenAiServer;
  let stack: E2eStack;
  let fake: FakeXServer;
  let factory: ReturnType<typeof xWorkerFactory>;
  let worker: XWorker | undefined;
  let firstMention = '';

  beforeAll(async () => {
    llm = await startFakeOpenAiServer({ behavior: { replyText, chunkDelayMs: 0 } });
    [stack, fake] = await Promise.all([
      startE2eStack({
        llm: { openai: { apiKey: 'test-key', baseURL: llm.url, model: 'fake-model' }, resilience: DEFAULT_LLM_RESILIENCE },
      }),
      startFakeX(),
    ]);
    factory = xWorkerFactory(stack, fake);
    worker = await factory.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await fake?.close();
    await stack?.close();
    await llm?.close();
  });

  it('answers a mention once, in its thread, as a numbered thread of posts of at most 280 weighted characters', async () => {
    const mentionId = fake.mention(ada, '@miyu tell me a story please');
    firstMention = mentionId;
    await until(
      () => mentionsWith(worker, 'answered'),
      (n) => n === 1,
      20_000,
    );
    const answer = await lastAnswer(stack, ada.id);
    const expected = splitThread(markdownToPlainText(answer));
    expect(expected.length).toBeGreaterThan(2);
    await until(
      async () => fake.threadUnder(mentionId).length,
      (n) => n === expected.length,
      20_000,
    );
    // a few more polls go by: nothing more is posted
    const polls = fake.requests.filter((r) => r.path.endsWith('/mentions')).length;
    await until(
      async () => fake.requests.filter((r) => r.path.endsWith('/mentions')).length,
      (n) => n >= polls + 3,
      10_000,
    );
    expectThread(fake, mentionId, answer);
    expect(fake.requests.filter((r) => r.path.endsWith('/mentions')).at(-1)?.query.since_id).toBe(mentionId);
  });

  it('restarted mid-thread, continues the thread and answers nothing twice', async () => {
    const before = fake.posts().length;
    const held = fake.holdNextPost();
    const mentionId = fake.mention(bob, '@miyu a story about the sea, please');
    await held.arrived;
    // the first post is on its way when the worker stops; it lands, the rest waits for the next run
    const stopped = worker?.stop();
    held.release();
    await stopped;
    expect(fake.posts().length).toBe(before + 1);
    const second = fake.mention(ada, '@miyu and a short one?');
    worker = await factory.start();
    await until(
      () => mentionsWith(worker, 'answered'),
      (n) => n === 2,
      20_000,
    );
    const answer = await lastAnswer(stack, bob.id);
    expect(splitThread(markdownToPlainText(answer)).length).toBeGreaterThan(1);
    const polls = fake.requests.filter((r) => r.path.endsWith('/mentions')).length;
    await until(
      async () => fake.requests.filter((r) => r.path.endsWith('/mentions')).length,
      (n) => n >= polls + 3,
      10_000,
    );
    expectThread(fake, mentionId, answer);
    expectThread(fake, second, await lastAnswer(stack, ada.id));
    // the first test's mention was not answered again after the restart (since_id survived)
    expect(fake.posts().filter((p) => p.in_reply_to_tweet_id === firstMention)).toHaveLength(1);
  });

  it('waits out a 429 until x-rate-limit-reset, on polling and on posting, and loses nothing', async () => {
    fake.rateLimitNext('mentions', 1, 2);
    const refusedAt = await until(
      async () => fake.requests.find((r) => r.status === 429 && r.path.endsWith('/mentions'))?.at,
      (at) => at !== undefined,
      10_000,
    );
    fake.rateLimitNext('tweets', 1, 1);
    const mentionId = fake.mention(bob, '@miyu are you still there?');
    await until(
      () => mentionsWith(worker, 'answered'),
      (n) => n === 3,
      20_000,
    );
    const mentionsAfter = fake.requests.filter((r) => r.path.endsWith('/mentions') && (r.at ?? 0) > (refusedAt ?? 0));
    // the window announced resets 2 s after the refusal (rounded up to the second): no poll before
    expect((mentionsAfter[0]?.at ?? 0) - (refusedAt ?? 0)).toBeGreaterThanOrEqual(1_000);
    const posts = fake.requests.filter((r) => r.path === '/2/tweets');
    const refusedPost = posts.findIndex((r) => r.status === 429);
    expect(refusedPost).toBeGreaterThanOrEqual(0);
    expect(posts[refusedPost + 1]?.status).toBe(201);
    expectThread(fake, mentionId, await lastAnswer(stack, bob.id));

    // health and metrics: the refusals by endpoint and status, posts, mentions, reply latency
    expect((await fetch(`${worker?.opsUrl()}/healthz`)).status).toBe(200);
    expect((await fetch(`${worker?.opsUrl()}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${worker?.opsUrl()}/metrics`)).text();
    expect(metrics).toMatch(/x_api_errors_total\{[^}]*endpoint="GET \/2\/users\/:id\/mentions"[^}]*code="429"[^}]*\} 1/u);
    expect(metrics).toMatch(/x_api_errors_total\{[^}]*endpoint="POST \/2\/tweets"[^}]*code="429"[^}]*\} 1/u);
    expect(metrics).toMatch(/x_posts_total\{[^}]*\} [1-9]/u);
    expect(metrics).toMatch(/x_mentions_total\{[^}]*outcome="answered"[^}]*\} [1-9]/u);
    expect(metrics).toMatch(/x_reply_seconds_count\{[^}]*\} [1-9]/u);
  });

  it('in dry run, logs the thread it would post and posts nothing', async () => {
    const dryFake = await startFakeX();
    const dry = await xWorkerFactory(stack, dryFake).start({ dryRun: true });
    try {
      dryFake.mention(ada, '@miyu tell me a story in dry run');
      await until(
        () => mentionsWith(dry, 'dry_run'),
        (n) => n === 1,
        20_000,
      );
      expect(dryFake.posts()).toEqual([]);
      expect(dryFake.requests.filter((r) => r.method === 'POST')).toEqual([]);
    } finally {
      await dry.stop();
      await dryFake.close();
    }
  });
});

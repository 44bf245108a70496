import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionToken, signUpInBrowser } from './web-browser.ts';
import { startWebSuite } from './web-suite.ts';

const ANSWER = 'Here I am again, with the whole answer this time.';

interface StoredMessage {
  id: string;
  role: string;
  content: string;
  status: string;
  model: string | null;
}

// A reply that fails on the server: the model (the OpenAI-compatible fake) answers 500 to every
// try and the offline fallback is switched off (LLM_OFFLINE_FALLBACK=false), so the reply job's
// last attempt marks the reply FAILED. The app says so and offers Retry, which streams a whole reply.
describe('web app: retry a failed reply', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ behavior: { replyText: ANSWER, model: 'fake-model', chunkDelayMs: 20 } });
  });
  // hooks run as a stack: the fake model closes after the suite's stack
  afterAll(async () => {
    await fake?.close();
  });
  const web = startWebSuite(
    () => ({
      llm: {
        openai: { apiKey: 'test-key', baseURL: fake.url, model: 'fake-model' },
        // the breaker stays closed through the refused tries, so the retry reaches the model
        resilience: { ...DEFAULT_LLM_RESILIENCE, failureThreshold: 1_000 },
        offlineWordDelayMs: 0,
        offlineFallback: false,
      },
    }),
    { width: 1024, height: 760 },
  );
  /** The newest conversation's messages as stored, read through the API. */
  const stored = async (page: Page) =>
    (
      await web.stack.gql<{ me: { conversations: { nodes: { messages: { nodes: StoredMessage[] } }[] } } }>(
        '{ me { conversations(first: 1) { nodes { messages(last: 10) { nodes { id role content status model } } } } } }',
        {},
        await sessionToken(page),
      )
    ).data?.me.conversations.nodes[0]?.messages.nodes ?? [];

  it('a reply the model could not give shows as failed with Retry; Retry streams a complete reply in its place', async () => {
    const { page, problems } = await web.open();
    await signUpInBrowser(page, web.origin, 'Rita');
    const log = page.getByRole('log');
    const input = page.getByRole('textbox', { name: 'Message' });

    fake.setBehavior({ mode: 'http500' });
    const triesBefore = fake.requests.length;
    await input.fill('Are you there?');
    await input.press('Enter');
    const retry = log.getByRole('button', { name: 'Retry', exact: true });
    await retry.waitFor({ timeout: 60_000 });
    const failed = log.locator('li.hers:not(.greeting)').last();
    expect(await failed.getAttribute('data-status')).toBe('FAILED');
    await failed.getByText('This reply failed.').waitFor();
    expect(await log.getAttribute('aria-busy')).toBe('false');
    // each of the reply job's tries reached the model and was refused
    expect(fake.requests.length - triesBefore).toBeGreaterThanOrEqual(3);
    const failedReply = (await stored(page)).at(-1);
    expect(failedReply).toMatchObject({ role: 'ASSISTANT', status: 'FAILED' });

    fake.setBehavior({ mode: 'ok' });
    await retry.click();
    const bubble = log.locator('li.hers:not(.greeting)').last().locator('.bubble');
    await expect.poll(() => bubble.textContent(), { timeout: 30_000 }).toContain(ANSWER);
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    expect(await log.getByText('This reply failed.').count()).toBe(0);
    expect(await log.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(0);
    await log.getByRole('button', { name: 'Regenerate', exact: true }).waitFor();
    expect((await bubble.textContent())?.trim()).toBe(ANSWER);

    // stored: the question and one complete reply from the model in place of the failed one
    const messages = await stored(page);
    expect(messages.map((message) => message.role)).toEqual(['USER', 'ASSISTANT']);
    expect(messages[0]).toMatchObject({ content: 'Are you there?' });
    expect(messages[1]).toMatchObject({ status: 'COMPLETE', content: ANSWER, model: 'fake-model' });
    expect(messages.some((message) => message.id === failedReply?.id && message.status === 'FAILED')).toBe(false);
    expect(problems).toEqual([]);
  }, 150_000);
});

import { randomBytes } from 'node:crypto';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startWebSuite } from './web-suite.ts';

// History paged backwards as the log is scrolled up, the keyboard (Shift+Enter breaks the line),
// and what the app says when it is offline, rate-limited or a reply fails to arrive.
describe('web app: history, keyboard and statuses', () => {
  const web = startWebSuite(
    {
      llm: { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE, offlineWordDelayMs: 0 },
      // A bucket small enough to empty from the test, refilled slowly enough to see the wait.
      routerOverrides: { rateLimit: { capacity: 150, refillPerSecond: 0.05 } },
    },
    { width: 1024, height: 700 },
  );
  const signUp = async (page: Page, name: string) => {
    await page.goto(`${web.origin}/`);
    await page.getByLabel('Display name').fill(name);
    await page.getByLabel('Email').fill(`${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    return page.evaluate(() => (JSON.parse(localStorage.getItem('miyu.session') ?? '{}') as { token?: string }).token ?? '');
  };

  it('loads older messages page by page when the log is scrolled up', async () => {
    const { page, problems } = await web.open();
    const token = await signUp(page, 'Hana');
    const started = await web.stack.gql<{ startConversation: { id: string } }>(
      'mutation { startConversation(input: { platform: WEB, title: "Long talk" }) { id } }',
      {},
      token,
    );
    const conversationId = started.data!.startConversation.id;
    // 20 exchanges = 40 messages: more than the app's first page of 30.
    for (let turn = 1; turn <= 20; turn += 1) {
      const sent = await web.stack.gql<{ sendMessage: { reply: { id: string } } }>(
        'mutation($input: SendMessageInput!) { sendMessage(input: $input) { reply { id } } }',
        { input: { conversationId, content: `Message number ${turn}` } },
        token,
      );
      const replyId = sent.data!.sendMessage.reply.id;
      await expect
        .poll(
          async () =>
            (
              await web.stack.gql<{ conversation: { messages: { nodes: { id: string; status: string }[] } } }>(
                'query($id: ID!) { conversation(id: $id) { messages(last: 1) { nodes { id status } } } }',
                { id: conversationId },
                token,
              )
            ).data!.conversation.messages.nodes.find((node) => node.id === replyId)?.status,
          { timeout: 15_000, interval: 50 },
        )
        .toBe('COMPLETE');
    }
    await page.reload();
    const log = page.getByRole('log');
    const mine = log.locator('li.mine');
    await expect.poll(() => mine.count(), { timeout: 15_000 }).toBe(15);
    expect(await mine.first().textContent()).toContain('Message number 6');
    expect(await mine.last().textContent()).toContain('Message number 20');
    // Scrolled to the newest on open; scrolling to the top asks for the page before.
    await expect.poll(() => log.evaluate((element) => element.scrollTop > 0)).toBe(true);
    await log.evaluate((element) => {
      element.scrollTop = 0;
    });
    await expect.poll(() => mine.count(), { timeout: 15_000 }).toBe(20);
    expect(await mine.first().textContent()).toContain('Message number 1');
    await expect.poll(() => log.getByRole('button', { name: 'Load earlier messages' }).count()).toBe(0);
    // The view stays where the reader was, not jumped to the bottom.
    expect(await log.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight)).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  }, 120_000);

  it('Shift+Enter breaks the line, Enter sends; says when offline and when rate-limited, with the wait', async () => {
    const { page, context, problems } = await web.open();
    const token = await signUp(page, 'Ivo');
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('first line');
    await input.press('Shift+Enter');
    await input.pressSequentially('second line');
    expect(await input.inputValue()).toBe('first line\nsecond line');
    await input.press('Enter');
    const log = page.getByRole('log');
    await expect.poll(() => log.locator('li.mine').first().textContent()).toContain('first line\nsecond line');
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');

    await context.setOffline(true);
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContain('You are offline. MIYU will reconnect when the network is back.');
    await context.setOffline(false);
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .not.toContain('You are offline. MIYU will reconnect when the network is back.');

    // Empty this user's bucket through the API, then send from the page.
    let limited = false;
    for (let request = 0; request < 200 && !limited; request += 1) {
      const answer = await web.stack.gql('{ me { id } }', {}, token);
      limited = answer.errors?.[0]?.extensions?.code === 'RATE_LIMITED';
    }
    expect(limited).toBe(true);
    await input.fill('are you there?');
    await input.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').allTextContents())
      .toContainEqual(expect.stringMatching(/^Rate-limited: too many requests\. Try again in \d+ s\.$/));
    // What was typed is kept for when the wait is over.
    expect(await input.inputValue()).toBe('are you there?');
    // A 429 is the expected answer here; anything else would be a problem.
    expect(problems.filter((line) => !line.includes('429'))).toEqual([]);
  }, 90_000);
});

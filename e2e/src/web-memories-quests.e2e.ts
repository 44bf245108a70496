import { readFile } from 'node:fs/promises';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { WebQuestProgressedDocument } from '@miyu/sdk/gql/graphql';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signUpInBrowser } from './web-browser.ts';
import { startWebSuite } from './web-suite.ts';

const QUEST_PROGRESSED_HASH = (WebQuestProgressedDocument as unknown as { __meta__: { hash: string } }).__meta__.hash.replace(
  'sha256:',
  '',
);

interface MemoryRow {
  id: string;
  content: string;
  source: { id: string; content: string } | null;
}

// The memories and quests panels against the whole stack: a quest completing live (questProgressed)
// with its celebration and its claim; memories paged, searched, edited, exported, forgotten.
describe('web app: memories and quests', () => {
  const web = startWebSuite(
    { llm: { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE, offlineWordDelayMs: 0 } },
    { width: 1280, height: 900 },
  );

  /** Sends with Enter and waits for the reply to be in and the log idle. */
  const say = async (page: Page, text: string) => {
    const log = page.getByRole('log');
    const replies = log.locator('li.hers:not(.greeting)');
    const before = await replies.count();
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill(text);
    await input.press('Enter');
    await expect.poll(() => replies.count(), { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
  };

  it('a quest completes live with a celebration; claiming it updates level, XP and badges', async () => {
    const { page, problems } = await web.open();
    const subscribed: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (frame) => subscribed.push(String(frame.payload))));
    const token = await signUpInBrowser(page, web.origin, 'Quinn');

    await page.getByRole('button', { name: 'Quests', exact: true }).click();
    const quests = page.getByRole('region', { name: 'Quests' });
    await expect.poll(() => quests.locator('.level').textContent(), { timeout: 30_000 }).toBe('Level 1');
    const firstSteps = quests.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'First steps' }) });
    await firstSteps.getByRole('button', { name: 'Accept First steps' }).click();
    await firstSteps.getByText('Active', { exact: true }).waitFor({ timeout: 30_000 });
    // the panel's questProgressed subscription is on the socket before the event that completes it
    await expect.poll(() => subscribed.some((frame) => frame.includes(QUEST_PROGRESSED_HASH)), { timeout: 30_000 }).toBe(true);

    // Starting a conversation (the first message) completes "First steps": the panel hears it live.
    await say(page, 'Hello there, nice to meet you!');
    await quests.getByRole('status').filter({ hasText: 'Quest complete: First steps!' }).waitFor({ timeout: 30_000 });
    await firstSteps.getByText('Completed, claim your reward', { exact: true }).waitFor();
    expect(await firstSteps.textContent()).toContain('(1/1)');
    expect(await firstSteps.getByRole('progressbar', { name: 'Start a conversation' }).getAttribute('value')).toBe('1');
    expect(await quests.locator('.level').textContent()).toBe('Level 1');
    expect(await quests.getByRole('list', { name: 'Badges' }).count()).toBe(0);

    await firstSteps.getByRole('button', { name: 'Claim First steps' }).click();
    await quests.getByRole('status').filter({ hasText: '+50 XP: First steps' }).waitFor({ timeout: 30_000 });
    await firstSteps.getByText('Claimed', { exact: true }).waitFor();
    const { progression } = (
      await web.stack.gql<{ me: { progression: { level: number; xp: number; xpToNextLevel: number; badges: string[] } } }>(
        '{ me { progression { level xp xpToNextLevel badges } } }',
        {},
        token,
      )
    ).data!.me;
    expect(progression).toMatchObject({ level: 1, xp: 50, xpToNextLevel: 50, badges: ['newcomer'] });
    await expect
      .poll(() => quests.getByRole('list', { name: 'Badges' }).getByRole('listitem').allTextContents())
      .toEqual(['newcomer']);
    expect(await quests.locator('.progression .meta').textContent()).toContain('50 XP · 50 XP to the next level');
    expect(await quests.getByRole('progressbar', { name: 'XP to the next level' }).getAttribute('value')).toBe('50');
    expect(problems).toEqual([]);
  }, 120_000);

  it('memories: paged, shows the message each came from, searches, edits, exports all as JSON, forgets all after confirming', async () => {
    const { page, problems } = await web.open();
    const token = await signUpInBrowser(page, web.origin, 'Mika');
    const rows = async () =>
      (
        await web.stack.gql<{ me: { memories: { totalCount: number; nodes: MemoryRow[] } } }>(
          '{ me { memories(first: 50) { totalCount nodes { id content source { id content } } } } }',
          {},
          token,
        )
      ).data!.me.memories;

    await say(page, 'By the way, my cat is called Miso!');
    // extraction runs on the message event, shortly after the reply
    await expect.poll(async () => (await rows()).totalCount, { timeout: 30_000 }).toBe(1);
    const [learned] = (await rows()).nodes;
    expect(learned!.source?.content).toBe('By the way, my cat is called Miso!');
    // 24 more, told through the API (no source message): more than the panel's first page of 20
    for (let n = 1; n <= 24; n += 1) {
      const answer = await web.stack.gql(
        'mutation($input: RememberInput!) { remember(input: $input) { id } }',
        { input: { content: `Keepsake number ${n} sits on the shelf`, kind: 'EVENT' } },
        token,
      );
      expect(answer.errors).toBeUndefined();
    }
    expect((await rows()).totalCount).toBe(25);

    await page.getByRole('button', { name: 'Memories', exact: true }).click();
    const memories = page.getByRole('region', { name: 'Memories' });
    const items = memories.getByRole('listitem');
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(20);
    expect(await memories.getByText('25 remembered').count()).toBe(1);
    await memories.getByRole('button', { name: 'Show more' }).click();
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(25);
    expect(await memories.getByRole('button', { name: 'Show more' }).count()).toBe(0);
    expect(await memories.getByRole('button', { name: 'Forget', exact: true }).count()).toBe(25);

    // the memory learned from a message says which one; the ones told through the API say nothing
    const miso = items.filter({ hasText: learned!.content });
    expect(await miso.textContent()).toContain('from “By the way, my cat is called Miso!”');
    expect(await items.filter({ hasText: 'Keepsake number 3 ' }).textContent()).not.toContain('from “');

    await memories.getByRole('searchbox', { name: 'Search memories' }).fill('what is my cat called');
    await memories.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => items.first().textContent(), { timeout: 30_000 }).toContain(learned!.content);
    expect(await items.count()).toBeLessThanOrEqual(10);

    await miso.getByRole('button', { name: /^Edit: / }).click();
    await memories.getByRole('textbox', { name: 'Edit memory' }).fill('My cat is called Miso and she is grey');
    await memories.getByRole('button', { name: 'Save', exact: true }).click();
    await items.filter({ hasText: 'My cat is called Miso and she is grey' }).waitFor({ timeout: 30_000 });
    const edited = (await rows()).nodes.find((row) => row.id === learned!.id);
    expect(edited?.content).toBe('My cat is called Miso and she is grey');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      memories.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('miyu-memories.json');
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as MemoryRow[];
    // every memory, not only the page shown (the search left one or a few on screen)
    expect(exported).toHaveLength(25);
    expect(new Set(exported.map((row) => row.id))).toEqual(new Set((await rows()).nodes.map((row) => row.id)));
    expect(exported.find((row) => row.id === learned!.id)).toMatchObject({
      content: 'My cat is called Miso and she is grey',
      source: { id: learned!.source!.id, content: 'By the way, my cat is called Miso!' },
    });

    // Forget all asks first: dismissed, nothing is forgotten; accepted, everything is.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await memories.getByRole('button', { name: 'Forget all' }).click();
    await expect.poll(() => asked).toEqual(['Forget everything MIYU remembers about you? This cannot be undone.']);
    expect((await rows()).totalCount).toBe(25);
    page.once('dialog', (dialog) => void dialog.accept());
    await memories.getByRole('button', { name: 'Forget all' }).click();
    await expect.poll(() => items.count(), { timeout: 30_000 }).toBe(0);
    await memories.getByText('0 remembered').waitFor();
    expect((await rows()).totalCount).toBe(0);
    expect(problems).toEqual([]);
  }, 180_000);
});

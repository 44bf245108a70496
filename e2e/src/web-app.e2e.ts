import { randomBytes } from 'node:crypto';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startWebSuite } from './web-suite.ts';

// The web app in Debian's Chromium against the whole stack as `npm start` runs it. A little word
// delay (150 ms, a reply takes about two seconds), so the log is seen busy while a reply streams
// and Stop has something to cut.
describe('web app in a browser', () => {
  const web = startWebSuite(
    { llm: { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE, offlineWordDelayMs: 150 } },
    { width: 1280, height: 800 },
  );

  const signUp = async (page: Page, name: string) => {
    await page.goto(`${web.origin}/`);
    expect(await page.title()).toContain('MIYU');
    await page.getByLabel('Display name').fill(name);
    await page.getByLabel('Email').fill(`${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
  };

  /** Sends with Enter and waits for the streamed reply: the log goes busy, then idle. */
  const say = async (page: Page, text: string) => {
    const log = page.getByRole('log');
    const replies = log.locator('li.hers:not(.greeting)');
    const before = await replies.count();
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill(text);
    await input.press('Enter');
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    await expect.poll(() => replies.count()).toBe(before + 1);
    return (await replies.last().textContent()) ?? '';
  };

  it('serves the app at / with a strict CSP and cache rules', async () => {
    const page = await fetch(`${web.origin}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const script = (await page.text()).match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(web.origin + script!)).headers.get('cache-control')).toContain('immutable');
  });

  it('on a desktop: signs up, streams a reply that remembers, survives a reload, changes mode, forgets, accepts a quest, manages API keys', async () => {
    const { page, problems } = await web.open({ width: 1280, height: 800 });
    await signUp(page, 'Ada');

    const first = await say(page, 'By the way, my cat is called Miso!');
    expect(first.length).toBeGreaterThan(10);
    // memory extraction runs on the message event, shortly after the reply
    await expect
      .poll(async () => (await web.stack.gql('{ me { memories { totalCount } } }', {}, await token(page))).data, {
        timeout: 15_000,
      })
      .toMatchObject({ me: { memories: { totalCount: 1 } } });
    const answer = await say(page, 'What is my cat called?');
    expect(answer).toContain('Miso');

    await page.reload();
    await page.getByRole('log').getByText('What is my cat called?').waitFor();
    expect(await page.getByRole('log').textContent()).toContain('Miso');

    const mode = page.getByRole('combobox', { name: 'Mode', exact: true });
    expect(await mode.locator('option').allTextContents()).toEqual(['Casual', 'Supportive', 'Playful', 'Focused', 'Reflective']);
    await mode.selectOption({ label: 'Playful' });
    await expect
      .poll(async () => (await web.stack.gql('{ me { companion { mode } } }', {}, await token(page))).data)
      .toMatchObject({
        me: { companion: { mode: 'PLAYFUL' } },
      });
    await page.reload();
    await expect.poll(() => page.getByRole('combobox', { name: 'Mode', exact: true }).inputValue()).toBe('PLAYFUL');
    expect(await page.getByText(/Mood/).first().textContent()).toMatch(/Mood: \w+/);

    await page.getByRole('button', { name: 'Memories', exact: true }).click();
    const memories = page.getByRole('region', { name: 'Memories' });
    const miso = memories.getByRole('listitem').filter({ hasText: 'My cat is called Miso' });
    await miso.waitFor();
    await miso.getByRole('button', { name: 'Forget', exact: true }).click();
    await miso.waitFor({ state: 'detached' });
    await expect
      .poll(async () => (await web.stack.gql('{ me { memories { totalCount } } }', {}, await token(page))).data)
      .toMatchObject({
        me: { memories: { totalCount: 0 } },
      });

    await page.getByRole('button', { name: 'Quests', exact: true }).click();
    const quests = page.getByRole('region', { name: 'Quests' });
    await quests.getByText(/Level \d+/).waitFor();
    const available = quests.getByRole('listitem').filter({ has: page.getByRole('button', { name: /^Accept / }) });
    const title = (await available.first().locator('h3').textContent()) ?? '';
    await available
      .first()
      .getByRole('button', { name: /^Accept / })
      .click();
    await quests.getByRole('listitem').filter({ hasText: title }).getByText('Active', { exact: true }).waitFor();

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('region', { name: 'Settings' });
    const createKey = async (name: string) => {
      await settings.getByLabel('Key name').fill(name);
      await settings.getByRole('button', { name: 'Create API key' }).click();
      await settings.getByRole('button', { name: `Revoke ${name}` }).waitFor();
      return (await settings.locator('.secret-value').textContent()) ?? '';
    };
    const secret = await createKey('my-script');
    expect(secret.length).toBeGreaterThan(20);
    expect(
      (await web.stack.gql<{ me: { displayName: string } }>('{ me { displayName } }', {}, secret)).data?.me.displayName,
    ).toBe('Ada');
    // the router remembers a verified key for 30 s, so the revoked one is a key never used before
    const throwaway = await createKey('throwaway');
    await settings.getByRole('button', { name: 'Revoke throwaway' }).click();
    await settings.getByRole('button', { name: 'Revoke throwaway' }).waitFor({ state: 'detached' });
    expect((await web.stack.gql('{ me { displayName } }', {}, throwaway)).data?.me ?? null).toBeNull();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign up' }).waitFor();
    expect(problems).toEqual([]);
  }, 120_000);

  it('stops a streaming reply with Escape, regenerates it, renames and deletes the conversation', async () => {
    const { page, problems } = await web.open({ width: 1280, height: 800 });
    await signUp(page, 'Cy');
    const log = page.getByRole('log');
    const reply = log.locator('li.hers:not(.greeting)').last();
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('Tell me about your favourite things, the long version please');
    await input.press('Enter');
    // Escape as soon as the reply is under way: on a loaded machine the browser can lag the
    // server by a second, so waiting for the first painted word could let the reply finish.
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 15_000 }).toBe('true');
    await input.press('Escape');
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
    const stopped = (await reply.locator('.bubble').textContent()) ?? '';
    const rows = async () =>
      (
        await web.stack.gql<{ me: { conversations: { nodes: { id: string; title: string; messages: { nodes: Row[] } }[] } } }>(
          '{ me { conversations(first: 5) { nodes { id title messages(last: 5) { nodes { id role status content } } } } } }',
          {},
          await token(page),
        )
      ).data!.me.conversations.nodes;
    const [cut] = (await rows())[0]!.messages.nodes.filter((row) => row.role === 'ASSISTANT');
    expect(cut).toMatchObject({ status: 'COMPLETE' });
    expect(stopped.trim()).toBe(cut!.content.trim());

    await page.getByRole('button', { name: 'Regenerate', exact: true }).click();
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    const full = (await reply.locator('.bubble').textContent()) ?? '';
    expect(full.length).toBeGreaterThan(stopped.length);
    const [regenerated] = (await rows())[0]!.messages.nodes.filter((row) => row.role === 'ASSISTANT');
    expect(regenerated).toMatchObject({ status: 'COMPLETE' });
    expect(regenerated!.id).not.toBe(cut!.id);

    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByRole('textbox', { name: 'Conversation title' }).fill('Favourite things');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page
      .getByRole('combobox', { name: 'Conversation' })
      .getByRole('option', { name: 'Favourite things' })
      .waitFor({ state: 'attached' });
    expect((await rows())[0]!.title).toBe('Favourite things');

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete conversation', exact: true }).click();
    await expect.poll(async () => (await rows()).length).toBe(0);
    await expect.poll(() => log.locator('li.mine').count()).toBe(0);
    expect(problems).toEqual([]);
  }, 90_000);

  it('on a 390-pixel phone in dark mode: streams a reply, opens a panel, nothing overflows', async () => {
    const { page, problems } = await web.open({ width: 390, height: 844, colorScheme: 'dark', isMobile: true });
    await signUp(page, 'Bo');
    expect(await say(page, 'I love green tea')).not.toBe('');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole('button', { name: 'Quests', exact: true }).click();
    await page
      .getByRole('region', { name: 'Quests' })
      .getByText(/Level \d+/)
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  }, 90_000);
});

interface Row {
  id: string;
  role: string;
  status: string;
  content: string;
}

/** The token the app keeps (see README: localStorage), to check the app's effects through the API. */
async function token(page: Page): Promise<string> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem('miyu.session') ?? '{}') as { token?: string }).token ?? '');
}

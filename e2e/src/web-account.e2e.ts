import { randomBytes } from 'node:crypto';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sessionToken } from './web-browser.ts';
import { startWebSuite } from './web-suite.ts';

// The account and the shell around the chat: signing in and out of an existing account, a session
// that survives a reload and one that does not (a tampered or an expired token), her mood and mode
// changing live from another client, several conversations, and the theme.
describe('web app: account, live companion, conversations, theme', () => {
  const web = startWebSuite(
    { llm: { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE, offlineWordDelayMs: 0 } },
    { width: 1280, height: 800 },
  );
  const PASSWORD = 'correct horse battery';

  const fillSignUp = async (page: Page, name: string) => {
    const email = `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`;
    await page.goto(`${web.origin}/`);
    await page.getByLabel('Display name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 30_000 });
    return email;
  };
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
  const signInForm = (page: Page) => page.getByRole('button', { name: 'Sign in', exact: true });

  it('signs in and out of an existing account; the session survives a reload; a tampered or expired token leads back to sign-in', async () => {
    const { page, problems } = await web.open();
    const email = await fillSignUp(page, 'Lena');
    await say(page, 'Remember this chat please');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign up' }).waitFor();
    expect(await sessionToken(page)).toBe('');

    await page.getByRole('button', { name: 'Sign in instead' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password entirely');
    await signInForm(page).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    await page.getByLabel('Password').fill(PASSWORD);
    await signInForm(page).click();
    const log = page.getByRole('log');
    await log.getByText('Remember this chat please').waitFor({ timeout: 15_000 });
    const token = await sessionToken(page);
    expect(token.length).toBeGreaterThan(20);

    await page.reload();
    await log.getByText('Remember this chat please').waitFor({ timeout: 15_000 });
    expect(await sessionToken(page)).toBe(token);

    // a token the router does not accept: the first request is refused, the app signs out
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('miyu.session') ?? '{}') as { token: string };
      localStorage.setItem('miyu.session', JSON.stringify({ ...session, token: `${session.token.slice(0, -6)}AAAAAA` }));
    });
    await page.reload();
    await page
      .getByRole('status')
      .filter({ hasText: 'Your session has ended. Please sign in again.' })
      .waitFor({ timeout: 15_000 });
    await page.getByLabel('Email').waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    expect(await sessionToken(page)).toBe('');

    // a session past its expiry is not used at all
    await page.getByRole('button', { name: 'Sign in instead' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await signInForm(page).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 15_000 });
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem('miyu.session') ?? '{}') as Record<string, string>;
      localStorage.setItem('miyu.session', JSON.stringify({ ...session, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    });
    await page.reload();
    await page.getByLabel('Email').waitFor();
    expect(await page.getByRole('textbox', { name: 'Message' }).count()).toBe(0);
    // a refused token is a 401 by design; nothing else (the refused subscription socket included)
    expect(problems.filter((line) => !line.includes('401'))).toEqual([]);
  }, 120_000);

  it('her mode and mood change live when another client changes them (companionChanged), without a reload', async () => {
    const { page, problems } = await web.open();
    await fillSignUp(page, 'Milo');
    const token = await sessionToken(page);
    const mode = page.getByRole('combobox', { name: 'Mode', exact: true });
    await expect.poll(() => mode.inputValue(), { timeout: 15_000 }).toBe('CASUAL');
    const mood = page.getByText(/Mood: /).first();
    const moodBefore = await mood.textContent();

    // another client session of the same person: the API directly
    const set = await web.stack.gql('mutation { setMode(mode: FOCUSED) { mode } }', {}, token);
    expect(set.errors).toBeUndefined();
    await expect.poll(() => mode.inputValue(), { timeout: 15_000 }).toBe('FOCUSED');

    // a few heavy messages from that other client move her mood
    const started = await web.stack.gql<{ startConversation: { id: string } }>(
      'mutation { startConversation(input: { platform: WEB, title: "Elsewhere" }) { id } }',
      {},
      token,
    );
    for (const content of [
      'I am so sad and lonely today, everything is terrible.',
      'I lost my job and I feel awful, hopeless and miserable.',
      'I am crying, this is the worst day, I hate it.',
    ]) {
      const sent = await web.stack.gql(
        'mutation($input: SendMessageInput!) { sendMessage(input: $input) { reply { id } } }',
        { input: { conversationId: started.data!.startConversation.id, content } },
        token,
      );
      expect(sent.errors).toBeUndefined();
    }
    await expect.poll(() => mood.textContent(), { timeout: 20_000 }).not.toBe(moodBefore);
    expect(await mood.textContent()).toMatch(/Mood: \w+/);
    expect(problems).toEqual([]);
  }, 90_000);

  it('several conversations: each keeps its own history when switched; rename and delete one of them', async () => {
    const { page, problems } = await web.open();
    await fillSignUp(page, 'Nia');
    const log = page.getByRole('log');
    const picker = page.getByRole('combobox', { name: 'Conversation' });
    await say(page, 'Apples are my favourite fruit');
    const first = await picker.inputValue();
    expect(first).not.toBe('');

    await page.getByRole('button', { name: 'New chat' }).click();
    await expect.poll(() => log.locator('li.mine').count()).toBe(0);
    await say(page, 'Bananas are better for baking');
    const second = await picker.inputValue();
    expect(second).not.toBe(first);
    expect(await log.textContent()).not.toContain('Apples');

    await picker.selectOption(first);
    await log.getByText('Apples are my favourite fruit').waitFor();
    await expect.poll(() => log.textContent()).not.toContain('Bananas');
    await picker.selectOption(second);
    await log.getByText('Bananas are better for baking').waitFor();
    await expect.poll(() => log.textContent()).not.toContain('Apples');

    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByRole('textbox', { name: 'Conversation title' }).fill('Baking');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await picker.getByRole('option', { name: 'Baking' }).waitFor({ state: 'attached' });
    // the selected conversation survives a reload
    await page.reload();
    await log.getByText('Bananas are better for baking').waitFor({ timeout: 15_000 });
    expect(await picker.inputValue()).toBe(second);

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Delete conversation', exact: true }).click();
    await picker.getByRole('option', { name: 'Baking' }).waitFor({ state: 'detached' });
    const left = await web.stack.gql<{ me: { conversations: { nodes: { id: string }[] } } }>(
      '{ me { conversations(first: 5) { nodes { id } } } }',
      {},
      await sessionToken(page),
    );
    expect(left.data!.me.conversations.nodes.map((node) => node.id)).toEqual([first]);
    await picker.selectOption(first);
    await log.getByText('Apples are my favourite fruit').waitFor();
    expect(problems).toEqual([]);
  }, 120_000);

  it('the theme toggle switches light and dark, persists across a reload; the quests panel shows the streak', async () => {
    const { page, problems } = await web.open({ width: 1280, height: 800, colorScheme: 'light' });
    await fillSignUp(page, 'Oto');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    const toggle = page.getByRole('button', { name: /^Theme: / });
    expect(await toggle.getAttribute('aria-label')).toBe('Theme: system');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-label')).toBe('Theme: dark');
    await expect.poll(background).not.toBe(light);
    const dark = await background();

    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await page.getByRole('button', { name: /^Theme: / }).getAttribute('aria-label')).toBe('Theme: dark');
    expect(await background()).toBe(dark);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    await page.getByRole('button', { name: /^Theme: / }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Theme: / }).getAttribute('aria-label')).toBe('Theme: light');
    await expect.poll(background).toBe(light);
    await page.reload();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    expect(await background()).toBe(light);

    await say(page, 'Hello there, a first message for the streak');
    await page.getByRole('button', { name: 'Quests', exact: true }).click();
    const quests = page.getByRole('region', { name: 'Quests' });
    await quests.getByText(/Level \d+/).waitFor();
    await expect
      .poll(
        () =>
          quests
            .getByText(/\d+-day streak/)
            .first()
            .textContent(),
        { timeout: 15_000 },
      )
      .toMatch(/[1-9]\d*-day streak/);
    expect(problems).toEqual([]);
  }, 90_000);
});

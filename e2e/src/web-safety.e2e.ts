import { fileURLToPath } from 'node:url';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { type FakeOpenAiServer, startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpInBrowser } from './web-browser.ts';
import { startWebSuite } from './web-suite.ts';

const MANIFEST = fileURLToPath(new URL('../../clients/sdk/src/gql/persisted-documents.json', import.meta.url));

/** A reply that tries every trick: a script, an image with a handler, a javascript: link, raw HTML. */
const HOSTILE_REPLY = [
  'Here you go: <script>window.__miyuXss = "script"</script>',
  '<img src="x" onerror="window.__miyuXss = \'img\'; alert(1)">',
  '[click me](javascript:window.__miyuXss=%22link%22) and [a real page](https://example.com/page)',
  '<a href="javascript:alert(2)">raw link</a> <b onmouseover="alert(3)">bold</b>',
  '```\n<script>alert(4)</script>\n```',
].join('\n\n');

// The router in PERSISTED_OPERATIONS=safelist mode (only the SDK manifest's hashes are accepted)
// and a model whose replies are hostile HTML: the app still works, and nothing it shows executes.
describe('web app: safelisted operations and hostile content', () => {
  let fake: FakeOpenAiServer;
  beforeAll(async () => {
    fake = await startFakeOpenAiServer({ behavior: { replyText: 'Nice to meet you, Ada.', model: 'fake-model' } });
  });
  afterAll(async () => {
    await fake?.close();
  });
  const web = startWebSuite(
    () => ({
      llm: {
        openai: { apiKey: 'test-key', baseURL: fake.url, model: 'fake-model' },
        resilience: DEFAULT_LLM_RESILIENCE,
        offlineWordDelayMs: 0,
      },
      routerOverrides: { persistedOperations: { mode: 'safelist', manifestPath: MANIFEST } },
    }),
    { width: 1280, height: 800 },
  );

  it('works against a safelisting router (it sends only hashes), and a hostile reply and memory are rendered inert', async () => {
    const { page, problems } = await web.open();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const bodies: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') bodies.push(request.postData() ?? '');
    });
    const frames: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (frame) => frames.push(String(frame.payload))));

    // a document in full is refused by this router: prove it, so the app's success below means hashes
    const refused = await web.stack.gql('{ me { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBeDefined();

    await signUpInBrowser(page, web.origin, 'Ada');
    const log = page.getByRole('log');
    const input = page.getByRole('textbox', { name: 'Message' });
    await input.fill('By the way, my cat is called Miso!');
    await input.press('Enter');
    await log.getByText('Nice to meet you, Ada.').waitFor({ timeout: 30_000 });
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');

    // every request and subscription went by hash, none with a query text
    expect(bodies.length).toBeGreaterThan(2);
    for (const body of bodies) {
      expect(body).toContain('sha256Hash');
      expect(body).not.toContain('"query"');
    }
    const subscribes = frames.filter((frame) => frame.includes('"subscribe"'));
    expect(subscribes.length).toBeGreaterThan(0);
    // graphql-ws needs a string query: the SDK sends it empty, the hash names the document
    for (const frame of subscribes) {
      expect(frame).toContain('sha256Hash');
      expect(frame).not.toMatch(/"query":"[^"]/);
    }

    fake.setBehavior({ replyText: HOSTILE_REPLY });
    await input.fill('<script>window.__miyuXss = "mine"</script> <img src=x onerror=alert(5)>');
    await input.press('Enter');
    const bubble = log.locator('li.hers:not(.greeting)').last().locator('.bubble');
    await bubble.getByRole('link', { name: 'a real page' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
    // the user's own text is shown as text
    await log.locator('li.mine').getByText('<script>window.__miyuXss = "mine"</script>', { exact: false }).waitFor();

    expect(await log.locator('script, img, iframe, [onerror], [onmouseover]').count()).toBe(0);
    const real = bubble.getByRole('link', { name: 'a real page' });
    expect(await real.getAttribute('href')).toBe('https://example.com/page');
    expect(await real.getAttribute('rel')).toContain('noopener noreferrer');
    expect(await real.getAttribute('target')).toBe('_blank');
    for (const link of await log.locator('a').all()) {
      const href = (await link.getAttribute('href')) ?? '';
      expect(href).not.toMatch(/^\s*javascript:/i);
      expect(await link.getAttribute('rel')).toContain('noopener noreferrer');
    }
    // the code block shows the script as text
    expect(await bubble.locator('pre code').textContent()).toContain('<script>alert(4)</script>');
    const clickable = bubble.getByText('click me');
    if ((await clickable.count()) > 0) await clickable.first().click();

    // a memory whose text is hostile, edited in the panel, is shown as text. Memories are learned
    // from the message's event after the reply (in the distributed mode through Redis, seconds
    // later), and the panel lists them as they are when it opens: reopen it until it is there
    const tab = page.getByRole('button', { name: 'Memories', exact: true });
    const memories = page.getByRole('region', { name: 'Memories' });
    const miso = memories.getByRole('listitem').filter({ hasText: 'My cat is called Miso' });
    await expect
      .poll(
        async () => {
          if ((await memories.count()) > 0) await tab.click(); // closes it
          await tab.click();
          await expect.poll(() => memories.getAttribute('aria-busy'), { timeout: 15_000 }).toBe('false');
          return miso.count();
        },
        { timeout: 60_000, interval: 1_000 },
      )
      .toBe(1);
    await miso.getByRole('button', { name: /^Edit: / }).click();
    const hostileMemory = 'My cat <img src=x onerror="window.__miyuXss=\'memory\'"> <script>alert(6)</script>';
    await memories.getByRole('textbox', { name: 'Edit memory' }).fill(hostileMemory);
    await memories.getByRole('button', { name: 'Save', exact: true }).click();
    await memories.getByRole('listitem').filter({ hasText: '<script>alert(6)</script>' }).waitFor({ timeout: 15_000 });
    expect(await memories.locator('script, img, [onerror]').count()).toBe(0);

    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __miyuXss?: unknown }).__miyuXss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);
});

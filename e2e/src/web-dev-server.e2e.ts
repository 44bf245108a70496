import { fileURLToPath } from 'node:url';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { openGuardedPage, signUpInBrowser } from './web-browser.ts';
import { startWebSuite } from './web-suite.ts';

const WEB_ROOT = fileURLToPath(new URL('../../clients/web/', import.meta.url));

// `npm run dev`: Vite's dev server with the app's own config, its /graphql proxy (HTTP and
// graphql-ws) pointed at a running router instead of :4000. The app loads from Vite and chats.
describe('web app: npm run dev (Vite dev server proxying to the router)', () => {
  const web = startWebSuite(
    { llm: { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE, offlineWordDelayMs: 0 } },
    { width: 1024, height: 760 },
  );
  let vite: ViteDevServer | undefined;
  afterAll(async () => {
    await vite?.close();
  });

  it('loads the app through Vite and streams a reply over the proxied HTTP and WebSocket', async () => {
    vite = await createServer({
      root: WEB_ROOT,
      configFile: `${WEB_ROOT}vite.config.ts`,
      logLevel: 'warn',
      server: {
        host: '127.0.0.1',
        port: 0,
        strictPort: false,
        hmr: false,
        proxy: { '/graphql': { target: web.origin, ws: true } },
      },
    });
    await vite.listen();
    const address = vite.httpServer?.address();
    if (!address || typeof address === 'string') throw new Error('vite did not listen');
    const devOrigin = `http://127.0.0.1:${address.port}`;

    const { page, context, problems } = await openGuardedPage(web.browser, devOrigin, { width: 1024, height: 760 });
    try {
      const sockets: string[] = [];
      page.on('websocket', (socket) => sockets.push(socket.url()));
      // the app's index.html, from Vite (its client script), not the router's built one
      const html = await (await fetch(`${devOrigin}/`)).text();
      expect(html).toContain('/src/main.tsx');

      await signUpInBrowser(page, devOrigin, 'Vi');
      expect(await page.title()).toContain('MIYU');
      const log = page.getByRole('log');
      const input = page.getByRole('textbox', { name: 'Message' });
      await input.fill('Hello through the dev server');
      await input.press('Enter');
      const reply = log.locator('li.hers:not(.greeting)').last();
      await reply.waitFor({ timeout: 30_000 });
      await expect.poll(() => log.getAttribute('aria-busy'), { timeout: 30_000 }).toBe('false');
      expect(((await reply.textContent()) ?? '').length).toBeGreaterThan(5);
      // the reply stream came over graphql-ws through Vite's proxy, on the dev server's origin
      expect(sockets.some((url) => url === `${devOrigin.replace('http', 'ws')}/graphql`)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

/**
 * Screenshots of the web app for the README: phone (390 px) and desktop, light and dark, against
 * the whole stack started the way `npm start` starts it. `node e2e/src/web-screenshots.ts`.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { startE2eStack } from './stack.ts';
import { buildWebApp, launchChromium, openGuardedPage } from './web-browser.ts';

const out = fileURLToPath(new URL('../../clients/web/screenshots/', import.meta.url));
mkdirSync(out, { recursive: true });
buildWebApp();
const [stack, browser] = await Promise.all([
  startE2eStack({ llm: { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE, offlineWordDelayMs: 30 } }),
  launchChromium(),
]);
const origin = new URL(stack.url).origin;
try {
  const shots = [
    { name: 'desktop-light', width: 1280, height: 800, colorScheme: 'light' as const, panel: 'Quests' },
    { name: 'desktop-dark', width: 1280, height: 800, colorScheme: 'dark' as const, panel: 'Memories' },
    // the persona section (picker, own personas, Character Card import/export) lives in Settings
    { name: 'desktop-personas', width: 1280, height: 800, colorScheme: 'light' as const, panel: 'Settings' },
    { name: 'phone-light', width: 390, height: 844, colorScheme: 'light' as const, panel: undefined },
    { name: 'phone-dark', width: 390, height: 844, colorScheme: 'dark' as const, panel: undefined },
  ];
  for (const shot of shots) {
    const { page, context, problems } = await openGuardedPage(browser, origin, { ...shot, isMobile: shot.width < 500 });
    console.log(`${shot.name}: opening`);
    await page.goto(`${origin}/`);
    if (shot.name === 'phone-light') await page.screenshot({ path: `${out}sign-up-phone-light.png` });
    await page.getByLabel('Display name').fill('Ada');
    await page.getByLabel('Email').fill(`ada-${shot.name}-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign up' }).click();
    const input = page.getByRole('textbox', { name: 'Message' });
    for (const text of ['Hi MIYU! By the way, my cat is called Miso.', 'I love green tea', 'What is my cat called?']) {
      const replies = page.getByRole('log').locator('li.hers:not(.greeting)');
      const before = await replies.count();
      await input.fill(text);
      await input.press('Enter');
      // the reply is in (not only started) and the log is no longer busy
      await replies.nth(before).waitFor({ timeout: 30_000 });
      await page.waitForFunction(() => document.querySelector('[role="log"]')?.getAttribute('aria-busy') === 'false', null, {
        timeout: 30_000,
      });
      await page.waitForTimeout(400);
    }
    if (shot.panel) {
      await page.getByRole('button', { name: shot.panel, exact: true }).click();
      const region = page.getByRole('region', { name: shot.panel });
      if (shot.panel === 'Settings') await region.getByRole('button', { name: 'New persona' }).waitFor({ timeout: 30_000 });
      else await region.getByRole('listitem').first().waitFor({ timeout: 30_000 });
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}${shot.name}.png` });
    console.log(`${shot.name} taken`);
    if (problems.length) console.warn(shot.name, problems);
    await context.close();
  }
  console.log(`screenshots in ${out}`);
} finally {
  await browser.close();
  await stack.close();
}

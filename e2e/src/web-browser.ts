import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** The flags .ci/run and docs/toolchain.md agree on for Debian's Chromium (no sandbox in containers, no phoning home). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's chromium (`apt-get install -y chromium`); Playwright's own download cannot reach its host here. */
export function findChromium(): string {
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error('Chromium is not installed: run `apt-get install -y chromium` (.ci/run does).');
  return found;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
}

/** Builds clients/web when its dist/ is missing or stale (what `npm install` does), failing loudly. */
export function buildWebApp(): void {
  const script = fileURLToPath(new URL('../../clients/web/scripts/build-if-stale.mjs', import.meta.url));
  const result = spawnSync(process.execPath, [script, '--strict'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the web app did not build');
}

export interface GuardedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors, page errors and requests that left the origin, as readable lines. */
  problems: string[];
}

/** A page in a fresh context that records every console error and every request off `origin`. */
export async function openGuardedPage(
  browser: Browser,
  origin: string,
  options: { width: number; height: number; colorScheme?: 'light' | 'dark'; isMobile?: boolean },
): Promise<GuardedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    colorScheme: options.colorScheme ?? 'light',
    isMobile: options.isMobile ?? false,
    hasTouch: options.isMobile ?? false,
    deviceScaleFactor: 1,
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('websocket', (socket) => {
    if (new URL(socket.url()).host !== new URL(origin).host) problems.push(`off-origin socket: ${socket.url()}`);
  });
  context.on('request', (request) => {
    const url = new URL(request.url());
    const sameOrigin = url.origin === origin || url.origin === origin.replace(/^http/, 'ws');
    if (!sameOrigin && url.protocol !== 'data:' && url.protocol !== 'blob:')
      problems.push(`off-origin request: ${request.url()}`);
  });
  return { page, context, problems };
}

/** Signs a new person up through the app's form and waits for the chat; returns the token the app keeps. */
export async function signUpInBrowser(page: Page, origin: string, name: string): Promise<string> {
  await page.goto(`${origin}/`);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Email').fill(`${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.com`);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor({ timeout: 30_000 });
  return sessionToken(page);
}

/** The token the app keeps (see README: localStorage), to check the app's effects through the API. */
export function sessionToken(page: Page): Promise<string> {
  return page.evaluate(() => (JSON.parse(localStorage.getItem('miyu.session') ?? '{}') as { token?: string }).token ?? '');
}

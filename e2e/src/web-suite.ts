import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type E2eStack, type E2eStackOptions, startE2eStack } from './stack.ts';
import { buildWebApp, type GuardedPage, launchChromium, openGuardedPage } from './web-browser.ts';

export type PageOptions = Parameters<typeof openGuardedPage>[2];

export interface WebSuite {
  readonly stack: E2eStack;
  readonly browser: Browser;
  /** The router's origin, where the app is served. */
  readonly origin: string;
  /** A guarded page at the suite's viewport (or `options`), closed after the suite. */
  open(options?: PageOptions): Promise<GuardedPage>;
}

/**
 * The set-up every browser suite shares: builds the app, starts the stack and Chromium together in
 * `beforeAll`, and closes the pages, the browser and the stack in `afterAll`. Call it inside a
 * `describe`; `stackOptions` may be a function when they depend on something another `beforeAll`
 * (registered before this call) made, such as a fake model's URL.
 */
export function startWebSuite(stackOptions: E2eStackOptions | (() => E2eStackOptions), viewport: PageOptions): WebSuite {
  let stack: E2eStack | undefined;
  let browser: Browser | undefined;
  const opened: GuardedPage[] = [];
  beforeAll(async () => {
    buildWebApp();
    [stack, browser] = await Promise.all([
      startE2eStack(typeof stackOptions === 'function' ? stackOptions() : stackOptions),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await Promise.allSettled(opened.map((guarded) => guarded.context.close()));
    await browser?.close();
    await stack?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the web suite's ${what} is not started (use it inside a test)`);
    return value;
  };
  return {
    get stack() {
      return started(stack, 'stack');
    },
    get browser() {
      return started(browser, 'browser');
    },
    get origin() {
      return new URL(started(stack, 'stack').url).origin;
    },
    async open(options = viewport) {
      const guarded = await openGuardedPage(started(browser, 'browser'), new URL(started(stack, 'stack').url).origin, options);
      opened.push(guarded);
      return guarded;
    },
  };
}

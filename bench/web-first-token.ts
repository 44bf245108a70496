/**
 * In Chromium, the time from pressing Enter in the web app to the first streamed token painted,
 * against the API-level first chunk measured in the same run (the SDK in Node doing what the app
 * does: sendMessage over HTTP, then replyStream over graphql-ws), alternating message by message.
 * The offline LLM at zero word delay, so both measure MIYU and the browser, not a model.
 * `npx node bench/web-first-token.ts [messages=30]` → bench/results/<stamp>-web-first-token.json.
 */
import { randomBytes } from 'node:crypto';
import { renameSync } from 'node:fs';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { WebReplyStreamDocument, WebSendMessageDocument } from '@miyu/sdk/gql/graphql';
import { createMiyuClient } from '@miyu/sdk/miyu-client';
import type { Page } from 'playwright-core';
import { startE2eStack } from '../e2e/src/stack.ts';
import { buildWebApp, launchChromium, openGuardedPage } from '../e2e/src/web-browser.ts';
import { writeResults } from './lib/results.ts';
import { summarize } from './lib/stats.ts';

/** The browser should add under this much to the API's first chunk, at the median. */
export const BROWSER_OVERHEAD_BUDGET_P50_MS = 30;

/** In the page: ms from the Enter keydown to the frame after the new reply's first text is in the DOM. */
async function browserFirstTokenMs(page: Page, text: string): Promise<number> {
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill(text);
  const measured = page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const log = document.querySelector('[role="log"]')!;
        const before = log.querySelectorAll('li.hers:not(.greeting)').length;
        let pressedAt: number | undefined;
        const onKey = (event: KeyboardEvent) => {
          if (event.key !== 'Enter') return;
          pressedAt = performance.now();
          removeEventListener('keydown', onKey, { capture: true });
        };
        addEventListener('keydown', onKey, { capture: true });
        const observer = new MutationObserver(() => {
          const replies = log.querySelectorAll('li.hers:not(.greeting)');
          const reply = replies.length > before ? replies[replies.length - 1] : undefined;
          if (!reply || (reply.querySelector('.bubble')?.textContent ?? '').trim() === '' || pressedAt === undefined) return;
          observer.disconnect();
          const start = pressedAt;
          // rAF runs just before the frame is painted; the task after it runs once it is.
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
        });
        observer.observe(log, { childList: true, subtree: true, characterData: true });
        setTimeout(() => reject(new Error('no token painted within 15 s')), 15_000);
      }),
  );
  await page.waitForTimeout(20); // let the page install its listeners first
  await input.press('Enter');
  const ms = await measured;
  await page.waitForFunction(() => document.querySelector('[role="log"]')?.getAttribute('aria-busy') === 'false');
  return ms;
}

/** In Node with the SDK: ms from sending to the first non-empty delta of the reply stream. */
async function apiFirstChunkMs(client: ReturnType<typeof createMiyuClient>, conversationId: string, text: string) {
  const started = performance.now();
  const sent = await client.request(WebSendMessageDocument, { input: { conversationId, content: text } });
  let first: number | undefined;
  for await (const data of client.subscribe(WebReplyStreamDocument, { messageId: sent.sendMessage.reply.id, afterSeq: -1 })) {
    if (first === undefined && data.replyStream.delta.trim() !== '') first = performance.now() - started;
    if (data.replyStream.done) break;
  }
  if (first === undefined) throw new Error('the reply had no text');
  return first;
}

export async function runWebFirstToken(messages = 30) {
  buildWebApp();
  const [stack, browser] = await Promise.all([
    startE2eStack({ llm: { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE, offlineWordDelayMs: 0 } }),
    launchChromium(),
  ]);
  try {
    const origin = new URL(stack.url).origin;
    const { page, problems } = await openGuardedPage(browser, origin, { width: 1280, height: 800 });
    await page.goto(`${origin}/`);
    await page.getByLabel('Display name').fill('Bench');
    await page.getByLabel('Email').fill(`bench-${randomBytes(4).toString('hex')}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();

    const email = `bench-api-${randomBytes(4).toString('hex')}@example.com`;
    const signUp = await stack.gql<{ signUp: { token: string } }>(
      'mutation($input: SignUpInput!) { signUp(input: $input) { token } }',
      { input: { email, password: 'correct horse battery', displayName: 'Bench API' } },
    );
    const client = createMiyuClient({ url: `${origin}/graphql`, token: signUp.data!.signUp.token });
    const started = await stack.gql<{ startConversation: { id: string } }>(
      'mutation { startConversation(input: { platform: WEB, title: "bench" }) { id } }',
      {},
      signUp.data!.signUp.token,
    );
    const conversationId = started.data!.startConversation.id;

    // One of each to warm up (the first page's conversation, sockets, JIT), then alternate.
    await browserFirstTokenMs(page, 'hello there');
    await apiFirstChunkMs(client, conversationId, 'hello there');
    const browserMs: number[] = [];
    const apiMs: number[] = [];
    for (let index = 0; index < messages; index += 1) {
      browserMs.push(await browserFirstTokenMs(page, `tell me something nice, number ${index}`));
      apiMs.push(await apiFirstChunkMs(client, conversationId, `tell me something nice, number ${index}`));
    }
    client.close();
    const inBrowser = summarize(browserMs);
    const api = summarize(apiMs);
    const addedP50 = Math.round((inBrowser.p50 - api.p50) * 10) / 10;
    const addedP95 = Math.round((percentile95(browserMs) - percentile95(apiMs)) * 10) / 10;
    return {
      messages,
      browserEnterToFirstTokenPaintedMs: { ...inBrowser, p95: percentile95(browserMs) },
      apiSendToFirstChunkMs: { ...api, p95: percentile95(apiMs) },
      browserAddsMs: { p50: addedP50, p95: addedP95 },
      budget: { browserAddsP50Ms: BROWSER_OVERHEAD_BUDGET_P50_MS, met: addedP50 < BROWSER_OVERHEAD_BUDGET_P50_MS },
      pageProblems: problems,
    };
  } finally {
    await browser.close();
    await stack.close();
  }
}

function percentile95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]! * 10) / 10;
}

if (import.meta.main) {
  const messages = Number(process.argv[2] ?? 30);
  const result = await runWebFirstToken(messages);
  const b = result.browserEnterToFirstTokenPaintedMs;
  const a = result.apiSendToFirstChunkMs;
  console.log(`browser Enter → first token painted: p50 ${b.p50} ms, p95 ${b.p95} ms (n=${b.n})`);
  console.log(`API send → first chunk:              p50 ${a.p50} ms, p95 ${a.p95} ms (n=${a.n})`);
  console.log(
    `the browser adds p50 ${result.browserAddsMs.p50} ms, p95 ${result.browserAddsMs.p95} ms (budget p50 < ${result.budget.browserAddsP50Ms} ms): ${result.budget.met ? 'ok' : 'OVER BUDGET'}`,
  );
  const written = writeResults({ webFirstToken: result });
  const path = written.replace(/\.json$/, '-web-first-token.json');
  renameSync(written, path);
  console.log(`results written to ${path}`);
  process.exit(result.budget.met ? 0 : 1);
}

import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Update } from 'grammy/types';
import type { UpdateJournal } from '../state/update-journal.ts';

export const WEBHOOK_PATH = '/telegram/webhook';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

function sameSecret(presented: string | string[] | undefined, secret: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * POST /telegram/webhook: checks X-Telegram-Bot-Api-Secret-Token on every call (401 otherwise),
 * journals the update and answers 200 at once, then handles it. Answering before the reply is
 * done keeps Telegram from resending a slow update; a resent one (same update_id) is dropped.
 */
export function createWebhookRoute(options: { secret: string; journal: UpdateJournal; handle(update: Update): void }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== WEBHOOK_PATH) return false;
    if (!sameSecret(req.headers[SECRET_HEADER], options.secret)) {
      res.writeHead(401).end();
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 1_000_000) {
        res.writeHead(413).end();
        return true;
      }
      chunks.push(chunk);
    }
    let update: Update;
    try {
      update = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update;
      if (typeof update.update_id !== 'number') throw new Error('no update_id');
    } catch {
      res.writeHead(400).end();
      return true;
    }
    const fresh = options.journal.receive([update]);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    for (const one of fresh) options.handle(one);
    return true;
  };
}

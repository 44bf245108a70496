import type { ServerResponse } from 'node:http';
import type { MethodResult, Params } from './fake-telegram-methods.ts';
import type { FakeUpdate } from './fake-telegram-types.ts';

/**
 * The fake's update queue, as Telegram keeps it: updates stay until a getUpdates asks for a
 * higher offset; a long poll waits up to `timeout` seconds for the next one; a second poll ends
 * the first with 409; with a webhook set, updates are POSTed to it instead (and getUpdates is 409).
 */
export function createUpdateQueue() {
  const queue: FakeUpdate[] = [];
  let nextUpdateId = 1;
  let waiting: { wake(result: MethodResult): void } | undefined;
  let webhook: { url: string; secret?: string } | undefined;
  let delivering = false;
  // what was handed out, by update_id: a test can have "Telegram" send one again (a webhook retry)
  const delivered = new Map<number, FakeUpdate>();
  let closed = false;

  function wakeWaiter(): void {
    const waiter = waiting;
    waiting = undefined;
    waiter?.wake({ ok: true, result: [] });
  }

  async function deliver(): Promise<void> {
    if (delivering) return;
    delivering = true;
    try {
      while (webhook && queue.length > 0 && !closed) {
        const update = queue[0]!;
        const ok = await fetch(webhook.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(webhook.secret ? { 'x-telegram-bot-api-secret-token': webhook.secret } : {}),
          },
          body: JSON.stringify(update),
        })
          .then((response) => response.ok)
          .catch(() => false);
        if (ok) delivered.set(queue.shift()!.update_id, update);
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      delivering = false;
    }
  }

  return {
    push(content: Record<string, unknown>): FakeUpdate {
      const update = { update_id: nextUpdateId++, ...content };
      queue.push(update);
      if (webhook) void deliver();
      else wakeWaiter();
      return update;
    },
    unconfirmed: () => queue.length,
    /** POSTs an update already delivered to the webhook again, as Telegram retries; the HTTP status. */
    async redeliver(updateId: number, secret = webhook?.secret): Promise<number> {
      const update = delivered.get(updateId);
      if (!webhook || !update) throw new Error(`update ${updateId} was not delivered to a webhook`);
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      return response.status;
    },
    deliveredIds: () => [...delivered.keys()],
    webhook: () => webhook,
    setWebhook(params: Params): MethodResult {
      if (typeof params.url !== 'string' || !/^https?:\/\//u.test(params.url))
        return { ok: false, error_code: 400, description: 'Bad Request: bad webhook: an HTTPS URL must be provided for webhook' };
      webhook = { url: params.url, ...(typeof params.secret_token === 'string' ? { secret: params.secret_token } : {}) };
      wakeWaiter();
      void deliver();
      return { ok: true, result: true };
    },
    deleteWebhook(): MethodResult {
      webhook = undefined;
      return { ok: true, result: true };
    },
    getUpdates(params: Params, res: ServerResponse): Promise<MethodResult> | MethodResult {
      if (webhook)
        return {
          ok: false,
          error_code: 409,
          description:
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        };
      const offset = Number(params.offset ?? 0);
      const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
      const timeout = Math.min(50, Math.max(0, Number(params.timeout ?? 0)));
      // asking for offset N confirms every update below it: they are gone for good
      if (offset > 0) while (queue.length > 0 && queue[0]!.update_id < offset) queue.shift();
      const take = (): MethodResult => ({ ok: true, result: queue.filter((u) => u.update_id >= offset).slice(0, limit) });
      const ready = take() as { ok: true; result: FakeUpdate[] };
      if (ready.result.length > 0 || timeout === 0 || closed) return ready;
      waiting?.wake({
        ok: false,
        error_code: 409,
        description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      });
      return new Promise<MethodResult>((resolve) => {
        const timer = setTimeout(() => finish(take()), timeout * 1000);
        const waiter = {
          wake: (result: MethodResult) => finish(result.ok ? take() : result),
        };
        function finish(result: MethodResult): void {
          clearTimeout(timer);
          if (waiting === waiter) waiting = undefined;
          resolve(result);
        }
        waiting = waiter;
        // the poller went away (a stopped worker): its poll ends, nothing is handed out
        res.once('close', () => finish({ ok: true, result: [] }));
      });
    },
    close(): void {
      closed = true;
      wakeWaiter();
    },
  };
}

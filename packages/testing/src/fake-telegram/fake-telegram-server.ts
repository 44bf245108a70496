import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  createMessageMethods,
  type FakeTelegramStore,
  type MethodResult,
  newMessageId,
  type Params,
  storeMessage,
} from './fake-telegram-methods.ts';
import type {
  BotMessage,
  FakeBotApiError,
  FakeChat,
  FakeEntity,
  FakeMessage,
  FakeUpdate,
  FakeUser,
} from './fake-telegram-types.ts';
import { createUpdateQueue } from './fake-telegram-updates.ts';

export interface FakeTelegramOptions {
  /** The bot's token; requests for another one get 401 like Telegram's. */
  token?: string;
  bot?: { id?: number; username?: string; first_name?: string };
  /** Whether sendMessageDraft exists (false answers 404 "method not found", like an older Bot API). */
  offerDrafts?: boolean;
  /** Called as each method call arrives, before it is answered (benchmarks time what a person would see). */
  onCall?: (method: string, params: Params) => void;
}

export interface FakeTelegramServer {
  /** For grammY's `apiRoot` (and TELEGRAM_API_ROOT). */
  apiRoot: string;
  token: string;
  bot: FakeUser;
  /** Every method call, in order. */
  calls: { method: string; params: Params }[];
  /** A person writes in a chat (created on first use); returns the message id. */
  userMessage(input: UserMessageInput): number;
  /** A person edits one of their messages. */
  editUserMessage(input: { chat: FakeChat; from: FakeUser; messageId: number; text: string }): void;
  /** A person presses an inline button of a bot message; returns the callback query id. */
  pressButton(input: { chat: FakeChat; from: FakeUser; messageId: number; data: string }): string;
  /** What the bot sent to a chat, oldest first. */
  botMessages(chatId: number): BotMessage[];
  drafts: FakeTelegramStore['drafts'];
  chatActions: FakeTelegramStore['chatActions'];
  callbackAnswer(id: string): string | undefined;
  commands(): { command: string; description: string }[];
  webhook(): { url: string; secret?: string } | undefined;
  /**
   * Sends an update already delivered to the webhook again, as Telegram does when it thinks a
   * call failed; `secret` overrides the header (a forged call). Resolves with the HTTP status.
   */
  redeliver(updateId: number, secret?: string): Promise<number>;
  /** update_ids the webhook accepted, in order. */
  deliveredIds(): number[];
  /** Answers the next `count` calls of `method` with this error (e.g. TOO_MANY_REQUESTS(1)). */
  failNext(method: string, error: FakeBotApiError, count?: number): void;
  /**
   * Holds the next call of `method` until the test releases it (handled normally) or fails it (the
   * error is answered); `arrived` resolves with its parameters once it is being held.
   */
  holdNext(method: string): HeldCall;
  /** The person blocked the bot: every call for this chat answers 403. */
  block(chatId: number): void;
  setOfferDrafts(offer: boolean): void;
  /** Updates not yet confirmed by a getUpdates offset. */
  unconfirmedUpdates(): number;
  close(): Promise<void>;
}

export interface HeldCall {
  arrived: Promise<Params>;
  release(): void;
  fail(error: FakeBotApiError): void;
}

export interface UserMessageInput {
  chat: FakeChat;
  from: FakeUser;
  text?: string;
  entities?: FakeEntity[];
  caption?: string;
  photo?: boolean;
  sticker?: boolean;
  replyTo?: number;
}

/**
 * A local Telegram Bot API speaking the real wire protocol (POST /bot<token>/<method>, JSON or
 * multipart bodies, `{ok, result}` / `{ok: false, error_code, description, parameters}`), with
 * long polling, webhooks, MarkdownV2 validation and faults on demand, for grammY pointed at it.
 */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegramServer> {
  const token = options.token ?? '123456:FAKE-telegram-token';
  const bot: FakeUser = {
    id: options.bot?.id ?? 777_000,
    is_bot: true,
    first_name: options.bot?.first_name ?? 'MIYU',
    username: options.bot?.username ?? 'miyu_test_bot',
  };
  let offerDrafts = options.offerDrafts ?? true;
  const store: FakeTelegramStore = {
    bot,
    chats: new Map(),
    messages: new Map(),
    nextMessageId: new Map(),
    drafts: [],
    chatActions: [],
    callbackAnswers: new Map(),
    commands: [],
    blocked: new Set(),
  };
  const methods = createMessageMethods(store, { offerDrafts: () => offerDrafts });
  const updates = createUpdateQueue();
  const calls: FakeTelegramServer['calls'] = [];
  const faults = new Map<string, FakeBotApiError[]>();
  const holds = new Map<string, { arrive(params: Params): void; outcome: Promise<FakeBotApiError | undefined> }[]>();
  const sockets = new Set<Socket>();
  let nextCallback = 1;

  async function call(
    method: string,
    params: Params,
    files: Map<string, { name: string; content: string }>,
    res: ServerResponse,
  ): Promise<MethodResult> {
    calls.push({ method, params });
    options.onCall?.(method, params);
    const fault = faults.get(method)?.shift();
    if (fault) return { ok: false, ...fault };
    const hold = holds.get(method)?.shift();
    if (hold) {
      hold.arrive(params);
      const error = await hold.outcome;
      if (error) return { ok: false, ...error };
    }
    switch (method) {
      case 'getMe':
        return {
          ok: true,
          result: { ...bot, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false },
        };
      case 'getUpdates':
        return updates.getUpdates(params, res);
      case 'setWebhook':
        return updates.setWebhook(params);
      case 'deleteWebhook':
        return updates.deleteWebhook();
      case 'getWebhookInfo':
        return { ok: true, result: { url: updates.webhook()?.url ?? '', pending_update_count: updates.unconfirmed() } };
      case 'sendDocument':
        return methods.sendDocument(params, files);
      case 'sendMessage':
      case 'editMessageText':
      case 'sendMessageDraft':
      case 'sendChatAction':
      case 'answerCallbackQuery':
      case 'setMyCommands':
        return methods[method](params);
      default:
        return { ok: false, error_code: 404, description: 'Not Found: method not found' };
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/u.exec(new URL(req.url ?? '/', 'http://fake').pathname);
    if (!match) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== token) return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const { params, files } = await readParams(req);
    const result = await call(match[2]!, params, files, res);
    send(res, result.ok ? 200 : result.error_code, result);
  }
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  function chatFor(chat: FakeChat): FakeChat {
    const known = store.chats.get(chat.id) ?? chat;
    store.chats.set(chat.id, known);
    return known;
  }

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    bot,
    calls,
    userMessage(input) {
      const chat = chatFor(input.chat);
      const replyTo = input.replyTo === undefined ? undefined : store.messages.get(chat.id)?.get(input.replyTo);
      const message: FakeMessage = {
        message_id: newMessageId(store, chat.id),
        date: Math.floor(Date.now() / 1000),
        chat,
        from: input.from,
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.entities ? { entities: input.entities } : {}),
        ...(input.caption !== undefined ? { caption: input.caption } : {}),
        ...(input.photo ? { photo: [{ file_id: 'photo-1', file_unique_id: 'p1', width: 90, height: 90 }] } : {}),
        ...(input.sticker
          ? {
              sticker: {
                file_id: 'sticker-1',
                file_unique_id: 's1',
                type: 'regular',
                width: 512,
                height: 512,
                is_animated: false,
                is_video: false,
              },
            }
          : {}),
        ...(replyTo ? { reply_to_message: replyTo } : {}),
      };
      if (message.text?.startsWith('/')) {
        const command = message.text.split(/\s/u)[0]!;
        message.entities = [{ type: 'bot_command', offset: 0, length: command.length }, ...(message.entities ?? [])];
      }
      storeMessage(store, message);
      updates.push({ message });
      return message.message_id;
    },
    editUserMessage(input) {
      const chat = chatFor(input.chat);
      const message = {
        message_id: input.messageId,
        date: Math.floor(Date.now() / 1000),
        edit_date: Math.floor(Date.now() / 1000),
        chat,
        from: input.from,
        text: input.text,
      };
      updates.push({ edited_message: message });
    },
    pressButton(input) {
      const chat = chatFor(input.chat);
      const message = store.messages.get(chat.id)?.get(input.messageId);
      const id = String(nextCallback++);
      store.callbackAnswers.set(id, undefined);
      updates.push({
        callback_query: {
          id,
          from: input.from,
          chat_instance: `ci-${chat.id}`,
          data: input.data,
          ...(message ? { message } : {}),
        },
      });
      return id;
    },
    botMessages: (chatId) =>
      [...(store.messages.get(chatId)?.values() ?? [])].filter((m): m is BotMessage => m.from.id === bot.id),
    drafts: store.drafts,
    chatActions: store.chatActions,
    callbackAnswer: (id) => store.callbackAnswers.get(id),
    commands: () => store.commands,
    webhook: updates.webhook,
    redeliver: updates.redeliver,
    deliveredIds: updates.deliveredIds,
    failNext(method, error, count = 1) {
      const queue = faults.get(method) ?? [];
      for (let i = 0; i < count; i += 1) queue.push(error);
      faults.set(method, queue);
    },
    holdNext(method) {
      let arrive!: (params: Params) => void;
      let settle!: (error: FakeBotApiError | undefined) => void;
      const arrived = new Promise<Params>((resolve) => {
        arrive = resolve;
      });
      const outcome = new Promise<FakeBotApiError | undefined>((resolve) => {
        settle = resolve;
      });
      holds.set(method, [...(holds.get(method) ?? []), { arrive, outcome }]);
      return { arrived, release: () => settle(undefined), fail: (error) => settle(error) };
    },
    block: (chatId) => store.blocked.add(chatId),
    setOfferDrafts(offer) {
      offerDrafts = offer;
    },
    unconfirmedUpdates: updates.unconfirmed,
    async close() {
      updates.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (!res.writableEnded) res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** JSON, form or multipart parameters (grammY sends multipart when a file is attached). */
async function readParams(
  req: IncomingMessage,
): Promise<{ params: Params; files: Map<string, { name: string; content: string }> }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  const files = new Map<string, { name: string; content: string }>();
  const query = Object.fromEntries(new URL(req.url ?? '/', 'http://fake').searchParams);
  if (body.length === 0) return { params: query, files };
  if (type.includes('application/json')) return { params: { ...query, ...(JSON.parse(body.toString('utf8')) as Params) }, files };
  const form = await new Response(body, { headers: { 'content-type': type } }).formData();
  const params: Params = { ...query };
  for (const [key, value] of form.entries()) {
    if (typeof value === 'string') {
      try {
        params[key] = /^[[{]/u.test(value) ? JSON.parse(value) : value;
      } catch {
        params[key] = value;
      }
    } else files.set(key, { name: value.name, content: await value.text() });
  }
  return { params, files };
}

export type { BotMessage, FakeChat, FakeUpdate, FakeUser };

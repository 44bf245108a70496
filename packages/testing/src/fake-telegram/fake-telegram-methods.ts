import { parseMarkdownV2 } from './markdown-v2-parser.ts';
import type { BotMessage, FakeBotApiError, FakeChat, FakeMessage, FakeUser } from './fake-telegram-types.ts';

export type Params = Record<string, unknown>;
export type MethodResult = { ok: true; result: unknown } | ({ ok: false } & FakeBotApiError);

const bad = (description: string): MethodResult => ({ ok: false, error_code: 400, description: `Bad Request: ${description}` });

/** The chats, messages and bookkeeping behind the fake's methods. */
export interface FakeTelegramStore {
  bot: FakeUser;
  chats: Map<number, FakeChat>;
  /** Every message in a chat (the person's and the bot's), by message id. */
  messages: Map<number, Map<number, FakeMessage | BotMessage>>;
  nextMessageId: Map<number, number>;
  drafts: { chat_id: number; draft_id: number; text: string }[];
  chatActions: { chat_id: number; action: string }[];
  callbackAnswers: Map<string, string | undefined>;
  commands: { command: string; description: string }[];
  blocked: Set<number>;
}

export function newMessageId(store: FakeTelegramStore, chatId: number): number {
  const id = (store.nextMessageId.get(chatId) ?? 0) + 1;
  store.nextMessageId.set(chatId, id);
  return id;
}

export function storeMessage(store: FakeTelegramStore, message: FakeMessage | BotMessage): void {
  const chat = store.messages.get(message.chat.id) ?? new Map<number, FakeMessage | BotMessage>();
  store.messages.set(message.chat.id, chat);
  chat.set(message.message_id, message);
}

/** The visible text of a bot text, or the 400 Telegram would answer. */
function render(params: Params): { text: string; raw: string; parse_mode?: string } | MethodResult {
  const raw = typeof params.text === 'string' ? params.text : '';
  const parseMode = typeof params.parse_mode === 'string' ? params.parse_mode : undefined;
  let text = raw;
  if (parseMode === 'MarkdownV2') {
    const parsed = parseMarkdownV2(raw);
    if (!parsed.ok) return { ok: false, error_code: 400, description: parsed.description };
    text = parsed.text;
  } else if (parseMode) return bad(`unsupported parse_mode ${parseMode}`);
  if (text.trim().length === 0) return bad('message text is empty');
  if (text.length > 4096) return bad('message is too long');
  return { text, raw, ...(parseMode ? { parse_mode: parseMode } : {}) };
}

function chatOf(store: FakeTelegramStore, params: Params): FakeChat | MethodResult {
  const chat = store.chats.get(Number(params.chat_id));
  if (!chat) return bad('chat not found');
  if (store.blocked.has(chat.id)) return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
  return chat;
}

const isError = (value: unknown): value is MethodResult => typeof value === 'object' && value !== null && 'ok' in value;

/** sendMessage, sendDocument, editMessageText, sendMessageDraft, sendChatAction, answerCallbackQuery, setMyCommands. */
export function createMessageMethods(store: FakeTelegramStore, options: { offerDrafts: () => boolean }) {
  const now = () => Math.floor(Date.now() / 1000);
  return {
    sendMessage(params: Params): MethodResult {
      const chat = chatOf(store, params);
      if (isError(chat)) return chat;
      const rendered = render(params);
      if (isError(rendered)) return rendered;
      const replyId = (params.reply_parameters as { message_id?: number } | undefined)?.message_id;
      const replyTo = replyId === undefined ? undefined : store.messages.get(chat.id)?.get(replyId);
      const message: BotMessage = {
        message_id: newMessageId(store, chat.id),
        date: now(),
        chat,
        from: store.bot,
        ...rendered,
        ...(replyTo ? { reply_to_message: replyTo } : {}),
        ...(params.reply_markup ? { reply_markup: params.reply_markup as BotMessage['reply_markup'] } : {}),
        edits: 0,
        history: [rendered.text],
      };
      storeMessage(store, message);
      return { ok: true, result: message };
    },
    sendDocument(params: Params, files: Map<string, { name: string; content: string }>): MethodResult {
      const chat = chatOf(store, params);
      if (isError(chat)) return chat;
      const reference = String(params.document ?? '');
      const file = files.get(reference.replace(/^attach:\/\//u, ''));
      if (!file) return bad('there is no document in the request');
      const caption = typeof params.caption === 'string' ? params.caption : '';
      const message: BotMessage = {
        message_id: newMessageId(store, chat.id),
        date: now(),
        chat,
        from: store.bot,
        text: caption,
        raw: caption,
        caption,
        document: { file_id: `doc-${Date.now()}`, file_unique_id: 'u', file_name: file.name },
        file,
        edits: 0,
        history: [caption],
      };
      storeMessage(store, message);
      return { ok: true, result: message };
    },
    editMessageText(params: Params): MethodResult {
      const chat = chatOf(store, params);
      if (isError(chat)) return chat;
      const message = store.messages.get(chat.id)?.get(Number(params.message_id)) as BotMessage | undefined;
      if (!message) return bad('message to edit not found');
      if (message.from.id !== store.bot.id) return bad("message can't be edited");
      const rendered = render(params);
      if (isError(rendered)) return rendered;
      const markup = params.reply_markup as BotMessage['reply_markup'] | undefined;
      if (
        rendered.text === message.text &&
        rendered.raw === message.raw &&
        JSON.stringify(markup) === JSON.stringify(message.reply_markup)
      )
        return bad(
          'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      Object.assign(message, rendered, { edits: message.edits + 1, reply_markup: markup });
      if (!rendered.parse_mode) delete message.parse_mode;
      message.history.push(rendered.text);
      return { ok: true, result: message };
    },
    sendMessageDraft(params: Params): MethodResult {
      if (!options.offerDrafts()) return { ok: false, error_code: 404, description: 'Not Found: method not found' };
      const chat = chatOf(store, params);
      if (isError(chat)) return chat;
      if (chat.type !== 'private') return bad('drafts can be sent only to private chats');
      const draftId = Number(params.draft_id);
      if (!draftId) return bad('draft_id must be non-zero');
      const text = typeof params.text === 'string' ? params.text : '';
      if (text.length > 4096) return bad('message is too long');
      store.drafts.push({ chat_id: chat.id, draft_id: draftId, text });
      return { ok: true, result: true };
    },
    sendChatAction(params: Params): MethodResult {
      const chat = chatOf(store, params);
      if (isError(chat)) return chat;
      store.chatActions.push({ chat_id: chat.id, action: String(params.action) });
      return { ok: true, result: true };
    },
    answerCallbackQuery(params: Params): MethodResult {
      const id = String(params.callback_query_id);
      if (!store.callbackAnswers.has(id)) return bad('query is too old and response timeout expired or query ID is invalid');
      if (store.callbackAnswers.get(id) !== undefined)
        return bad('query is too old and response timeout expired or query ID is invalid');
      store.callbackAnswers.set(id, typeof params.text === 'string' ? params.text : '');
      return { ok: true, result: true };
    },
    setMyCommands(params: Params): MethodResult {
      const commands = params.commands as { command: string; description: string }[] | undefined;
      if (!Array.isArray(commands) || commands.some((c) => !/^[a-z0-9_]{1,32}$/u.test(c.command))) return bad('invalid commands');
      store.commands = commands;
      return { ok: true, result: true };
    },
  };
}

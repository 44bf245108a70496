/** The subset of Bot API objects the fake stores and returns (field names as on the wire). */
export interface FakeUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
}

export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup' | 'channel';
  title?: string;
  first_name?: string;
}

export interface FakeEntity {
  type: string;
  offset: number;
  length: number;
  user?: FakeUser;
}

export interface FakeMessage {
  message_id: number;
  date: number;
  chat: FakeChat;
  from: FakeUser;
  text?: string;
  caption?: string;
  entities?: FakeEntity[];
  reply_to_message?: FakeMessage;
  reply_markup?: { inline_keyboard: { text: string; callback_data?: string }[][] };
  photo?: { file_id: string; file_unique_id: string; width: number; height: number }[];
  sticker?: Record<string, unknown>;
  document?: { file_id: string; file_unique_id: string; file_name?: string };
}

/** A message the bot sent, with what the fake learned about it. */
export interface BotMessage extends FakeMessage {
  /** The text as the person sees it (MarkdownV2 parsed). */
  text: string;
  /** The text as the bot sent it last, and with which parse_mode. */
  raw: string;
  parse_mode?: string;
  /** How many times it was edited. */
  edits: number;
  /** Every visible text it had, oldest first. */
  history: string[];
  /** For sendDocument: the uploaded file's content. */
  file?: { name: string; content: string };
}

export interface FakeBotApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export type FakeUpdate = { update_id: number } & Record<string, unknown>;

export const TOO_MANY_REQUESTS = (retryAfter: number): FakeBotApiError => ({
  error_code: 429,
  description: `Too Many Requests: retry after ${retryAfter}`,
  parameters: { retry_after: retryAfter },
});

export const BLOCKED: FakeBotApiError = { error_code: 403, description: 'Forbidden: bot was blocked by the user' };

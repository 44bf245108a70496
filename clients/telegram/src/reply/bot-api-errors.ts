import { GrammyError } from 'grammy';

/** Telegram refused the message's formatting (MarkdownV2 it could not parse). */
export function isParseError(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /can't parse entities/iu.test(error.description);
}

/** An edit that changes nothing: Telegram says so with a 400 that is not a failure for us. */
export function isNotModified(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /message is not modified/iu.test(error.description);
}

/** The person blocked the bot, left, or the chat is gone: nothing can be delivered there. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 403 || /chat not found/iu.test(error.description));
}

/** The Bot API (or a local server) does not offer a method. */
export function isMethodMissing(error: unknown): boolean {
  return (
    error instanceof GrammyError && (error.error_code === 404 || /method not found|not implemented/iu.test(error.description))
  );
}

export function isTooLong(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /too long/iu.test(error.description);
}

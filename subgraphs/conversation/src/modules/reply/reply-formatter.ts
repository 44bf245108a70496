import type { Platform } from '../conversation/conversation.entity.ts';
import { splitText } from './text-splitter.ts';

export const TELEGRAM_MAX_CHARS = 4096;
export const TWEET_MAX_CHARS = 280;

/**
 * Shapes a finished reply for the platform that delivers it. The web and the API render
 * markdown themselves; Telegram gets MarkdownV2 with every special character escaped (the model's
 * markdown is not trusted to be valid MarkdownV2, and an invalid message is rejected outright) in
 * messages of at most 4,096 characters; X gets a thread of at most 280-character posts, numbered
 * `1/3`, `2/3`, ... when there is more than one.
 */
export function formatReply(text: string, platform: Platform): string[] {
  const trimmed = text.trim();
  if (trimmed.length === 0) return [];
  switch (platform) {
    case 'TELEGRAM':
      return splitText(trimmed, (part) => escapeMarkdownV2(part).length <= TELEGRAM_MAX_CHARS).map(escapeMarkdownV2);
    case 'TWITTER':
      return threadParts(trimmed);
    default:
      return [text];
  }
}

/** Telegram's MarkdownV2: these characters must be escaped with a backslash outside entities. */
export function escapeMarkdownV2(text: string): string {
  return text.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, (char) => `\\${char}`);
}

function threadParts(text: string): string[] {
  if (text.length <= TWEET_MAX_CHARS) return [text];
  // The suffix " 3/12" depends on the part count; re-split until the assumed digits suffice.
  let digits = 1;
  for (;;) {
    const room = TWEET_MAX_CHARS - ` ${'9'.repeat(digits)}/${'9'.repeat(digits)}`.length;
    const parts = splitText(text, (part) => part.length <= room);
    if (String(parts.length).length <= digits) return parts.map((part, i) => `${part} ${i + 1}/${parts.length}`);
    digits = String(parts.length).length;
  }
}

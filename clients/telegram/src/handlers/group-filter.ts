import type { Message, MessageEntity, UserFromGetMe } from 'grammy/types';

/**
 * In a group she answers only a message that mentions her (`@username` as a mention entity, or a
 * text mention of her account) or replies to one of her messages. Returns the text to answer,
 * without her @username, or null when the message is not for her.
 */
export function textAddressedToHer(
  message: Message,
  me: UserFromGetMe,
  text: string,
  entities: MessageEntity[] = [],
): string | null {
  if (message.chat.type === 'private') return text;
  const handle = `@${me.username}`.toLowerCase();
  const mentions = entities.filter(
    (entity) =>
      (entity.type === 'mention' && text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === handle) ||
      (entity.type === 'text_mention' && entity.user.id === me.id),
  );
  const repliesToHer = message.reply_to_message?.from?.id === me.id;
  if (mentions.length === 0 && !repliesToHer) return null;
  let stripped = text;
  for (const entity of [...mentions].sort((a, b) => b.offset - a.offset)) {
    if (entity.type === 'mention') stripped = stripped.slice(0, entity.offset) + stripped.slice(entity.offset + entity.length);
  }
  return stripped.replace(/\s{2,}/gu, ' ').trim();
}

import type { Message, UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { textAddressedToHer } from './group-filter.ts';

const me = { id: 777, is_bot: true, first_name: 'MIYU', username: 'miyu_bot' } as UserFromGetMe;
const group = { id: -1, type: 'supergroup', title: 'Club' } as const;
const ada = { id: 1, is_bot: false, first_name: 'Ada' };
const message = (extra: Partial<Message> = {}) =>
  ({ message_id: 5, date: 0, chat: group, from: ada, ...extra }) as unknown as Message;

describe('textAddressedToHer', () => {
  it('passes every private message through', () => {
    const privateMessage = { ...message(), chat: { id: 1, type: 'private', first_name: 'Ada' } } as unknown as Message;
    expect(textAddressedToHer(privateMessage, me, 'hello', [])).toBe('hello');
  });

  it('ignores a group message that neither mentions her nor replies to her', () => {
    expect(textAddressedToHer(message(), me, 'anyone read it?', [])).toBeNull();
  });

  it('needs a mention entity: her @name in plain text, or another bot’s mention, is not one', () => {
    expect(textAddressedToHer(message(), me, 'ask @miyu_bot', [])).toBeNull();
    const other = '@other_bot hi';
    expect(textAddressedToHer(message(), me, other, [{ type: 'mention', offset: 0, length: 10 }])).toBeNull();
  });

  it('answers a mention entity of her username (any case) with the mention taken out', () => {
    const text = 'hey @MIYU_bot what do you think?';
    expect(textAddressedToHer(message(), me, text, [{ type: 'mention', offset: 4, length: 9 }])).toBe('hey what do you think?');
  });

  it('answers a text mention of her account and a reply to one of her messages', () => {
    expect(textAddressedToHer(message(), me, 'MIYU, hi', [{ type: 'text_mention', offset: 0, length: 4, user: me }])).toBe(
      'MIYU, hi',
    );
    const reply = message({ reply_to_message: { message_id: 4, from: me } as unknown as Message['reply_to_message'] });
    expect(textAddressedToHer(reply, me, 'I agree', [])).toBe('I agree');
    const replyToAda = message({ reply_to_message: { message_id: 4, from: ada } as Message['reply_to_message'] });
    expect(textAddressedToHer(replyToAda, me, 'I agree', [])).toBeNull();
  });
});

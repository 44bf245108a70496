import { StartConversationDocument, TelegramConversationsDocument } from '@miyu/sdk/gql/graphql';
import type { MiyuClient } from '@miyu/sdk/miyu-client';
import type { UpdateJournal } from '../state/update-journal.ts';

/** The conversation title that marks a chat's conversation, so it is found again without local state. */
export function conversationTitle(chatId: number): string {
  return `Telegram chat ${chatId}`;
}

/**
 * Each chat is one conversation per person (in a group, each member talks to her in their own
 * conversation). The journal remembers the mapping; without it (a new replica, a lost data folder)
 * the person's most recently active conversation with the chat's title is used.
 */
export function createConversationMap(journal: UpdateJournal) {
  const key = (chatId: number, userId: string) => `${chatId}:${userId}`;

  async function start(client: MiyuClient, chatId: number, userId: string): Promise<string> {
    const { startConversation } = await client.request(StartConversationDocument, {
      input: { platform: 'TELEGRAM', title: conversationTitle(chatId) },
    });
    journal.rememberConversation(key(chatId, userId), startConversation.id);
    return startConversation.id;
  }

  return {
    async conversationFor(client: MiyuClient, chatId: number, userId: string): Promise<string> {
      const known = journal.conversation(key(chatId, userId));
      if (known) return known;
      const { me } = await client.request(TelegramConversationsDocument, {});
      const found = me?.conversations.nodes.find(
        (conversation) => conversation.platform === 'TELEGRAM' && conversation.title === conversationTitle(chatId),
      );
      if (!found) return start(client, chatId, userId);
      journal.rememberConversation(key(chatId, userId), found.id);
      return found.id;
    },
    /** `/new`: a fresh conversation for this chat. */
    startFresh: start,
  };
}

export type ConversationMap = ReturnType<typeof createConversationMap>;

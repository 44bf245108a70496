import { StartConversationDocument, XConversationsDocument } from '@miyu/sdk/gql/graphql';
import type { MiyuClient } from '@miyu/sdk/miyu-client';
import type { XState } from '../state/x-state.ts';

/** The title of the conversation that holds a person's mentions, so it is found again without local state. */
export const X_CONVERSATION_TITLE = 'Mentions on X';

/** Each X account talks to her in one conversation (remembered in the state file, else looked up by title). */
export async function conversationFor(client: MiyuClient, state: XState, xUserId: string, fresh = false): Promise<string> {
  const known = fresh ? undefined : state.conversation(xUserId);
  if (known) return known;
  if (!fresh) {
    const { me } = await client.request(XConversationsDocument, {});
    const found = me?.conversations.nodes.find((c) => c.platform === 'TWITTER' && c.title === X_CONVERSATION_TITLE);
    if (found) {
      state.rememberConversation(xUserId, found.id);
      return found.id;
    }
  }
  const { startConversation } = await client.request(StartConversationDocument, {
    input: { platform: 'TWITTER', title: X_CONVERSATION_TITLE },
  });
  state.rememberConversation(xUserId, startConversation.id);
  return startConversation.id;
}

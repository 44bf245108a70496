import { createRules } from '@miyu/graphql/rules';
import type { IRules } from 'graphql-shield';

export function conversationPermissions(): IRules {
  const { allow, and, ownsParent, userWith, federationQuery, federationTypes } = createRules();
  const ownUser = ownsParent((user: { id: string }) => user.id);
  const owned = ownsParent((row: { userId: string }) => row.userId);
  // shield requires each named rule instance once; reuse it rather than calling userWith twice.
  const canRead = userWith('conversations:read');
  const canWrite = userWith('conversations:write');
  return {
    // conversation(id) answers null for a foreign id (the loader filters by owner).
    Query: { ...federationQuery, conversation: canRead },
    Mutation: {
      startConversation: canWrite,
      sendMessage: canWrite,
      regenerateReply: canWrite,
      cancelReply: canWrite,
      renameConversation: canWrite,
      deleteConversation: canWrite,
    },
    // Checked per event; the subscribe step checks the user, the scope and the message's owner.
    Subscription: { replyStream: canRead },
    ...federationTypes,
    User: { id: ownUser, conversations: and(canRead, ownUser) },
    // Checked per object, so a row can never leak through _entities or a nested field.
    Conversation: owned,
    Message: owned,
    ReplyChunk: owned,
    // Wrappers only: every row inside them passes its own type rule.
    ConversationConnection: allow,
    MessageConnection: allow,
    SendMessagePayload: allow,
    PageInfo: allow,
  };
}

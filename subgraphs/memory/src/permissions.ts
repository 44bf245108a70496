import { createRules } from '@miyu/graphql/rules';
import type { IRules } from 'graphql-shield';

export function memoryPermissions(): IRules {
  const { allow, and, userWith, ownsParent, federationQuery, federationTypes } = createRules();
  // named scope rules may exist once per shield, so each is created once and reused
  const write = userWith('memories:write');
  const read = userWith('memories:read');
  const conversationsRead = userWith('conversations:read');
  const ownUser = ownsParent((user: { id: string }) => user.id);
  return {
    Query: { ...federationQuery, exportMemories: read },
    Mutation: { remember: write, updateMemory: write, forget: write, forgetAll: write, importMemories: write },
    ...federationTypes,
    User: { id: ownUser, memories: and(read, ownUser), recall: and(read, ownUser) },
    // checked per memory, so neither a list nor `_entities` can show another user's row
    Memory: ownsParent((memory: { userId: string }) => memory.userId),
    // containers reachable only through the guarded fields above
    MemoryConnection: allow,
    RecalledMemory: allow,
    MemorySource: allow,
    ImportMemoriesReport: allow,
    ImportRefusal: allow,
    PageInfo: allow,
    // a bare key of a Message, reachable only through an owned Memory
    Message: allow,
    Conversation: { id: conversationsRead, summary: conversationsRead },
  };
}

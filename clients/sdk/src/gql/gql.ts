/* eslint-disable */
import * as types from './graphql.ts';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      displayName\n    }\n  }\n}\n\nmutation PlatformSession($input: PlatformSessionInput!) {\n  platformSession(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      displayName\n    }\n  }\n}\n\nmutation StartConversation($input: StartConversationInput!) {\n  startConversation(input: $input) {\n    id\n    title\n    platform\n    createdAt\n  }\n}\n\nmutation SendMessage($input: SendMessageInput!) {\n  sendMessage(input: $input) {\n    message {\n      id\n      status\n    }\n    reply {\n      id\n      status\n    }\n  }\n}\n\nsubscription ReplyStream($messageId: ID!, $afterSeq: Int) {\n  replyStream(messageId: $messageId, afterSeq: $afterSeq) {\n    messageId\n    seq\n    delta\n    done\n    reset\n    message {\n      id\n      content\n      status\n      model\n      formattedParts\n    }\n  }\n}": typeof types.SignUpDocument,
};
const documents: Documents = {
    "mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      displayName\n    }\n  }\n}\n\nmutation PlatformSession($input: PlatformSessionInput!) {\n  platformSession(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      displayName\n    }\n  }\n}\n\nmutation StartConversation($input: StartConversationInput!) {\n  startConversation(input: $input) {\n    id\n    title\n    platform\n    createdAt\n  }\n}\n\nmutation SendMessage($input: SendMessageInput!) {\n  sendMessage(input: $input) {\n    message {\n      id\n      status\n    }\n    reply {\n      id\n      status\n    }\n  }\n}\n\nsubscription ReplyStream($messageId: ID!, $afterSeq: Int) {\n  replyStream(messageId: $messageId, afterSeq: $afterSeq) {\n    messageId\n    seq\n    delta\n    done\n    reset\n    message {\n      id\n      content\n      status\n      model\n      formattedParts\n    }\n  }\n}": types.SignUpDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      displayName\n    }\n  }\n}\n\nmutation PlatformSession($input: PlatformSessionInput!) {\n  platformSession(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      displayName\n    }\n  }\n}\n\nmutation StartConversation($input: StartConversationInput!) {\n  startConversation(input: $input) {\n    id\n    title\n    platform\n    createdAt\n  }\n}\n\nmutation SendMessage($input: SendMessageInput!) {\n  sendMessage(input: $input) {\n    message {\n      id\n      status\n    }\n    reply {\n      id\n      status\n    }\n  }\n}\n\nsubscription ReplyStream($messageId: ID!, $afterSeq: Int) {\n  replyStream(messageId: $messageId, afterSeq: $afterSeq) {\n    messageId\n    seq\n    delta\n    done\n    reset\n    message {\n      id\n      content\n      status\n      model\n      formattedParts\n    }\n  }\n}"): (typeof documents)["mutation SignUp($input: SignUpInput!) {\n  signUp(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      displayName\n    }\n  }\n}\n\nmutation PlatformSession($input: PlatformSessionInput!) {\n  platformSession(input: $input) {\n    token\n    expiresAt\n    user {\n      id\n      displayName\n    }\n  }\n}\n\nmutation StartConversation($input: StartConversationInput!) {\n  startConversation(input: $input) {\n    id\n    title\n    platform\n    createdAt\n  }\n}\n\nmutation SendMessage($input: SendMessageInput!) {\n  sendMessage(input: $input) {\n    message {\n      id\n      status\n    }\n    reply {\n      id\n      status\n    }\n  }\n}\n\nsubscription ReplyStream($messageId: ID!, $afterSeq: Int) {\n  replyStream(messageId: $messageId, afterSeq: $afterSeq) {\n    messageId\n    seq\n    delta\n    done\n    reset\n    message {\n      id\n      content\n      status\n      model\n      formattedParts\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
import type { SubgraphContext } from '@miyu/graphql/subgraph-service';
import type { ConversationLoaders } from './modules/conversation/conversation.loader.ts';
import type { MessageLoaders } from './modules/message/message.loader.ts';

export type Loaders = ConversationLoaders & MessageLoaders;
export type Context = SubgraphContext<Loaders>;

import type { SubgraphContext } from '@miyu/graphql/subgraph-service';
import type { MemoryLoaders } from './modules/memory/memory.loader.ts';
import type { SummaryLoaders } from './modules/summary/conversation-summary.loader.ts';

export type Loaders = MemoryLoaders & SummaryLoaders;
export type Context = SubgraphContext<Loaders>;

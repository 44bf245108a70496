import type { SubgraphContext } from '@miyu/graphql/subgraph-service';
import type { QuestProgressLoaders } from './modules/progress/quest-progress.loader.ts';
import type { ProgressionLoaders } from './modules/progression/progression.loader.ts';

export type Loaders = QuestProgressLoaders & ProgressionLoaders;
export type Context = SubgraphContext<Loaders>;

import type { SubgraphContext } from '@miyu/graphql/subgraph-service';
import type { UserLoaders } from './modules/user/user.loader.ts';

export type Loaders = UserLoaders;
export type Context = SubgraphContext<Loaders>;

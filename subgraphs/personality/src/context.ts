import type { SubgraphContext } from '@miyu/graphql/subgraph-service';
import type { CompanionLoaders } from './modules/companion/companion.loader.ts';
import type { PersonaLoaders } from './modules/persona/persona.loader.ts';

export type Loaders = CompanionLoaders & PersonaLoaders;
export type Context = SubgraphContext<Loaders>;

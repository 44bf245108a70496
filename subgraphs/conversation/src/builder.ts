import { createSubgraphBuilder, type SubgraphBuilder } from '@miyu/graphql/builder';
import type { definePageInfo } from '@miyu/graphql/pagination';
import type { Context } from './context.ts';

export type Builder = SubgraphBuilder<Context>;
export const createBuilder = (): Builder => createSubgraphBuilder<Context>();

/** The shared PageInfo type's ref, as this subgraph's builder sees it. */
export type PageInfoRef = ReturnType<typeof definePageInfo<Context>>;

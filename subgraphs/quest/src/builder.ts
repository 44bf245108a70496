import { createSubgraphBuilder, type SubgraphBuilder } from '@miyu/graphql/builder';
import type { Context } from './context.ts';

export type Builder = SubgraphBuilder<Context>;
export const createBuilder = (): Builder => createSubgraphBuilder<Context>();

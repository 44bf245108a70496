import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { DateTimeScalar, JsonScalar } from './scalars.ts';

export interface BuilderTypes<Context extends object> {
  Context: Context;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
  };
}

/** A Pothos builder with the federation plugin and the shared scalars; holds no types itself. */
export function createSubgraphBuilder<Context extends object>() {
  const builder = new SchemaBuilder<BuilderTypes<Context>>({
    // federation must come after plugins that wrap resolvers
    plugins: [DirectivesPlugin, FederationPlugin],
    defaultFieldNullability: false,
  });
  builder.addScalarType('DateTime', DateTimeScalar);
  builder.addScalarType('JSON', JsonScalar);
  return builder;
}

export type SubgraphBuilder<Context extends object> = ReturnType<typeof createSubgraphBuilder<Context>>;

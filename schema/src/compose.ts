import { composeServices } from '@apollo/composition';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';

export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

export interface ComposedSchemas {
  supergraphSdl: string;
  /** The client-facing schema the router serves, sorted so regeneration is stable. */
  apiSdl: string;
}

/** A schema problem worth failing a build for; `problems` holds one line per finding. */
export class SchemaCheckError extends Error {
  readonly summary: string;
  readonly problems: string[];

  constructor(summary: string, problems: string[]) {
    super(`${summary}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'SchemaCheckError';
    this.summary = summary;
    this.problems = problems;
  }
}

/** Composes the subgraphs (Federation 2, as rover would) into the supergraph and API schemas. */
export function composeSupergraph(subgraphs: readonly SubgraphSdl[]): ComposedSchemas {
  const result = composeServices(
    subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) })),
  );
  if (result.errors) {
    throw new SchemaCheckError(
      'composition failed',
      result.errors.map((error) => `[${String(error.extensions.code ?? 'UNKNOWN')}] ${error.message}`),
    );
  }
  const apiSchema = result.schema.toAPISchema().toGraphQLJSSchema();
  return {
    supergraphSdl: withTrailingNewline(result.supergraphSdl),
    apiSdl: withTrailingNewline(printSchema(lexicographicSortSchema(apiSchema))),
  };
}

function withTrailingNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

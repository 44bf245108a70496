import { type DocumentNode, GraphQLError, type GraphQLSchema, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import type { RouterLimits } from '../env.ts';
import { createLimitRules } from '../operation-limits.ts';

export type ParsedOperation =
  | { ok: true; document: DocumentNode; kind: 'query' | 'mutation' | 'subscription' }
  | { ok: false; errors: GraphQLError[] };

/**
 * The same checks HTTP gets from Apollo Server (parse with a token limit, the specified rules,
 * our depth/alias/root-field limits), for operations that arrive over WebSocket, multipart or SSE.
 */
export function parseAndValidate(
  schema: GraphQLSchema,
  source: string,
  operationName: string | undefined,
  limits: RouterLimits,
): ParsedOperation {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'Syntax error.';
    return { ok: false, errors: [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...createLimitRules(limits)]);
  if (errors.length > 0) {
    return {
      ok: false,
      errors: errors.map(
        (error) => new GraphQLError(error.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', ...error.extensions } }),
      ),
    };
  }
  const operation = getOperationAST(document, operationName);
  if (!operation)
    return {
      ok: false,
      errors: [new GraphQLError('Could not determine which operation to run.', { extensions: { code: 'BAD_REQUEST' } })],
    };
  return { ok: true, document, kind: operation.operation };
}

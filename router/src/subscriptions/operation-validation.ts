import { type DocumentNode, GraphQLError, type GraphQLSchema, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { RouterLimits } from '../env.ts';
import { createLimitRules, publicLimitExtensions, tokenLimitError } from '../operation-limits.ts';

export type ParsedOperation =
  | { ok: true; document: DocumentNode; kind: 'query' | 'mutation' | 'subscription' }
  | { ok: false; errors: GraphQLError[] };

type Checked = { ok: true; document: DocumentNode } | { ok: false; errors: GraphQLError[] };

/** Parses, validates and picks the operation to run, against the API schema in use now. */
export type OperationChecker = (schema: GraphQLSchema, source: string, operationName: string | undefined) => ParsedOperation;

/**
 * The same checks HTTP gets from Apollo Server (parse with a token limit, the specified rules,
 * our depth/alias/root-field limits), for operations that arrive over WebSocket, multipart or SSE.
 * Like Apollo Server's document store, the outcome is cached per schema and source text: clients
 * send the same few documents over and over, and validating one costs more than running it. A
 * reload brings a new schema object, so nothing checked against the old one is reused.
 */
export function createOperationChecker(limits: RouterLimits, cachedDocuments = 1_000): OperationChecker {
  const checkedBySchema = new WeakMap<GraphQLSchema, LRUCache<string, Checked>>();
  return (schema, source, operationName) => {
    let cache = checkedBySchema.get(schema);
    if (!cache) {
      cache = new LRUCache({ max: cachedDocuments });
      checkedBySchema.set(schema, cache);
    }
    let checked = cache.get(source);
    if (!checked) {
      checked = check(schema, source, limits);
      cache.set(source, checked);
    }
    if (!checked.ok) return checked;
    const operation = getOperationAST(checked.document, operationName);
    if (!operation)
      return {
        ok: false,
        errors: [
          new GraphQLError(
            operationName
              ? `The document has no operation named "${operationName}".`
              : 'The document has several operations: say which one to run with operationName.',
            { extensions: { code: 'OPERATION_NOT_SELECTED' } },
          ),
        ],
      };
    return { ok: true, document: checked.document, kind: operation.operation };
  };
}

function check(schema: GraphQLSchema, source: string, limits: RouterLimits): Checked {
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'Syntax error.';
    const tokens = tokenLimitError(message, limits.maxTokens);
    if (tokens) return { ok: false, errors: [tokens] };
    return { ok: false, errors: [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...createLimitRules(limits)]);
  if (errors.length > 0) {
    return {
      ok: false,
      errors: errors.map(
        (error) =>
          new GraphQLError(error.message, {
            extensions: publicLimitExtensions({ code: 'GRAPHQL_VALIDATION_FAILED', ...error.extensions }),
          }),
      ),
    };
  }
  return { ok: true, document };
}

import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { RouterLimits } from './env.ts';

/** A refused limit carries its own catalog code and the limit's value, over every protocol. */
export function limitError(code: LimitCode, message: string, limit: number): GraphQLError {
  // Apollo Server rewrites `code` of every validation error; `limitCode` survives to restore it
  return new GraphQLError(message, { extensions: { code, limitCode: code, limit } });
}

/** The code a client sees: a limit's own, otherwise the one given; `limitCode` never leaves. */
export function publicLimitExtensions(extensions: Record<string, unknown>): Record<string, unknown> {
  const { limitCode, ...rest } = extensions;
  return typeof limitCode === 'string' ? { ...rest, code: limitCode } : rest;
}

type LimitCode = 'MAX_DEPTH_EXCEEDED' | 'MAX_ALIASES_EXCEEDED' | 'MAX_ROOT_FIELDS_EXCEEDED' | 'MAX_TOKENS_EXCEEDED';

/** graphql-js reports its parser's token cap as a syntax error; recognise it to give it its own code. */
export function tokenLimitError(message: string, maxTokens: number): GraphQLError | null {
  if (!/contains more th(?:an|at) \d+ tokens/i.test(message)) return null;
  return limitError(
    'MAX_TOKENS_EXCEEDED',
    `The document has more than ${maxTokens} tokens; the limit is ${maxTokens}.`,
    maxTokens,
  );
}

/** Walks a selection set following fragment spreads; returns [depth, aliases]. */
function measure(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  seen: Set<string>,
): { depth: number; aliases: number } {
  let depth = 0;
  let aliases = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      // every alias counts, `__typename` ones included (a classic way to amplify a response)
      if (selection.alias) aliases += 1;
      // GraphiQL's introspection query is ~15 levels of `ofType`; introspection is off in
      // production, so its depth is not held against the limit meant for data queries
      if (selection.name.value === '__schema' || selection.name.value === '__type') {
        depth = Math.max(depth, 1);
        continue;
      }
      const inner = selection.selectionSet ? measure(selection.selectionSet, fragments, seen) : { depth: 0, aliases: 0 };
      depth = Math.max(depth, 1 + inner.depth);
      aliases += inner.aliases;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const inner = measure(selection.selectionSet, fragments, seen);
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    } else {
      const fragment = fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) continue;
      const inner = measure(fragment.selectionSet, fragments, new Set([...seen, fragment.name.value]));
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
    }
  }
  return { depth, aliases };
}

/**
 * Depth, alias and root-field limits as graphql-js validation rules, so HTTP and the WebSocket
 * lane apply exactly the same ones. Token limits are enforced by the parser (`maxTokens`).
 */
export function createLimitRules(limits: RouterLimits) {
  const rule = (context: ValidationContext): ASTVisitor => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
    }
    return {
      OperationDefinition(node) {
        const { depth, aliases } = measure(node.selectionSet, fragments, new Set());
        if (depth > limits.maxDepth)
          context.reportError(
            limitError('MAX_DEPTH_EXCEEDED', `Query depth ${depth} exceeds the limit of ${limits.maxDepth}.`, limits.maxDepth),
          );
        if (aliases > limits.maxAliases)
          context.reportError(
            limitError(
              'MAX_ALIASES_EXCEEDED',
              `Query uses ${aliases} aliases; the limit is ${limits.maxAliases}.`,
              limits.maxAliases,
            ),
          );
        const rootFields = node.selectionSet.selections.length;
        if (rootFields > limits.maxRootFields) {
          context.reportError(
            limitError(
              'MAX_ROOT_FIELDS_EXCEEDED',
              `Query selects ${rootFields} root fields; the limit is ${limits.maxRootFields}.`,
              limits.maxRootFields,
            ),
          );
        }
      },
    };
  };
  return [rule];
}

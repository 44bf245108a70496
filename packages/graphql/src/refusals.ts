import { errors, PublicError } from '@miyu/platform/errors';
import type { GraphQLResolveInfo } from 'graphql';

/** `User.memories`, `Mutation.createApiKey`: the field a refusal is about, as a client wrote it. */
function fieldOf(info: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>): string {
  return `${info.parentType.name}.${info.fieldName}`;
}

/** An anonymous caller asked for something that needs a person: UNAUTHENTICATED, not FORBIDDEN. */
export function signInRequired(info: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>): PublicError {
  return errors.unauthenticated(`Sign in to use ${fieldOf(info)}.`);
}

/** An API key without the scope a field needs: the scope is named in the sentence and in `extensions.requiredScope`. */
export function missingScope(scope: string, info: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>): PublicError {
  return new PublicError('FORBIDDEN', `Not authorised: this API key lacks the "${scope}" scope, which ${fieldOf(info)} needs.`, {
    requiredScope: scope,
  });
}

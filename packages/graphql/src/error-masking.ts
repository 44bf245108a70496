import type { Logger } from '@miyu/platform/logger';
import { isPublicError } from '@miyu/platform/errors';
import { GraphQLError } from 'graphql';

/**
 * Errors leave a service in one of two shapes: a catalogued PublicError with its code and
 * message, or an opaque INTERNAL_SERVER_ERROR. The cause is logged, never sent.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
    const path = error instanceof GraphQLError ? error.path : undefined;
    if (original === null && error instanceof GraphQLError) return error; // parse/validation errors
    const unwrapped = original instanceof GraphQLError && original.originalError ? original.originalError : original;
    if (isPublicError(unwrapped)) {
      return new GraphQLError(unwrapped.message, {
        path,
        extensions: { code: unwrapped.code, ...(unwrapped.details ? { details: unwrapped.details } : {}) },
      });
    }
    if (unwrapped instanceof GraphQLError && !unwrapped.originalError) return unwrapped;
    logger.error({ err: unwrapped, path }, 'unexpected resolver error');
    return new GraphQLError('Unexpected error.', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}

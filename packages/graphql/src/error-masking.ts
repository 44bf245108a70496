import type { Logger } from '@miyu/platform/logger';
import { errors, isPublicError } from '@miyu/platform/errors';
import { GraphQLError } from 'graphql';
import { isDependencyUnavailable } from './dependency-errors.ts';

/**
 * Errors leave a service in one of two shapes: a catalogued PublicError with its code and
 * message, or an opaque INTERNAL_SERVER_ERROR. The cause is logged, never sent. A database or
 * Redis that cannot be reached is SERVICE_UNAVAILABLE (retryable), not a bug.
 */
export function createErrorMasker(logger: Logger) {
  return (error: unknown): Error => {
    const original = error instanceof GraphQLError ? (error.originalError ?? null) : error;
    const path = error instanceof GraphQLError ? error.path : undefined;
    if (original === null && error instanceof GraphQLError) return error; // parse/validation errors
    let unwrapped = original instanceof GraphQLError && original.originalError ? original.originalError : original;
    if (!isPublicError(unwrapped) && isDependencyUnavailable(unwrapped)) {
      logger.warn({ err: unwrapped, path }, 'a dependency is unavailable');
      unwrapped = errors.serviceUnavailable();
    }
    if (isPublicError(unwrapped)) {
      // a missing scope is named where integrators look first, beside the code
      const requiredScope = unwrapped.details?.requiredScope;
      return new GraphQLError(unwrapped.message, {
        path,
        extensions: {
          code: unwrapped.code,
          ...(typeof requiredScope === 'string' ? { requiredScope } : {}),
          ...(unwrapped.details ? { details: unwrapped.details } : {}),
        },
      });
    }
    if (unwrapped instanceof GraphQLError && !unwrapped.originalError) return unwrapped;
    logger.error({ err: unwrapped, path }, 'unexpected resolver error');
    return new GraphQLError('Unexpected error.', { path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}

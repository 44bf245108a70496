import { errors } from '@miyu/platform/errors';
import { createLogger } from '@miyu/platform/logger';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isDependencyUnavailable } from './dependency-errors.ts';
import { createErrorMasker } from './error-masking.ts';

const mask = createErrorMasker(createLogger({ service: 'test', level: 'silent' }));
const inResolver = (cause: Error) => new GraphQLError(cause.message, { originalError: cause, path: ['me', 'memories'] });
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
/** Shaped as MikroORM's driver exceptions are: the driver's error copied over, the class's name. */
const driverError = (name: string, cause: Error) => Object.assign(new Error(cause.message), cause, { name });
const DriverException = (cause: Error) => driverError('DriverException', cause);
const ConnectionException = (cause: Error) => driverError('ConnectionException', cause);

describe('error masking', () => {
  it.each([
    ['a refused connection', DriverException(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))],
    ['a server shutting down', DriverException(withCode('terminating connection due to administrator command', '57P01'))],
    ['a connection exception', ConnectionException(new Error('could not connect'))],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    [
      'a dropped connection in a cause chain',
      new Error('query failed', { cause: new Error('Connection terminated unexpectedly') }),
    ],
    [
      'Redis giving up',
      Object.assign(new Error('Reached the max retries per request limit'), { name: 'MaxRetriesPerRequestError' }),
    ],
  ])('reports %s as SERVICE_UNAVAILABLE, retryable, with nothing internal', (_label, cause) => {
    const masked = mask(inResolver(cause)) as GraphQLError;
    expect(masked.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', details: { retryable: true, retryAfterSeconds: 5 } });
    expect(masked.message).not.toMatch(/127\.0\.0\.1|ECONN|5432|terminat|timeout/);
    expect(masked.path).toEqual(['me', 'memories']);
  });

  it('keeps bugs opaque and catalogued errors as they are', () => {
    expect((mask(inResolver(new TypeError('x is undefined'))) as GraphQLError).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
    const unique = DriverException(withCode('duplicate key value violates unique constraint', '23505'));
    expect(isDependencyUnavailable(unique)).toBe(false);
    expect((mask(inResolver(errors.notFound('Memory'))) as GraphQLError).extensions).toEqual({ code: 'NOT_FOUND' });
  });
});

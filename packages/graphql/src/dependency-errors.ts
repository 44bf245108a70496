/** Socket and DNS failures of a connection to PostgreSQL or Redis. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/** PostgreSQL SQLSTATEs of a server that is going away or not taking connections. */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** What node-postgres, PGlite's worker bridge and ioredis say when the other side is gone. */
const UNAVAILABLE_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connection is closed|client has encountered a connection error|server closed the connection|the database system is (starting up|shutting down)|max retries per request/i;

/**
 * True when `error` (or anything in its cause chain) says a database or Redis could not be
 * reached: the request did nothing and may be retried, which is not a bug in our code.
 */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const { code, name } = error as Error & { code?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')))
    return true;
  if (name === 'ConnectionException' || name === 'MaxRetriesPerRequestError') return true;
  if (UNAVAILABLE_MESSAGES.test(error.message)) return true;
  const next =
    (error as { cause?: unknown; originalError?: unknown }).cause ?? (error as { originalError?: unknown }).originalError;
  return isDependencyUnavailable(next, depth + 1);
}

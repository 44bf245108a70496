import { errors } from '@miyu/platform/errors';
import type { GraphQLFormattedError } from 'graphql';
import { publicLimitExtensions, tokenLimitError } from './operation-limits.ts';

const INTERNAL_DETAIL =
  /(https?:\/\/|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up|aborted|timed? ?out|fetch failed)/i;
/** subgraph-fetcher.ts's timeout. */
const SUBGRAPH_TIMEOUT = /subgraph request timed out after \d+ ms/;
/** Errors the router itself raises before any subgraph is asked: never a subgraph outage. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST']);

/**
 * The gateway reports an unreachable or slow subgraph with the fetch error, which names the
 * subgraph's internal URL. Clients get the service's name in a sentence only (no `serviceName`
 * extension: internal topology is not part of the API); the detail stays in the logs.
 */
export function maskRouterError(formatted: GraphQLFormattedError, maxTokens: number): GraphQLFormattedError {
  const extensions = publicLimitExtensions({ ...(formatted.extensions ?? {}) });
  delete extensions.stacktrace;
  delete extensions.exception;
  const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
  delete extensions.serviceName;
  const code = typeof extensions.code === 'string' ? extensions.code : undefined;
  // the parser's "Parsing aborted" token cap is a limit, not an outage
  const tokens = code === 'GRAPHQL_PARSE_FAILED' ? tokenLimitError(formatted.message, maxTokens) : null;
  if (tokens) return { message: tokens.message, extensions: { ...tokens.extensions } };
  // the gateway reports a missing or unknown operationName as INVALID_GRAPHQL (and a 500)
  if (code === 'INVALID_GRAPHQL' && /operation name|Unknown operation named/i.test(formatted.message)) {
    return {
      message: /Unknown operation named/i.test(formatted.message)
        ? `${formatted.message.replace(/\.$/, '')}: the document has no operation of that name.`
        : 'The document has several operations: say which one to run with operationName.',
      extensions: { code: 'OPERATION_NOT_SELECTED' },
    };
  }
  // Apollo Server's own refusal of a mutation over GET, as a sentence that says what to do
  if (code === 'BAD_REQUEST' && /^GET requests only support query operations/.test(formatted.message)) {
    return { message: 'A mutation cannot be sent over GET: send it as a POST with Content-Type: application/json.', extensions };
  }
  if (!serviceName && code && REQUEST_ERROR_CODES.has(code)) return { ...formatted, extensions };
  // a subgraph that took longer than SUBGRAPH_TIMEOUT_MS may still have done the work (a mutation
  // that committed): not a failure to report, but a retryable "no answer in time" (503,
  // Retry-After); sendMessage's clientMessageId makes the retry return the stored message
  if (SUBGRAPH_TIMEOUT.test(formatted.message)) {
    const late = errors.noAnswerInTime(serviceName ?? 'requested');
    return {
      message: late.message,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: late.code, details: late.details },
    };
  }
  if (INTERNAL_DETAIL.test(formatted.message)) {
    return {
      message: serviceName ? `The ${serviceName} service is unavailable.` : 'A service is unavailable.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
    };
  }
  return { ...formatted, extensions };
}

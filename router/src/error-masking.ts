import type { GraphQLFormattedError } from 'graphql';

const INTERNAL_DETAIL =
  /(https?:\/\/|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|socket hang up|aborted|timed? ?out|fetch failed)/i;

/**
 * The gateway reports an unreachable or slow subgraph with the fetch error, which names the
 * subgraph's internal URL. Clients get the service's name only; the detail stays in the logs.
 */
export function maskRouterError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = { ...(formatted.extensions ?? {}) };
  delete extensions.stacktrace;
  delete extensions.exception;
  const serviceName = typeof extensions.serviceName === 'string' ? extensions.serviceName : undefined;
  if (INTERNAL_DETAIL.test(formatted.message)) {
    return {
      message: serviceName ? `The ${serviceName} service is unavailable.` : 'A service is unavailable.',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', ...(serviceName ? { serviceName } : {}) },
    };
  }
  return { ...formatted, extensions };
}

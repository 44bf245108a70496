import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloGateway } from '@apollo/gateway';
import type { Logger } from '@miyu/platform/logger';
import type { RouterLimits } from './env.ts';
import { maskRouterError } from './error-masking.ts';
import { createLimitRules } from './operation-limits.ts';
import type { RouterContext } from './router-context.ts';

export interface ApolloOptions {
  gateway: ApolloGateway;
  logger: Logger;
  limits: RouterLimits;
  production: boolean;
}

/** Apollo Server over the gateway, with our limits, masking and production hardening. */
export function createApolloServer({ gateway, logger, limits, production }: ApolloOptions) {
  return new ApolloServer<RouterContext>({
    gateway,
    logger,
    introspection: !production,
    // no "Did you mean ...?" hints in production: they enumerate the schema
    hideSchemaDetailsFromClientErrors: production,
    includeStacktraceInErrorResponses: false,
    // the router's own rule (cors-simple-requests.ts) runs first, for subscriptions over HTTP too
    csrfPrevention: false,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: createLimitRules(limits),
    formatError: (formatted, error) => {
      const masked = maskRouterError(formatted, limits.maxTokens);
      if (masked.message !== formatted.message) logger.warn({ err: error }, 'subgraph failure masked');
      return masked;
    },
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
}

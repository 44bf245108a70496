import { createRules } from '@miyu/graphql/rules';
import type { IRules } from 'graphql-shield';

export function identityPermissions(): IRules {
  const { allow, isUser, scope, ownsParent, serviceScope, federationQuery, federationTypes, and, or, rule } = createRules();
  // API keys cannot mint more API keys: only a signed-in user's own token may.
  const isUserToken = rule({ cache: 'no_cache' })(
    (_p, _a, ctx: { principal: { kind: string } }) => ctx.principal.kind === 'user',
  );
  const viaAuthPayload = rule({ cache: 'no_cache' })((_p, _a, _c, info) => info.path.prev?.typename === 'AuthPayload');
  return {
    Query: { ...federationQuery, me: allow },
    Mutation: {
      signUp: allow,
      signIn: allow,
      platformSession: serviceScope('platform:session'),
      createApiKey: and(isUser, isUserToken),
      revokeApiKey: and(isUser, isUserToken),
    },
    ...federationTypes,
    // A session's own payload may show its user before the caller acts as that user.
    User: or(
      viaAuthPayload,
      and(
        ownsParent((user: { id: string }) => user.id),
        scope('profile:read'),
      ),
    ),
    // only reachable through User, whose rule already checked ownership
    PlatformIdentity: allow,
    AuthPayload: allow,
    ApiKey: isUser,
    CreatedApiKey: isUser,
  };
}

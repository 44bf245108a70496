import { createRules } from '@miyu/graphql/rules';
import type { IRules } from 'graphql-shield';

export function identityPermissions(): IRules {
  const { allow, isUser, scope, ownsParent, serviceScope, federationQuery, federationTypes, and, or, rule } = createRules();
  // API keys cannot mint more API keys: only a signed-in user's own token may.
  const isUserToken = rule({ cache: 'no_cache' })(
    (_p, _a, ctx: { principal: { kind: string } }) => ctx.principal.kind === 'user',
  );
  const ownUser = ownsParent((user: { id: string }) => user.id);
  const viaAuthPayload = rule({ cache: 'no_cache' })((_p, _a, _c, info) => info.path.prev?.typename === 'AuthPayload');
  return {
    Query: { ...federationQuery, me: allow, apiKeys: and(isUser, isUserToken), apiKeyScopes: allow, accountDeletion: allow },
    Mutation: {
      signUp: allow,
      signIn: allow,
      platformSession: serviceScope('platform:session'),
      createApiKey: and(isUser, isUserToken),
      revokeApiKey: and(isUser, isUserToken),
      // an API key cannot delete the account it belongs to
      deleteAccount: and(isUser, isUserToken),
    },
    ...federationTypes,
    // A session's own payload may show its user before the caller acts as that user. The id is the
    // key every other subgraph's User fields hang from, so any key of the owner may read it
    // (`{ me { memories { totalCount } } }` with only memories:read); the profile needs profile:read.
    User: {
      id: or(viaAuthPayload, ownUser),
      '*': or(viaAuthPayload, and(ownUser, scope('profile:read'))),
    },
    // only reachable through User, whose rule already checked ownership
    PlatformIdentity: allow,
    AuthPayload: allow,
    ApiKey: isUser,
    ApiKeyScope: allow,
    CreatedApiKey: isUser,
    // a deletion names no one; its unguessable id is the capability
    AccountDeletion: allow,
    AccountDeletionStep: allow,
  };
}

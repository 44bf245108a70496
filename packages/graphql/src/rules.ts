import { actingUserId, hasScope } from '@miyu/auth/principal';
import type { Principal } from '@miyu/auth/principal';
import { missingScope, signInRequired } from './refusals.ts';
import { loadShield } from './shield.ts';

interface RuleContext {
  principal: Principal;
}

/**
 * Shared graphql-shield rules. No rule is cached across parents ("no_cache"): ownership
 * rules that cached per request once leaked one user's data to another (docs/toolchain.md).
 */
export function createRules() {
  const { rule, allow, deny, and, or } = loadShield();
  // an anonymous caller is told to sign in (UNAUTHENTICATED); a signed-in one lacking a right gets FORBIDDEN
  const isUser = rule({ cache: 'no_cache' })((_parent, _args, ctx: RuleContext, info) =>
    ctx.principal.kind === 'anonymous' ? signInRequired(info) : actingUserId(ctx.principal) !== null,
  );
  const isService = rule({ cache: 'no_cache' })((_parent, _args, ctx: RuleContext) => ctx.principal.kind === 'service');
  const scope = (name: string) =>
    rule(`scope:${name}`, { cache: 'no_cache' })((_parent, _args, ctx: RuleContext, info) => {
      if (hasScope(ctx.principal, name)) return true;
      if (ctx.principal.kind === 'anonymous') return signInRequired(info);
      return ctx.principal.kind === 'apiKey' ? missingScope(name, info) : false;
    });
  const serviceScope = (name: string) => and(isService, scope(name));
  /** A user (token or API key) whose key carries the scope; a user token carries every scope. */
  const userWith = (name: string) => and(isUser, scope(name));
  /** The parent object belongs to the caller (checked per parent, never cached). */
  // biome-ignore lint/suspicious/noExplicitAny: shield hands rules an untyped parent
  const ownsParent = <P = any>(ownerOf: (parent: P) => string | null | undefined) =>
    rule({ cache: 'no_cache' })((parent: P, _args, ctx: RuleContext, info) => {
      if (ctx.principal.kind === 'anonymous') return signInRequired(info);
      const userId = actingUserId(ctx.principal);
      return userId !== null && ownerOf(parent) === userId;
    });
  /** The `_entities`/`_service` plumbing the router needs; the entities' own fields stay guarded. */
  const federationQuery = { _entities: allow, _service: allow };
  const federationTypes = { _Service: allow };
  return {
    rule,
    allow,
    deny,
    and,
    or,
    ownsParent,
    isUser,
    isService,
    scope,
    serviceScope,
    userWith,
    federationQuery,
    federationTypes,
  };
}

export type Rules = ReturnType<typeof createRules>;

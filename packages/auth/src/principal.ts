/** Who is calling, as the router established it and forwards it in the internal token. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'user'; userId: string; scopes: readonly string[] }
  | { kind: 'apiKey'; userId: string; keyId: string; scopes: readonly string[] }
  | { kind: 'service'; name: string; scopes: readonly string[] };

export const ANONYMOUS: Principal = { kind: 'anonymous' };

/** The user a request acts for, if any (a user token or a user's API key). */
export function actingUserId(principal: Principal): string | null {
  return principal.kind === 'user' || principal.kind === 'apiKey' ? principal.userId : null;
}

export function hasScope(principal: Principal, scope: string): boolean {
  if (principal.kind === 'anonymous') return false;
  if (principal.kind === 'user') return true;
  return principal.scopes.includes(scope) || principal.scopes.includes('*');
}

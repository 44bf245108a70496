import { errors } from '@miyu/platform/errors';

/**
 * The acting user of a resolver that needs one. Shield already demands a user on every such
 * field; this narrows the type and guards misuse (UNAUTHENTICATED).
 */
export function requireUser(userId: string | null | undefined): string {
  if (!userId) throw errors.unauthenticated();
  return userId;
}

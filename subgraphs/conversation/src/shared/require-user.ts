import { errors } from '@miyu/platform/errors';

/** Shield already demands a user on every such field; this narrows the type and guards misuse. */
export function requireUser(userId: string | null): string {
  if (!userId) throw errors.unauthenticated();
  return userId;
}

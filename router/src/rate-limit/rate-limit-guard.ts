import type { IncomingMessage } from 'node:http';
import type { Principal } from '@miyu/auth/principal';
import { errors } from '@miyu/platform/errors';
import type { RateLimiter, RateLimitPolicy } from './rate-limiter.ts';

/** Workers speak for many people at once, so their bucket is larger. */
const SERVICE_MULTIPLIER = 20;

export function rateLimitKey(principal: Principal, req: IncomingMessage): string {
  switch (principal.kind) {
    case 'user':
      return `user:${principal.userId}`;
    case 'apiKey':
      return `key:${principal.keyId}`;
    case 'service':
      return `service:${principal.name}`;
    default:
      return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
  }
}

/** Throws RATE_LIMITED (429 with Retry-After) when the caller's bucket is empty. */
export function createRateLimitGuard(limiter: RateLimiter, policy: RateLimitPolicy) {
  const servicePolicy = {
    capacity: policy.capacity * SERVICE_MULTIPLIER,
    refillPerSecond: policy.refillPerSecond * SERVICE_MULTIPLIER,
  };
  return async (principal: Principal, req: IncomingMessage): Promise<void> => {
    const decision = await limiter.consume(rateLimitKey(principal, req), principal.kind === 'service' ? servicePolicy : policy);
    if (!decision.allowed) throw errors.rateLimited(decision.retryAfterSeconds);
  };
}

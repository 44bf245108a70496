import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { hashPassword, verifyPassword } from '@miyu/auth/password';
import { errors } from '@miyu/platform/errors';
import { z } from 'zod';
import type { UserTokenSigner } from '../signing-key/signing-key.service.ts';
import { PlatformIdentityEntity, type Platform, UserEntity } from '../user/user.entity.ts';
import { validate } from '@miyu/graphql/validate';

const signUpInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('must be a valid email address')).pipe(z.string().max(320)),
  password: z.string().min(8, 'must be at least 8 characters').max(200, 'must be at most 200 characters'),
  displayName: z.string().trim().min(1, 'must not be empty').max(60, 'must be at most 60 characters'),
});

const platformInput = z.object({
  externalId: z.string().trim().min(1, 'must not be empty').max(200),
  username: z.string().trim().max(200).nullish(),
  displayName: z.string().trim().min(1).max(60).nullish(),
});

/** Dummy hash so sign-in with an unknown email costs as much time as a wrong password. */
const TIMING_DUMMY = hashPassword('timing-dummy-password');

export function createAuthService(signer: UserTokenSigner) {
  async function issue(user: { id: string }) {
    const { token, expiresAt } = await signer.sign(user.id);
    return { token, expiresAt, userId: user.id };
  }

  return {
    async signUp(em: EntityManager, input: unknown) {
      const { email, password, displayName } = validate(signUpInput, input);
      if (await em.count(UserEntity, { email })) throw errors.emailTaken();
      const user = em.create(UserEntity, { id: randomUUID(), email, passwordHash: await hashPassword(password), displayName });
      await em.flush();
      return issue(user);
    },

    async signIn(em: EntityManager, input: { email: string; password: string }) {
      const email = input.email.trim().toLowerCase();
      const user = await em.findOne(UserEntity, { email });
      const ok = await verifyPassword(input.password, user?.passwordHash ?? (await TIMING_DUMMY));
      if (!user?.passwordHash || !ok) throw errors.invalidCredentials();
      return issue(user);
    },

    /** Get-or-create the user behind a platform account (called by workers). */
    async platformSession(em: EntityManager, platform: Platform, input: unknown) {
      const { externalId, username, displayName } = validate(platformInput, input);
      const existing = await em.findOne(PlatformIdentityEntity, { platform, externalId });
      if (existing) {
        if (username && existing.username !== username) {
          existing.username = username;
          await em.flush();
        }
        return issue({ id: existing.userId });
      }
      const user = em.create(UserEntity, {
        id: randomUUID(),
        displayName: displayName ?? username ?? `${platform.toLowerCase()} friend`,
      });
      em.create(PlatformIdentityEntity, { id: randomUUID(), userId: user.id, platform, externalId, username: username ?? null });
      await em.flush();
      return issue(user);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

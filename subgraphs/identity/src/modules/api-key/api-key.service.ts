import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { apiKeyMatches, generateApiKey, parseApiKeyId } from '@miyu/auth/api-key';
import { validate } from '@miyu/graphql/validate';
import { errors } from '@miyu/platform/errors';
import { z } from 'zod';
import { ApiKeyEntity, type ApiKeyRow } from './api-key.entity.ts';
import { API_KEY_SCOPES } from './api-key.scopes.ts';

const createInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, 'must name at least one scope').max(API_KEY_SCOPES.length),
});
const MAX_KEYS_PER_USER = 50;

export function createApiKeyService() {
  return {
    async create(em: EntityManager, userId: string, input: unknown): Promise<{ apiKey: ApiKeyRow; secret: string }> {
      const { name, scopes } = validate(createInput, input);
      if ((await em.count(ApiKeyEntity, { userId, revokedAt: null })) >= MAX_KEYS_PER_USER) {
        throw errors.conflict(`A user may hold at most ${MAX_KEYS_PER_USER} active API keys.`);
      }
      const id = randomBytes(12).toString('hex');
      const { secret, hash } = generateApiKey(id);
      const apiKey = em.create(ApiKeyEntity, {
        id,
        userId,
        name,
        scopes: [...new Set(scopes)],
        secretHash: hash,
        revokedAt: null,
        lastUsedAt: null,
      });
      await em.flush();
      return { apiKey, secret };
    },

    /** The caller's own active keys, newest first (the secrets are never stored, so never shown). */
    async listOwn(em: EntityManager, userId: string): Promise<ApiKeyRow[]> {
      return em.find(ApiKeyEntity, { userId, revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'asc' } });
    },

    /** Revoking someone else's key, or an unknown one, answers false and changes nothing. */
    async revoke(em: EntityManager, userId: string, id: string): Promise<boolean> {
      const key = await em.findOne(ApiKeyEntity, { id, userId, revokedAt: null });
      if (!key) return false;
      key.revokedAt = new Date();
      await em.flush();
      return true;
    },

    /** Used by the router: resolves a presented secret to its user and scopes. */
    async verify(em: EntityManager, secret: string): Promise<{ userId: string; keyId: string; scopes: string[] } | null> {
      const id = parseApiKeyId(secret);
      if (!id) return null;
      const key = await em.findOne(ApiKeyEntity, { id, revokedAt: null });
      if (!key || !apiKeyMatches(secret, key.secretHash)) return null;
      key.lastUsedAt = new Date();
      await em.flush();
      return { userId: key.userId, keyId: key.id, scopes: key.scopes };
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;

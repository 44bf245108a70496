import type { MikroORM } from '@mikro-orm/core';
import { INTERNAL_TOKEN_HEADER, type InternalTokens } from '@miyu/auth/internal-token';
import { headerValue, type RouteHandler } from '@miyu/graphql/subgraph-server';
import { sendJson } from '@miyu/platform/health';
import type { ApiKeyService } from './api-key.service.ts';

export const API_KEY_VERIFY_PATH = '/internal/api-keys/verify';
const MAX_BODY = 4096;

/**
 * POST /internal/api-keys/verify {secret}: the router resolves API keys here. Only a service
 * principal (the router's internal token) may call it.
 */
export function apiKeyVerifyRoute(orm: MikroORM, tokens: InternalTokens, apiKeys: ApiKeyService): RouteHandler {
  return async (req, res) => {
    if (req.url !== API_KEY_VERIFY_PATH) return false;
    const principal = await tokens.verify(headerValue(req, INTERNAL_TOKEN_HEADER));
    if (req.method !== 'POST' || principal?.kind !== 'service') {
      sendJson(res, 401, { error: 'unauthorized' });
      return true;
    }
    let body = '';
    for await (const chunk of req) {
      body += chunk;
      if (body.length > MAX_BODY) {
        sendJson(res, 413, { error: 'too large' });
        return true;
      }
    }
    const secret = (JSON.parse(body || '{}') as { secret?: unknown }).secret;
    const result = typeof secret === 'string' ? await apiKeys.verify(orm.em.fork(), secret) : null;
    sendJson(res, result ? 200 : 404, result ?? { error: 'unknown key' });
    return true;
  };
}

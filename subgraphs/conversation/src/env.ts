import { subgraphEnvShape, toRuntimeConfig } from '@miyu/graphql/subgraph-env';
import { llmEnvShape, toLlmConfig } from '@miyu/llm/llm-env';
import { envFields, parseEnv } from '@miyu/platform/env-schema';
import { z } from 'zod';

const schema = z.object({
  ...subgraphEnvShape(4005),
  REDIS_URL: envFields.optionalUrl(),
  ...llmEnvShape,
  ROUTER_URL: envFields.url().default('http://127.0.0.1:4000/graphql'),
  PIPELINE_SERVICE_SECRET: z.string().min(32).optional(),
});

export function loadConversationEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv('conversation', schema, source);
  const llm = toLlmConfig(env);
  return {
    port: env.PORT,
    host: env.HOST,
    runtime: toRuntimeConfig('conversation', env),
    redisUrl: env.REDIS_URL,
    llm,
    routerUrl: env.ROUTER_URL,
    pipelineServiceSecret: env.PIPELINE_SERVICE_SECRET,
  };
}

export type ConversationEnv = ReturnType<typeof loadConversationEnv>;

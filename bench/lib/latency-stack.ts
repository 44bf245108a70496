import { fileURLToPath } from 'node:url';
import { benchDatabase } from './bench-database.ts';
import { ephemeralKeyring } from '@miyu/db/encryption/keyring';
import { startStack } from '@miyu/stack/start-stack';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { DEFAULT_SUBSCRIPTIONS } from '@miyu/router/env';
import { startFakeOpenAiServer } from '@miyu/testing/fake-openai/fake-openai-server';

export const SUPERGRAPH_PATH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

/**
 * The embedded stack (five subgraphs + router in this process, in-memory PGlite and events) with
 * the real OpenAI SDK pointed at a zero-latency fake: whatever delay remains is MIYU's pipeline.
 * LLM resilience settings are the production defaults (including the 16-reply concurrency cap).
 */
export async function startLatencyStack(logLevel: string, databaseUrl: string | undefined) {
  const llm = await startFakeOpenAiServer({
    behavior: { chunkDelayMs: 0, replyText: 'Hello! It is lovely to hear from you today.' },
  });
  const stack = await startStack({
    keyring: ephemeralKeyring(),
    subgraphs: {
      userTokenTtlSeconds: 3_600,
      moodHalfLifeMs: 6 * 3_600_000,
      llm: { openai: { apiKey: 'bench-key', baseURL: llm.url, model: 'fake-gpt' }, resilience: DEFAULT_LLM_RESILIENCE },
    },
    databaseFor: (name) => benchDatabase(name, databaseUrl),
    supergraph: { path: SUPERGRAPH_PATH },
    port: 0,
    logLevel,
    graphiql: false,
    // one bench client per user, but many requests per second from each: the limiter is not under test
    routerOverrides: {
      rateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 },
      subscriptions: { ...DEFAULT_SUBSCRIPTIONS, maxPerConnection: 1_000 },
    },
  });
  return {
    url: stack.url,
    llm,
    async close() {
      await stack.close();
      await llm.close();
    },
  };
}

/** Time to the first SSE line of a streamed completion, straight from the fake (no MIYU code). */
export async function llmFirstChunkMs(baseUrl: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench-key' },
    body: JSON.stringify({ model: 'fake-gpt', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  const reader = response.body!.getReader();
  await reader.read();
  const elapsed = performance.now() - started;
  await reader.cancel();
  return elapsed;
}

import type { Logger } from '@miyu/platform/logger';
import type { EmbeddingsConfig } from '../../env.ts';
import { createOpenAiEmbedder } from './openai-embedder.ts';
import { type Embedder, sharedSifEmbedder } from './sif-embedder.ts';

/** The configured embedder: the remote one, or the offline SIF vectors (one per process). */
export function embedderFor(config: EmbeddingsConfig, logger?: Logger): Embedder {
  if (config.kind === 'offline') return sharedSifEmbedder();
  const { kind: _kind, ...options } = config;
  return createOpenAiEmbedder(options, (error) =>
    logger?.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'embeddings request failed; lexical recall only',
    ),
  );
}

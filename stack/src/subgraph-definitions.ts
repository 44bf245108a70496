import type { EventAdapters } from '@miyu/events/event-types';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { LlmConfig } from '@miyu/llm/llm-config';
import type { ConversationOptions } from '@miyu/conversation/options';
import { createConversationSubgraph } from '@miyu/conversation/app';
import { createIdentitySubgraph } from '@miyu/identity/app';
import { createMemorySubgraph } from '@miyu/memory/app';
import { createPersonalitySubgraph } from '@miyu/personality/app';
import { createQuestSubgraph } from '@miyu/quest/app';

export interface DefinitionOptions {
  userTokenTtlSeconds: number;
  moodHalfLifeMs: number;
  /** One set of adapters shared by every subgraph of the process. */
  events: EventAdapters;
  llm: LlmConfig;
  /** The reply context's token budget, history and timeout (defaults when absent). */
  replyContext?: ConversationOptions['replyContext'];
  /** How the reply pipeline reaches the router (known once the router listens). */
  router: { url: () => string | undefined; serviceSecret: string | undefined };
}

/** The five subgraphs, in the order they are listed in the supergraph. */
export function createSubgraphDefinitions(options: DefinitionOptions): SubgraphDefinition<unknown>[] {
  const { events } = options;
  return [
    createIdentitySubgraph({ userTokenTtlSeconds: options.userTokenTtlSeconds }),
    createPersonalitySubgraph({ moodHalfLifeMs: options.moodHalfLifeMs, events }),
    createMemorySubgraph({ events }),
    createQuestSubgraph({ events }),
    createConversationSubgraph({
      events,
      llm: options.llm,
      router: options.router,
      ...(options.replyContext ? { replyContext: options.replyContext } : {}),
    }),
  ] as SubgraphDefinition<unknown>[];
}

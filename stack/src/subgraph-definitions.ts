import type { EventAdapters } from '@miyu/events/event-types';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';
import type { LlmConfig } from '@miyu/llm/llm-config';
import type { ConversationOptions } from '@miyu/conversation/options';
import { createConversationSubgraph } from '@miyu/conversation/app';
import { createIdentitySubgraph } from '@miyu/identity/app';
import { createMemorySubgraph } from '@miyu/memory/app';
import { createPersonalitySubgraph } from '@miyu/personality/app';
import { createQuestSubgraph } from '@miyu/quest/app';
import { withConversationAccountDeletion } from '@miyu/conversation/modules/account/account-deletion';
import { withMemoryAccountDeletion } from '@miyu/memory/modules/account/account-tables';
import { withPersonalityAccountDeletion } from '@miyu/personality/modules/account/account-tables';
import { withQuestAccountDeletion } from '@miyu/quest/modules/account/account-tables';

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
    createIdentitySubgraph({ userTokenTtlSeconds: options.userTokenTtlSeconds, events }),
    // each removes its rows of a deleted account (identity's deletion consumers are its own)
    withPersonalityAccountDeletion(createPersonalitySubgraph({ moodHalfLifeMs: options.moodHalfLifeMs, events }), events),
    withMemoryAccountDeletion(createMemorySubgraph({ events }), events),
    withQuestAccountDeletion(createQuestSubgraph({ events }), events),
    withConversationAccountDeletion(
      createConversationSubgraph({
        events,
        llm: options.llm,
        router: options.router,
        ...(options.replyContext ? { replyContext: options.replyContext } : {}),
      }),
      events,
    ),
  ] as SubgraphDefinition<unknown>[];
}

import type { EventAdapters } from '@miyu/events/event-types';
import type { SubgraphDefinition } from '@miyu/graphql/subgraph-service';

/** What factories may need to build a definition; in-process stand-ins, nothing runs for real. */
export interface LoadDeps {
  events: EventAdapters;
}

/** One subgraph of the supergraph: where the router finds it and how to build it from code. */
export interface SubgraphEntry {
  name: string;
  /** Default URL written into the supergraph; the router overrides it per deployment. */
  url: string;
  load: (deps: LoadDeps) => Promise<SubgraphDefinition<unknown>>;
}

// Option values only shape runtime behaviour (token lifetimes, decay rates), never the schema,
// so any valid value prints the same SDL.
const HOUR_SECONDS = 3600;

/** All five subgraphs, in composition order (the order is part of the supergraph's output). */
export const SUBGRAPHS: readonly SubgraphEntry[] = [
  {
    name: 'identity',
    url: 'http://127.0.0.1:4001/graphql',
    load: async ({ events }) =>
      (await import('@miyu/identity/app')).createIdentitySubgraph({ userTokenTtlSeconds: HOUR_SECONDS, events }),
  },
  {
    name: 'personality',
    url: 'http://127.0.0.1:4002/graphql',
    load: async ({ events }) =>
      (await import('@miyu/personality/app')).createPersonalitySubgraph({ moodHalfLifeMs: HOUR_SECONDS * 1000, events }),
  },
  {
    name: 'memory',
    url: 'http://127.0.0.1:4003/graphql',
    load: async ({ events }) => (await import('@miyu/memory/app')).createMemorySubgraph({ events }),
  },
  {
    name: 'quest',
    url: 'http://127.0.0.1:4004/graphql',
    load: async ({ events }) => (await import('@miyu/quest/app')).createQuestSubgraph({ events }),
  },
  {
    name: 'conversation',
    url: 'http://127.0.0.1:4005/graphql',
    load: async ({ events }) => {
      const { DEFAULT_LLM_RESILIENCE } = await import('@miyu/llm/llm-config');
      // No API key: the offline provider; no router: nothing is ever called while printing.
      return (await import('@miyu/conversation/app')).createConversationSubgraph({
        events,
        llm: { openai: { model: 'offline' }, resilience: DEFAULT_LLM_RESILIENCE },
        router: { url: () => undefined, serviceSecret: undefined },
      });
    },
  },
];

/** Loads a subgraph's definition, naming the subgraph and the module when it cannot be imported. */
export async function loadDefinition(entry: SubgraphEntry, deps: LoadDeps): Promise<SubgraphDefinition<unknown>> {
  try {
    return await entry.load(deps);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot load subgraph "${entry.name}" (subgraphs/${entry.name}/src/app.ts): ${reason}`, { cause: error });
  }
}

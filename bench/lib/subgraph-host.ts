import { ephemeralKeyring } from '@miyu/db/encryption/keyring';
import { createSubgraphDefinitions } from '@miyu/stack/subgraph-definitions';
import { createEventAdapters } from '@miyu/events/create-event-adapters';
import { type RunningSubgraph, startSubgraph } from '@miyu/graphql/subgraph-service';
import { DEFAULT_LLM_RESILIENCE } from '@miyu/llm/llm-config';
import { createLogger } from '@miyu/platform/logger';
import { benchDatabase } from './bench-database.ts';
import type { FromHost, HostStart, ToHost } from './host-protocol.ts';

/**
 * Child process of the fan-out bench: the five subgraphs with shared in-memory event adapters,
 * as the embedded mode runs them, but without the router (which runs in its own process so its
 * RSS and CPU can be read from /proc). The LLM is the gated fake, through the real OpenAI SDK.
 */
let routerUrl: string | undefined;
let running: RunningSubgraph[] = [];
let closeEvents: () => Promise<void> = async () => {};

const send = (message: FromHost) => process.send?.(message);

async function start(message: HostStart) {
  const keyring = ephemeralKeyring();
  const events = createEventAdapters({ logger: createLogger({ service: 'events', level: message.logLevel }) });
  closeEvents = () => events.close();
  const definitions = createSubgraphDefinitions({
    userTokenTtlSeconds: 3_600,
    moodHalfLifeMs: 6 * 3_600_000,
    events,
    // the gate holds a reply's first token while subscribers connect: no LLM timeout may fire meanwhile
    llm: {
      openai: { apiKey: 'bench-key', baseURL: message.llmBaseUrl, model: 'fake-gpt' },
      resilience: {
        ...DEFAULT_LLM_RESILIENCE,
        firstTokenTimeoutMs: 600_000,
        idleChunkTimeoutMs: 60_000,
        overallDeadlineMs: 900_000,
      },
    },
    router: { url: () => routerUrl, serviceSecret: message.pipelineSecret },
  });
  running = await Promise.all(
    definitions.map((definition) =>
      startSubgraph(
        definition,
        {
          database: benchDatabase(definition.name, message.databaseUrl),
          internalTokenSecret: message.internalTokenSecret,
          logLevel: message.logLevel,
          graphiql: false,
          keyring,
        },
        { port: 0, host: '127.0.0.1', logger: createLogger({ service: definition.name, level: message.logLevel }) },
      ),
    ),
  );
  send({ type: 'ready', urls: Object.fromEntries(running.map((subgraph) => [subgraph.name, subgraph.url])) });
}

process.on('message', (message: ToHost) => {
  if (message.type === 'start') start(message).catch((error: unknown) => send({ type: 'failed', error: String(error) }));
  if (message.type === 'router') routerUrl = message.url;
  if (message.type === 'stop')
    void Promise.allSettled(running.map((subgraph) => subgraph.close()))
      .then(() => closeEvents())
      .finally(() => {
        send({ type: 'stopped' });
        process.exit(0);
      });
});

import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INTERNAL_TOKEN_HEADER, createInternalTokens } from '@miyu/auth/internal-token';
import type { DatabaseTarget } from '@miyu/db/database-config';
import type { Keyring } from '@miyu/db/encryption/keyring';
import type { QueryCounter } from '@miyu/db/query-counter';
import { createEventAdapters } from '@miyu/events/create-event-adapters';
import { type RunningSubgraph, startSubgraph } from '@miyu/graphql/subgraph-service';
import { createLogger } from '@miyu/platform/logger';
import { loadRouterEnv, type RouterConfig } from '@miyu/router/env';
import { startRouter } from '@miyu/router/router';
import { parse } from 'graphql';
import { createSubgraphDefinitions, type DefinitionOptions } from './subgraph-definitions.ts';

export interface StackOptions {
  /** Subgraph settings; the stack adds the shared event adapters and the pipeline's router access. */
  subgraphs: Omit<DefinitionOptions, 'events' | 'router'>;
  databaseFor: (subgraph: string) => DatabaseTarget;
  /** The keys of every subgraph's encrypted columns (one key list for the whole process). */
  keyring: Keyring;
  /** The committed supergraph, or 'compose' to compose from the running subgraphs (tests). */
  supergraph: { path: string } | 'compose';
  port: number;
  host?: string;
  logLevel: string;
  graphiql: boolean;
  serviceCredentials?: { name: string; secret: string }[];
  /** Redis for events, reply streams, jobs and rate limits; unset = in-process adapters. */
  redisUrl?: string | undefined;
  queryCounters?: Record<string, QueryCounter>;
  /**
   * The router's configuration as its own env loader read it (`npm start` passes the process's
   * variables through it); default: the router's defaults. The stack fills in what only it knows:
   * the subgraphs' URLs, the pipeline's credential, the internal-token secret when none is set.
   */
  router?: RouterConfig;
  routerOverrides?: Partial<RouterConfig>;
  /** Told each step of the start as it completes (`identity started`, …, `router started`). */
  onProgress?: (step: string) => void;
}

/**
 * Every subgraph and the router in one process, subgraphs on free loopback ports and the router
 * in front: the embedded mode of `npm start`, and the stack the end-to-end tests drive.
 */
export async function startStack(options: StackOptions) {
  const base: RouterConfig = options.router ?? loadRouterEnv({ INTERNAL_TOKEN_SECRET: randomBytes(32).toString('hex') }).config;
  const secret = base.internalTokenSecret;
  const configuredPipeline = base.serviceCredentials.find((credential) => credential.name === 'pipeline' && credential.actAs);
  const pipelineSecret = configuredPipeline?.secret ?? randomBytes(32).toString('hex');
  const workerCredentials = base.serviceCredentials.filter((credential) => credential !== configuredPipeline);
  const events = createEventAdapters({
    redisUrl: options.redisUrl,
    logger: createLogger({ service: 'events', level: options.logLevel }),
  });
  let routerUrl: string | undefined;
  const definitions = createSubgraphDefinitions({
    ...options.subgraphs,
    events,
    router: { url: () => routerUrl, serviceSecret: pipelineSecret },
  });
  const running = new Map<string, RunningSubgraph>();
  const databases = new Map(definitions.map((definition) => [definition.name, options.databaseFor(definition.name)]));
  const launch = async (definition: (typeof definitions)[number], port: number) => {
    const subgraph = await startSubgraph(
      definition,
      {
        database: databases.get(definition.name)!,
        internalTokenSecret: secret,
        logLevel: options.logLevel,
        graphiql: false,
        keyring: options.keyring,
      },
      {
        port,
        logger: createLogger({ service: definition.name, level: options.logLevel }),
        ...(options.queryCounters?.[definition.name] ? { queryCounter: options.queryCounters[definition.name] } : {}),
      },
    );
    running.set(definition.name, subgraph);
    options.onProgress?.(`${definition.name} started`);
    return subgraph;
  };
  const close = async () => {
    await Promise.allSettled([...running.values()].map((subgraph) => subgraph.close()));
    await events.close();
  };
  try {
    const subgraphs = await Promise.all(definitions.map((definition) => launch(definition, 0)));
    const supergraphPath = options.supergraph === 'compose' ? await composeLive(subgraphs, secret) : options.supergraph.path;
    const router = await startRouter(
      {
        ...base,
        logLevel: options.logLevel,
        supergraphPath,
        internalTokenSecret: secret,
        // the subgraphs run in this process: the router finds them (and identity's JWKS) here
        jwksUrl: undefined,
        subgraphUrls: Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph.url])),
        serviceCredentials: [
          ...workerCredentials,
          ...(options.serviceCredentials ?? []),
          { name: 'pipeline', secret: pipelineSecret, actAs: true },
        ],
        redisUrl: options.redisUrl,
        graphiql: options.graphiql,
        ...options.routerOverrides,
      },
      {
        port: options.port,
        host: options.host ?? '127.0.0.1',
        logger: createLogger({ service: 'router', level: options.logLevel }),
        // one deleted-account store for identity and the router of this process
        ...(events.revocations ? { revocations: events.revocations } : {}),
      },
    );
    routerUrl = router.url;
    options.onProgress?.('router started');
    return {
      url: router.url,
      router,
      events,
      subgraphs: Object.fromEntries(subgraphs.map((subgraph) => [subgraph.name, subgraph])),
      internalTokens: createInternalTokens(secret),
      /** Stops one subgraph and starts it again on the same port and database (restart tests). */
      async restartSubgraph(name: string, downtimeMs = 0): Promise<RunningSubgraph> {
        const current = running.get(name);
        const definition = definitions.find((candidate) => candidate.name === name);
        if (!current || !definition) throw new Error(`no subgraph ${name}`);
        await current.close();
        await new Promise((resolve) => setTimeout(resolve, downtimeMs));
        return launch(definition, Number(new URL(current.url).port));
      },
      async close() {
        await router.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export type RunningStack = Awaited<ReturnType<typeof startStack>>;

async function composeLive(subgraphs: RunningSubgraph[], secret: string): Promise<string> {
  const token = await createInternalTokens(secret).sign({ kind: 'anonymous' });
  const services = await Promise.all(
    subgraphs.map(async (subgraph) => {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: token },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      const body = (await response.json()) as { data: { _service: { sdl: string } } };
      return { name: subgraph.name, url: subgraph.url, typeDefs: parse(body.data._service.sdl) };
    }),
  );
  // only tests compose: npm start reads the committed supergraph and never loads composition
  const { composeServices } = await import('@apollo/composition');
  const result = composeServices(services);
  if (result.errors) throw new Error(`composition failed: ${result.errors.map((error) => error.message).join('; ')}`);
  const path = join(tmpdir(), `miyu-supergraph-${randomBytes(4).toString('hex')}.graphql`);
  writeFileSync(path, result.supergraphSdl);
  return path;
}

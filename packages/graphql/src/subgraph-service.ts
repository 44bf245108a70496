import type { EntityManager } from '@mikro-orm/core';
import { createInternalTokens, type InternalTokens } from '@miyu/auth/internal-token';
import { actingUserId, type Principal } from '@miyu/auth/principal';
import { createOrm, type Orm } from '@miyu/db/create-orm';
import type { DatabaseTarget } from '@miyu/db/database-config';
import type { EncryptedEntity } from '@miyu/db/encryption/encrypted-fields';
import { installFieldCipher } from '@miyu/db/encryption/field-cipher-subscriber';
import { verifyKeyring } from '@miyu/db/encryption/key-check';
import type { Keyring } from '@miyu/db/encryption/keyring';
import type { QueryCounter } from '@miyu/db/query-counter';
import { errors } from '@miyu/platform/errors';
import { createLogger, type Logger } from '@miyu/platform/logger';
import { createServiceMetrics, type ServiceMetrics } from '@miyu/platform/metrics';
import type { ReadinessCheck } from '@miyu/platform/health';
import type { EntitySchema, MigrationObject } from '@mikro-orm/core';
import type { GraphQLSchema } from 'graphql';
import type { IRules } from 'graphql-shield';
import { signInRequired } from './refusals.ts';
import { loadShield } from './shield.ts';
import type { RequestBase } from './request-base.ts';
import { createSubgraphServer, type RouteHandler } from './subgraph-server.ts';

/** Settings every subgraph takes from its env.ts. */
export interface SubgraphRuntimeConfig {
  database: DatabaseTarget;
  internalTokenSecret: string;
  logLevel: string;
  /** Serve GraphiQL on the subgraph (development). */
  graphiql: boolean;
  /** The keys that seal the subgraph's encrypted columns (MIYU_ENCRYPTION_KEYS or the embedded key file). */
  keyring: Keyring;
}

/** The per-request context every subgraph resolver sees. */
export interface SubgraphContext<Loaders> extends RequestBase {
  /** The user the request acts for (token or API key), null for anonymous and services. */
  userId: string | null;
  em: EntityManager;
  loaders: Loaders;
}

export interface SubgraphParts<Loaders> {
  schema: GraphQLSchema;
  permissions: IRules;
  createLoaders: (em: EntityManager, base: RequestBase) => Loaders;
  routes?: RouteHandler[];
  readiness?: Record<string, ReadinessCheck>;
  close?: () => Promise<void>;
}

export interface SubgraphDefinition<Loaders> {
  name: string;
  entities: EntitySchema[];
  migrations: MigrationObject[];
  /** Columns sealed at rest (AES-256-GCM, the row's owner bound in): the rest of the code sees plaintext. */
  encrypted?: readonly EncryptedEntity[];
  /** Builds the schema and wires domain services; runs after migrations. */
  setup: (deps: {
    orm: Orm;
    logger: Logger;
    internalTokens: InternalTokens;
    /** The service's registry, for the subgraph's own metrics (absent when only printing the schema). */
    metrics?: ServiceMetrics;
    /** The keys of the encrypted columns, for derived values such as keyed search terms (absent when only printing the schema). */
    keyring?: Keyring;
  }) => Promise<SubgraphParts<Loaders>>;
}

export interface StartOptions {
  port?: number;
  host?: string;
  logger?: Logger;
  queryCounter?: QueryCounter;
}

/** Boots one subgraph: ORM and migrations, schema behind shield, HTTP + graphql-ws server. */
export async function startSubgraph<Loaders>(
  definition: SubgraphDefinition<Loaders>,
  config: SubgraphRuntimeConfig,
  options: StartOptions = {},
) {
  const logger = options.logger ?? createLogger({ service: definition.name, level: config.logLevel });
  const internalTokens = createInternalTokens(config.internalTokenSecret);
  const orm = await createOrm({
    target: config.database,
    entities: definition.entities,
    migrations: definition.migrations,
    ...(options.queryCounter ? { queryCounter: options.queryCounter } : {}),
  });
  if (definition.encrypted?.length) {
    try {
      // a missing or wrong key stops the start here, naming the key id, before any value is read
      await verifyKeyring(orm.em.fork(), config.keyring, definition.name);
    } catch (error) {
      await orm.close();
      throw error;
    }
    installFieldCipher(orm.em, config.keyring, definition.encrypted);
  }
  const metrics = createServiceMetrics(definition.name);
  const parts = await definition.setup({ orm, logger, internalTokens, metrics, keyring: config.keyring });
  const { shield, deny, applyMiddleware } = loadShield();
  // Deny by default; a thrown error is shown as itself, not disguised as "Not Authorised!".
  const permissions = shield(parts.permissions, {
    fallbackRule: deny,
    // a field no rule opens: an anonymous caller is told to sign in, a signed-in one that it is not theirs
    fallbackError: (_thrown, _parent, _args, ctx, info) =>
      (ctx as { principal?: Principal }).principal?.kind === 'anonymous'
        ? signInRequired(info)
        : errors.forbidden('Not authorised: this is not yours to see or change.'),
    allowExternalErrors: true,
    debug: false,
  });
  const schema = applyMiddleware(parts.schema, permissions);
  const server = createSubgraphServer<SubgraphContext<Loaders>>({
    name: definition.name,
    schema,
    logger,
    metrics,
    internalTokens,
    graphiql: config.graphiql,
    routes: parts.routes ?? [],
    readiness: { database: () => orm.isConnected(), ...parts.readiness },
    createContext: (base) => {
      const em = orm.em.fork();
      return { ...base, userId: actingUserId(base.principal), em, loaders: parts.createLoaders(em, base) };
    },
  });
  const running = await server.listen(options.port ?? 0, options.host);
  return {
    name: definition.name,
    url: running.url,
    orm,
    logger,
    async close() {
      await running.close();
      await parts.close?.();
      await orm.close();
    },
  };
}

export type RunningSubgraph = Awaited<ReturnType<typeof startSubgraph>>;

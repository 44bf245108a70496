import { readFileSync } from 'node:fs';
import { loadRouterEnv, type RouterConfig } from '@miyu/router/env';
import { describe, expect, it } from 'vitest';
import { loadEmbeddedEnv } from './env.ts';

const SECRET = 's'.repeat(40);
const WORKER = `telegram:${'w'.repeat(40)}`;

/** What a loader yields: where the router listens, and the configuration it runs with. */
interface Loaded {
  port: number;
  host: string;
  config: RouterConfig;
}

function distributed(variables: Record<string, string>): Loaded {
  return loadRouterEnv({ INTERNAL_TOKEN_SECRET: SECRET, ...variables });
}

function embedded(variables: Record<string, string>): Loaded {
  const env = loadEmbeddedEnv(variables);
  return { port: env.PORT, host: env.HOST, config: env.router };
}

interface Row {
  variable: string;
  value: string;
  read: (loaded: Loaded) => unknown;
  expected: unknown;
  /** Why `npm start` cannot honour it (the subgraphs run inside its own process). */
  distributedOnly?: string;
}

const IN_PROCESS = 'the subgraphs run in the same process; the launcher gives the router their addresses';

// One row per router variable of the README's configuration table; add a row with the variable.
const rows: Row[] = [
  { variable: 'PORT', value: '4321', read: (l) => l.port, expected: 4321 },
  { variable: 'HOST', value: '127.0.0.2', read: (l) => l.host, expected: '127.0.0.2' },
  { variable: 'NODE_ENV', value: 'production', read: (l) => [l.config.production, l.config.graphiql], expected: [true, false] },
  { variable: 'LOG_LEVEL', value: 'debug', read: (l) => l.config.logLevel, expected: 'debug' },
  {
    variable: 'INTERNAL_TOKEN_SECRET',
    value: 'x'.repeat(48),
    read: (l) => l.config.internalTokenSecret,
    expected: 'x'.repeat(48),
  },
  { variable: 'GRAPHIQL', value: 'false', read: (l) => l.config.graphiql, expected: false },
  {
    variable: 'SUPERGRAPH_PATH',
    value: '/tmp/other.graphql',
    read: (l) => l.config.supergraphPath,
    expected: '/tmp/other.graphql',
  },
  ...['IDENTITY', 'PERSONALITY', 'MEMORY', 'QUEST', 'CONVERSATION'].map((name) => ({
    variable: `${name}_URL`,
    value: 'http://10.0.0.9:4100/graphql',
    read: (l: Loaded) => l.config.subgraphUrls[name.toLowerCase()],
    expected: 'http://10.0.0.9:4100/graphql',
    distributedOnly: IN_PROCESS,
  })),
  {
    variable: 'JWKS_URL',
    value: 'http://10.0.0.9:4101/.well-known/jwks.json',
    read: (l) => l.config.jwksUrl,
    expected: 'http://10.0.0.9:4101/.well-known/jwks.json',
    distributedOnly: IN_PROCESS,
  },
  {
    variable: 'SERVICE_CREDENTIALS',
    value: WORKER,
    read: (l) => l.config.serviceCredentials.filter((c) => c.name === 'telegram'),
    expected: [{ name: 'telegram', secret: 'w'.repeat(40) }],
  },
  { variable: 'SUBGRAPH_TIMEOUT_MS', value: '1234', read: (l) => l.config.subgraphTimeoutMs, expected: 1234 },
  { variable: 'REDIS_URL', value: 'redis://127.0.0.1:6390', read: (l) => l.config.redisUrl, expected: 'redis://127.0.0.1:6390' },
  { variable: 'RATE_LIMIT_BURST', value: '7', read: (l) => l.config.rateLimit.capacity, expected: 7 },
  { variable: 'RATE_LIMIT_PER_SECOND', value: '0.5', read: (l) => l.config.rateLimit.refillPerSecond, expected: 0.5 },
  { variable: 'MAX_BODY_BYTES', value: '1000', read: (l) => l.config.limits.maxBodyBytes, expected: 1000 },
  { variable: 'MAX_DEPTH', value: '4', read: (l) => l.config.limits.maxDepth, expected: 4 },
  { variable: 'MAX_ALIASES', value: '5', read: (l) => l.config.limits.maxAliases, expected: 5 },
  { variable: 'MAX_TOKENS', value: '300', read: (l) => l.config.limits.maxTokens, expected: 300 },
  { variable: 'MAX_ROOT_FIELDS', value: '3', read: (l) => l.config.limits.maxRootFields, expected: 3 },
  {
    variable: 'ALLOWED_ORIGINS',
    value: 'https://a.example, https://b.example',
    read: (l) => l.config.subscriptions.allowedOrigins,
    expected: ['https://a.example', 'https://b.example'],
  },
  {
    variable: 'CORS_ORIGINS',
    value: 'http://localhost:3000, https://app.example',
    read: (l) => l.config.corsOrigins,
    expected: ['http://localhost:3000', 'https://app.example'],
  },
  { variable: 'SUBSCRIPTIONS_PER_CONNECTION', value: '9', read: (l) => l.config.subscriptions.maxPerConnection, expected: 9 },
  { variable: 'SUBSCRIPTIONS_PER_PROCESS', value: '99', read: (l) => l.config.subscriptions.maxPerProcess, expected: 99 },
  { variable: 'SUBSCRIPTION_QUEUE_LIMIT', value: '11', read: (l) => l.config.subscriptions.queueLimit, expected: 11 },
  { variable: 'UPSTREAM_SOCKETS_PER_SUBGRAPH', value: '2', read: (l) => l.config.subscriptions.socketsPerSubgraph, expected: 2 },
  { variable: 'WS_MAX_PAYLOAD_BYTES', value: '2048', read: (l) => l.config.subscriptions.maxPayloadBytes, expected: 2048 },
  {
    variable: 'PERSISTED_OPERATIONS',
    value: 'safelist',
    read: (l) => l.config.persistedOperations.mode,
    expected: 'safelist',
  },
  {
    variable: 'PERSISTED_OPERATIONS_MANIFEST',
    value: '/tmp/manifest.json',
    read: (l) => l.config.persistedOperations.manifestPath,
    expected: '/tmp/manifest.json',
  },
  { variable: 'WATCH_SUPERGRAPH', value: 'true', read: (l) => l.config.watchSupergraph, expected: true },
  {
    variable: 'PIPELINE_SERVICE_SECRET',
    value: 'p'.repeat(40),
    read: (l) => l.config.serviceCredentials.filter((c) => c.name === 'pipeline'),
    expected: [{ name: 'pipeline', secret: 'p'.repeat(40), actAs: true }],
  },
];

/** The variables the README's configuration table says the router reads (`used by` names it or says all). */
function routerVariablesInReadme(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => {
      const [, names = '', usedBy = ''] = line.split('|');
      if (!/\brouter\b|\ball\b/.test(usedBy)) return [];
      const listed = [...names.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1] as string);
      // `IDENTITY_URL` … `CONVERSATION_URL` stands for every subgraph's variable
      return names.includes('…') ? ['IDENTITY', 'PERSONALITY', 'MEMORY', 'QUEST', 'CONVERSATION'].map((n) => `${n}_URL`) : listed;
    });
}

describe('router configuration, in both modes', () => {
  it('has a row for every router variable in the README, and the README for every row', () => {
    const documented = routerVariablesInReadme();
    expect(rows.map((row) => row.variable).filter((name) => !documented.includes(name))).toEqual([]);
    expect(documented.filter((name) => !rows.some((row) => row.variable === name))).toEqual([]);
  });

  it.each(rows)('$variable takes effect under `npm run start:distributed`', (row) => {
    const before = row.read(distributed({}));
    expect(row.read(distributed({ [row.variable]: row.value }))).toEqual(row.expected);
    expect(before).not.toEqual(row.expected);
  });

  it.each(rows.filter((row) => !row.distributedOnly))('$variable takes effect under `npm start`', (row) => {
    const before = row.read(embedded({}));
    expect(row.read(embedded({ [row.variable]: row.value }))).toEqual(row.expected);
    expect(before).not.toEqual(row.expected);
  });

  it('gives both modes the same defaults, but for where the embedded router listens and its secret', () => {
    const strip = ({ config }: Loaded) => ({ ...config, internalTokenSecret: '', logLevel: '', supergraphPath: '' });
    expect(strip(embedded({}))).toEqual(strip(distributed({})));
  });
});

/**
 * `npx node bench/subgraph-request-cpu.ts [requests=400]`: where one subgraph fetch's CPU goes
 * (issue 13). The personality subgraph alone in this process, on PostgreSQL (a fresh schema in
 * `BENCH_DATABASE_URL`, default the local server's `postgres` database) or on in-memory PGlite
 * when `BENCH_DATABASE_URL=pglite`, is sent the same request many times over one keep-alive
 * HTTP connection, one at a time, and this process's CPU (`process.cpuUsage`, main thread and
 * client included) is divided by the requests, per stage of the path:
 *   http-floor     a bare node:http server in this process answering the same body: the client's
 *                  and Node's HTTP share, which no subgraph change can remove;
 *   typename       `{ __typename }`: HTTP, internal token, yoga, no resolver;
 *   entities       the router's `_entities` fetch of `companion { mode affinity }`: + shield,
 *                  the request's EntityManager fork, loaders, one MikroORM find;
 *   orm-find       the same find through a fresh fork, no HTTP or GraphQL (the ORM's share);
 *   orm-find-lean  the same find with `disableIdentityMap` (no unit-of-work registration);
 *   sql-select     the same row as plain SQL through the ORM's connection (the driver's share);
 *   token-verify   the internal token check alone (a cached token).
 * Stages alternate in rounds so the machine's noise falls on each alike. Prints JSON.
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { createInternalTokens, INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';
import { ephemeralKeyring } from '@miyu/db/encryption/keyring';
import { createEventAdapters } from '@miyu/events/create-event-adapters';
import { startSubgraph } from '@miyu/graphql/subgraph-service';
import { createPersonalitySubgraph } from '@miyu/personality/app';
import { CompanionStateEntity } from '@miyu/personality/modules/companion/companion.entity';
import { createLogger } from '@miyu/platform/logger';
import { benchDatabase } from './lib/bench-database.ts';
import { subgraphRequestCpuEnv } from './router-throughput/env.ts';

const options = subgraphRequestCpuEnv();
const secret = 'bench-internal-secret-bench-internal-secret';
const logger = createLogger({ service: 'bench', level: 'error' });
const events = createEventAdapters({ logger });
const database = benchDatabase('personality', options.databaseUrl);
const subgraph = await startSubgraph(
  createPersonalitySubgraph({ moodHalfLifeMs: 6 * 3_600_000, events }),
  {
    database,
    internalTokenSecret: secret,
    logLevel: 'error',
    graphiql: false,
    keyring: ephemeralKeyring(),
  },
  { port: 0, host: '127.0.0.1', logger },
);
const tokens = createInternalTokens(secret);
const userId = '00000000-0000-4000-8000-000000000001';
const token = await tokens.sign({ kind: 'user', userId, scopes: [] });
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const url = new URL(subgraph.url);
const floor = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = '{"data":{"__typename":"Query"}}';
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  });
});
await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
const floorUrl = new URL(`http://127.0.0.1:${(floor.address() as AddressInfo).port}/graphql`);

function post(query: string, variables: Record<string, unknown> = {}, target = url): Promise<string> {
  const body = JSON.stringify({ query, variables });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [INTERNAL_TOKEN_HEADER]: token,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`${res.statusCode}: ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { companion { mode affinity } } } }`;
const representations = [{ __typename: 'User', id: userId }];
const first = await post(ENTITIES, { representations });
if (first.includes('"errors"')) throw new Error(`the entities fetch failed: ${first}`);

const schema = 'schema' in database ? database.schema : undefined;
const SELECT_COMPANION = `select * from ${schema ? `"${schema}".` : ''}companion_states where user_id in (?)`;
const stages: Record<string, () => Promise<unknown>> = {
  'http-floor': () => post('{ __typename }', {}, floorUrl),
  typename: () => post('{ __typename }'),
  entities: () => post(ENTITIES, { representations }),
  'orm-find': () => subgraph.orm.em.fork().find(CompanionStateEntity, { userId: { $in: [userId] } }),
  'orm-find-lean': () =>
    subgraph.orm.em.fork().find(CompanionStateEntity, { userId: { $in: [userId] } }, { disableIdentityMap: true }),
  'sql-select': () => subgraph.orm.em.getConnection().execute(SELECT_COMPANION, [userId]),
  'token-verify': () => tokens.verify(token),
};
const perRequestMicros: Record<string, number[]> = Object.fromEntries(Object.keys(stages).map((name) => [name, []]));
const perRound = Math.max(1, Math.floor(options.requests / options.rounds));
for (const run of Object.values(stages)) for (let index = 0; index < 50; index += 1) await run(); // warm-up: JIT
for (let round = 0; round < options.rounds; round += 1) {
  for (const [name, run] of Object.entries(stages)) {
    const before = process.cpuUsage();
    for (let index = 0; index < perRound; index += 1) await run();
    const used = process.cpuUsage(before);
    perRequestMicros[name]!.push((used.user + used.system) / perRound);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = Object.fromEntries(
  Object.entries(perRequestMicros).map(([name, values]) => [
    name,
    { cpuMsPerRequestMedian: Math.round(median(values)) / 1000, rounds: values.map((value) => Math.round(value) / 1000) },
  ]),
);
console.log(
  JSON.stringify(
    {
      database: options.databaseUrl ? 'postgresql' : 'pglite',
      requestsPerStage: perRound * options.rounds,
      loadAverage: loadavg(),
      summary,
    },
    null,
    2,
  ),
);
agent.destroy();
floor.close();
await subgraph.close();
await events.close();
process.exit(0);

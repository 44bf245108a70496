/**
 * The stock baseline: `@apollo/server` + `@apollo/gateway` on MIYU's supergraph with default
 * settings, plus only what the subgraphs need (baseline-auth.ts). Child process; argv: port,
 * supergraph file (with the bench's subgraph URLs), JWKS URL; INTERNAL_TOKEN_SECRET in env.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';
import { createBaselineAuth } from './baseline-auth.ts';
import { baselineSecret } from './env.ts';

const [port, supergraphPath, jwksUrl] = process.argv.slice(2) as [string, string, string];
const internalToken = createBaselineAuth(jwksUrl, baselineSecret());

interface Context {
  internalToken: string | undefined;
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(supergraphPath, 'utf8'),
  buildService: ({ url }) =>
    new RemoteGraphQLDataSource<Context>({
      url,
      willSendRequest({ request, context }) {
        if (context.internalToken) request.http?.headers.set(INTERNAL_TOKEN_HEADER, context.internalToken);
      },
    }),
});
const server = new ApolloServer<Context>({ gateway });
await startStandaloneServer(server, {
  listen: { port: Number(port), host: '127.0.0.1' },
  context: async ({ req }) => ({ internalToken: await internalToken(req.headers.authorization) }),
});
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
console.log('ready');

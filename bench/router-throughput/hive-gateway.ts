/**
 * The second baseline: Hive Gateway (`@graphql-hive/gateway-runtime`) with its default settings
 * on MIYU's supergraph, plus only what the subgraphs need (baseline-auth.ts). Child process;
 * argv: port, supergraph file (with the bench's subgraph URLs), JWKS URL; INTERNAL_TOKEN_SECRET in env.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { INTERNAL_TOKEN_HEADER } from '@miyu/auth/internal-token';
import { createBaselineAuth } from './baseline-auth.ts';
import { baselineSecret } from './env.ts';

const [port, supergraphPath, jwksUrl] = process.argv.slice(2) as [string, string, string];
const internalToken = createBaselineAuth(jwksUrl, baselineSecret());
const perRequest = new WeakMap<Request, Promise<string | undefined>>();

const gateway = createGatewayRuntime({
  supergraph: readFileSync(supergraphPath, 'utf8'),
  logging: 'error',
  maskedErrors: false,
  propagateHeaders: {
    async fromClientToSubgraphs({ request }) {
      let token = perRequest.get(request);
      if (!token) {
        token = internalToken(request.headers.get('authorization'));
        perRequest.set(request, token);
      }
      const value = await token;
      return value ? { [INTERNAL_TOKEN_HEADER]: value } : {};
    },
  },
});
const server = createServer(gateway);
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships CJS (main) and ESM (module) builds without an exports map. Node always loads
// the CJS one; Vite would pick the ESM one for our sources, giving two graphql realms in tests
// (instanceof GraphQLError fails across them). Pin every import to the file Node uses.
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

// Three projects: unit tests (no I/O) beside the code, integration tests that start real servers
// (PGlite by default, PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set), and end-to-end tests
// that drive the router the way clients do.
const ignored = ['**/node_modules/**', '**/.data/**'];

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['**/*.test.ts'], exclude: [...ignored, '**/*.int.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.int.test.ts'],
          exclude: ignored,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          exclude: ignored,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

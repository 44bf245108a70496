import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for MIYU's clients, generated from the composed client-facing schema
 * (`schema/api.graphql`) and the operations the clients send (`clients/<name>/src/**.graphql`).
 * Works offline. `npm run codegen` (or `npm run generate`, which regenerates the schema first).
 */
const config: CodegenConfig = {
  schema: 'schema/api.graphql',
  documents: ['clients/*/src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'clients/sdk/src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // persisted-documents.json (sha256 hash -> document text): the router's safelist, and the
        // hash each document carries in `__meta__.hash` is what the SDK sends instead of the text
        persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' },
      },
      config: {
        // Node runs the .ts sources directly, so generated imports name their .ts files
        emitLegacyCommonJSImports: false,
        importExtension: '.ts',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;

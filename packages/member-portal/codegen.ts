import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Operation types from the API's committed schema (packages/api/schema.graphql) and the portal's
 * own operations (one .graphql file per feature folder). One TypedDocumentNode per operation, so
 * that a lazily loaded route bundles only the documents it uses.
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.graphql'],
  generates: {
    'src/graphql/generated.ts': {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumsAsTypes: true,
        onlyOperationTypes: true,
        avoidOptionals: false,
        useTypeImports: true,
        scalars: { DateTimeISO: 'string', JSON: 'unknown', ID: 'string' },
        dedupeFragments: true,
      },
    },
  },
  silent: true,
};
export default config;

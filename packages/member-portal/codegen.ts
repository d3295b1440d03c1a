import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CodegenConfig } from '@graphql-codegen/cli';

/** The folders under src/ that hold .graphql operations (one feature each). */
function operationFolders(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  const own = entries.some((entry) => entry.isFile() && entry.name.endsWith('.graphql'))
    ? [dir]
    : [];
  return [
    ...own,
    ...entries
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => operationFolders(join(dir, entry.name))),
  ];
}

/**
 * Operation types from the API's committed schema (packages/api/schema.graphql): each folder's
 * `.graphql` operations become its own `operations.generated.ts` (git-ignored), one
 * TypedDocumentNode per operation. One file per folder, not one for the whole portal, so that a
 * page's chunk carries its own documents and the initial JavaScript only the shell's.
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  generates: Object.fromEntries(
    operationFolders('src').map((folder) => [
      `${folder}/operations.generated.ts`,
      {
        documents: [`${relative('.', folder)}/*.graphql`],
        plugins: ['typescript-operations', 'typed-document-node'],
        config: {
          enumsAsTypes: true,
          useTypeImports: true,
          scalars: { DateTimeISO: 'string', JSON: 'unknown', ID: 'string' },
          dedupeFragments: true,
        },
      },
    ]),
  ),
  silent: true,
};
export default config;

import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printAppSchema } from './schema';

describe('schema.graphql', () => {
  it('is up to date with the code (run `npm run emit-schema` after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '..', 'schema.graphql'), 'utf8');
    expect(await printAppSchema()).toBe(committed);
  });
});

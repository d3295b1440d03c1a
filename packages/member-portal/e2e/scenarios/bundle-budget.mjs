// The budget of issue 7: the JavaScript a phone downloads before the first page is at most
// 150 KB gzip; every page is its own chunk. Read from the build's manifest.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const BUDGET_BYTES = 150 * 1024;

/** The entry chunk and every chunk it imports statically (what loads before any page). */
export function initialChunks(manifest) {
  const entry = Object.values(manifest).find((chunk) => chunk.isEntry);
  const seen = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(Object.keys(manifest).find((key) => manifest[key] === entry));
  return [...seen];
}

describe('bundle budget', () => {
  test('the initial JavaScript stays within 150 KB gzip, and pages load lazily', () => {
    const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
    const files = initialChunks(manifest).filter((file) => file.endsWith('.js'));
    const gzipped = files.reduce(
      (total, file) => total + gzipSync(readFileSync(join(dist, file))).length,
      0,
    );
    assert.ok(gzipped <= BUDGET_BYTES, `initial JavaScript ${gzipped} B gzip > ${BUDGET_BYTES} B`);
    const lazy = Object.keys(manifest).filter((key) => /features\/.+Page\.tsx$/.test(key));
    const eager = lazy.filter((key) => files.includes(manifest[key].file));
    assert.ok(lazy.length >= 15, `only ${lazy.length} page chunks`);
    assert.deepEqual(eager, [], 'pages bundled into the initial JavaScript');
  });
});

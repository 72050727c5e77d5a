import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clearResolutionCaches, isProjectSource, resolveModule } from '../../src/project/resolve.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/projects/split-app');
const from = (file: string) => path.join(FIXTURE, file);

/** Writes files (path -> text) under a new temporary directory. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dm-resolve-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  roots.push(root);
  return root;
}
const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('resolveModule', () => {
  it('resolves relative specifiers, `.js` meaning `.ts`, and folder index files', () => {
    expect(resolveModule('../columns', from('src/db/schema/tasks.ts'))).toBe(from('src/db/columns.ts'));
    expect(resolveModule('../columns.js', from('src/db/schema/invoices.ts'))).toBe(from('src/db/columns.ts'));
    expect(resolveModule('./db/schema', from('src/queries.ts'))).toBe(from('src/db/schema/index.ts'));
  });

  it('resolves tsconfig paths through `extends`', () => {
    expect(resolveModule('@/db/columns', from('src/db/schema/tasks.ts'))).toBe(from('src/db/columns.ts'));
  });

  it('leaves packages, missing files and declaration files unresolved', () => {
    expect(resolveModule('drizzle-orm/pg-core', from('src/db/schema/tasks.ts'))).toBeNull();
    expect(resolveModule('./missing', from('src/db/schema/tasks.ts'))).toBeNull();
    const root = project({ 'src/a.ts': '', 'src/types.d.ts': 'export {};' });
    expect(resolveModule('./types', path.join(root, 'src/a.ts'))).toBeNull();
  });

  it('resolves a workspace package, symlinked into node_modules, to its source', () => {
    const root = project({
      'packages/db/package.json': JSON.stringify({ name: '@acme/db', exports: { '.': { types: './src/index.ts', default: './src/index.ts' } } }),
      'packages/db/src/index.ts': 'export const x = 1;',
      'apps/web/src/page.ts': "import { x } from '@acme/db';",
      'apps/web/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler' } }),
    });
    mkdirSync(path.join(root, 'apps/web/node_modules/@acme'), { recursive: true });
    symlinkSync(path.join(root, 'packages/db'), path.join(root, 'apps/web/node_modules/@acme/db'), 'dir');
    clearResolutionCaches();
    expect(resolveModule('@acme/db', path.join(root, 'apps/web/src/page.ts'))).toBe(path.join(root, 'packages/db/src/index.ts'));
  });

  it('works without a tsconfig (bundler resolution)', () => {
    const root = project({ 'a.ts': '', 'lib/index.ts': '' });
    expect(resolveModule('./lib', path.join(root, 'a.ts'))).toBe(path.join(root, 'lib/index.ts'));
    expect(resolveModule('./a.js', path.join(root, 'lib/index.ts'))).toBeNull();
    expect(resolveModule('../a.js', path.join(root, 'lib/index.ts'))).toBe(path.join(root, 'a.ts'));
  });
});

describe('isProjectSource', () => {
  it('accepts modules and rejects declarations and node_modules', () => {
    expect(isProjectSource('/p/src/a.ts')).toBe(true);
    expect(isProjectSource('/p/src/a.mjs')).toBe(true);
    expect(isProjectSource('/p/src/a.d.ts')).toBe(false);
    expect(isProjectSource('/p/node_modules/x/index.ts')).toBe(false);
    expect(isProjectSource('/p/src/a.json')).toBe(false);
  });
});

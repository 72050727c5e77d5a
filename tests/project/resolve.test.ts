import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';
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

describe('resolveModule under typed linting', () => {
  /**
   * A project whose paths live in the tsconfig the linter is given (`tsconfig.app.json`), not in the
   * nearest `tsconfig.json`, as Vite's templates split them: only the Program knows `~/columns`.
   */
  function appProject(): { root: string; schema: string; program: ts.Program } {
    const root = project({
      'tsconfig.json': JSON.stringify({ files: [] }),
      'tsconfig.app.json': JSON.stringify({
        compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', baseUrl: '.', paths: { '~/*': ['./src/*'] }, noEmit: true },
        include: ['src'],
      }),
      'src/columns.ts': 'export const columns = {};',
      'src/schema.ts': "import { columns } from '~/columns';\nexport * from './columns.js';\nexport const x = columns;",
    });
    clearResolutionCaches();
    const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.app.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    return { root, schema: path.join(root, 'src/schema.ts'), program: ts.createProgram(config.fileNames, config.options) };
  }

  it("takes the Program's resolution, made with the tsconfig the linter was given", () => {
    const { root, schema, program } = appProject();
    expect(resolveModule('~/columns', schema)).toBeNull();
    expect(resolveModule('~/columns', schema, program)).toBe(path.join(root, 'src/columns.ts'));
    expect(resolveModule('./columns.js', schema, program)).toBe(path.join(root, 'src/columns.ts'));
  });

  it("does not take an isolated Program's answers, which resolve every specifier to its first candidate", () => {
    const { root, schema } = appProject();
    // What typescript-eslint makes for a file parsed again in a single run: the file alone, with
    // `noResolve`, on a host where every file exists and every name is the file's (so the Program
    // "holds" any path it is asked for).
    const text = ts.sys.readFile(schema)!;
    const host: ts.CompilerHost = {
      fileExists: () => true,
      getCanonicalFileName: () => schema,
      getCurrentDirectory: () => '',
      getDefaultLibFileName: () => 'lib.d.ts',
      getDirectories: () => [],
      getNewLine: () => '\n',
      getSourceFile: (name) => ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true),
      readFile: () => undefined,
      useCaseSensitiveFileNames: () => true,
      writeFile: () => {},
    };
    const isolated = ts.createProgram([schema], { noResolve: true, noLib: true, target: ts.ScriptTarget.Latest }, host);
    expect(resolveModule('~/columns', schema, isolated)).toBeNull();
    expect(resolveModule('./columns.js', schema, isolated)).toBe(path.join(root, 'src/columns.ts'));
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

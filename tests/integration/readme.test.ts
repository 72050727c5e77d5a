/**
 * A new user's first hour: the README's configuration snippets, pasted into a fresh project as
 * `npm init -y` makes it (CommonJS: no `"type": "module"`), work with ESLint 9 and ESLint 10; a
 * misspelt setting stops ESLint with one message that names the key, without a stack trace or a rule
 * to blame; package.json says where the docs live, and `npm pack` ships the built plugin and its docs.
 *
 * The snippets are read from README.md by their `<!-- snippet: ... -->` markers, so this test fails when
 * the README drifts from what works.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, type JsonResult } from './support/eslint.js';
import { REPO_URL } from '../../src/util/create-rule.js';
import { PROJECT_ROOT } from './support/drizzle.js';

const README = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');

/** The code block after the README marker `<!-- snippet: <file>, <label> ... -->`, and the file it names. */
function snippet(label: string): { file: string; code: string } {
  const marker = new RegExp(`<!-- snippet: ([\\w.]+), ${label}\\b[^>]*-->\\n\`\`\`js\\n([\\s\\S]*?)\\n\`\`\`\\n`, 'u').exec(README);
  if (!marker) throw new Error(`README.md has no snippet marked "${label}"`);
  return { file: marker[1]!, code: `${marker[2]!}\n` };
}

/** What `npm init -y` of npm 11 writes: `"type": "commonjs"`, so `.js` files are CommonJS. */
const NPM_INIT_PACKAGE = {
  name: 'my-app',
  version: '1.0.0',
  description: '',
  main: 'index.js',
  scripts: { test: 'echo "Error: no test specified" && exit 1' },
  keywords: [],
  author: '',
  license: 'ISC',
  type: 'commonjs',
};

const SCHEMA = `import { pgTable, serial, text, uuid } from 'drizzle-orm/pg-core';

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name'),
});

export const projects = pgTable('projects', {
  id: serial('id').primaryKey(),
  name: text('name'),
});
`;

const MODELS = `from uuid import UUID, uuid4

from sqlmodel import Field, SQLModel


class Project(SQLModel, table=True):
    __tablename__ = "projects"
    id: UUID = Field(default_factory=uuid4, primary_key=True)
    name: str
`;

const ESLINTS = {
  'ESLint 10': 'eslint',
  'ESLint 9': 'eslint9',
};


let dir: string;

beforeAll(() => {
  ensureBuilt();
  // Inside the repository, so that typescript-eslint and drizzle-orm resolve from its node_modules; the
  // project's own node_modules holds the plugin and the ESLint under test, as an install would.
  dir = mkdtempSync(path.join(PROJECT_ROOT, 'tests', '.tmp-readme-'));
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(NPM_INIT_PACKAGE, null, 2)}\n`);
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(PROJECT_ROOT, path.join(dir, 'node_modules/eslint-plugin-data-modeling'), 'dir');
  mkdirSync(path.join(dir, 'src/db'), { recursive: true });
  writeFileSync(path.join(dir, 'src/db/schema.ts'), SCHEMA);
  writeFileSync(path.join(dir, 'src/other.ts'), SCHEMA);
  mkdirSync(path.join(dir, 'src/app'), { recursive: true });
  writeFileSync(path.join(dir, 'src/app/models.py'), MODELS);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the ESLint CLI of package `eslintPackage` in the project, with `node_modules/eslint` pointing at it. */
function eslint(eslintPackage: string, args: readonly string[]): { status: number | null; stdout: string; stderr: string } {
  const link = path.join(dir, 'node_modules/eslint');
  rmSync(link, { force: true });
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules', eslintPackage), link, 'dir');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.DEBUG;
  const result = spawnSync(process.execPath, [path.join(link, 'bin/eslint.js'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeConfig(file: string, code: string): void {
  for (const name of readdirSync(dir)) if (name.startsWith('eslint.config.')) rmSync(path.join(dir, name));
  writeFileSync(path.join(dir, file), code);
}

function lint(eslintPackage: string): Map<string, string[]> {
  const { status, stdout, stderr } = eslint(eslintPackage, ['--format', 'json', 'src']);
  expect(status, stderr).toBe(1);
  const results = JSON.parse(stdout) as JsonResult[];
  const byFile = new Map<string, string[]>();
  for (const r of results) {
    expect(r.messages.filter((m) => m.fatal)).toEqual([]);
    byFile.set(path.relative(dir, r.filePath).split(path.sep).join('/'), r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`));
  }
  return byFile;
}

describe('README snippets', () => {
  it('are ES modules in an eslint.config.mjs, because a project made by npm init is CommonJS', () => {
    for (const label of ['recommended', 'typescript-eslint', 'python']) {
      const { file, code } = snippet(label);
      expect(file).toBe('eslint.config.mjs');
      expect(code.startsWith(`// ${file}\n`)).toBe(true);
      expect(code).toContain("import { defineConfig } from 'eslint/config';");
      expect(code).not.toContain('tseslint.config(');
    }
  });

  it('named eslint.config.js in that project, the same code fails: the reason for .mjs', () => {
    writeConfig('eslint.config.js', snippet('recommended').code);
    const { status, stderr } = eslint('eslint', ['src']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/Cannot use import statement outside a module|To load an ES module/u);
  });

  describe.each(Object.entries(ESLINTS))('%s', (_, eslintPackage) => {
    it('the recommended snippet lints schema files', () => {
      const { file, code } = snippet('recommended');
      writeConfig(file, code);
      const found = lint(eslintPackage).get('src/db/schema.ts');
      expect(found).toEqual(
        expect.arrayContaining([
          '8:33 data-modeling/require-tenant-id',
          '8:33 data-modeling/require-timestamps',
          '9:3 data-modeling/require-uuid-primary-key',
        ]),
      );
      // tenants is the default root table
      expect(found).not.toContain('3:32 data-modeling/require-tenant-id');
    });

    it('the typescript-eslint snippet applies strict to src/db only, with its settings', () => {
      const { file, code } = snippet('typescript-eslint');
      writeConfig(file, code);
      const byFile = lint(eslintPackage);
      const db = byFile.get('src/db/schema.ts') ?? [];
      // require-soft-delete is in strict only
      expect(db).toEqual(expect.arrayContaining(['3:32 data-modeling/require-soft-delete', '8:33 data-modeling/require-tenant-id']));
      expect(db).not.toContain('3:32 data-modeling/require-tenant-id');
      const other = byFile.get('src/other.ts') ?? [];
      expect(other.filter((m) => m.includes('data-modeling/'))).toEqual([]);
    });

    it('the python snippet lints the SQLModel models beside the schema files', () => {
      const { file, code } = snippet('python');
      writeConfig(file, code);
      const byFile = lint(eslintPackage);
      expect(byFile.get('src/app/models.py')).toEqual(expect.arrayContaining(['6:7 data-modeling/require-tenant-id']));
      expect(byFile.get('src/db/schema.ts')).toEqual(expect.arrayContaining(['8:33 data-modeling/require-tenant-id']));
    });

    it('the recommended snippet alone does not lint .py files', () => {
      writeConfig('eslint.config.mjs', snippet('recommended').code);
      expect(lint(eslintPackage).has('src/app/models.py')).toBe(false);
    });

    it('a misspelt setting stops ESLint with one message that names the key, without a stack trace or a rule', () => {
      const code = snippet('typescript-eslint').code.replace('tenantColumn:', 'tenantColum:');
      expect(code).toContain('tenantColum:');
      writeConfig('eslint.config.mjs', code);
      const { status, stdout, stderr } = eslint(eslintPackage, ['src']);
      expect(status).toBe(2);
      expect(stdout).toBe('');
      const message =
        'eslint-plugin-data-modeling: invalid settings["data-modeling"]: unknown key "tenantColum"; did you mean "tenantColumn"? ' +
        'The known keys are tenantColumn, rootTables, casing, tableFactories, tenantSetting, externalSchemas, schema, alembic.\n' +
        `See ${REPO_URL}#settings for the settings and their values.`;
      expect(stderr).toContain(message);
      expect(stderr.split(message)).toHaveLength(2); // once
      expect(stderr).not.toMatch(/^\s+at /mu);
      expect(stderr).not.toContain('Rule:');
      expect(stderr).not.toContain('Occurred while linting');
    });
  });
});

describe('package.json', () => {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

  it('says where the repository, docs and issues are, as the rules docs URLs do', () => {
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${REPO_URL}.git` });
    expect(pkg.homepage).toBe(`${REPO_URL}#readme`);
    expect(pkg.bugs).toEqual({ url: `${REPO_URL}/issues` });
    const docGenerator = readFileSync(path.join(PROJECT_ROOT, '.eslint-doc-generatorrc.js'), 'utf8');
    expect(docGenerator).toContain(`urlConfigs: '${REPO_URL}#presets'`);
    expect(README).toContain(`git clone ${REPO_URL}.git`);
  });

  it('builds dist before packing, and the tarball holds dist and the docs', () => {
    expect((pkg.scripts as Record<string, string>).prepack).toBe('npm run build');
    // --ignore-scripts: the build above already made dist; this checks what `files` lets in.
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    const [packed] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    const files = new Set(packed!.files.map((f) => f.path));
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/settings.js', 'docs/standard.md', 'README.md', 'package.json']) {
      expect(files.has(file), file).toBe(true);
    }
    for (const doc of readdirSync(path.join(PROJECT_ROOT, 'docs/rules'))) expect(files.has(`docs/rules/${doc}`), doc).toBe(true);
    expect([...files].some((f) => f.startsWith('src/') || f.startsWith('tests/'))).toBe(false);
    expect(README).toContain(`npm install --save-dev eslint ../eslint-plugin-data-modeling/${packed!.filename}`);
  });
});

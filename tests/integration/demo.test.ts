/**
 * `npm run demo` is the first thing a new user runs: it must exit 0, print the problems of the example
 * project in ESLint's stylish format (a few of every rule of the recommended preset), print a diff that
 * is exactly what `eslint --fix` writes, and leave examples/ as it was.
 *
 * examples/ is a schema split across files as teams write it (helpers in db/columns.ts, a barrel, the
 * relations and the policies in their own files, a drizzle.config.ts). The "cross-file findings" tests
 * need the project layer (issue 13): what a table gets from another file is reported where it can be
 * fixed, once.
 *
 * examples/python/ is the SQLModel models of a FastAPI back end (issue 15), linted by the `python`
 * preset in the same run: its findings appear beside the Drizzle ones, its fixes parse, and real
 * SQLModel (the venv of support/python.ts) imports the fixed models and creates their tables in PGlite.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

import dataModeling from '../../src/index.js';
import { parsePython } from '../../src/python/parse.js';
import { PROJECT_ROOT, typecheck } from './support/drizzle.js';
import { VENV_TIMEOUT_MS, createAll, ensureVenv, importModels, withPostgres } from './support/python.js';

const run = promisify(execFile);
const EXAMPLES = path.join(PROJECT_ROOT, 'examples');
const EXAMPLE_FILES = [
  'db/columns.ts',
  'db/queries.ts',
  'db/schema/comments.ts',
  'db/schema/index.ts',
  'db/schema/invoices.ts',
  'db/schema/policies.ts',
  'db/schema/projects.ts',
  'db/schema/relations.ts',
  'db/schema/tasks.ts',
  'db/schema/tenants.ts',
  'db/schema/users.ts',
  'drizzle.config.ts',
];

async function snapshot(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(EXAMPLES, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(EXAMPLES, full), await readFile(full, 'utf8'));
  }
  return files;
}

/** Applies a unified diff (as the demo prints it) to the files it names; checks every context line. */
function applyUnifiedDiff(diff: string, read: (file: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = diff.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const header = /^--- a\/(.+)$/u.exec(lines[i]!);
    if (!header || !lines[i + 1]?.startsWith('+++ b/')) continue;
    const file = header[1]!;
    const original = read(file).replace(/\n$/u, '').split('\n');
    const result: string[] = [];
    let next = 0; // index into original
    i += 2;
    for (; i < lines.length; i++) {
      const hunk = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/u.exec(lines[i]!);
      if (!hunk) break;
      const oldStart = Number(hunk[2]) === 0 ? Number(hunk[1]) : Number(hunk[1]) - 1;
      result.push(...original.slice(next, oldStart));
      next = oldStart;
      let oldCount = 0;
      let newCount = 0;
      while (oldCount < Number(hunk[2]) || newCount < Number(hunk[4])) {
        const line = lines[++i]!;
        const text = line.slice(1);
        if (line.startsWith('+')) {
          result.push(text);
          newCount++;
          continue;
        }
        expect(original[next], `${file}:${next + 1}`).toBe(text);
        next++;
        oldCount++;
        if (line.startsWith(' ')) {
          result.push(text);
          newCount++;
        } else {
          expect(line.startsWith('-'), line).toBe(true);
        }
      }
    }
    result.push(...original.slice(next));
    out.set(file, `${result.join('\n')}\n`);
    i--;
  }
  return out;
}

let before: Map<string, string>;
let output: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  before = await snapshot();
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(EXAMPLES, 'demo.mjs')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    output = { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    output = { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? String(error) };
  }
}, 180_000);

describe('npm run demo', () => {
  it('exits 0 and leaves examples/ unchanged', async () => {
    expect(output.code, output.stderr).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('prints the problems in the stylish format, with every rule of the recommended and python presets', () => {
    const { stdout } = output;
    expect(stdout).toContain('$ eslint examples/');
    for (const file of ['db/columns.ts', 'db/queries.ts', 'db/schema/comments.ts', 'db/schema/invoices.ts', 'db/schema/projects.ts', 'db/schema/users.ts']) {
      expect(stdout).toMatch(new RegExp(`^examples/${file.replaceAll('.', '\\.')}$`, 'mu'));
    }
    expect(stdout).toMatch(/^ {2}\d+:\d+ +error +\S.* +data-modeling\/[a-z-]+$/mu);
    expect(stdout).toMatch(/✖ \d+ problems \(\d+ errors, 0 warnings\)/u);
    const reported = new Set([...stdout.matchAll(/ (data-modeling\/[a-z-]+)$/gmu)].map((m) => m[1]));
    const presets = [dataModeling.configs.recommended, dataModeling.configs.python].flatMap((c) => Object.keys(c.rules ?? {}));
    expect([...reported].sort()).toEqual([...new Set(presets)].sort());
  });

  it('prints a diff that turns each example into what `eslint --fix` writes', async () => {
    const { stdout } = output;
    const diff = stdout.slice(stdout.indexOf('$ eslint --fix examples/'));
    expect(diff).toMatch(/^--- a\/examples\/db\/schema\/projects\.ts\n\+\+\+ b\/examples\/db\/schema\/projects\.ts\n@@ -\d+,\d+ \+\d+,\d+ @@$/mu);
    const patched = applyUnifiedDiff(diff, (file) => before.get(path.relative('examples', file))!);
    expect(patched.size).toBeGreaterThan(0);

    const expected = new Map([...(await fixedExamples())].map(([file, text]) => [`examples/${file.split(path.sep).join('/')}`, text] as const));
    expect(patched).toEqual(expected);
  });

  it('uses an example that type-checks against drizzle-orm', () => {
    const sources = Object.fromEntries([...before].filter(([file]) => file.endsWith('.ts')));
    expect(Object.keys(sources).sort()).toEqual(EXAMPLE_FILES);
    expect(typecheck(sources, { compilerOptions: { types: ['node'] } }).diagnostics).toEqual([]);
  });

  it('after `eslint --fix` the example still type-checks (fixes in one file do not break another)', async () => {
    const sources = Object.fromEntries([...before].filter(([file]) => file.endsWith('.ts')));
    for (const [file, text] of await fixedExamples()) if (file.endsWith('.ts')) sources[file] = text;
    expect(typecheck(sources, { compilerOptions: { types: ['node'] } }).diagnostics).toEqual([]);
  });
});

/** The problems the demo prints, by file (relative to examples/): `line:column rule message`. */
function problemsByFile(stdout: string): Map<string, string[]> {
  const lint = stdout.slice(0, stdout.indexOf('$ eslint --fix examples/'));
  const byFile = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lint.split('\n')) {
    const file = /^examples\/(\S+)$/u.exec(line);
    if (file) byFile.set(file[1]!, (current = []));
    const problem = /^ +(\d+:\d+) +error +(.*?) +(data-modeling\/[a-z-]+)$/u.exec(line);
    if (problem && current) current.push(`${problem[1]} ${problem[3]} ${problem[2]}`);
  }
  return byFile;
}

/** The demo's diff of one file, `eslint --fix`'s output of it. */
let fixedRun: Promise<Map<string, string>> | undefined;

/**
 * What `eslint --fix` writes into the examples (nothing is written): path relative to examples/ -> fixed
 * text, for the files it changes. One lint of the whole folder, shared by the tests that read it.
 */
function fixedExamples(): Promise<Map<string, string>> {
  fixedRun ??= new ESLint({ cwd: EXAMPLES, overrideConfigFile: path.join(EXAMPLES, 'eslint.config.js'), fix: true })
    .lintFiles(['.'])
    .then((results) => new Map(results.filter((r) => r.output !== undefined).map((r) => [path.relative(EXAMPLES, r.filePath), r.output!] as const)));
  return fixedRun;
}

async function fixedText(file: string): Promise<string> {
  return (await fixedExamples()).get(file) ?? before.get(file)!;
}

// Needs the project layer of issue 13 (imports resolved, drizzle.config.ts read).
describe('npm run demo: cross-file findings', () => {
  const rules = (problems: string[] | undefined, rule: string) => (problems ?? []).filter((p) => p.includes(` data-modeling/${rule} `));

  it('reports a problem of a shared helper column in the helper file, once, not on each table that spreads it', () => {
    const byFile = problemsByFile(output.stdout);
    const columns = before.get('db/columns.ts')!.split('\n');
    const createdAt = columns.findIndex((l) => l.includes('createdAt:')) + 1;
    const updatedAt = columns.findIndex((l) => l.includes('updatedAt:')) + 1;
    expect(rules(byFile.get('db/columns.ts'), 'snake-case').map((p) => p.split(' ')[0])).toEqual([`${createdAt}:3`, `${updatedAt}:3`]);
    for (const file of ['db/schema/users.ts', 'db/schema/tasks.ts', 'db/schema/comments.ts', 'db/schema/invoices.ts']) {
      expect((byFile.get(file) ?? []).filter((p) => /createdAt|updatedAt/u.test(p)), file).toEqual([]);
    }
  });

  it('reports the table that spreads the imported timestamps but has no tenant column', () => {
    const byFile = problemsByFile(output.stdout);
    const line = before.get('db/schema/invoices.ts')!.split('\n').findIndex((l) => l.includes("pgTable('invoices'")) + 1;
    expect(rules(byFile.get('db/schema/invoices.ts'), 'require-tenant-id')).toEqual([
      expect.stringMatching(new RegExp(`^${line}:33 data-modeling/require-tenant-id Table "invoices" has no`, 'u')),
    ]);
    expect(rules(byFile.get('db/schema/comments.ts'), 'require-tenant-id')).toHaveLength(1);
  });

  it('sees the visible email column of a table that spreads helpers', () => {
    const line = before.get('db/schema/users.ts')!.split('\n').findIndex((l) => l.includes('email:')) + 1;
    expect(rules(problemsByFile(output.stdout).get('db/schema/users.ts'), 'email-address-name')).toEqual([
      expect.stringMatching(new RegExp(`^${line}:5 data-modeling/email-address-name Column "email" of table "users"`, 'u')),
    ]);
  });

  it('does not report tasks, whose policy policies.ts links, and --fix adds no second policy', async () => {
    expect(rules(problemsByFile(output.stdout).get('db/schema/tasks.ts'), 'require-rls')).toEqual([]);
    expect(await fixedText('db/schema/tasks.ts')).not.toContain('pgPolicy');
  });

  it('reports db.delete() of tables imported through the barrel that soft-delete, also through a helper', () => {
    const queries = before.get('db/queries.ts')!.split('\n');
    const at = (needle: string) => `${queries.findIndex((l) => l.includes(needle)) + 1}:`;
    const reported = rules(problemsByFile(output.stdout).get('db/queries.ts'), 'no-hard-delete');
    expect(reported).toEqual([
      expect.stringMatching(new RegExp(`^${at('db.delete(projects)')}\\d+ .*"projects"`, 'u')),
      expect.stringMatching(new RegExp(`^${at('tx.delete(users)')}\\d+ .*"users"`, 'u')),
    ]);
  });

  it('--fix gives the tables without a tenant column one, and their policy reads that column', async () => {
    for (const file of ['db/schema/invoices.ts', 'db/schema/comments.ts']) {
      const text = await fixedText(file);
      // The column itself, or the shared helper that holds it.
      expect(text, file).toMatch(/^ +(?:\w+: uuid\('tenant_id'\)|\.\.\.tenantId\(\))/mu);
      expect(text.match(/current_setting\('app\.tenant_id'\)/gu), file).toHaveLength(1);
    }
  });
});

describe('npm run demo: the SQLModel models beside the Drizzle schema', () => {
  const MODELS = 'python/app/models.py';
  const lineOf = (file: string, needle: string) => before.get(file)!.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('lists the Python findings in the same stylish output, at the field and at the class name', () => {
    const problems = problemsByFile(output.stdout).get(MODELS);
    expect(problems, output.stdout).toBeDefined();
    expect(problems!.filter((p) => p.includes(' data-modeling/require-tenant-id '))).toEqual([
      `${lineOf(MODELS, 'tenant_id: Optional[UUID]')}:5 data-modeling/require-tenant-id Tenant column "tenant_id" of table "projects" is nullable; make it non-Optional so that every row belongs to a tenant`,
      `${lineOf(MODELS, 'class Invoice(')}:7 data-modeling/require-tenant-id Table "invoices" has no "tenant_id" column; every table except the root tables (tenants) belongs to a tenant`,
    ]);
    // Invoice and Project inherit TimestampMixin from app/mixins.py (`from app.mixins import …`): that
    // Invoice's missing tenant_id is reported at all shows the mixin was read (an unreadable base leaves
    // the columns unknown and the rules silent), and its timestamps count.
    expect(problems!.filter((p) => p.includes(' data-modeling/require-timestamps '))).toEqual([]);
    // The root table and the mixin (not a table) are not asked for a tenant column.
    expect(problems!.filter((p) => p.includes('"tenants"'))).toEqual([]);
    expect((problemsByFile(output.stdout).get('python/app/mixins.py') ?? []).filter((p) => p.includes('require-tenant-id'))).toEqual([]);
  });

  it('shows the fix of the models in the diff, and the fixed models parse', async () => {
    expect(output.stdout).toMatch(/^--- a\/examples\/python\/app\/models\.py\n\+\+\+ b\/examples\/python\/app\/models\.py$/mu);
    const text = await fixedText(MODELS);
    expect(parsePython(text).ok).toBe(true);
    expect(text).toContain('    tenant_id: UUID = Field(foreign_key="tenants.id", index=True)\n    name: str\n    archived: bool = False\n');
    const invoice = text.slice(text.indexOf('class Invoice('));
    expect(invoice).toMatch(/^ {4}tenant_id: UUID = Field\(foreign_key="tenants\.id", index=True\)$/mu);
  });

  it('real SQLModel imports the models, and the fixed ones too; create_all makes their tables in Postgres', async () => {
    await ensureVenv();
    const project = (models: string) => ({
      'app/__init__.py': before.get('python/app/__init__.py')!,
      'app/mixins.py': before.get('python/app/mixins.py')!,
      'app/models.py': models,
    });
    const original = await importModels(project(before.get(MODELS)!));
    expect(original.invoices).not.toContain('tenant_id');
    const fixed = await fixedText(MODELS);
    const tables = await withPostgres((pg) => createAll(pg, project(fixed)));
    expect(Object.keys(tables).sort()).toEqual(['invoices', 'projects', 'tenants']);
    expect(tables.invoices).toEqual(expect.arrayContaining(['tenant_id', 'created_at', 'updated_at']));
  }, VENV_TIMEOUT_MS);

  it('lints the Alembic history beside the models (alembic.ini, alembic/versions/) with the python preset', async () => {
    const results = await new ESLint({ cwd: EXAMPLES, overrideConfigFile: path.join(EXAMPLES, 'eslint.config.js') }).lintFiles(['python']);
    const linted = results.map((r) => path.relative(EXAMPLES, r.filePath).split(path.sep).join('/')).sort();
    expect(linted).toEqual([
      'python/alembic/env.py',
      'python/alembic/versions/0001_create_tenants_and_projects.py',
      'python/app/__init__.py',
      'python/app/mixins.py',
      'python/app/models.py',
    ]);
    expect(results.flatMap((r) => r.messages.filter((m) => m.fatal))).toEqual([]);
    // Every reported rule is one the python preset turns on.
    const enabled = Object.keys(dataModeling.configs.python.rules ?? {});
    for (const message of results.flatMap((r) => r.messages)) expect(enabled).toContain(message.ruleId);
  });

  it('uses models that the Python language parses without error', () => {
    for (const file of ['python/app/models.py', 'python/app/mixins.py']) expect(parsePython(before.get(file)!).ok, file).toBe(true);
  });
});

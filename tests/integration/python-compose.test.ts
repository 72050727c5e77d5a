/**
 * Issue 15, items 5 and 7: the Python fixes compose, proved with the real libraries. A hand-written
 * SQLModel project that breaks the standard in most ways at once (tests/fixtures/python/compose/: a
 * models package whose mixin lives in another module, camelCase fields with same-file uses, missing
 * tenant_id, timestamps, id and deleted_at, an Optional tenant_id, naive datetimes, a root `tenants` table,
 * relationships, `__table_args__`) is fixed on disk by `eslint --fix` with every rule of the plugin whose
 * `meta.languages` includes 'data-modeling/python' (taken from the plugin object, so a rule that gains a
 * Python half is in), in several rule orders. Then, for every order:
 * - CPython parses every file, and nothing is duplicated (no field twice in a class, no name imported twice);
 * - a second `--fix` pass changes nothing, and reports only problems that have no fix;
 * - the models import with real SQLModel and `SQLModel.metadata.create_all` runs against PGlite;
 * - the catalog has the standard columns: tenant_id uuid NOT NULL with a foreign key to tenants and an
 *   index, id uuid primary key, created_at/updated_at NOT NULL, deleted_at nullable.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';
import { parseImport } from '../../src/python/model.js';
import { child, parsePython, statements, type PyNode } from '../../src/python/parse.js';
import {
  createAll,
  ensureVenv,
  readProject,
  removeProject,
  syntaxErrors,
  VENV_TIMEOUT_MS,
  withPostgres,
  writeProject,
} from './support/python.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = path.join(here, '../fixtures/python/compose');
const MODULES = ['app.models.mixins', 'app.models.tenant', 'app.models.project', 'app.models.task', 'app.models'];
const TABLES = ['projects', 'tasks', 'tenants'];
const PYTHON_TESTS = { timeout: 300_000 };

/** The plugin's rules that run on Python, from the plugin object. */
const PYTHON_RULES = Object.entries(dataModeling.rules as Record<string, { meta?: { languages?: readonly string[] } }>)
  .filter(([, rule]) => rule.meta?.languages?.includes('data-modeling/python'))
  .map(([name]) => name);

/**
 * Renames as fixes (by default a rename of a database column is a suggestion: it needs a migration), so
 * that they compose with the insertions, as tests/integration/compose.test.ts does for Drizzle.
 */
const RENAMES: Linter.RulesRecord = {
  'snake-case': ['error', { exportedKeyRenames: 'fix', databaseRenames: 'fix' }],
  'email-address-name': ['error', { exportedKeyRenames: 'fix', databaseRenames: 'fix' }],
};

const ORDERS: Record<string, (names: string[]) => string[]> = {
  natural: (names) => names,
  reversed: (names) => [...names].reverse(),
  rotated: (names) => [...names.slice(names.length >> 1), ...names.slice(0, names.length >> 1)],
};

function eslintFor(dir: string, order: string[], fix: boolean): ESLint {
  const rules: Linter.RulesRecord = Object.fromEntries(order.map((name) => [`data-modeling/${name}`, RENAMES[name] ?? 'error']));
  const config: Linter.Config[] = [
    {
      files: ['**/*.py'],
      plugins: { 'data-modeling': dataModeling as unknown as NonNullable<Linter.Config['plugins']>[string] },
      language: 'data-modeling/python',
      rules,
    },
  ];
  return new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: config, fix });
}

/** `eslint --fix '**\/*.py'` in `dir`: writes the fixes; returns the messages left, by file. */
async function fixOnDisk(dir: string, order: string[]): Promise<Record<string, Linter.LintMessage[]>> {
  const results = await eslintFor(dir, order, true).lintFiles(['**/*.py']);
  await ESLint.outputFixes(results);
  const left: Record<string, Linter.LintMessage[]> = {};
  for (const result of results) {
    if (result.messages.length > 0) left[path.relative(dir, result.filePath).split(path.sep).join('/')] = result.messages;
  }
  return left;
}

/** What a fixed file holds twice: a field of one class, or a name bound by two imports. */
function duplicates(text: string): string[] {
  const parsed = parsePython(text);
  if (!parsed.ok) return ['does not parse'];
  const found: string[] = [];
  const imported = new Set<string>();
  const walk = (node: PyNode): void => {
    if (node.type === 'ImportStatement') {
      for (const binding of parseImport(text.slice(node.range[0], node.range[1])) ?? []) {
        if (imported.has(binding.local)) found.push(`import ${binding.local} twice`);
        imported.add(binding.local);
      }
    }
    if (node.type === 'ClassDefinition') {
      const fields = new Set<string>();
      for (const statement of statements(child(node, 'Body'))) {
        const line = text.slice(statement.range[0], statement.range[1]);
        const field = /^(\w+)\s*:/u.exec(line)?.[1];
        if (!field) continue;
        if (fields.has(field)) found.push(`field ${field} twice in line ${statement.loc.start.line}`);
        fields.add(field);
      }
    }
    for (const child of node.children) walk(child);
  };
  walk(parsed.ast);
  return found;
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: string;
}

beforeAll(async () => {
  await ensureVenv();
}, VENV_TIMEOUT_MS);

describe('every Python rule with --fix on a violating SQLModel project', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await removeProject(dir);
  });

  it('takes the rules from the plugin object', () => {
    expect(PYTHON_RULES).toEqual(expect.arrayContaining(['require-tenant-id', 'require-timestamps', 'require-uuid-primary-key', 'require-soft-delete', 'prefer-timestamptz']));
  });

  const outputs = new Map<string, Record<string, string>>();
  for (const [orderName, reorder] of Object.entries(ORDERS)) {
    it(`leaves a project that parses, imports and creates the standard tables (${orderName} order)`, PYTHON_TESTS, async () => {
        const order = reorder(PYTHON_RULES);
        const dir = await writeProject({ dir: FIXTURE });
        dirs.push(dir);
        await fixOnDisk(dir, order);
        const fixed = readProject(dir);
        outputs.set(orderName, fixed);

        // CPython parses every file; nothing is there twice.
        expect(await syntaxErrors(fixed)).toEqual({});
        for (const [file, text] of Object.entries(fixed)) expect(duplicates(text), `${file}\n${text}`).toEqual([]);

        // A second pass changes nothing and reports only problems that have no fix.
        const left = await fixOnDisk(dir, order);
        expect(readProject(dir)).toEqual(fixed);
        const fixable = Object.entries(left).flatMap(([file, messages]) =>
          messages.filter((m) => m.fix || m.fatal).map((m) => `${file}:${m.line}:${m.column} ${m.ruleId} ${m.message}`),
        );
        expect(fixable).toEqual([]);

        // Real SQLModel imports the models and creates their tables in Postgres.
        const rows = await withPostgres(async (pg) => {
          const tables = await createAll(pg, fixed, { modules: MODULES });
          expect(Object.keys(tables).sort()).toEqual(TABLES);
          return catalog(pg.db);
        });
        for (const table of TABLES) {
          const columns = new Map(rows.columns.filter((r) => r.table_name === table).map((r) => [r.column_name, r]));
          expect(columns.get('id'), table).toMatchObject({ data_type: 'uuid', is_nullable: 'NO' });
          expect(rows.primaryKeys, table).toContain(`${table}.id`);
          expect(columns.get('created_at'), table).toMatchObject({ data_type: 'timestamp with time zone', is_nullable: 'NO' });
          expect(columns.get('updated_at'), table).toMatchObject({ data_type: 'timestamp with time zone', is_nullable: 'NO' });
          expect(columns.get('deleted_at'), table).toMatchObject({ data_type: 'timestamp with time zone', is_nullable: 'YES' });
          if (table === 'tenants') {
            expect(columns.has('tenant_id')).toBe(false);
            continue;
          }
          expect(columns.get('tenant_id'), table).toMatchObject({ data_type: 'uuid', is_nullable: 'NO' });
          expect(rows.foreignKeys, table).toContain(`${table}.tenant_id->tenants.id`);
          expect(rows.indexed, table).toContain(`${table}.tenant_id`);
        }
        // No naive timestamp is left anywhere.
        expect(rows.columns.filter((r) => r.data_type === 'timestamp without time zone')).toEqual([]);
    });
  }

  it('gives the same files whatever the rule order', () => {
    const [first, ...rest] = [...outputs.values()];
    expect(first).toBeDefined();
    for (const other of rest) expect(other).toEqual(first);
  });
});

async function catalog(db: PGlite): Promise<{
  columns: ColumnRow[];
  primaryKeys: string[];
  foreignKeys: string[];
  indexed: string[];
}> {
  const columns = (
    await db.query<ColumnRow>(
      `select table_name, column_name, data_type, is_nullable from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
    )
  ).rows;
  const primaryKeys = (
    await db.query<{ k: string }>(
      `select c.conrelid::regclass::text || '.' || a.attname as k from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
        where c.contype = 'p'`,
    )
  ).rows.map((r) => r.k);
  const foreignKeys = (
    await db.query<{ k: string }>(
      `select c.conrelid::regclass::text || '.' || a.attname || '->' || c.confrelid::regclass::text || '.' || fa.attname as k
         from pg_constraint c
         join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
         join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
        where c.contype = 'f' and array_length(c.conkey, 1) = 1`,
    )
  ).rows.map((r) => r.k);
  // A column is indexed when it leads some index of its table.
  const indexed = (
    await db.query<{ k: string }>(
      `select i.indrelid::regclass::text || '.' || a.attname as k from pg_index i
         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]`,
    )
  ).rows.map((r) => r.k);
  return { columns, primaryKeys, foreignKeys, indexed };
}


/**
 * Issue 13 end to end: a multi-tenant app whose schema is split across files as teams write it
 * (tests/fixtures/projects/tenant-app: helpers in columns.ts, tsconfig `paths`, a barrel, relations and
 * a linked policy in their own files, a drizzle.config.ts naming the schema files). ESLint's Node API
 * lints a copy of it on disk and fixes it, with `recommended` and with `strict`; then the fixed
 * project type-checks against drizzle-orm, drizzle-kit turns its schema files into SQL, and a real
 * Postgres (PGlite) proves every tenant table isolated by exactly one tenant policy. The unfixed
 * project migrates cleanly too, so the fix did not break what worked.
 *
 * Every test here needs the project layer (imports resolved, drizzle.config.ts read): file by file,
 * the plugin cannot see that `invoices` lacks a tenant column, that `tasks` has a linked policy, or
 * that `users` soft-deletes.
 */
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

import type { PGlite } from '@electric-sql/pglite';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import dataModeling from '../../src/index.js';
import { asTenant, generateSql, PROJECT_ROOT, TYPECHECK_ROOT, typecheck, withDatabase, type SourceFiles } from './support/drizzle.js';

const FIXTURE = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'projects', 'tenant-app');
const SCHEMA_DIR = 'src/db/schema';
const TENANT_TABLES = ['users', 'tasks', 'invoices'] as const;
const TENANT_A = '00000000-0000-4000-8000-00000000000a';
const TENANT_B = '00000000-0000-4000-8000-00000000000b';
/** Type-checking against drizzle-orm and starting Postgres take a minute on a busy machine. */
const HEAVY = 180_000;

type Preset = 'recommended' | 'strict';

let original: Map<string, string>;
const copies: string[] = [];

/** The project's .ts files (relative posix path -> text). */
async function readProject(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(root, full).split(path.sep).join('/'), await readFile(full, 'utf8'));
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
}

/** A fresh copy of the fixture on disk, inside the repository so that drizzle-orm resolves. */
async function copyProject(): Promise<string> {
  const dir = await mkdtemp(path.join(PROJECT_ROOT, 'tests', '.tmp-project-'));
  copies.push(dir);
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}

function eslintFor(cwd: string, preset: Preset, fix = false): ESLint {
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: [dataModeling.configs[preset] as Linter.Config], fix });
}

/** `file:line:column rule` of every problem, with the message for the reader of a failure. */
function problems(results: ESLint.LintResult[], root: string): string[] {
  return results
    .flatMap((result) =>
      result.messages.map((m) => `${path.relative(root, result.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    )
    .sort();
}

/** 1-based line and column of the first `needle` in a fixture file (after `after`, if given). */
function at(file: string, needle: string, after?: string): string {
  const text = original.get(file)!;
  const offset = text.indexOf(needle, after === undefined ? 0 : text.indexOf(after));
  if (offset < 0) throw new Error(`${needle} is not in ${file}`);
  const before = text.slice(0, offset).split('\n');
  return `${file}:${before.length}:${before.at(-1)!.length + 1}`;
}

/** The schema files drizzle-kit reads (drizzle.config.ts: `./src/db/schema/*.ts`). */
function schemaEntries(files: Map<string, string>): string[] {
  return [...files.keys()].filter((file) => path.posix.dirname(file) === SCHEMA_DIR);
}

/** The sources as Node can import them: `@/x` (tsconfig `paths`: `@/*` -> `./src/*`) made relative. */
function withoutPathAliases(files: Map<string, string>): SourceFiles {
  const out: Record<string, string> = {};
  for (const [file, text] of files) {
    out[file] = text.replace(/(from\s+)'@\/([^']+)'/gu, (_, from: string, target: string) => {
      let relative = path.posix.relative(path.posix.dirname(file), `src/${target}`);
      if (!relative.startsWith('.')) relative = `./${relative}`;
      return `${from}'${relative}'`;
    });
  }
  return out;
}

function expectTypeChecks(files: Map<string, string>): void {
  const options = { compilerOptions: { baseUrl: TYPECHECK_ROOT, paths: { '@/*': ['./src/*'] } } };
  expect(typecheck(Object.fromEntries(files), options).diagnostics).toEqual([]);
}

async function migrationOf(files: Map<string, string>): Promise<string> {
  return generateSql(withoutPathAliases(files), schemaEntries(files));
}

interface Policies {
  /** Tables with row-level security enabled. */
  rls: string[];
  /** table -> names of its policies whose condition reads app.tenant_id. */
  tenantPolicies: Record<string, string[]>;
}

async function policiesOf(db: PGlite): Promise<Policies> {
  const rls = await db.query<{ relname: string }>(
    `SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relrowsecurity ORDER BY relname`,
  );
  const policies = await db.query<{ tablename: string; policyname: string }>(
    `SELECT tablename, policyname FROM pg_policies
     WHERE schemaname = 'public' AND (qual LIKE '%app.tenant_id%' OR with_check LIKE '%app.tenant_id%') ORDER BY tablename, policyname`,
  );
  const tenantPolicies: Record<string, string[]> = {};
  for (const row of policies.rows) (tenantPolicies[row.tablename] ??= []).push(row.policyname);
  return { rls: rls.rows.map((r) => r.relname), tenantPolicies };
}

/** The user the seed gives a tenant. */
function userOf(tenant: string): string {
  return `00000000-0000-4000-8000-0000000001${tenant.slice(-1)}0`;
}

/** Seeds tenants A and B (as the owner, which bypasses RLS) with a user, a task and an invoice each. */
async function seed(db: PGlite, invoicesHaveTenant: boolean): Promise<void> {
  for (const [tenant, n] of [[TENANT_A, 'a'], [TENANT_B, 'b']] as const) {
    const user = userOf(tenant);
    await db.query(`INSERT INTO tenants (id, name) VALUES ($1, $2)`, [tenant, n]);
    await db.query(`INSERT INTO users (id, tenant_id, email_address, full_name) VALUES ($1, $2, $3, $3)`, [user, tenant, `${n}@example.com`]);
    await db.query(`INSERT INTO tasks (tenant_id, assignee_id, title) VALUES ($1, $2, 't')`, [tenant, user]);
    await db.query(
      invoicesHaveTenant
        ? `INSERT INTO invoices (tenant_id, user_id, amount_cents) VALUES ($2, $1, 100)`
        : `INSERT INTO invoices (user_id, amount_cents) VALUES ($1, 100)`,
      invoicesHaveTenant ? [user, tenant] : [user],
    );
  }
}

/** The users' tenants that tenant A sees in each table, through the app's non-owner role. */
async function seenByTenantA(db: PGlite): Promise<Record<string, string[]>> {
  return asTenant(db, TENANT_A, async (tx) => {
    const seen: Record<string, string[]> = {};
    seen.users = (await tx.query<{ t: string }>('SELECT tenant_id AS t FROM users ORDER BY 1')).rows.map((r) => r.t);
    seen.tasks = (await tx.query<{ t: string }>('SELECT tenant_id AS t FROM tasks ORDER BY 1')).rows.map((r) => r.t);
    // Through the user (whose tenant the seed knows), so that the query works before the fix, when
    // invoices has no tenant column, and after.
    const owners = (await tx.query<{ u: string }>('SELECT user_id AS u FROM invoices')).rows.map((r) => r.u);
    seen.invoices = owners.map((user) => (user === userOf(TENANT_A) ? TENANT_A : user === userOf(TENANT_B) ? TENANT_B : user)).sort();
    return seen;
  });
}

beforeAll(async () => {
  original = await readProject(FIXTURE);
});

afterAll(async () => {
  for (const dir of copies) await rm(dir, { recursive: true, force: true });
});

describe('the split-file app, unfixed', () => {
  it('type-checks, migrates cleanly, and tasks gets its linked policy from policies.ts', async () => {
    expectTypeChecks(original);
    const sql = await migrationOf(original);
    await withDatabase(sql, async (db) => {
      const policies = await policiesOf(db);
      expect(policies.rls).toEqual(['tasks', 'tenants', 'users']);
      expect(policies.tenantPolicies).toEqual({ tasks: ['tasks_tenant_isolation'], tenants: ['tenants_isolation'], users: ['users_tenant_isolation'] });
      await seed(db, false);
      // invoices has no tenant column and no policy: every tenant sees every invoice.
      expect(await seenByTenantA(db)).toEqual({ users: [TENANT_A], tasks: [TENANT_A], invoices: [TENANT_A, TENANT_B] });
    });
  }, HEAVY);
});

describe.each(['recommended', 'strict'] as const)('the split-file app with %s', (preset) => {
  let root: string;
  let reported: string[];
  let fixed: Map<string, string>;
  let remaining: ESLint.LintResult[];

  beforeAll(async () => {
    root = await copyProject();
    reported = problems(await eslintFor(root, preset).lintFiles(['.']), root);
    const results = await eslintFor(root, preset, true).lintFiles(['.']);
    await ESLint.outputFixes(results);
    fixed = await readProject(root);
    remaining = await eslintFor(root, preset).lintFiles(['.']);
  }, HEAVY);

  it('reports what the tables lack where they can be fixed, once, and nothing else', () => {
    const invoices = at('src/db/schema/invoices.ts', "'invoices'");
    const expected = [
      expect.stringMatching(new RegExp(`^${at('src/db/queries.ts', 'delete(users)')} data-modeling/no-hard-delete .*"users"`, 'u')),
      expect.stringMatching(new RegExp(`^${invoices} data-modeling/require-rls Table "invoices" does not enable row-level security`, 'u')),
      expect.stringMatching(new RegExp(`^${invoices} data-modeling/require-tenant-id Table "invoices" has no "tenant_id" column`, 'u')),
    ];
    if (preset === 'strict') {
      // The helper's timestamp without time zone, in the helper's file, not on the three tables that spread it.
      expected.unshift(expect.stringMatching(new RegExp(`^${at('src/db/columns.ts', 'deleted_at: timestamp')} data-modeling/prefer-timestamptz .*deleted_at`, 'u')));
    }
    expect(reported).toEqual(expected);
  });

  it('--fix changes only the files with a fixable problem; tasks gets no second policy', () => {
    const changed = [...fixed].filter(([file, text]) => original.get(file) !== text).map(([file]) => file);
    expect(changed).toEqual(preset === 'strict' ? ['src/db/columns.ts', 'src/db/schema/invoices.ts'] : ['src/db/schema/invoices.ts']);
    expect(fixed.get('src/db/schema/tasks.ts')).toBe(original.get('src/db/schema/tasks.ts'));
    if (preset === 'strict') {
      expect(fixed.get('src/db/columns.ts')).toBe(
        original.get('src/db/columns.ts')!.replace("timestamp('deleted_at')", "timestamp('deleted_at', { withTimezone: true })"),
      );
    }
  });

  it('--fix gives invoices a tenant column, its index and one policy that reads it', () => {
    const text = fixed.get('src/db/schema/invoices.ts')!;
    // The column itself, or the shared helper that holds it.
    expect(text).toMatch(/^ +(?:tenant_id: uuid\('tenant_id'\)|\.\.\.tenantId\(\))/mu);
    expect(text.match(/pgPolicy\(/gu)).toHaveLength(1);
    expect(text).toMatch(/index\('invoices_tenant_id_idx'\)\.on\(t\.tenant_id\)/u);
  });

  it('leaves only problems that need a decision', () => {
    const left = problems(remaining, root);
    expect(left.filter((p) => p.includes('data-modeling/no-hard-delete'))).toHaveLength(1);
    // The tenant column inserted in invoices may wait for its reference target (a suggestion).
    expect(left.filter((p) => !p.includes('data-modeling/no-hard-delete'))).toEqual(
      left.filter((p) => /^src\/db\/schema\/invoices\.ts:\d+:\d+ data-modeling\/require-foreign-keys .*"tenant_id"/u.test(p)),
    );
    expect(remaining.flatMap((r) => r.messages).filter((m) => m.fix)).toEqual([]);
  });

  it('the fixed project type-checks against drizzle-orm', () => {
    expectTypeChecks(fixed);
  }, HEAVY);

  it('the fixed schema migrates, and every tenant table is isolated by exactly one tenant policy', async () => {
    const sql = await migrationOf(fixed);
    await withDatabase(sql, async (db) => {
      const policies = await policiesOf(db);
      expect(policies.rls).toEqual(['invoices', 'tasks', 'tenants', 'users']);
      for (const table of TENANT_TABLES) expect(policies.tenantPolicies[table], table).toHaveLength(1);
      await seed(db, true);
      expect(await seenByTenantA(db)).toEqual({ users: [TENANT_A], tasks: [TENANT_A], invoices: [TENANT_A] });
      // Writing a row for tenant B is refused in every tenant table.
      for (const [table, insert] of [
        ['tasks', `INSERT INTO tasks (tenant_id, title) VALUES ($1, 'x')`],
        ['invoices', `INSERT INTO invoices (tenant_id, user_id, amount_cents) VALUES ($1, '${userOf(TENANT_B)}', 1)`],
      ] as const) {
        await expect(asTenant(db, TENANT_A, (tx) => tx.query(insert, [TENANT_B])), table).rejects.toThrow(/row-level security/u);
      }
    });
  }, HEAVY);
});

/**
 * Issue 5 end to end: a schema without row-level security is fixed by require-rls through ESLint's
 * Node API; drizzle-kit turns the output into SQL; applied to a real Postgres (PGlite), the app's
 * non-owner role with app.tenant_id = A sees and changes only tenant A's rows. The same probe on the
 * unfixed schema shows the leak, so the test fails if the fix stops isolating tenants.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { asRole, asTenant, generateSql, PROJECT_ROOT, typecheck, withDatabase } from './support/drizzle.js';
import { lintAndFix, manyTables } from './support/eslint.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = readFileSync(path.join(here, 'fixtures/rls/schema.ts'), 'utf8');
const only = ['require-rls'];

const TENANT_A = '00000000-0000-4000-8000-00000000000a';
const TENANT_B = '00000000-0000-4000-8000-00000000000b';
const TENANT_C = '00000000-0000-4000-8000-00000000000c';
const ROW_A = '00000000-0000-4000-8000-0000000000a1';
const ROW_B = '00000000-0000-4000-8000-0000000000b1';
const ROW_NEW = '00000000-0000-4000-8000-0000000000f1';
const TENANT_TABLES = ['projects', 'tasks', 'notes'] as const;
const RLS_ERROR = /row-level security/u;

/** What a statement did: the number of rows it affected, or the error it raised. */
type Outcome = number | Error;

interface View {
  /** tenant_id (tenants: id) of the rows the tenant can see. */
  visible: string[];
  insertB: Outcome;
  updateB: Outcome;
  deleteB: Outcome;
  /** tenant tables only: `UPDATE … SET tenant_id = B` on a row of A. */
  moveAToB: Outcome | null;
  updateOwn: Outcome;
}

class RolledBack extends Error {
  constructor(readonly affected: number) {
    super('rolled back');
  }
}

/** Runs one statement as app_user for tenant A and rolls it back, so every attempt starts from the seed. */
async function attempt(db: PGlite, statement: string, params: unknown[], role?: string): Promise<Outcome> {
  try {
    await asTenant(db, TENANT_A, async (tx) => {
      const result = await tx.query(statement, params);
      throw new RolledBack(result.affectedRows ?? 0);
    }, role ? { role } : {});
    throw new Error('unreachable');
  } catch (error) {
    if (error instanceof RolledBack) return error.affected;
    return error as Error;
  }
}

/** Seeds tenants A and B (as the owner, which bypasses RLS) and probes every table as tenant A. */
async function probe(db: PGlite, role?: string): Promise<Record<string, View>> {
  await db.query(`INSERT INTO tenants (id, name) VALUES ($1, 'A'), ($2, 'B')`, [TENANT_A, TENANT_B]);
  for (const table of TENANT_TABLES) {
    await db.query(`INSERT INTO ${table} (id, tenant_id, name) VALUES ($1, $2, 'a'), ($3, $4, 'b')`, [ROW_A, TENANT_A, ROW_B, TENANT_B]);
  }
  const views: Record<string, View> = {};
  const visible = (statement: string) =>
    asTenant(db, TENANT_A, async (tx) => (await tx.query<{ tenant: string }>(statement)).rows.map((r) => r.tenant).sort(), role ? { role } : {});
  views.tenants = {
    visible: await visible('SELECT id AS tenant FROM tenants'),
    insertB: await attempt(db, `INSERT INTO tenants (id, name) VALUES ($1, 'C')`, [TENANT_C], role),
    updateB: await attempt(db, `UPDATE tenants SET name = 'x' WHERE id = $1`, [TENANT_B], role),
    deleteB: await attempt(db, 'DELETE FROM tenants WHERE id = $1', [TENANT_B], role),
    moveAToB: null,
    updateOwn: await attempt(db, `UPDATE tenants SET name = 'x' WHERE id = $1`, [TENANT_A], role),
  };
  for (const table of TENANT_TABLES) {
    views[table] = {
      visible: await visible(`SELECT tenant_id AS tenant FROM ${table}`),
      insertB: await attempt(db, `INSERT INTO ${table} (id, tenant_id, name) VALUES ($1, $2, 'x')`, [ROW_NEW, TENANT_B], role),
      updateB: await attempt(db, `UPDATE ${table} SET name = 'x' WHERE id = $1`, [ROW_B], role),
      deleteB: await attempt(db, `DELETE FROM ${table} WHERE id = $1`, [ROW_B], role),
      moveAToB: await attempt(db, `UPDATE ${table} SET tenant_id = $1 WHERE id = $2`, [TENANT_B, ROW_A], role),
      updateOwn: await attempt(db, `UPDATE ${table} SET name = 'x' WHERE id = $1`, [ROW_A], role),
    };
  }
  return views;
}

/** Tenant A sees and changes only its own rows; everything aimed at B fails or affects nothing. */
function expectIsolated(views: Record<string, View>): void {
  for (const [table, view] of Object.entries(views)) {
    expect(view.visible, table).toEqual([TENANT_A]);
    expect(view.insertB, table).toBeInstanceOf(Error);
    expect(String(view.insertB), table).toMatch(RLS_ERROR);
    expect(view.updateB, table).toBe(0);
    expect(view.deleteB, table).toBe(0);
    if (view.moveAToB !== null) {
      expect(view.moveAToB, table).toBeInstanceOf(Error);
      expect(String(view.moveAToB), table).toMatch(RLS_ERROR);
    }
    expect(view.updateOwn, table).toBe(1); // the app still works for its own tenant
  }
}

async function fix(options: Parameters<typeof lintAndFix>[1] = {}): Promise<string> {
  const { output, remaining } = await lintAndFix(source, { only, ...options });
  expect(remaining).toEqual([]);
  expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
  return output;
}

describe('require-rls against a real Postgres', () => {
  it('the unfixed schema leaks: tenant A reads, changes and deletes tenant B\'s rows', async () => {
    const sql = await generateSql({ 'schema.ts': source });
    expect(sql).not.toContain('ROW LEVEL SECURITY');
    const views = await withDatabase(sql, (db) => probe(db));
    for (const table of TENANT_TABLES) {
      expect(views[table], table).toEqual({ visible: [TENANT_A, TENANT_B], insertB: 1, updateB: 1, deleteB: 1, moveAToB: 1, updateOwn: 1 });
    }
    expect(views.tenants?.visible).toEqual([TENANT_A, TENANT_B]);
    expect(views.tenants?.updateB).toBe(1);
  });

  it('the fixed schema isolates tenants in every table, whatever the extra-config form', async () => {
    const output = await fix();
    expect(output).toContain("import { index, pgPolicy, pgTable, text, uuid } from 'drizzle-orm/pg-core';\nimport { sql } from 'drizzle-orm';");
    expect(output).toContain(
      "}, () => [\n  pgPolicy('tenant_isolation', {\n    as: 'permissive',\n    for: 'all',\n    using: sql`id = current_setting('app.tenant_id')::uuid`,\n  }),\n]);",
    );
    expect(output).toContain(
      "  (table) => [\n    index('tasks_tenant_id_idx').on(table.tenantId),\n    pgPolicy('tenant_isolation', {\n      as: 'permissive',\n      for: 'all',\n      using: sql`tenant_id = current_setting('app.tenant_id')::uuid`,\n    }),\n  ],",
    );
    expect(output).toContain(
      "  tenantIsolation: pgPolicy('tenant_isolation', {\n    as: 'permissive',\n    for: 'all',\n    using: sql`tenant_id = current_setting('app.tenant_id')::uuid`,\n  }),\n}));",
    );
    const sql = await generateSql({ 'schema.ts': output });
    for (const table of ['tenants', ...TENANT_TABLES]) {
      expect(sql).toContain(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY;`);
      const column = table === 'tenants' ? 'id' : 'tenant_id';
      expect(sql).toContain(
        `CREATE POLICY "tenant_isolation" ON "${table}" AS PERMISSIVE FOR ALL TO public USING (${column} = current_setting('app.tenant_id')::uuid);`,
      );
    }
    expectIsolated(await withDatabase(sql, (db) => probe(db)));
  });

  it('a tenant column of another type: the policy casts the setting to it, migrates, and isolates', async () => {
    const typed = [
      "import { integer, pgTable, serial, text } from 'drizzle-orm/pg-core';",
      "export const datasets = pgTable('datasets', { id: serial('id').primaryKey(), tenant_id: integer('tenant_id').notNull() });",
      "export const notes = pgTable('notes', { id: serial('id').primaryKey(), tenant_id: text('tenant_id').notNull() });",
      '',
    ].join('\n');
    const { output } = await lintAndFix(typed, { only });
    expect(output).toContain("using: sql`tenant_id = current_setting('app.tenant_id')::integer`");
    expect(output).toContain("using: sql`tenant_id = current_setting('app.tenant_id')`");
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
    const sql = await generateSql({ 'schema.ts': output });
    const visible = await withDatabase(sql, async (db) => {
      await db.exec("INSERT INTO datasets (tenant_id) VALUES (1), (2); INSERT INTO notes (tenant_id) VALUES ('1'), ('2');");
      return asRole(db, { 'app.tenant_id': '1' }, async (tx) => [
        ...(await tx.query<{ tenant_id: number }>('SELECT tenant_id FROM datasets')).rows.map((r) => String(r.tenant_id)),
        ...(await tx.query<{ tenant_id: string }>('SELECT tenant_id FROM notes')).rows.map((r) => r.tenant_id),
      ]);
    });
    expect(visible).toEqual(['1', '1']);
  });

  it('with adminRole and wrapInSelect: the admin sees every tenant, the app role stays isolated', async () => {
    const output = await fix({ rules: { 'data-modeling/require-rls': ['error', { adminRole: 'app_admin', wrapInSelect: true }] } });
    const sql = await generateSql({ 'schema.ts': output });
    expect(sql).toContain(
      `CREATE POLICY "tenant_isolation" ON "tasks" AS PERMISSIVE FOR ALL TO public USING (tenant_id = (select current_setting('app.tenant_id')::uuid));`,
    );
    expect(sql).toContain(`CREATE POLICY "admin_override" ON "tasks" AS PERMISSIVE FOR ALL TO "app_admin" USING (true);`);
    const createAdmin = 'CREATE ROLE app_admin NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;';
    await withDatabase([createAdmin, sql], async (db) => {
      await db.exec('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO app_admin;');
      expectIsolated(await probe(db));
      const seenByAdmin = await asRole(db, {}, async (tx) => (await tx.query<{ tenant_id: string }>('SELECT tenant_id FROM tasks ORDER BY tenant_id')).rows, { role: 'app_admin' });
      expect(seenByAdmin.map((r) => r.tenant_id)).toEqual([TENANT_A, TENANT_B]);
    });
  });

  it('one eslint --fix run fixes a file with hundreds of tables, and the output compiles', async () => {
    const count = 300;
    const source = manyTables(count, ['pgTable', 'uuid'], ["tenant_id: uuid('tenant_id').notNull()"]);
    const { output, remaining } = await lintAndFix(source, { only });
    expect(remaining).toEqual([]);
    expect(output.match(/pgPolicy\('tenant_isolation'/gu)).toHaveLength(count);
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
  });

  it('drizzle-orm 1.0: the fix on a pgTable.withRLS table without a policy compiles against the RC', async () => {
    const rc = path.join(PROJECT_ROOT, 'node_modules/drizzle-orm-rc');
    const againstRc = { compilerOptions: { baseUrl: PROJECT_ROOT, paths: { 'drizzle-orm': [rc], 'drizzle-orm/*': [`${rc}/*`] } } };
    const { output, remaining } = await lintAndFix(
      "import { pgTable } from 'drizzle-orm/pg-core';\nexport const projects = pgTable.withRLS('projects', (t) => ({\n  tenant_id: t.uuid().notNull(),\n}));\n",
      { only },
    );
    expect(remaining).toEqual([]);
    expect(output).toContain("}), () => [\n  pgPolicy('tenant_isolation', {\n    as: 'permissive',\n    for: 'all',\n    using: sql`tenant_id = current_setting('app.tenant_id')::uuid`,\n  }),\n]);");
    expect(typecheck({ 'schema.ts': output }, againstRc).diagnostics).toEqual([]);
  });
});

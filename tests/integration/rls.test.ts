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
import { asRole, generateSql, PROJECT_ROOT, typecheck, withDatabase } from './support/drizzle.js';
import { lintAndFix, manyTables } from './support/eslint.js';
import { isolationProblems, probeTenantIsolation, TENANT_A, TENANT_B } from './support/tenant-probe.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = readFileSync(path.join(here, 'fixtures/rls/schema.ts'), 'utf8');
const only = ['require-rls'];

const TENANT_TABLES = ['projects', 'tasks', 'notes'] as const;

/** The probe of support/tenant-probe.ts on every table, and where tenant A reached tenant B's rows. */
async function problems(db: PGlite): Promise<string[]> {
  const report = await probeTenantIsolation(db);
  expect(Object.keys(report.tables).sort()).toEqual(['notes', 'projects', 'tasks', 'tenants']);
  return isolationProblems(report);
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
    const { tables } = await withDatabase(sql, (db) => probeTenantIsolation(db));
    for (const table of TENANT_TABLES) {
      expect(tables[table], table).toEqual({ rls: false, visible: [TENANT_A, TENANT_B], insertB: 1, updateB: 1, deleteB: 1, moveAToB: 1, updateOwn: 1 });
    }
    expect(tables.tenants?.visible).toEqual([TENANT_A, TENANT_B]);
    expect(tables.tenants?.updateB).toBe(1);
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
    expect(await withDatabase(sql, problems)).toEqual([]);
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
      expect(await problems(db)).toEqual([]);
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

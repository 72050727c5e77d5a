import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it, expect } from 'vitest';

import {
  asTenant,
  generateSql,
  splitStatements,
  typecheck,
  withDatabase,
} from './support/drizzle.js';
import { fixProject } from './support/eslint.js';
import { removeProject, writeProject } from './support/python.js';

const TENANT_A = '00000000-0000-4000-8000-00000000000a';
const TENANT_B = '00000000-0000-4000-8000-00000000000b';

const compliantSchema = `
import { sql } from 'drizzle-orm';
import { index, pgPolicy, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

const tenantIsolation = sql\`tenant_id = current_setting('app.tenant_id')::uuid\`;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    email: varchar('email', { length: 255 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [
    index('users_tenant_id_idx').on(t.tenantId),
    pgPolicy('users_tenant_isolation', { for: 'all', to: 'public', using: tenantIsolation, withCheck: tenantIsolation }),
  ],
).enableRLS();

export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull(),
  },
  (t) => [index('notes_user_id_idx').on(t.userId), index('notes_tenant_id_idx').on(t.tenantId)],
);

export type User = typeof users.$inferSelect;
`;

describe('typecheck', () => {
  it('accepts a compliant schema', () => {
    const result = typecheck({ 'schema.ts': compliantSchema });
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('accepts a multi-file schema with relative imports', () => {
    const result = typecheck({
      'db/columns.ts': `
        import { timestamp, uuid } from 'drizzle-orm/pg-core';
        export const tenantColumns = {
          id: uuid('id').primaryKey().defaultRandom(),
          tenantId: uuid('tenant_id').notNull(),
          createdAt: timestamp('created_at').defaultNow().notNull(),
          updatedAt: timestamp('updated_at').defaultNow().notNull(),
        };`,
      'db/schema.ts': `
        import { pgTable, text } from 'drizzle-orm/pg-core';
        import { tenantColumns } from './columns';
        export const projects = pgTable('projects', { ...tenantColumns, name: text('name').notNull() });
        const name: string = projects.$inferSelect.name;
        void name;`,
    });
    expect(result.diagnostics).toEqual([]);
  });

  it('rejects a column method that does not exist, with file:line', () => {
    const result = typecheck({
      'schema.ts': `import { pgTable, uuid } from 'drizzle-orm/pg-core';
export const t = pgTable('t', {
  id: uuid('id').notAColumnMethod(),
});
`,
    });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.join('\n')).toMatch(/^schema\.ts:3:\d+ - error TS2339: .*notAColumnMethod/m);
  });

  it('rejects a type error in the extra config', () => {
    const result = typecheck({
      'schema.ts': `import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
export const t = pgTable('t', { id: uuid('id') }, (t) => [index('i').on(t.missing)]);
`,
    });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.join('\n')).toContain('missing');
  });
});

describe('generateSql', () => {
  it('renders what drizzle-kit generate writes for a fresh database', async () => {
    const sql = await generateSql({ 'schema.ts': compliantSchema });
    expect(sql).toContain('CREATE TABLE "users" (');
    expect(sql).toContain('"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL');
    expect(sql).toContain('"tenant_id" uuid NOT NULL');
    expect(sql).toContain('"created_at" timestamp with time zone DEFAULT now() NOT NULL');
    expect(sql).toContain('CREATE TABLE "notes" (');
    expect(sql).toContain('ALTER TABLE "users" ENABLE ROW LEVEL SECURITY;');
    expect(sql).not.toContain('ALTER TABLE "notes" ENABLE ROW LEVEL SECURITY');
    expect(sql).toContain(
      `CREATE POLICY "users_tenant_isolation" ON "users" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id')::uuid) WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid);`,
    );
    expect(sql).toContain('CREATE INDEX "notes_user_id_idx" ON "notes" USING btree ("user_id");');
    expect(sql).toMatch(/ALTER TABLE "notes" ADD CONSTRAINT "notes_user_id_users_id_fk" FOREIGN KEY \("user_id"\) REFERENCES "public"\."users"\("id"\) ON DELETE cascade/);
    // Same layout as the CLI's migration file.
    expect(sql).toContain(');\n--> statement-breakpoint\nALTER TABLE');
    expect(splitStatements(sql).length).toBeGreaterThanOrEqual(7);
  });

  it('follows relative imports and applies casing to name-less builders', async () => {
    const sql = await generateSql(
      {
        'columns.ts': `import { uuid } from 'drizzle-orm/pg-core';
          export const tenantId = () => uuid().notNull();`,
        'schema.ts': `import { pgTable, uuid } from 'drizzle-orm/pg-core';
          import { tenantId } from './columns.js';
          export const auditLog = pgTable('audit_log', { id: uuid().primaryKey(), tenantId: tenantId() });`,
      },
      'schema.ts',
      { casing: 'snake_case' },
    );
    expect(sql).toContain('CREATE TABLE "audit_log"');
    expect(sql).toContain('"tenant_id" uuid NOT NULL');
  });

  it('fails on a schema that does not load', async () => {
    await expect(
      generateSql({ 'schema.ts': `import { nope } from 'drizzle-orm/pg-core'; export const t = nope('t', {});` }),
    ).rejects.toThrow();
  });
});

describe('withDatabase / asTenant (PGlite)', () => {
  it('applies the generated migration; RLS hides other tenants, a table without RLS leaks them', async () => {
    const sql = await generateSql({ 'schema.ts': compliantSchema });
    await withDatabase(sql, async (db) => {
      const tables = await db.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual(['notes', 'users']);

      // Seed as the owner/superuser (bypasses RLS).
      const seeded = await db.query<{ id: string; tenant_id: string }>(
        `INSERT INTO users (tenant_id, email) VALUES ($1, 'a@example.com'), ($2, 'b@example.com') RETURNING id, tenant_id`,
        [TENANT_A, TENANT_B],
      );
      for (const user of seeded.rows) {
        await db.query(`INSERT INTO notes (tenant_id, user_id, body) VALUES ($1, $2, 'note')`, [user.tenant_id, user.id]);
      }
      expect((await db.query('SELECT * FROM users')).rows).toHaveLength(2);

      const seenByA = await asTenant(db, TENANT_A, async (tx) => {
        const users = await tx.query<{ email: string }>('SELECT email FROM users ORDER BY email');
        const notes = await tx.query<{ tenant_id: string }>('SELECT tenant_id FROM notes ORDER BY tenant_id');
        const role = await tx.query<{ current_user: string }>('SELECT current_user');
        return { users: users.rows, notes: notes.rows, role: role.rows[0]?.current_user };
      });
      expect(seenByA.role).toBe('app_user');
      // RLS-enabled table: only tenant A's row.
      expect(seenByA.users).toEqual([{ email: 'a@example.com' }]);
      // Table without RLS: tenant B's row leaks.
      expect(seenByA.notes).toEqual([{ tenant_id: TENANT_A }, { tenant_id: TENANT_B }]);

      // WITH CHECK blocks writing into another tenant.
      await expect(
        asTenant(db, TENANT_A, (tx) => tx.query(`INSERT INTO users (tenant_id, email) VALUES ($1, 'x@example.com')`, [TENANT_B])),
      ).rejects.toThrow(/row-level security/);

      // Settings and role are transaction-local.
      const after = await db.query<{ current_user: string; tenant: string | null }>(
        `SELECT current_user, current_setting('app.tenant_id', true) AS tenant`,
      );
      expect(after.rows[0]?.current_user).toBe('postgres');
      expect(after.rows[0]?.tenant ?? '').toBe('');
    });
  });

  it('reports the failing statement of a bad migration', async () => {
    await expect(
      withDatabase('CREATE TABLE a (id int);\n--> statement-breakpoint\nCREATE TABLE b (id nope);', async () => {}),
    ).rejects.toThrow(/CREATE TABLE b/);
  });
});

describe('fixProject (eslint --fix on files on disk)', () => {
  it('writes the fixes into the project and returns what is left, by relative path', async () => {
    const dir = await writeProject({
      'db/schema.ts': "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nexport const notes = pgTable('notes', {\n  tenant_id: uuid('tenant_id').notNull(),\n});\n",
      'db/clean.ts': 'export const x = 1;\n',
    });
    try {
      expect(await fixProject(dir, ['db/**/*.ts'], { only: ['require-rls'] })).toEqual({});
      const fixed = readFileSync(path.join(dir, 'db/schema.ts'), 'utf8');
      expect(fixed).toContain("pgPolicy('tenant_isolation', {");
      expect(typecheck({ 'schema.ts': fixed }).diagnostics).toEqual([]);
      await writeFile(path.join(dir, 'db/broken.ts'), 'export const = ;\n');
      const left = await fixProject(dir, ['db/**/*.ts'], { only: ['require-rls'] });
      expect(Object.keys(left)).toEqual(['db/broken.ts']);
      expect(left['db/broken.ts']?.[0]).toMatchObject({ fatal: true, line: 1 });
    } finally {
      await removeProject(dir);
    }
  });
});

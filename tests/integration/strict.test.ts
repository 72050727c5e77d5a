/**
 * Issue 6 end to end: a schema that passes `recommended` is fixed with the `strict` preset through
 * ESLint's Node API; the suggestions that --fix does not apply (tenant-scoped unique constraints, soft
 * deletes in queries) are applied the way an editor applies them. The output type-checks against the
 * real drizzle-orm, drizzle-kit turns it into SQL with `timestamp with time zone`, nullable `deleted_at`
 * columns and tenant-scoped unique constraints, and PostgreSQL enforces them per tenant; the login
 * email of the standard's users table stays unique across tenants.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/pglite';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';
import { generateSql, importSchemaModules, typecheck, withDatabase } from './support/drizzle.js';
import { lintAndFix, manyTables } from './support/eslint.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(path.join(here, 'fixtures/strict', name), 'utf8');
const ISSUE_RULES = ['no-hard-delete', 'prefer-timestamptz', 'require-soft-delete', 'tenant-scoped-unique'].map((r) => `data-modeling/${r}`);
const TENANT_A = '00000000-0000-4000-8000-00000000000a';
const TENANT_B = '00000000-0000-4000-8000-00000000000b';

/**
 * Applies the first suggestion of each problem `ruleId` reports, one at a time (each changes the text the
 * next one is computed on), as a user accepting them in an editor would.
 */
function applySuggestions(source: string, ruleId: string, config: Linter.Config[]): { output: string; applied: number } {
  const linter = new Linter({ configType: 'flat' });
  let output = source;
  for (let applied = 0; applied < 50; applied++) {
    const messages = linter.verify(output, config, 'schema.ts');
    const fatal = messages.find((m) => m.fatal);
    if (fatal) throw new Error(fatal.message);
    const fix = messages.find((m) => m.ruleId === ruleId && m.suggestions?.length)?.suggestions?.[0]?.fix;
    if (!fix) return { output, applied };
    output = output.slice(0, fix.range[0]) + fix.text + output.slice(fix.range[1]);
  }
  throw new Error(`${ruleId}: suggestions did not converge`);
}

const strict = (rules: Linter.RulesRecord = {}): Linter.Config[] => [dataModeling.configs.strict as Linter.Config, { rules }];

describe('the strict preset', () => {
  it('fixes timestamps and soft-delete columns; the suggestions scope unique constraints to the tenant', async () => {
    const { output: fixed, remaining } = await lintAndFix(fixture('schema.ts'), { preset: 'strict' });
    // The slug of posts is tenant data; the login email of users is unique across tenants by nature.
    expect(remaining.filter((m) => ISSUE_RULES.includes(m.ruleId ?? '')).map((m) => [m.ruleId, m.message])).toEqual([
      [
        'data-modeling/tenant-scoped-unique',
        'Unique index on (slug) of table "posts" does not include "tenant_id": it applies across all tenants, which blocks the same value in two tenants and tells one tenant what another has stored.',
      ],
    ]);
    // --fix: timezones added in every style, deleted_at inserted after updated_at, NOT NULL removed.
    expect(fixed).toContain("created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),");
    expect(fixed).toContain("updated_at: timestamp('updated_at', { mode: 'date', withTimezone: true })");
    expect(fixed).toContain('created_at: t.timestamp({ withTimezone: true }).defaultNow().notNull(),');
    expect(fixed).toContain('deleted_at: t.timestamp({ withTimezone: true }),');
    expect(fixed).toMatch(/updated_at: timestamp\('updated_at'[^\n]*\n\s+deleted_at: timestamp\('deleted_at', \{ withTimezone: true \}\),\n/u);

    const { output, applied } = applySuggestions(fixed, 'data-modeling/tenant-scoped-unique', strict());
    expect(applied).toBe(1);
    expect(output).toContain("uniqueIndex('posts_tenant_id_slug_unique').on(t.tenant_id, t.slug),");
    expect(output).toContain("email_address: varchar('email_address', { length: 255 }).notNull().unique(),");

    // The result passes the strict preset: nothing left to fix or suggest for this issue's rules.
    const again = await lintAndFix(output, { preset: 'strict' });
    expect(again.remaining.filter((m) => ISSUE_RULES.includes(m.ruleId ?? ''))).toEqual([]);
    expect(again.output).toBe(output);

    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
    const sql = await generateSql({ 'schema.ts': output });
    // Every timestamp column is timestamptz; every table has a nullable deleted_at.
    expect(sql).not.toMatch(/"\w+" timestamp(?! with time zone)/u);
    expect(sql.match(/"deleted_at" timestamp with time zone,?\n/gu)).toHaveLength(3);
    expect(sql).toContain('CREATE UNIQUE INDEX "posts_tenant_id_slug_unique" ON "posts" USING btree ("tenant_id","slug");');
    // The root table and the login email keep their global unique.
    expect(sql).toContain('CONSTRAINT "tenants_slug_unique" UNIQUE("slug")');
    expect(sql).toContain('CONSTRAINT "users_email_address_unique" UNIQUE("email_address")');

    // Two tenants may use the same slug; one tenant may not use it twice. A login is one address.
    await withDatabase(sql, async (db) => {
      await db.query(`INSERT INTO tenants (id, name, slug) VALUES ($1, 'A', 'a'), ($2, 'B', 'b')`, [TENANT_A, TENANT_B]);
      const users = await db.query<{ id: string; tenant_id: string }>(
        `INSERT INTO users (tenant_id, email_address, full_name) VALUES ($1, 'x@example.com', 'X'), ($2, 'y@example.com', 'Y') RETURNING id, tenant_id`,
        [TENANT_A, TENANT_B],
      );
      expect(users.rows).toHaveLength(2);
      for (const user of users.rows) {
        await db.query(`INSERT INTO posts (tenant_id, author_id, slug) VALUES ($1, $2, 'hello')`, [user.tenant_id, user.id]);
      }
      await expect(
        db.query(`INSERT INTO users (tenant_id, email_address, full_name) VALUES ($1, 'x@example.com', 'Z')`, [TENANT_B]),
      ).rejects.toThrow(/users_email_address_unique/u);
      await expect(
        db.query(`INSERT INTO posts (tenant_id, author_id, slug) VALUES ($1, $2, 'hello')`, [TENANT_A, users.rows[0]!.id]),
      ).rejects.toThrow(/posts_tenant_id_slug_unique/u);
    });
  });

  it('one eslint --fix run fixes every fixable strict problem of a file with hundreds of tables', async () => {
    const count = 300;
    const source = manyTables(count, ['pgTable', 'text'], ["name: text('name')"]);
    const only = ['require-tenant-id', 'require-timestamps', 'require-uuid-primary-key', 'prefer-timestamptz', 'require-soft-delete'];
    const { output, remaining } = await lintAndFix(source, { preset: 'strict', only });
    expect(remaining).toEqual([]);
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
    const sql = await generateSql({ 'schema.ts': output });
    expect(sql.match(/"deleted_at" timestamp with time zone,?\n/gu)).toHaveLength(count);
    expect(sql.match(/"updated_at" timestamp with time zone DEFAULT now\(\) NOT NULL/gu)).toHaveLength(count);
    expect(sql).not.toMatch(/"\w+" timestamp(?! with time zone)/u);
  });

  it('no-hard-delete: the suggestion turns a delete into a soft delete that compiles and keeps the row', async () => {
    const { output: schema } = await lintAndFix(fixture('schema.ts'), { preset: 'strict' });
    const options: Linter.RulesRecord = { 'data-modeling/no-hard-delete': ['error', { tables: ['users', 'posts'] }] };
    const linter = new Linter({ configType: 'flat' });
    const reports = linter.verify(fixture('queries.ts'), strict(options), 'queries.ts').filter((m) => m.ruleId === 'data-modeling/no-hard-delete');
    // The delete of users is reported; the purge of soft-deleted posts is not.
    expect(reports.map((m) => [m.line, m.message])).toEqual([
      [10, 'Hard delete from table "users", which has a "deleted_at" column; set "deleted_at" instead so that the rows can be restored.'],
    ]);
    const { output: queries, applied } = applySuggestions(fixture('queries.ts'), 'data-modeling/no-hard-delete', strict(options));
    expect(applied).toBe(1);
    expect(queries).toContain('return db.update(users).set({ deleted_at: new Date() }).where(eq(users.id, id)).returning({ id: users.id });');

    const files = { 'schema.ts': schema, 'queries.ts': queries };
    expect(typecheck(files).diagnostics).toEqual([]);
    const sql = await generateSql({ 'schema.ts': schema });
    const modules = await importSchemaModules(files, ['queries.ts']);
    const removeUser = modules['queries.ts:removeUser'] as (db: unknown, id: string) => Promise<{ id: string }[]>;
    await withDatabase(sql, async (pg) => {
      await pg.query(`INSERT INTO tenants (id, name, slug) VALUES ($1, 'A', 'a')`, [TENANT_A]);
      const inserted = await pg.query<{ id: string }>(
        `INSERT INTO users (tenant_id, email_address, full_name) VALUES ($1, 'x@example.com', 'X') RETURNING id`,
        [TENANT_A],
      );
      const id = inserted.rows[0]!.id;
      expect(await removeUser(drizzle(pg), id)).toEqual([{ id }]);
      const after = await pg.query<{ deleted_at: Date | null }>('SELECT deleted_at FROM users WHERE id = $1', [id]);
      expect(after.rows).toHaveLength(1);
      expect(after.rows[0]!.deleted_at).toBeInstanceOf(Date);
    });
  });
});

/**
 * Issue 4 end to end: fixture schemas are fixed by require-indexes through ESLint's Node API; the output
 * type-checks against the real drizzle-orm, and drizzle-kit turns it into SQL with a CREATE INDEX that
 * leads with every column the standard wants indexed. require-foreign-keys' suggestions, applied, do
 * the same for foreign keys.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateSql, typecheck } from './support/drizzle.js';
import { lint, lintAndFix } from './support/eslint.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(path.join(here, 'fixtures/indexes', name), 'utf8');

/** `CREATE [UNIQUE] INDEX` statements as `schema.table(col, col)`, from drizzle-kit's SQL. */
function createdIndexes(sql: string): string[] {
  const out: string[] = [];
  for (const match of sql.matchAll(/CREATE (?:UNIQUE )?INDEX "\w+" ON (?:"(\w+)"\.)?"(\w+)" USING btree \(([^)]*)\);/gu)) {
    const columns = match[3]!.split(',').map((c) => c.trim().replace(/^"|"(?: [\w ]+)?$/gu, ''));
    out.push(`${match[1] ?? 'public'}.${match[2]}(${columns.join(', ')})`);
  }
  return out;
}

/** True when some CREATE INDEX on `table` starts with `columns`, in order. */
function leadsIndex(sql: string, table: string, columns: string[]): boolean {
  const [schema, name] = table.includes('.') ? table.split('.') : ['public', table];
  return createdIndexes(sql).some((index) => index.startsWith(`${schema}.${name}(${columns.join(', ')}`) && /[,)]/u.test(index.charAt(`${schema}.${name}(${columns.join(', ')}`.length)));
}

function expectIndexes(sql: string, required: Record<string, string[][]>): void {
  for (const [table, lists] of Object.entries(required)) {
    for (const columns of lists) expect(leadsIndex(sql, table, columns), `${table}(${columns.join(', ')}) in\n${createdIndexes(sql).join('\n')}`).toBe(true);
  }
}

describe('require-indexes, fixed', () => {
  it('array form, a composite foreign key, a join table: fixed in one run, compiles, indexes every required column', async () => {
    const source = fixture('array.ts');
    const before = await generateSql({ 'schema.ts': source });
    expect(leadsIndex(before, 'tasks', ['tenant_id'])).toBe(false);

    const { output, remaining } = await lintAndFix(source, { only: ['require-indexes'] });
    expect(remaining).toEqual([]);
    expect(output).toContain("(table) => [index('users_tenant_id_idx').on(table.tenant_id)],");
    expect(output).toContain("import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';");
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);

    const sql = await generateSql({ 'schema.ts': output });
    expectIndexes(sql, {
      tenants: [['owner_user_id']],
      users: [['tenant_id']],
      projects: [['tenant_id'], ['owner_id']],
      tasks: [['tenant_id'], ['assignee'], ['project_ref', 'project_code']],
      task_watchers: [['tenant_id'], ['user_id']],
    });
    // The join table's primary key already leads with task_id: no second index for it.
    expect(createdIndexes(sql).filter((index) => index.startsWith('public.task_watchers(task_id'))).toEqual([]);
  });

  it('namespace import, pgSchema().table with the object form, callback columns, a one-line table', async () => {
    const source = fixture('schemas.ts');
    const { output, remaining } = await lintAndFix(source, { only: ['require-indexes'] });
    expect(remaining).toEqual([]);
    expect(output).toContain('  tenantIdIdx: pg.index("customers_tenant_id_idx").on(t.tenant_id),\n}));');
    expect(output).toContain('}), (table) => [\n  pg.index("invoices_tenant_id_idx").on(table.tenant_id),\n  pg.index("invoices_customer_id_idx").on(table.customer_id),\n]);');
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);

    const sql = await generateSql({ 'schema.ts': output });
    expect(sql).toContain('CREATE INDEX "customers_tenant_id_idx" ON "billing"."customers" USING btree ("tenant_id");');
    expectIndexes(sql, {
      'billing.customers': [['tenant_id']],
      'billing.invoices': [['tenant_id'], ['customer_id']],
      notes: [['tenant_id'], ['invoice_id']],
    });
  });

  it('one eslint --fix run indexes every table of a file with hundreds of tables', async () => {
    const count = 300;
    const source = [
      "import { pgTable, uuid } from 'drizzle-orm/pg-core';",
      '',
      ...Array.from(
        { length: count },
        (_, i) => `export const t${i} = pgTable('t${i}', {\n  tenant_id: uuid('tenant_id').notNull(),\n  a_id: uuid('a_id'),\n  b_id: uuid('b_id'),\n});\n`,
      ),
    ].join('\n');
    const { output, remaining } = await lintAndFix(source, { only: ['require-indexes'] });
    expect(remaining).toEqual([]);
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
    const sql = await generateSql({ 'schema.ts': output });
    expectIndexes(sql, Object.fromEntries(Array.from({ length: count }, (_, i) => [`t${i}`, [['tenant_id'], ['a_id'], ['b_id']]])));
  });
});

describe('require-foreign-keys, suggestions applied', () => {
  it('each first suggestion compiles and becomes a FOREIGN KEY', async () => {
    const source = [
      "import { pgTable, text, uuid } from 'drizzle-orm/pg-core';",
      "export const tenants = pgTable('tenants', { id: uuid('id').primaryKey().defaultRandom() });",
      "export const users = pgTable('users', { id: uuid('id').primaryKey().defaultRandom(), tenant_id: uuid('tenant_id').notNull() });",
      "export const categories = pgTable('categories', (t) => ({ key: t.uuid('id').primaryKey(), tenant_id: t.uuid('tenant_id').notNull().references(() => users.id) }));",
      "export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id'), category_id: uuid('category_id'), body: text('body') });",
      '',
    ].join('\n');
    const messages = (await lint(source, { only: ['require-foreign-keys'] })).filter((m) => m.ruleId === 'data-modeling/require-foreign-keys');
    expect(messages.map((m) => `${m.line}:${m.column}`)).toEqual(['3:86', '4:149', '5:41', '5:81', '5:107']);
    // Apply from the end so that earlier ranges stay valid.
    const edits = messages.map((m) => m.suggestions![0]!.fix).sort((a, b) => b.range[0] - a.range[0]);
    let output = source;
    for (const edit of edits) output = output.slice(0, edit.range[0]) + edit.text + output.slice(edit.range[1]);
    expect(await lint(output, { only: ['require-foreign-keys'] })).toEqual([]);
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);

    const sql = await generateSql({ 'schema.ts': output });
    for (const [table, column, target] of [
      ['users', 'tenant_id', 'tenants'],
      ['categories', 'tenant_id', 'tenants'],
      ['posts', 'tenant_id', 'tenants'],
      ['posts', 'user_id', 'users'],
      ['posts', 'category_id', 'categories'],
    ] as const) {
      expect(sql).toMatch(new RegExp(`ALTER TABLE "${table}" ADD CONSTRAINT "\\w+" FOREIGN KEY \\("${column}"\\) REFERENCES "public"\\."${target}"\\("id"\\)`, 'u'));
    }
  });
});

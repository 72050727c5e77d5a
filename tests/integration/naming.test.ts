/**
 * Issue 3 end to end: schemas in camelCase style are fixed through ESLint's Node API; the output
 * type-checks against the real drizzle-orm, and drizzle-kit turns it into SQL whose identifiers are all
 * snake_case. Key renames change the code only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { isSnakeCase } from '../../src/model/names.js';
import { generateSql, typecheck } from './support/drizzle.js';
import { lintAndFix } from './support/eslint.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(path.join(here, 'fixtures/naming', name), 'utf8');
const naming = ['snake-case', 'email-address-name', 'boolean-prefix'];
/**
 * Database renames and key renames of exported tables as fixes: for a schema not yet deployed, fixed in
 * one run and checked with tsc (the defaults offer them as suggestions).
 */
const databaseRenames: Linter.RulesRecord = {
  'data-modeling/snake-case': ['error', { databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
  'data-modeling/email-address-name': ['error', { databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
};
/** Key renames of exported tables as fixes; database renames stay suggestions. */
const exportedKeyRenames: Linter.RulesRecord = {
  'data-modeling/snake-case': ['error', { exportedKeyRenames: 'fix' }],
  'data-modeling/email-address-name': ['error', { exportedKeyRenames: 'fix' }],
};

/** The table and column names of drizzle-kit's SQL (`CREATE TABLE "x"`, a column line `\t"y" type`). */
function tablesAndColumns(sql: string): string[] {
  return [...sql.matchAll(/CREATE TABLE "((?:[^"]|"")*)"|^\t"((?:[^"]|"")*)"/gmu)].map((m) => m[1] ?? m[2]!);
}

/** Every double-quoted identifier of the SQL (tables, columns, indexes, constraints, policies, schemas). */
function identifiers(sql: string): string[] {
  return [...new Set([...sql.matchAll(/"((?:[^"]|"")*)"/gu)].map((m) => m[1]!))];
}

describe('fixing names', () => {
  it('camelCase fixture, recommended preset with databaseRenames and exportedKeyRenames "fix": compiles, and the SQL has only snake_case identifiers', async () => {
    const source = fixture('camel-case.ts');
    expect(typecheck({ 'schema.ts': source }).diagnostics).toEqual([]);
    // The check below can fail: the unfixed schema has camelCase identifiers.
    const before = identifiers(await generateSql({ 'schema.ts': source }));
    expect(before.filter((name) => !isSnakeCase(name))).toEqual(
      expect.arrayContaining(['userAccounts', 'fullName', 'postTitle', 'blogPostsAuthorIdx', 'postCommentsTenantIsolation']),
    );

    const { output, remaining } = await lintAndFix(source, { preset: 'recommended', rules: databaseRenames });
    expect(remaining.filter((m) => naming.includes(m.ruleId?.replace('data-modeling/', '') ?? ''))).toEqual([]);
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);

    // References followed: relations(), .references(), the extra config (parameter and destructured), plain uses.
    expect(output).toContain('fields: [blogPosts.author_id], references: [userAccounts.id]');
    expect(output).toContain('index(\'post_comments_post_idx\').on(table.post_id, table.created_at)');
    expect(output).toContain('({ tenant_id: tenantId, author_id: authorId, published_at: publishedAt }) => [');
    expect(output).toContain('export const recentPostsOrder = [blogPosts.published_at, blogPosts.created_at];');
    // The shared spread is renamed once, for every table.
    expect(output).toContain("  created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),\n  updated_at:");
    expect(output).toContain("email_address: varchar('email_address', { length: 255 }).notNull(),");
    expect(output).toContain("author_email_address: text('author_email_address').notNull(),");

    const sql = await generateSql({ 'schema.ts': output });
    const names = identifiers(sql);
    expect(names).toEqual(expect.arrayContaining(['user_accounts', 'blog_posts', 'post_comments', 'full_name', 'post_title', 'author_id']));
    expect(names.filter((name) => !isSnakeCase(name))).toEqual([]);
  });

  it('camelCase fixture, default options: no table or column is renamed in the database; the renames are suggestions', async () => {
    const source = fixture('camel-case.ts');
    const before = tablesAndColumns(await generateSql({ 'schema.ts': source }));
    expect(before).toEqual(expect.arrayContaining(['userAccounts', 'fullName']));

    const { output, remaining } = await lintAndFix(source, { preset: 'recommended' });
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
    const after = tablesAndColumns(await generateSql({ 'schema.ts': output }));
    expect(after).toEqual(expect.arrayContaining(before));
    const renames = remaining.filter((m) => m.ruleId === 'data-modeling/snake-case' || m.ruleId === 'data-modeling/email-address-name');
    expect(renames.map((m) => m.message)).toEqual(expect.arrayContaining([expect.stringContaining('"userAccounts"'), expect.stringContaining('"email_address"')]));
    for (const message of renames) expect(message.suggestions?.length).toBe(1);
    // A key of an exported table is renamed by a suggestion too (other files may read it): the key stays,
    // and the suggestion renames it with its uses in this file into code that compiles.
    expect(output).toContain("tenantId: uuid('tenant_id').notNull().references(() => tenants.id),");
    const key = renames.find((m) => m.message.startsWith('Column key "tenantId" of table "blogPosts"'));
    const fix = key?.suggestions?.[0]?.fix;
    expect(fix).toBeDefined();
    const suggested = output.slice(0, fix!.range[0]) + fix!.text + output.slice(fix!.range[1]);
    expect(suggested).toContain("tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),");
    expect(suggested).toContain('({ tenant_id: tenantId, authorId, publishedAt }) => [');
    expect(typecheck({ 'schema.ts': suggested }).diagnostics).toEqual([]);
  });

  it('name-less builders under casing snake_case: keys renamed, generated SQL unchanged', async () => {
    const source = fixture('casing.ts');
    const settings = { casing: 'snake_case' };
    const before = await generateSql({ 'schema.ts': source }, 'schema.ts', { casing: 'snake_case' });

    const { output, remaining } = await lintAndFix(source, { preset: 'recommended', only: naming, settings, rules: exportedKeyRenames });
    expect(remaining).toEqual([]);
    expect(output).toContain('owner_id: uuid().notNull(),'); // ownerID: Drizzle says owner_id too
    expect(output).toContain("index('projects_tenant_id_idx').on(t.tenant_id, t.owner_id)");
    expect(output).toContain('({ tenant_id: tenantId, project_id: projectId }) =>');
    expect(output).toContain('fields: [tasks.project_id], references: [projects.id]');
    expect(output).not.toMatch(/\b(?:tenantId|projectId|createdAt|displayName)\s*:/u);
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);

    const after = await generateSql({ 'schema.ts': output }, 'schema.ts', { casing: 'snake_case' });
    expect(after).toBe(before);
    expect(identifiers(after).filter((name) => !isSnakeCase(name))).toEqual([]);
  });

  it('a file with many tables whose keys are used at its end is fixed in one run', async () => {
    const count = 120;
    const lines = ["import { relations } from 'drizzle-orm';", "import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';"];
    for (let i = 0; i < count; i++) {
      const parent = i === 0 ? '' : `.references(() => table${i - 1}.id)`;
      lines.push(
        `export const table${i} = pgTable('table${i}', {`,
        `  id: uuid().primaryKey(),`,
        `  parentId: uuid()${parent},`,
        `  displayName: text('displayName'),`,
        `}, (t) => [index('table${i}ParentIdx').on(t.parentId)]);`,
      );
    }
    for (let i = 1; i < count; i++) {
      lines.push(`export const table${i}Relations = relations(table${i}, ({ one }) => ({ parent: one(table${i - 1}, { fields: [table${i}.parentId], references: [table${i - 1}.id] }) }));`);
    }
    const { output, remaining } = await lintAndFix(`${lines.join('\n')}\n`, { only: naming, rules: databaseRenames });
    expect(remaining).toEqual([]);
    expect(output).not.toMatch(/parentId|displayName|ParentIdx/u);
    expect(output).toContain(`export const table7 = pgTable('table7', {\n  id: uuid().primaryKey(),\n  parent_id: uuid('parent_id').references(() => table6.id),`);
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
  });
});

/**
 * Issue 2 end to end: fixture schemas in several styles are fixed through ESLint's Node API; the output
 * type-checks against the real drizzle-orm, and drizzle-kit turns it into SQL with the standard fields.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { generateSql, typecheck } from './support/drizzle.js';
import { lintAndFix, manyTables } from './support/eslint.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(path.join(here, 'fixtures/standard-fields', name), 'utf8');
const only = ['require-tenant-id', 'require-timestamps', 'require-uuid-primary-key'];

/** `CREATE TABLE` statements by table name, each with its column lines. */
function tables(sql: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const match of sql.matchAll(/CREATE TABLE (?:"(\w+)"\.)?"(\w+)" \(([\s\S]*?)\n\);/gu)) out.set(match[2]!, match[3]!);
  return out;
}

function expectStandardFields(sql: string, roots: string[]): void {
  const created = tables(sql);
  expect(created.size).toBeGreaterThan(0);
  for (const [name, body] of created) {
    expect(body, name).toMatch(/"id" uuid PRIMARY KEY DEFAULT gen_random_uuid\(\) NOT NULL/u);
    expect(body, name).toMatch(/"created_at" timestamp(?: with time zone)? DEFAULT now\(\) NOT NULL/u);
    expect(body, name).toMatch(/"updated_at" timestamp(?: with time zone)? DEFAULT now\(\) NOT NULL/u);
    if (roots.includes(name)) expect(body, name).not.toMatch(/"tenant_id"/u);
    else expect(body, name).toMatch(/"tenant_id" uuid NOT NULL/u);
  }
}

describe('fixing the standard fields', () => {
  it('named imports with name arguments: fixed, compiles, generates the standard columns', async () => {
    const { output, remaining } = await lintAndFix(fixture('imports.ts'), { only });
    expect(remaining).toEqual([]);
    expect(output).toContain("tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),");
    expect(output).toContain("import { pgTable, text, boolean, uuid, timestamp } from 'drizzle-orm/pg-core';");
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
    const sql = await generateSql({ 'schema.ts': output });
    expectStandardFields(sql, ['tenants']);
    expect(sql).toMatch(/FOREIGN KEY \("tenant_id"\) REFERENCES "public"\."tenants"\("id"\)/u);
  });

  it('callback columns without names under casing snake_case', async () => {
    const { output, remaining } = await lintAndFix(fixture('callback.ts'), { only, settings: { casing: 'snake_case' } });
    expect(remaining).toEqual([]);
    expect(output).toContain('updated_at: t.timestamp({ withTimezone: true }).defaultNow().notNull()\n}));');
    expect(output).toContain('({ integer, uuid, timestamp }) => ({');
    const files = { 'schema.ts': output, 'tenants.ts': fixture('tenants.ts') };
    expect(typecheck(files).diagnostics).toEqual([]);
    expectStandardFields(await generateSql(files, ['schema.ts', 'tenants.ts'], { casing: 'snake_case' }), ['tenants']);
  });

  it('namespace import, pgSchema, pgTableCreator, a same-file spread and the object-form extra config', async () => {
    const { output, remaining } = await lintAndFix(fixture('schemas.ts'), { only });
    expect(remaining).toEqual([]);
    expect(output).toContain("created_at: pg.timestamp('created_at').defaultNow().notNull(),");
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
    const sql = await generateSql({ 'schema.ts': output });
    expect(sql).toContain('CREATE SCHEMA "billing";');
    expectStandardFields(sql, []);
    expect([...tables(sql).keys()].sort()).toEqual(['accounts', 'app_notes']);
  });

  it('name-less camelCase keys: the whole recommended preset renames them and inserts no duplicates', async () => {
    const source = [
      "import { pgTable, uuid, timestamp, text } from 'drizzle-orm/pg-core';",
      "export const tenants = pgTable('tenants', { id: uuid().primaryKey().defaultRandom() });",
      "export const notes = pgTable('notes', {",
      '  id: uuid().primaryKey().defaultRandom(),',
      '  tenantId: uuid().notNull(),',
      '  bodyText: text(),',
      '  createdAt: timestamp().defaultNow().notNull(),',
      '});',
      '',
    ].join('\n');
    // Database renames as fixes (a schema not yet deployed), so that the names end in snake_case too, and
    // key renames of the exported table as fixes (a project fixed in one run and checked with tsc).
    const rules = { 'data-modeling/snake-case': ['error', { databaseRenames: 'fix', exportedKeyRenames: 'fix' }] } satisfies Linter.RulesRecord;
    const { output } = await lintAndFix(source, { rules });
    const notes = output.slice(output.indexOf("pgTable('notes'"));
    expect(notes.match(/tenant_id:/gu)).toHaveLength(1);
    expect(notes.match(/created_at:/gu)).toHaveLength(1);
    expect(output).not.toMatch(/tenantId|createdAt/u);
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
    const sql = await generateSql({ 'schema.ts': output });
    expect(sql).toMatch(/"tenant_id" uuid NOT NULL/u);
    expect(sql).not.toMatch(/"[a-z]+[A-Z]\w*"/u);
  });

  it('one eslint --fix run fixes every fixable problem of a file with hundreds of tables', async () => {
    const count = 300;
    const source = manyTables(count, ['pgTable', 'text'], ["name: text('name')"]);
    const { output, remaining } = await lintAndFix(source, { only });
    expect(remaining.filter((m) => m.fix)).toEqual([]);
    expect(remaining).toEqual([]);
    expect(typecheck({ 'schema.ts': output }).diagnostics).toEqual([]);
    expectStandardFields(await generateSql({ 'schema.ts': output }), []);
  });
});

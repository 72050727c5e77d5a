/**
 * The rules on a split-file project (tests/fixtures/projects/split-app): helpers, a barrel, a policies
 * file, a create-t3-app style `createTable`, tsconfig paths and a drizzle.config, linted through
 * ESLint's Node API as `eslint .` lints them.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';
import dataModeling from '../../src/index.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/projects/split-app');

function eslint(cwd: string, fix = false, settings?: Record<string, unknown>): ESLint {
  const config: Linter.Config[] = [dataModeling.configs.all as Linter.Config, ...(settings ? [{ settings: { 'data-modeling': settings } }] : [])];
  return new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, fix });
}

/** `file:line:column rule` for every problem, files relative to the project. */
async function problems(cwd: string, files = ['src/**/*.ts'], settings?: Record<string, unknown>): Promise<string[]> {
  const results = await eslint(cwd, false, settings).lintFiles(files);
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(cwd, r.filePath)}:${m.line}:${m.column} ${m.ruleId?.replace('data-modeling/', '')}`));
}

const copies: string[] = [];
function copy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dm-split-'));
  cpSync(FIXTURE, dir, { recursive: true });
  copies.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('split-file project', () => {
  it('reports what each table lacks, whichever file supplies its columns, with no false report', async () => {
    const found = await problems(FIXTURE);
    // invoices spreads an imported `timestamps` and has no tenant column.
    expect(found).toContain('src/db/schema/invoices.ts:4:33 require-tenant-id');
    expect(found).toContain('src/db/schema/invoices.ts:4:33 require-soft-delete');
    expect(found.filter((p) => p.startsWith('src/db/schema/invoices.ts') && p.endsWith('require-timestamps'))).toEqual([]);
    // tasks has its tenant column and timestamps from helpers, and its policy from policies.ts.
    expect(found.filter((p) => p.startsWith('src/db/schema/tasks.ts'))).toEqual(['src/db/schema/tasks.ts:4:30 require-soft-delete']);
    // The visible `email` column, beside imported spreads.
    expect(found).toContain('src/db/schema/users.ts:7:3 email-address-name');
    // A table made with the imported `createTable` is seen.
    expect(found).toContain('src/db/schema/posts.ts:4:34 require-tenant-id');
    expect(found).toContain('src/db/schema/posts.ts:4:34 require-timestamps');
    // db.delete(users) of a soft-deleting table, named and through `import * as schema`.
    expect(found).toContain('src/queries.ts:9:12 no-hard-delete');
    expect(found).toContain('src/queries.ts:13:12 no-hard-delete');
    // `user_id` of users is a foreign-key candidate; a `stripe_customer_id` with no such table and the
    // table's own primary key are not.
    expect(found).toContain('src/db/schema/billing.ts:8:3 require-foreign-keys');
    expect(found.filter((p) => p.startsWith('src/db/schema/billing.ts:7:') || p.startsWith('src/db/schema/billing.ts:14:'))).toEqual([]);
    // A helper's column is reported once, in the helper's file, and not on the tables that spread it:
    // its `updated_at` has no `$onUpdate`, its `active` flag no prefix.
    expect(found.filter((p) => p.startsWith('src/db/columns.ts'))).toEqual(['src/db/columns.ts:6:3 require-timestamps', 'src/db/columns.ts:22:3 boolean-prefix']);
    expect(found.filter((p) => p.endsWith('boolean-prefix'))).toHaveLength(1);
  });

  it('require-rls is silent on a table whose linked policy isolates it, and writes no tenant policy on a table without a tenant column', async () => {
    const dir = copy();
    const [tasks, invoices] = await eslint(dir, true).lintFiles(['src/db/schema/tasks.ts', 'src/db/schema/invoices.ts']);
    expect(tasks!.output ?? readFileSync(path.join(dir, 'src/db/schema/tasks.ts'), 'utf8')).not.toMatch(/pgPolicy/u);
    // One --fix inserts the tenant column, and (the column now seen) its policy in a later pass.
    const fixed = invoices!.output!;
    expect(fixed).toMatch(/tenant_id: uuid\('tenant_id'\)\.notNull\(\)/u);
    expect(fixed).toMatch(/pgPolicy\('tenant_isolation'/u);
    // What is left is the tenant column's foreign key, which only a human can point (a suggestion).
    expect(invoices!.messages.map((m) => m.ruleId)).toEqual(['data-modeling/require-foreign-keys']);
  });

  it('sees a saved edit of a helper on the next lint (summaries cached by mtime and size)', async () => {
    const dir = copy();
    const helpers = path.join(dir, 'src/db/columns.ts');
    const before = await problems(dir, ['src/db/schema/invoices.ts']);
    expect(before).not.toContain('src/db/schema/invoices.ts:4:33 require-timestamps');
    writeFileSync(helpers, readFileSync(helpers, 'utf8').replace("  updated_at: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull(),\n", ''));
    const later = new Date(Date.now() + 5000);
    utimesSync(helpers, later, later);
    const after = await problems(dir, ['src/db/schema/invoices.ts']);
    expect(after).toContain('src/db/schema/invoices.ts:4:33 require-timestamps');
  });

  it('gives each file the same facts whichever file is linted first (no summary is made from inside another)', async () => {
    const { clearSummaries } = await import('../../src/project/summary.js');
    clearSummaries();
    expect(await problems(FIXTURE, ['src/queries.ts'])).toEqual(['src/queries.ts:9:12 no-hard-delete', 'src/queries.ts:13:12 no-hard-delete']);
    clearSummaries();
    const tasks = await problems(FIXTURE, ['src/db/schema/tasks.ts']);
    expect(tasks).toEqual(['src/db/schema/tasks.ts:4:30 require-soft-delete']);
  });

  it('stays silent where a spread cannot be resolved', async () => {
    const dir = copy();
    const file = path.join(dir, 'src/db/schema/invoices.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("'../columns.js'", "'some-package'"));
    const found = await problems(dir, ['src/db/schema/invoices.ts']);
    expect(found.filter((p) => /require-(tenant-id|timestamps|soft-delete)$/u.test(p))).toEqual([]);
  });

  it('without the schema set (no drizzle.config), linked policies and the table set are unknown', async () => {
    const dir = copy();
    rmSync(path.join(dir, 'drizzle.config.ts'));
    const found = await problems(dir, ['src/db/schema/billing.ts']);
    // Outside ids cannot be told from foreign keys without the table set: judged by name, as before.
    expect(found).toContain('src/db/schema/billing.ts:7:3 require-foreign-keys');
    // The `schema` setting gives the set back.
    const set = await problems(dir, ['src/db/schema/billing.ts'], { schema: ['src/db/schema/*.ts'] });
    expect(set).not.toContain('src/db/schema/billing.ts:7:3 require-foreign-keys');
    expect(set).toContain('src/db/schema/billing.ts:8:3 require-foreign-keys');
  });
});

/**
 * Claims (src/fix/claims.ts): a fix that writes code depending on a column key also rewrites that key
 * unchanged, so that a rename of the key cannot land in the same `--fix` pass; and the shared inserters
 * never add what the table already has.
 */
import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { addExtraEntries, type EntryIdentity } from '../../src/fix/extra-config.js';
import dataModeling from '../../src/index.js';
import { getSchema } from '../../src/model/schema.js';

type Plugin = NonNullable<Linter.Config['plugins']>[string];

function messages(code: string, rules: Linter.RulesRecord, plugin: Plugin = dataModeling as unknown as Plugin): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat' });
  return linter.verify(
    code,
    [{ files: ['**/*.ts'], languageOptions: { parser, sourceType: 'module' }, plugins: { 'data-modeling': plugin }, rules }],
    'schema.ts',
  );
}

/** The one fix of a rule's messages (they share it), with the text it leaves at `at`. */
function fixOf(code: string, rule: string): NonNullable<Linter.LintMessage['fix']> {
  const fixes = messages(code, { [`data-modeling/${rule}`]: 'error' }).map((m) => m.fix).filter((f) => f !== undefined);
  expect(fixes.length).toBeGreaterThan(0);
  return fixes[0]!;
}

const apply = (code: string, fix: { range: readonly [number, number]; text: string }): string =>
  code.slice(0, fix.range[0]) + fix.text + code.slice(fix.range[1]);

describe('a fix claims the keys it depends on', () => {
  it('require-indexes claims a camelCase key it refers to, so that its rename waits a pass', () => {
    const code = [
      "import { pgTable, uuid } from 'drizzle-orm/pg-core';",
      "export const users = pgTable('users', { id: uuid('id').primaryKey() });",
      "export const posts = pgTable('posts', {",
      "  id: uuid('id').primaryKey(),",
      "  userId: uuid('user_id').references(() => users.id),",
      '});',
    ].join('\n');
    const fix = fixOf(code, 'require-indexes');
    expect(fix.range[0]).toBeLessThanOrEqual(code.indexOf('userId'));
    // The claimed key is rewritten as it is; the fix adds the index and nothing else.
    expect(apply(code, fix)).toBe(
      code.replace(
        '  userId: uuid(\'user_id\').references(() => users.id),\n})',
        "  userId: uuid('user_id').references(() => users.id),\n}, (table) => [\n  index('posts_user_id_idx').on(table.userId),\n])",
      ).replace('{ pgTable, uuid }', '{ index, pgTable, uuid }'),
    );
  });

  it('claims no settled key (snake_case, equal to its database name): the fix stays small', () => {
    const code = [
      "import { index, pgTable, uuid } from 'drizzle-orm/pg-core';",
      "export const users = pgTable('users', { id: uuid('id').primaryKey() });",
      "export const posts = pgTable('posts', {",
      "  id: uuid('id').primaryKey(),",
      "  user_id: uuid('user_id').references(() => users.id),",
      '});',
    ].join('\n');
    expect(fixOf(code, 'require-indexes').range[0]).toBeGreaterThan(code.indexOf('user_id: uuid'));
  });

  it('claims a snake_case key that mentions email (email-address-name renames it)', () => {
    const code = [
      "import { index, pgTable, text } from 'drizzle-orm/pg-core';",
      "export const users = pgTable('users', { email_address: text('email_address').primaryKey() });",
      "export const invites = pgTable('invites', {",
      "  owner_email: text('owner_email').references(() => users.email_address),",
      '});',
    ].join('\n');
    expect(fixOf(code, 'require-indexes').range[0]).toBeLessThanOrEqual(code.indexOf('owner_email:'));
  });

  it('require-timestamps claims a key that a rename could turn into the key it inserts', () => {
    const code = [
      "import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';",
      "export const posts = pgTable('posts', {",
      "  id: uuid('id').primaryKey(),",
      "  created_at: timestamp('created_at').defaultNow().notNull(),",
      "  updatedAt: timestamp('created_at').defaultNow().notNull(),",
      '});',
    ].join('\n');
    const fix = fixOf(code, 'require-timestamps');
    expect(fix.range[0]).toBeLessThanOrEqual(code.indexOf('updatedAt'));
    // In the standard's order: right after created_at, so before the key it claims.
    expect(apply(code, fix)).toContain(
      "  created_at: timestamp('created_at').defaultNow().notNull(),\n  updated_at: timestamp('updated_at').defaultNow().notNull(),\n  updatedAt:",
    );
  });

  it('require-tenant-id claims the root table key its reference names', () => {
    const code = [
      "import { pgTable, uuid } from 'drizzle-orm/pg-core';",
      "export const tenants = pgTable('tenants', { Id: uuid('id').primaryKey() });",
      "export const posts = pgTable('posts', { id: uuid('id').primaryKey() });",
    ].join('\n');
    const fix = fixOf(code, 'require-tenant-id');
    expect(fix.range[0]).toBeLessThanOrEqual(code.indexOf('Id:'));
    expect(apply(code, fix)).toContain("tenant_id: uuid('tenant_id').notNull().references(() => tenants.Id)");
  });
});

describe('the inserters never add what the table has', () => {
  it('no column whose key is taken, whatever its database name', () => {
    const code = [
      "import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';",
      "export const posts = pgTable('posts', {",
      "  id: uuid('id').primaryKey(),",
      "  created_at: timestamp('created_at').defaultNow().notNull(),",
      "  updated_at: timestamp('created_at').defaultNow().notNull(),",
      '});',
    ].join('\n');
    const found = messages(code, { 'data-modeling/require-timestamps': 'error' });
    expect(found.map((m) => [m.messageId, m.fix])).toEqual([['missing', undefined]]);
  });

  /** A rule that adds one entry with the given identity to every table, through `addExtraEntries`. */
  function probe(identity: (columns: ReturnType<typeof getSchema>['tables'][number]['columns']) => EntryIdentity): Plugin {
    const rule: TSESLint.RuleModule<'add'> = {
      defaultOptions: [],
      meta: { type: 'problem', fixable: 'code', schema: [], messages: { add: 'add' } },
      create(context) {
        return {
          'Program:exit'() {
            const schema = getSchema(context);
            for (const table of schema.tables) {
              context.report({
                node: table.call,
                messageId: 'add',
                fix: (fixer) =>
                  addExtraEntries(fixer, context.sourceCode, schema, table, [{ objectKey: 'x', identity: identity(table.columns), entry: () => 'entry()' }]),
              });
            }
          },
        };
      },
    };
    return { rules: { probe: rule } } as unknown as Plugin;
  }

  const code = [
    "import { index, pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';",
    "export const posts = pgTable('posts', { a: uuid('a'), b: uuid('b') }, (t) => [",
    "  index('posts_a_idx').on(t.a),",
    "  pgPolicy('tenant_isolation', { as: 'permissive' }),",
    ']);',
    "export const other = pgTable('other', { c: uuid('c') }, (t) => [index('other_c_idx').on(t.c)]);",
  ].join('\n');
  const fixed = (identity: Parameters<typeof probe>[0]): boolean[] =>
    messages(code, { 'data-modeling/probe': 'error' }, probe(identity)).map((m) => m.fix !== undefined);

  it('no index whose name is taken in the schema, or whose columns an index of the table already has', () => {
    expect(fixed((columns) => ({ kind: 'index', name: 'fresh_idx', columns: columns.slice(1) }))).toEqual([true, true]);
    expect(fixed(() => ({ kind: 'index', name: 'posts_a_idx', columns: [] }))).toEqual([false, false]);
    expect(fixed(() => ({ kind: 'index', name: 'other_c_idx', columns: [] }))).toEqual([false, false]);
    expect(fixed((columns) => ({ kind: 'index', name: 'fresh_idx', columns: columns.slice(0, 1) }))).toEqual([false, false]);
    expect(fixed((columns) => ({ kind: 'index', name: 'fresh_idx', columns: columns.slice(0, 2) }))).toEqual([true, false]);
  });

  it('no policy whose name the table has', () => {
    expect(fixed(() => ({ kind: 'policy', name: 'tenant_isolation', columns: [] }))).toEqual([false, true]);
  });
});

describe('two rules adding to one extra config', () => {
  it('never land in one pass: the next pass sees the first addition', () => {
    const code = [
      "import { index, pgTable, uuid } from 'drizzle-orm/pg-core';",
      "export const tenants = pgTable('tenants', { id: uuid('id').primaryKey() });",
      "export const posts = pgTable('posts', {",
      "  id: uuid('id').primaryKey(),",
      "  tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),",
      '}, (t) => [',
      "  index('posts_id_idx').on(t.id),",
      ']);',
    ].join('\n');
    const fixes = messages(code, { 'data-modeling/require-indexes': 'error', 'data-modeling/require-rls': 'error' })
      .filter((m) => m.line >= 3 && m.fix)
      .map((m) => m.fix!);
    expect(fixes).toHaveLength(2);
    const [a, b] = fixes.sort((x, y) => x.range[0] - y.range[0]);
    // ESLint skips a fix that starts where an applied one ends.
    expect(b!.range[0]).toBeLessThanOrEqual(a!.range[1]);
  });
});

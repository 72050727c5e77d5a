import * as parser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import { getSchema } from '../../src/model/schema.js';
import type { SchemaModel, TableModel } from '../../src/model/table.js';
import { analyze } from '../support/analyze.js';
import { code } from '../support/rule-tester.js';

const names = (tables: TableModel[]) => tables.map((t) => t.name);

describe('which calls define tables', () => {
  it('pgTable under any local name, and through a namespace import', () => {
    const schema = analyze(code`
      import { pgTable as table } from 'drizzle-orm/pg-core';
      import * as pg from 'drizzle-orm/pg-core';
      export const a = table('a', {});
      export const b = pg.pgTable('b', {});
    `);
    expect(names(schema.tables)).toEqual(['a', 'b']);
    expect(schema.tables.map((t) => t.factory)).toEqual(['pgTable', 'pgTable']);
  });

  it('tables the app does not own are kept apart: Supabase schemas, externalSchemas, .existing() schemas', () => {
    const source = code`
      import { pgSchema, pgTable, uuid } from 'drizzle-orm/pg-core';
      const auth = pgSchema('auth');
      const billing = pgSchema('billing');
      const legacy = pgSchema('legacy').existing();
      export const authUsers = auth.table('users', { id: uuid('id').primaryKey() });
      export const secrets = pgSchema('vault').table('secrets', { id: uuid('id') });
      export const invoices = billing.table('invoices', { id: uuid('id') });
      export const orders = legacy.table('orders', { id: uuid('id') });
      export const olderOrders = pgSchema('legacy').existing().table.withRLS('older_orders', { id: uuid('id') });
      export const app = pgSchema('app').table('projects', { id: uuid('id') });
      export const usersInAuth = pgTable('auth.users', { id: uuid('id') });
      export const dotted = pgTable('app.settings', { id: uuid('id') });
      export const posts = pgTable('posts', { author_id: uuid('author_id').references(() => authUsers.id) });
    `;
    const schema = analyze(source);
    expect(names(schema.tables)).toEqual(['invoices', 'projects', 'app.settings', 'posts']);
    expect(names(schema.externalTables)).toEqual(['users', 'secrets', 'orders', 'older_orders', 'auth.users']);
    expect([...schema.tableByVariable.values()].map((t) => t.name)).toEqual(['invoices', 'projects', 'app.settings', 'posts']);
    const configured = analyze(source, { externalSchemas: ['billing'] });
    expect(names(configured.tables)).toEqual(['projects', 'app.settings', 'posts']);
  });

  it('a local function named pgTable is not a table, nor a pgTable imported from elsewhere', () => {
    const schema = analyze(code`
      import { pgTable as other } from './helpers';
      function pgTable(name: string, columns: object) { return { name, columns }; }
      export const a = pgTable('a', {});
      export const b = other('b', {});
    `);
    expect(schema.tables).toEqual([]);
  });

  it('a shadowed import is not a table', () => {
    const schema = analyze(code`
      import { pgTable } from 'drizzle-orm/pg-core';
      export function make(pgTable: (n: string, c: object) => unknown) { return pgTable('x', {}); }
    `);
    expect(schema.tables).toEqual([]);
  });

  it('pgTable.withRLS and .enableRLS()', () => {
    const schema = analyze(code`
      import { pgTable } from 'drizzle-orm/pg-core';
      export const a = pgTable.withRLS('a', {});
      export const b = pgTable('b', {}).enableRLS();
      export const c = pgTable('c', {});
    `);
    expect(schema.tables.map((t) => [t.name, t.rlsEnabled])).toEqual([['a', true], ['b', true], ['c', false]]);
    expect(schema.tables[1]?.variableName).toBe('b');
  });

  it('pgSchema().table, directly and through a variable', () => {
    const schema = analyze(code`
      import { pgSchema } from 'drizzle-orm/pg-core';
      const app = pgSchema('app');
      export const a = app.table('a', {});
      export const b = pgSchema('billing').table('b', {});
    `);
    expect(schema.tables.map((t) => [t.name, t.factory, t.schemaName])).toEqual([['a', 'schema', 'app'], ['b', 'schema', 'billing']]);
  });

  it('the function returned by pgTableCreator', () => {
    const schema = analyze(code`
      import { pgTableCreator } from 'drizzle-orm/pg-core';
      const createTable = pgTableCreator((name) => \`app_\${name}\`);
      export const a = createTable('a', {});
    `);
    expect(schema.tables.map((t) => [t.name, t.factory])).toEqual([['a', 'creator']]);
  });

  it('drizzle-orm 1.0 casing helpers, and their withRLS', () => {
    const schema = analyze(code`
      import { snakeCase, camelCase } from 'drizzle-orm/pg-core';
      export const a = snakeCase.table('a', (t) => ({ tenantId: t.uuid() }));
      export const b = camelCase.table.withRLS('b', { tenant_id: uuid() });
    `);
    expect(schema.tables.map((t) => [t.name, t.factory, t.casing, t.rlsEnabled])).toEqual([
      ['a', 'casing', 'snake_case', false],
      ['b', 'casing', 'camelCase', true],
    ]);
    expect(schema.tables[0]?.column('tenant_id')?.key).toBe('tenantId');
  });

  it('factories named in the settings, with the columns they add', () => {
    const schema = analyze(
      code`
        import { pgTable } from './db/helpers';
        import { tenantTable } from './db/tenant-table';
        export const a = pgTable('a', {});
        export const b = tenantTable('b', {});
      `,
      { tableFactories: ['pgTable', { name: 'tenantTable', columns: ['tenant_id'] }] },
    );
    expect(schema.tables.map((t) => [t.name, t.factory])).toEqual([['a', 'custom'], ['b', 'custom']]);
    expect(schema.tables[1]?.lacks('tenant_id')).toBe(false);
    expect(schema.tables[0]?.lacks('tenant_id')).toBe(true);
  });

  it('a file without drizzle imports has no tables', () => {
    expect(analyze('export const x = 1;').tables).toEqual([]);
  });
});

describe('columns', () => {
  it('reads builders with and without names, and the modifier chain', () => {
    const [table] = analyze(code`
      import { pgTable, uuid, varchar, timestamp } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', {
        id: uuid('id').primaryKey().defaultRandom(),
        email: varchar({ length: 255 }).notNull().unique(),
        createdAt: timestamp('created_at', { withTimezone: true }).defaultNow(),
      });
    `).tables;
    expect(table?.columns.map((c) => [c.key, c.dbName, c.builder, c.modifiers.map((m) => m.name)])).toEqual([
      ['id', 'id', 'uuid', ['primaryKey', 'defaultRandom']],
      ['email', 'email', 'varchar', ['notNull', 'unique']],
      ['createdAt', 'created_at', 'timestamp', ['defaultNow']],
    ]);
    expect(table?.columnsComplete).toBe(true);
  });

  it('names name-less builders from the key under the casing setting', () => {
    const [table] = analyze(
      code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { tenantId: uuid() });
      `,
      { casing: 'snake_case' },
    ).tables;
    expect(table?.column('tenant_id')?.key).toBe('tenantId');
  });

  it('callbacks with a parameter or destructured builders', () => {
    const schema = analyze(code`
      import { pgTable } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', (t) => ({ id: t.uuid('id').primaryKey() }));
      export const b = pgTable('b', ({ uuid: id, text }) => ({ id: id().primaryKey(), name: text() }));
    `);
    expect(schema.tables.map((t) => t.columns.map((c) => c.builder))).toEqual([['uuid'], ['uuid', 'text']]);
    expect(schema.tables.map((t) => t.builderStyle.kind)).toEqual(['param', 'destructured']);
  });

  it('follows same-file spreads (objects and functions), marks the rest unknown', () => {
    const schema = analyze(code`
      import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
      import { imported } from './columns';
      const timestamps = { created_at: timestamp('created_at') };
      function audit() { return { updated_at: timestamp('updated_at') }; }
      const base = () => ({ id: uuid('id') });
      export const a = pgTable('a', { ...timestamps, ...audit(), ...base() });
      export const b = pgTable('b', { ...imported, name: helper('name') });
      declare function helper(n: string): unknown;
    `);
    const [a, b] = schema.tables;
    expect(a?.columns.map((c) => c.dbName)).toEqual(['created_at', 'updated_at', 'id']);
    expect(a?.columnsComplete).toBe(true);
    expect(a?.columns.every((c) => c.viaSpread !== null)).toBe(true);
    expect(b?.columnsComplete).toBe(false);
    expect(b?.lacks('tenant_id')).toBe(false);
    expect(b?.columnByKey('name')?.builder).toBeNull();
  });

  it('finds columns by database name, by key and by a misspelling, in small and large tables alike', () => {
    // Up to 16 columns a table is scanned; a larger one is looked up through maps. Both answer alike.
    for (const padding of [0, 20]) {
      const extra = Array.from({ length: padding }, (_, i) => `c${i}: text('c${i}'),`).join(' ');
      const [table] = analyze(`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { ${extra} tenantId: uuid(), name: text('first'), name: text('second'), other: text('first') });
      `).tables;
      expect(table?.columns).toHaveLength(padding + 4);
      expect(table?.column('tenant_id')?.key).toBe('tenantId'); // the misspelled tenant column
      expect(table?.column('tenantId')?.key).toBe('tenantId');
      expect(table?.column('first')?.key).toBe('name'); // the first column of a database name
      expect(table?.columnByKey('name')?.dbName).toBe('second'); // the last of a repeated key, as in JavaScript
      expect(table?.column('missing')).toBeUndefined();
      expect(table?.lacks('missing')).toBe(true);
      expect(table?.lacks('tenant_id')).toBe(false);
    }
  });

  it('a builder import shadowed by a local of the same name is not a builder there', () => {
    const schema = analyze(code`
      import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', { id: uuid('id'), name: text('name') });
      export function make(uuid: () => unknown) {
        return pgTable('b', { id: uuid(), name: text('name') });
      }
    `);
    expect(schema.tables.map((t) => t.columns.map((c) => c.builder))).toEqual([['uuid', 'text'], [null, 'text']]);
  });

  it('an unreadable columns argument makes the columns unknown', () => {
    const [table] = analyze(code`
      import { pgTable } from 'drizzle-orm/pg-core';
      import { columns } from './columns';
      export const a = pgTable('a', columns);
    `).tables;
    expect(table?.columnsComplete).toBe(false);
    expect(table?.lacks('id')).toBe(false);
  });
});

describe('extra config', () => {
  it('reads the array form with nested arrays, spreads and every entry kind', () => {
    const [table] = analyze(code`
      import { sql } from 'drizzle-orm';
      import { pgTable, uuid, index, uniqueIndex, primaryKey, foreignKey, unique, check, pgPolicy } from 'drizzle-orm/pg-core';
      const more = (t: any) => [index('c_idx').on(t.c)];
      export const a = pgTable('a', { a: uuid('a'), b: uuid('b'), c: uuid('c') }, (t) => [
        index('a_idx').on(t.a, t.b),
        [uniqueIndex('b_idx').on(t.b)],
        primaryKey({ columns: [t.a, t.b] }),
        foreignKey({ columns: [t.b], foreignColumns: [t.a] }),
        unique().on(t.c),
        check('c_check', sql\`true\`),
        pgPolicy('p', { for: 'all', using: sql\`true\` }),
      ]);
    `).tables;
    const extra = table?.extra;
    if (!extra || extra === 'unknown') throw new Error('no extra config');
    expect(extra.form).toBe('array');
    expect(extra.entries.map((e) => [e.kind, e.name, e.columns.map((c) => c?.key)])).toEqual([
      ['index', 'a_idx', ['a', 'b']],
      ['uniqueIndex', 'b_idx', ['b']],
      ['primaryKey', null, ['a', 'b']],
      ['foreignKey', null, ['b']],
      ['unique', null, ['c']],
      ['check', 'c_check', []],
      ['policy', 'p', []],
    ]);
    expect(table?.policies.map((p) => p.name)).toEqual(['p']);
  });

  it('reads the deprecated object form with a block body', () => {
    const [table] = analyze(code`
      import { pgTable, uuid, index } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', { tenantId: uuid('tenant_id') }, (table) => {
        return { tenantIdx: index('a_tenant_idx').on(table.tenantId) };
      });
    `).tables;
    const extra = table?.extra;
    if (!extra || extra === 'unknown') throw new Error('no extra config');
    expect(extra.form).toBe('object');
    expect(extra.entries[0]?.columns[0]?.dbName).toBe('tenant_id');
  });

  it('a helper call is unknown', () => {
    const [table] = analyze(code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { tenantIndexes } from './helpers';
      export const a = pgTable('a', { id: uuid('id') }, tenantIndexes);
      export const b = pgTable('b', { id: uuid('id') }, (t) => [...tenantIndexes(t)]);
    `).tables;
    expect(table?.extra).toBe('unknown');
    expect(table?.policiesUnknown).toBe(true);
  });

  it('pgPolicy(...).link(table) anywhere in the file', () => {
    const schema = analyze(code`
      import { sql } from 'drizzle-orm';
      import { pgTable, pgPolicy, uuid } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', { id: uuid('id') });
      export const p = pgPolicy('iso', { using: sql\`true\` }).link(a);
    `);
    expect(schema.tables[0]?.policies.map((p) => [p.name, p.source])).toEqual([['iso', 'link']]);
  });

  it('crudPolicy from drizzle-orm/neon', () => {
    const schema = analyze(code`
      import { sql } from 'drizzle-orm';
      import { crudPolicy, authenticatedRole } from 'drizzle-orm/neon';
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', { id: uuid('id') }, () => [crudPolicy({ role: authenticatedRole, read: sql\`true\`, modify: sql\`true\` })]);
    `);
    expect(schema.tables[0]?.policies.map((p) => p.kind)).toEqual(['crudPolicy']);
  });
});

describe('the model is built once per file', () => {
  it('every rule of one lint run receives the same object; another file gets another', () => {
    const seen: SchemaModel[] = [];
    const probe: TSESLint.RuleModule<never> = {
      meta: { type: 'problem', schema: [], messages: {} },
      defaultOptions: [],
      create: (context) => ({ 'Program:exit': () => void seen.push(getSchema(context)) }),
    };
    const linter = new Linter({ configType: 'flat' });
    const config = [{
      files: ['**/*.ts'],
      languageOptions: { parser },
      plugins: { p: { rules: { a: probe, b: probe } } } as unknown as Linter.Config['plugins'],
      rules: { 'p/a': 'error', 'p/b': 'error' } as Linter.RulesRecord,
    }];
    linter.verify(`import { pgTable } from 'drizzle-orm/pg-core'; pgTable('a', {});`, config, 'a.ts');
    linter.verify(`import { pgTable } from 'drizzle-orm/pg-core'; pgTable('a', {});`, config, 'b.ts');
    expect(seen).toHaveLength(4);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toBe(seen[3]);
    expect(seen[0]).not.toBe(seen[2]);
  });
});

import rule from '../../src/rules/require-tenant-id.js';
import { code, createRuleTester, EXTERNAL_TABLES } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('require-tenant-id', rule, {
  valid: [
    // tables the app does not own: Supabase's schemas, a schema named in externalSchemas, an .existing()
    // schema (drizzle-orm 1.0)
    EXTERNAL_TABLES,
    code`
      import { pgTable, uuid, text } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', {
        id: uuid('id').primaryKey().defaultRandom(),
        tenant_id: uuid('tenant_id').notNull(),
        name: text('name'),
      });
    `,
    // root tables are exempt
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      export const tenants = pgTable('tenants', { id: uuid('id').primaryKey().defaultRandom() });
    `,
    // not drizzle: a local function named pgTable
    code`
      function pgTable(name: string, columns: object) { return { name, columns }; }
      export const users = pgTable('users', { id: 1 });
    `,
    // unknown part: an imported spread may hold the tenant column
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { tenantColumns } from './columns';
      export const users = pgTable('users', { id: uuid('id').primaryKey(), ...tenantColumns });
    `,
    // a same-file spread that holds it
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      const scoped = { tenant_id: uuid('tenant_id').notNull() };
      export const users = pgTable('users', { id: uuid('id').primaryKey(), ...scoped });
    `,
    // key differs from the db name: the column is identified by its db name
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { tenantId: uuid('tenant_id').notNull() });
    `,
    // a name-less camelCase key under preserve casing: the column "tenantId" is the tenant column,
    // spelled wrong (snake-case's business); no second one may be inserted
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { tenantId: uuid().notNull() });
    `,
  ],
  invalid: [
    {
      // Exported column sets no table of the file spreads (helpers for other files' tables): checked here, once.
      code: code`
        import { text, uuid } from 'drizzle-orm/pg-core';
        export const tenantColumns = () => ({ tenant_id: uuid('tenant_id') });
        export const legacyTenant = { tenant_id: text('tenant_id').notNull() };
      `,
      output: code`
        import { text, uuid } from 'drizzle-orm/pg-core';
        export const tenantColumns = () => ({ tenant_id: uuid('tenant_id').notNull() });
        export const legacyTenant = { tenant_id: text('tenant_id').notNull() };
      `,
      errors: [
        { messageId: 'nullable', line: 2, column: 39, data: { table: 'column set "tenantColumns"', column: 'tenant_id', notNull: 'add .notNull()' } },
        { messageId: 'notUuid', line: 3, column: 31, data: { table: 'column set "legacyTenant"', column: 'tenant_id', built: 'built with text()', uuid: 'uuid()' } },
      ],
    },
    {
      // columns of same-file objects spread into several tables: each problem reported once, at its definition
      code: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        const base = { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id') };
        const legacy = { tenant_id: text('tenant_id').notNull() };
        export const a = pgTable('a', { ...base, name: text('name') });
        export const b = pgTable('b', { ...base, name: text('name') });
        export const c = pgTable('c', { ...legacy });
        export const d = pgTable('d', { ...legacy });
      `,
      output: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        const base = { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull() };
        const legacy = { tenant_id: text('tenant_id').notNull() };
        export const a = pgTable('a', { ...base, name: text('name') });
        export const b = pgTable('b', { ...base, name: text('name') });
        export const c = pgTable('c', { ...legacy });
        export const d = pgTable('d', { ...legacy });
      `,
      errors: [
        { messageId: 'nullable', line: 2, column: 45, data: { table: 'column set "base"', column: 'tenant_id', notNull: 'add .notNull()' } },
        { messageId: 'notUuid', line: 3, column: 18, data: { table: 'column set "legacy"', column: 'tenant_id', built: 'built with text()', uuid: 'uuid()' } },
      ],
    },
    {
      code: code`
        import { pgTable, uuid, text } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          id: uuid('id').primaryKey().defaultRandom(),
          name: text('name'),
        });
      `,
      output: code`
        import { pgTable, uuid, text } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          id: uuid('id').primaryKey().defaultRandom(),
          tenant_id: uuid('tenant_id').notNull(),
          name: text('name'),
        });
      `,
      errors: [{ messageId: 'missing', line: 2, column: 30, endColumn: 37, data: { table: 'users', column: 'tenant_id', roots: 'tenants' } }],
    },
    {
      // adds the import and the reference to the root table defined in the file
      code: code`
        import { pgTable, text } from "drizzle-orm/pg-core";
        import { tenants } from "./tenants";
        export const posts = pgTable("posts", {
          title: text("title")
        });
      `,
      output: code`
        import { pgTable, text, uuid } from "drizzle-orm/pg-core";
        import { tenants } from "./tenants";
        export const posts = pgTable("posts", {
          tenant_id: uuid("tenant_id").notNull().references(() => tenants.id),
          title: text("title")
        });
      `,
      errors: [{ messageId: 'missing' }],
    },
    {
      // several root tables: the tenant column references the one named after it, not the first root in scope
      code: code`
        import { pgTable, text } from "drizzle-orm/pg-core";
        import { users } from "./users";
        import { workspaces } from "./workspaces";
        export const posts = pgTable("posts", {
          title: text("title")
        });
      `,
      output: code`
        import { pgTable, text, uuid } from "drizzle-orm/pg-core";
        import { users } from "./users";
        import { workspaces } from "./workspaces";
        export const posts = pgTable("posts", {
          workspace_id: uuid("workspace_id").notNull().references(() => workspaces.id),
          title: text("title")
        });
      `,
      settings: { 'data-modeling': { tenantColumn: 'workspace_id', rootTables: ['users', 'workspaces'] } },
      errors: [{ messageId: 'missing', line: 4, column: 30, data: { table: 'posts', column: 'workspace_id', roots: 'users, workspaces' } }],
    },
    {
      // several root tables, none named after the tenant column: no reference is guessed
      code: code`
        import { pgTable, text } from "drizzle-orm/pg-core";
        import { users } from "./users";
        export const posts = pgTable("posts", {
          title: text("title")
        });
      `,
      output: code`
        import { pgTable, text, uuid } from "drizzle-orm/pg-core";
        import { users } from "./users";
        export const posts = pgTable("posts", {
          org_id: uuid("org_id").notNull(),
          title: text("title")
        });
      `,
      settings: { 'data-modeling': { tenantColumn: 'org_id', rootTables: ['users', 'accounts'] } },
      errors: [{ messageId: 'missing', line: 3, column: 30, data: { table: 'posts', column: 'org_id', roots: 'users, accounts' } }],
    },
    {
      // callback style with the parameter, name-less builders
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', (t) => ({ id: t.uuid().primaryKey().defaultRandom() }));
        export const posts = pgTable('posts', (t) => ({
          id: t.uuid().primaryKey().defaultRandom(),
          title: t.text(),
        }));
      `,
      output: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', (t) => ({ id: t.uuid().primaryKey().defaultRandom() }));
        export const posts = pgTable('posts', (t) => ({
          id: t.uuid().primaryKey().defaultRandom(),
          tenant_id: t.uuid().notNull().references(() => tenants.id),
          title: t.text(),
        }));
      `,
      errors: [{ messageId: 'missing', line: 3 }],
    },
    {
      code: code`
        import * as pg from 'drizzle-orm/pg-core';
        export const posts = pg.pgTable('posts', { id: pg.uuid('id').primaryKey(), tenant_id: pg.uuid('tenant_id') });
      `,
      output: code`
        import * as pg from 'drizzle-orm/pg-core';
        export const posts = pg.pgTable('posts', { id: pg.uuid('id').primaryKey(), tenant_id: pg.uuid('tenant_id').notNull() });
      `,
      errors: [{ messageId: 'nullable', column: 76, endColumn: 85 }],
    },
    {
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { tenant_id: text('tenant_id').notNull() });
      `,
      output: null,
      errors: [{ messageId: 'notUuid', data: { table: 'table "posts"', column: 'tenant_id', built: 'built with text()', uuid: 'uuid()' } }],
    },
    {
      // schemas, creators
      code: code`
        import { pgSchema, pgTableCreator, uuid } from 'drizzle-orm/pg-core';
        const app = pgSchema('app');
        const table = pgTableCreator((name) => \`app_\${name}\`);
        export const a = app.table('a', { id: uuid('id') });
        export const b = table('b', { id: uuid('id') });
      `,
      output: code`
        import { pgSchema, pgTableCreator, uuid } from 'drizzle-orm/pg-core';
        const app = pgSchema('app');
        const table = pgTableCreator((name) => \`app_\${name}\`);
        export const a = app.table('a', { id: uuid('id'), tenant_id: uuid('tenant_id').notNull() });
        export const b = table('b', { id: uuid('id'), tenant_id: uuid('tenant_id').notNull() });
      `,
      errors: [{ messageId: 'missing', line: 4 }, { messageId: 'missing', line: 5 }],
    },
  ],
});

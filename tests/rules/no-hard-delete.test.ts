import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../src/rules/no-hard-delete.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

/** A schema with a soft-deletable table (`users`, key `deletedAt`) and one without (`sessions`). */
const schema = code`
  import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
  export const users = pgTable('users', { id: uuid('id'), deletedAt: timestamp('deleted_at') });
  export const sessions = pgTable('sessions', { id: uuid('id') });
`;

ruleTester.run('no-hard-delete', rule, {
  valid: [
    // a table without deleted_at may be deleted from
    `${schema}await db.delete(sessions).where(eq(sessions.id, id));`,
    // a purge of rows already soft-deleted
    `${schema}await db.delete(users).where(and(isNotNull(users.deletedAt), lt(users.deletedAt, cutoff)));`,
    // soft deletes
    `${schema}await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, id));`,
    // an imported table, without type information or the option: the plugin cannot see its columns
    code`
      import { users } from './schema';
      await db.delete(users).where(eq(users.id, id));
    `,
    // a table whose columns are partly invisible (an imported spread)
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { base } from './columns';
      export const users = pgTable('users', { id: uuid('id'), ...base });
      await db.delete(users);
    `,
    // a table declared inside a function is not the global of the same name read outside it
    code`
      import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
      export function define() {
        const users = pgTable('users', { id: uuid('id'), deleted_at: timestamp('deleted_at') });
        return users;
      }
      await db.delete(users);
    `,
    // the option names other tables
    {
      code: code`
        import { sessions } from './schema';
        await db.delete(sessions);
      `,
      options: [{ tables: ['users'] }],
    },
    // a listed name that is a local variable, not an import
    {
      code: code`
        const users = new Set<string>();
        cache.delete(users);
      `,
      options: [{ tables: ['users'] }],
    },
    // ---- .delete() calls that are not Drizzle's ----
    // Map / Set / WeakMap keyed by a table object
    `${schema}const seen = new Set([users]); seen.delete(users);`,
    `${schema}const counts = new Map<unknown, number>(); counts.delete(users);`,
    `${schema}const refs: WeakMap<object, string> = getRefs(); refs.delete(users);`,
    `${schema}function forget(pending: Set<unknown>) { pending.delete(users); }`,
    `${schema}function forget(pending = new Set()) { pending.delete(users); }`,
    `${schema}class Cache { private entries = new Map(); drop() { this.entries.delete(users); } }`,
    `${schema}class Cache { entries: Map<object, number>; drop() { this.entries.delete(users); } }`,
    `${schema}new Map().delete(users);`,
    // a boolean result: Set/Map.delete, not a query
    `${schema}if (registry.delete(users)) log('removed');`,
    `${schema}const removed = !registry.delete(users);`,
    `${schema}registry.delete(users) && log('removed');`,
    `${schema}const x = registry.delete(users) ? 1 : 0;`,
    // HTTP clients: a URL, not a table
    `${schema}await axios.delete('/users/' + id); await ky.delete(\`users/\${id}\`); await http.delete(url);`,
    `${schema}await fetcher.delete(users.id);`,
    // URLSearchParams / Headers / FormData
    `${schema}const params = new URLSearchParams(location.search); params.delete('users');`,
    `${schema}headers.delete('x-user'); form.delete(users.id);`,
    // other ORMs: Prisma, TypeORM, Mongoose, Knex, MikroORM, Kysely
    `${schema}await prisma.user.delete({ where: { id } });`,
    `${schema}await repo.delete({ id }); await repository.delete(id); await User.delete(id);`,
    `${schema}await knex('users').where({ id }).delete(); await User.query().delete().where('id', id);`,
    `${schema}await em.nativeDelete(User, { id }); await db.deleteFrom('users').where('id', '=', id).execute();`,
    // more than one argument, a spread, a computed property
    `${schema}store.delete(users, id); store.delete(...args); db['delete'](users);`,
    // the same-named variable in an inner scope is not the table
    `${schema}function f(users: string) { return api.delete(users); }`,
    // a local function named pgTable is not Drizzle
    code`
      const pgTable = (name: string, columns: object) => columns;
      const users = pgTable('users', { deleted_at: 1 });
      await db.delete(users);
    `,
  ],
  invalid: [
    {
      // a string-mode column is set with an ISO string
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        const notes = pgTable('notes', { deleted_at: timestamp('deleted_at', { mode: 'string' }) });
        await db.delete(notes);
      `,
      output: null,
      errors: [
        {
          messageId: 'hardDelete',
          line: 3,
          column: 10,
          suggestions: [
            {
              messageId: 'softDelete',
              data: { target: 'notes', key: 'deleted_at', now: 'new Date().toISOString()' },
              output: code`
                import { pgTable, timestamp } from 'drizzle-orm/pg-core';
                const notes = pgTable('notes', { deleted_at: timestamp('deleted_at', { mode: 'string' }) });
                await db.update(notes).set({ deleted_at: new Date().toISOString() });
              `,
            },
          ],
        },
      ],
    },
    {
      code: `${schema}await db.delete(users).where(eq(users.id, id));\n`,
      output: null,
      errors: [
        {
          messageId: 'hardDelete',
          line: 4,
          column: 10,
          endColumn: 23,
          data: { table: 'users' },
          suggestions: [
            {
              messageId: 'softDelete',
              data: { target: 'users', key: 'deletedAt', now: 'new Date()' },
              output: `${schema}await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, id));\n`,
            },
          ],
        },
      ],
    },
    {
      // in a transaction, with .returning(); a table keyed snake_case
      code: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        const posts = pgTable('posts', { id: uuid('id'), deleted_at: timestamp('deleted_at') });
        await db.transaction(async (tx) => {
          const removed = await tx
            .delete(posts)
            .where(eq(posts.id, id))
            .returning();
        });
      `,
      output: null,
      errors: [
        {
          messageId: 'hardDelete',
          line: 5,
          column: 6,
          endLine: 5,
          endColumn: 19,
          data: { table: 'posts' },
          suggestions: [
            {
              messageId: 'softDelete',
              output: code`
                import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
                const posts = pgTable('posts', { id: uuid('id'), deleted_at: timestamp('deleted_at') });
                await db.transaction(async (tx) => {
                  const removed = await tx
                    .update(posts).set({ deleted_at: new Date() })
                    .where(eq(posts.id, id))
                    .returning();
                });
              `,
            },
          ],
        },
      ],
    },
    {
      // a delete of every row; this.db / ctx.db receivers; name-less builders under casing snake_case
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const users = pgTable('app_users', (t) => ({ id: t.uuid(), deletedAt: t.timestamp() }));
        class Repo { wipe() { return this.db.delete(users); } }
        export const wipe = (ctx: Ctx) => ctx.db.delete(users);
      `,
      settings: { 'data-modeling': { casing: 'snake_case' } },
      output: null,
      errors: [
        {
          messageId: 'hardDelete',
          line: 3,
          column: 38,
          data: { table: 'app_users' },
          suggestions: [
            {
              messageId: 'softDelete',
              output: code`
                import { pgTable } from 'drizzle-orm/pg-core';
                export const users = pgTable('app_users', (t) => ({ id: t.uuid(), deletedAt: t.timestamp() }));
                class Repo { wipe() { return this.db.update(users).set({ deletedAt: new Date() }); } }
                export const wipe = (ctx: Ctx) => ctx.db.delete(users);
              `,
            },
          ],
        },
        {
          messageId: 'hardDelete',
          line: 4,
          column: 42,
          suggestions: [
            {
              messageId: 'softDelete',
              output: code`
                import { pgTable } from 'drizzle-orm/pg-core';
                export const users = pgTable('app_users', (t) => ({ id: t.uuid(), deletedAt: t.timestamp() }));
                class Repo { wipe() { return this.db.delete(users); } }
                export const wipe = (ctx: Ctx) => ctx.db.update(users).set({ deletedAt: new Date() });
              `,
            },
          ],
        },
      ],
    },
    {
      // imported tables named in the option (also renamed, and through a namespace import);
      // the suggestion uses the standard key
      code: code`
        import { users as people } from './schema';
        import * as schema from './schema';
        await db.delete(people).where(eq(people.id, id));
        await db.delete(schema.orders);
      `,
      options: [{ tables: ['users', '/^order/u'] }],
      output: null,
      errors: [
        {
          messageId: 'hardDelete',
          line: 3,
          column: 10,
          data: { table: 'users' },
          suggestions: [
            {
              messageId: 'softDelete',
              data: { target: 'people', key: 'deleted_at', now: 'new Date()' },
              output: code`
                import { users as people } from './schema';
                import * as schema from './schema';
                await db.update(people).set({ deleted_at: new Date() }).where(eq(people.id, id));
                await db.delete(schema.orders);
              `,
            },
          ],
        },
        {
          messageId: 'hardDelete',
          line: 4,
          column: 10,
          data: { table: 'orders' },
          suggestions: [
            {
              messageId: 'softDelete',
              output: code`
                import { users as people } from './schema';
                import * as schema from './schema';
                await db.delete(people).where(eq(people.id, id));
                await db.update(schema.orders).set({ deleted_at: new Date() });
              `,
            },
          ],
        },
      ],
    },
    {
      // a same-file table whose columns are invisible, named in the option
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        import { base } from './columns';
        export const users = pgTable('users', { id: uuid('id'), ...base });
        await db.delete(users);
      `,
      options: [{ tables: ['users'] }],
      output: null,
      errors: [
        {
          messageId: 'hardDelete',
          line: 4,
          column: 10,
          suggestions: [
            {
              messageId: 'softDelete',
              output: code`
                import { pgTable, uuid } from 'drizzle-orm/pg-core';
                import { base } from './columns';
                export const users = pgTable('users', { id: uuid('id'), ...base });
                await db.update(users).set({ deleted_at: new Date() });
              `,
            },
          ],
        },
      ],
    },
  ],
});

// ---- With type information: tables imported from another module, receivers checked by type ----

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/typed');
const typedTester = new RuleTester({
  languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: fixtures } },
});
const queries = path.join(fixtures, 'queries.ts');
const header = code`
  import { eq } from 'drizzle-orm';
  import { db } from './db';
  import * as schema from './schema';
  import { accounts, invoices, sessions } from './schema';
`;

typedTester.run('no-hard-delete (typed)', rule, {
  valid: [
    // tables imported from the schema module without deleted_at
    { filename: queries, code: `${header}await db.delete(sessions).where(eq(sessions.id, '1'));\n` },
    // Map and Set keyed by a soft-deletable table: their delete is not Drizzle's, whatever the receiver is called
    { filename: queries, code: `${header}const db2 = new Map<unknown, number>(); db2.delete(accounts);\n` },
    {
      filename: queries,
      code: `${header}export function drop(tables: Set<unknown>) { return tables.delete(invoices); }\n`,
    },
    // an imported Map: only its type tells that this is not a database, even with the table listed
    { filename: queries, code: `${header}import { registry } from './cache';\nregistry.delete(accounts);\n` },
    {
      filename: queries,
      code: `${header}import { registry } from './cache';\nregistry.delete(accounts);\n`,
      options: [{ tables: ['accounts'] }],
    },
    // an HTTP client whose delete takes anything: typed, not Drizzle's
    {
      filename: queries,
      code: `${header}declare const api: { delete(path: unknown): Promise<void> };\nawait api.delete(accounts);\n`,
    },
    // a generic table parameter: its columns are unknown
    {
      filename: queries,
      code: `${header}import type { PgTable } from 'drizzle-orm/pg-core';\nexport const wipe = (table: PgTable) => db.delete(table);\n`,
    },
  ],
  invalid: [
    {
      // a local alias of an imported table, found through its type
      filename: queries,
      code: `${header}const target = accounts;\nawait db.delete(target);\n`,
      output: null,
      errors: [
        {
          messageId: 'hardDelete',
          line: 6,
          column: 10,
          data: { table: 'accounts' },
          suggestions: [
            { messageId: 'softDelete', output: `${header}const target = accounts;\nawait db.update(target).set({ deletedAt: new Date() });\n` },
          ],
        },
      ],
    },
    {
      // imported by name; the key of the column comes from its type (`deletedAt` for "deleted_at")
      filename: queries,
      code: `${header}await db.delete(accounts).where(eq(accounts.id, '1'));\n`,
      output: null,
      errors: [
        {
          messageId: 'hardDelete',
          line: 5,
          column: 10,
          data: { table: 'accounts' },
          suggestions: [
            {
              messageId: 'softDelete',
              data: { target: 'accounts', key: 'deletedAt', now: 'new Date()' },
              output: `${header}await db.update(accounts).set({ deletedAt: new Date() }).where(eq(accounts.id, '1'));\n`,
            },
          ],
        },
      ],
    },
    {
      // through the namespace import and in a transaction; a table spread from a helper module
      filename: queries,
      code: `${header}await db.transaction(async (tx) => {\n  await tx.delete(schema.invoices);\n});\n`,
      output: null,
      errors: [
        {
          messageId: 'hardDelete',
          line: 6,
          column: 12,
          data: { table: 'invoices' },
          suggestions: [
            {
              messageId: 'softDelete',
              data: { target: 'schema.invoices', key: 'deleted_at', now: 'new Date()' },
              output: `${header}await db.transaction(async (tx) => {\n  await tx.update(schema.invoices).set({ deleted_at: new Date() });\n});\n`,
            },
          ],
        },
      ],
    },
  ],
});

import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/require-soft-delete.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('require-soft-delete', rule, {
  valid: [
    {
      // With the tables option, which tables spread an exported column set is not known in its file.
      code: code`
        import { timestamp } from 'drizzle-orm/pg-core';
        export const softDelete = { deleted_at: timestamp('deleted_at', { withTimezone: true }).notNull() };
      `,
      options: [{ tables: ['users'] }],
    },
    code`
      import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', {
        id: uuid('id'),
        deleted_at: timestamp('deleted_at', { withTimezone: true }),
      });
    `,
    // keyed in camelCase, found by its database name; casing snake_case with a name-less builder
    code`
      import { pgTable, timestamp } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', { deletedAt: timestamp('deleted_at') });
    `,
    {
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', (t) => ({ deletedAt: t.timestamp() }));
      `,
      settings: { 'data-modeling': { casing: 'snake_case' } },
    },
    // `.default(null)` sets nothing
    code`
      import { pgTable, timestamp } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', { deleted_at: timestamp('deleted_at').default(null) });
    `,
    // an imported spread may hold it; a helper column cannot be judged
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { softDelete, deletedAt } from './columns';
      export const a = pgTable('a', { id: uuid('id'), ...softDelete });
      export const b = pgTable('b', { id: uuid('id'), deleted_at: deletedAt().notNull() });
    `,
    // a factory that adds the column itself
    {
      code: code`
        import { tenantTable } from './tables';
        import { uuid } from 'drizzle-orm/pg-core';
        export const a = tenantTable('a', { id: uuid('id') });
      `,
      settings: { 'data-modeling': { tableFactories: [{ name: 'tenantTable', columns: ['deleted_at'] }] } },
    },
    // the tables option: names and patterns; other tables are left alone
    {
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const auditLog = pgTable('audit_log', { id: uuid('id') });
        export const events = pgTable('events', { id: uuid('id') });
      `,
      options: [{ tables: ['users', '/^order/u'] }],
    },
    // not Drizzle
    `const pgTable = (n: string, c: object) => c; pgTable('a', {});`,
  ],
  invalid: [
    {
      // Exported column sets no table of the file spreads: a deleted_at there is checked here.
      code: code`
        import { boolean, timestamp } from 'drizzle-orm/pg-core';
        export const softDelete = { deleted_at: timestamp('deleted_at', { withTimezone: true }).notNull() };
        export const deletedFlag = { deleted_at: boolean('deleted_at') };
      `,
      output: code`
        import { boolean, timestamp } from 'drizzle-orm/pg-core';
        export const softDelete = { deleted_at: timestamp('deleted_at', { withTimezone: true }) };
        export const deletedFlag = { deleted_at: boolean('deleted_at') };
      `,
      errors: [
        { messageId: 'notNull', line: 2, column: 89, data: { table: 'column set "softDelete"' } },
        { messageId: 'notTimestamp', line: 3, column: 30, data: { table: 'column set "deletedFlag"', column: 'deleted_at', built: 'built with boolean()', timestamp: 'timestamp()' } },
      ],
    },
    {
      // issue 14: "deletedOn" is the standard column spelled otherwise: a rename is suggested, nothing
      // inserted; a boolean "deleted" is a soft-delete flag, reported without a fix
      code: code`
        import { boolean, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { id: uuid('id'), deletedOn: timestamp('deleted_on') });
        export const b = pgTable('b', { id: uuid('id'), deleted: boolean('deleted').notNull().default(false) });
      `,
      output: null,
      errors: [
        {
          messageId: 'nearMiss',
          line: 2,
          column: 49,
          endColumn: 58,
          data: { table: 'table "a"', name: 'deleted_on' },
          suggestions: [
            {
              messageId: 'renameColumn',
              data: { table: 'a', name: 'deleted_on', key: 'deletedAt' },
              output: code`
                import { boolean, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { id: uuid('id'), deletedAt: timestamp('deleted_at') });
                export const b = pgTable('b', { id: uuid('id'), deleted: boolean('deleted').notNull().default(false) });
              `,
            },
          ],
        },
        { messageId: 'flag', line: 3, column: 49, endColumn: 56, data: { table: 'table "b"', name: 'deleted' }, suggestions: [] },
      ],
    },
    {
      // inserted after updated_at, in the table's style
      code: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          id: uuid('id'),
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at').defaultNow().notNull(),
          name: uuid('name'),
        });
      `,
      output: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          id: uuid('id'),
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at').defaultNow().notNull(),
          deleted_at: timestamp('deleted_at'),
          name: uuid('name'),
        });
      `,
      errors: [{ messageId: 'missing', line: 2, column: 26, endColumn: 29, data: { table: 'a', form: '`deleted_at: timestamp("deleted_at")`' } }],
    },
    {
      // no updated_at: last; the import gains `timestamp`; the shared timestamptz config is kept
      code: code`
        import { pgTable, uuid } from "drizzle-orm/pg-core";
        export const a = pgTable("a", {
          id: uuid("id")
        });
      `,
      output: code`
        import { pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
        export const a = pgTable("a", {
          id: uuid("id"),
          deleted_at: timestamp("deleted_at")
        });
      `,
      errors: [{ messageId: 'missing', line: 2, column: 26 }],
    },
    {
      // callback builders without names, camelCase keys under casing snake_case, shared timestamptz config
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', (t) => ({
          id: t.uuid(),
          createdAt: t.timestamp({ withTimezone: true }).defaultNow(),
          updatedAt: t.timestamp({ withTimezone: true }).defaultNow(),
        }));
      `,
      settings: { 'data-modeling': { casing: 'snake_case' } },
      output: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', (t) => ({
          id: t.uuid(),
          createdAt: t.timestamp({ withTimezone: true }).defaultNow(),
          updatedAt: t.timestamp({ withTimezone: true }).defaultNow(),
          deletedAt: t.timestamp({ withTimezone: true }),
        }));
      `,
      errors: [{ messageId: 'missing', line: 2, column: 26 }],
    },
    {
      // camelCase keys with name arguments
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { updatedAt: timestamp('updated_at') });
      `,
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { updatedAt: timestamp('updated_at'), deletedAt: timestamp('deleted_at') });
      `,
      errors: [{ messageId: 'missing', line: 2, column: 26 }],
    },
    {
      // updated_at brought in by a same-file spread: the new column goes after the spread
      code: code`
        import { pgSchema, timestamp, uuid } from 'drizzle-orm/pg-core';
        const stamps = { updated_at: timestamp('updated_at') };
        const app = pgSchema('app');
        export const a = app.table('a', {
          ...stamps,
          id: uuid('id'),
        });
      `,
      output: code`
        import { pgSchema, timestamp, uuid } from 'drizzle-orm/pg-core';
        const stamps = { updated_at: timestamp('updated_at') };
        const app = pgSchema('app');
        export const a = app.table('a', {
          ...stamps,
          deleted_at: timestamp('deleted_at'),
          id: uuid('id'),
        });
      `,
      errors: [{ messageId: 'missing', line: 4, column: 28 }],
    },
    {
      // columns held in a variable: reported, but not fixed (the object is not the table's own)
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        const columns = { id: uuid('id') };
        export const a = pgTable('a', columns);
      `,
      output: null,
      errors: [{ messageId: 'missing', line: 3, column: 26 }],
    },
    {
      // the tables option: only matching tables (by database name, variable name or pattern)
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('app_users', { id: uuid('id') });
        export const orders = pgTable('orders', { id: uuid('id') });
        export const events = pgTable('events', { id: uuid('id') });
      `,
      options: [{ tables: ['users', '/^ORDER/iu'] }],
      // The first fix also adds the import; the second table's fix applies in the next pass.
      output: [
        code`
          import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
          export const users = pgTable('app_users', { id: uuid('id'), deleted_at: timestamp('deleted_at') });
          export const orders = pgTable('orders', { id: uuid('id') });
          export const events = pgTable('events', { id: uuid('id') });
        `,
        code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('app_users', { id: uuid('id'), deleted_at: timestamp('deleted_at') });
        export const orders = pgTable('orders', { id: uuid('id'), deleted_at: timestamp('deleted_at') });
        export const events = pgTable('events', { id: uuid('id') });
      `,
      ],
      errors: [
        { messageId: 'missing', line: 2, column: 30, data: { table: 'app_users', form: '`deleted_at: timestamp("deleted_at")`' } },
        { messageId: 'missing', line: 3, column: 31, data: { table: 'orders', form: '`deleted_at: timestamp("deleted_at")`' } },
      ],
    },
    {
      // NOT NULL: reported on the modifier, removed (with its line break)
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          deleted_at: timestamp('deleted_at', { withTimezone: true }).notNull(),
        });
        export const b = pgTable('b', {
          deleted_at: timestamp('deleted_at')
            .notNull(),
        });
      `,
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          deleted_at: timestamp('deleted_at', { withTimezone: true }),
        });
        export const b = pgTable('b', {
          deleted_at: timestamp('deleted_at'),
        });
      `,
      errors: [
        { messageId: 'notNull', line: 3, column: 63, endColumn: 72, data: { table: 'table "a"' } },
        { messageId: 'notNull', line: 7, column: 6, endColumn: 15, data: { table: 'table "b"' } },
      ],
    },
    {
      // a comment inside the removed text: reported, not fixed
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { deleted_at: timestamp('deleted_at') /* why */ .notNull() });
      `,
      output: null,
      errors: [{ messageId: 'notNull', line: 2, column: 80 }],
    },
    {
      code: code`
        import { boolean, pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { deleted_at: boolean('deleted_at') });
      `,
      output: null,
      errors: [{ messageId: 'notTimestamp', line: 2, column: 33, endColumn: 43, data: { table: 'table "a"', column: 'deleted_at', built: 'built with boolean()', timestamp: 'timestamp()' } }],
    },
    {
      // set automatically: a default or an on-update hook marks rows deleted; suggestions remove them
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          deleted_at: timestamp('deleted_at').defaultNow().$onUpdate(() => new Date()),
        });
      `,
      output: null,
      errors: [
        {
          messageId: 'setAutomatically',
          line: 3,
          column: 39,
          endColumn: 51,
          data: { table: 'table "a"', setter: '`.defaultNow()`' },
          suggestions: [
            {
              messageId: 'removeModifier',
              data: { setter: '`.defaultNow()`' },
              output: code`
                import { pgTable, timestamp } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', {
                  deleted_at: timestamp('deleted_at').$onUpdate(() => new Date()),
                });
              `,
            },
          ],
        },
        {
          messageId: 'setAutomatically',
          line: 3,
          column: 52,
          data: { table: 'table "a"', setter: '`.$onUpdate()`' },
          suggestions: [
            {
              messageId: 'removeModifier',
              data: { setter: '`.$onUpdate()`' },
              output: code`
                import { pgTable, timestamp } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', {
                  deleted_at: timestamp('deleted_at').defaultNow(),
                });
              `,
            },
          ],
        },
      ],
    },
    {
      // NOT NULL and a default together: both reported; --fix removes only the NOT NULL
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { deleted_at: timestamp('deleted_at').notNull().default(sql\`now()\`) });
      `,
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { deleted_at: timestamp('deleted_at').default(sql\`now()\`) });
      `,
      errors: [
        { messageId: 'notNull', line: 2, column: 69 },
        {
          messageId: 'setAutomatically',
          line: 2,
          column: 79,
          suggestions: [
            {
              messageId: 'removeModifier',
              output: code`
                import { pgTable, timestamp } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { deleted_at: timestamp('deleted_at').notNull() });
              `,
            },
          ],
        },
      ],
    },
    {
      // a same-file spread shared by two tables: reported once, where it is written
      code: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        const softDelete = { deleted_at: timestamp('deleted_at').notNull() };
        export const a = pgTable('a', { id: uuid('id'), ...softDelete });
        export const b = pgTable('b', { id: uuid('id'), ...softDelete });
      `,
      output: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        const softDelete = { deleted_at: timestamp('deleted_at') };
        export const a = pgTable('a', { id: uuid('id'), ...softDelete });
        export const b = pgTable('b', { id: uuid('id'), ...softDelete });
      `,
      errors: [{ messageId: 'notNull', line: 2, column: 58 }],
    },
  ],
});

describe('require-soft-delete options', () => {
  it('rejects a tables entry that is not a valid regular expression, naming it', () => {
    const linter = new Linter({ configType: 'flat' });
    expect(() =>
      linter.verify("import { pgTable } from 'drizzle-orm/pg-core'; pgTable('a', {});", [
        {
          plugins: { dm: { rules: { 'require-soft-delete': rule } } } as unknown as Linter.Config['plugins'],
          rules: { 'dm/require-soft-delete': ['error', { tables: ['/(/u'] }] },
        },
      ]),
    ).toThrow(/Option "tables": "\/\(\/u" is not a valid regular expression/u);
  });
});

import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/require-timestamps.js';
import { typecheck } from '../integration/support/drizzle.js';
import { code, createRuleTester, EXTERNAL_TABLES } from '../support/rule-tester.js';

/** A near miss in an object spread into two tables: reported once; the rename follows the other table's row type. */
const sharedNearMiss = {
  code: code`
    import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
    const base = {
      id: uuid('id').defaultRandom().primaryKey(),
      created_at: timestamp('created_at').defaultNow().notNull(),
      updated: timestamp('updated').defaultNow().notNull(),
    };
    export const logs = pgTable('logs', { ...base, body: text('body') });
    export const users = pgTable('users', { ...base, name: text('name') });
    export type User = typeof users.$inferSelect;
    export type UserCard = Pick<User, 'id' | 'name' | 'updated'>;
  `,
  suggestion: code`
    import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
    const base = {
      id: uuid('id').defaultRandom().primaryKey(),
      created_at: timestamp('created_at').defaultNow().notNull(),
      updated_at: timestamp('updated_at').defaultNow().notNull(),
    };
    export const logs = pgTable('logs', { ...base, body: text('body') });
    export const users = pgTable('users', { ...base, name: text('name') });
    export type User = typeof users.$inferSelect;
    export type UserCard = Pick<User, 'id' | 'name' | 'updated_at'>;
  `,
};

const ruleTester = createRuleTester();

ruleTester.run('require-timestamps', rule, {
  valid: [
    // tables the app does not own: Supabase's schemas, a schema named in externalSchemas, an .existing()
    // schema (drizzle-orm 1.0)
    EXTERNAL_TABLES,
    code`
      import { pgTable, timestamp } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', {
        created_at: timestamp('created_at').defaultNow().notNull(),
        updated_at: timestamp('updated_at').notNull().defaultNow(),
      });
    `,
    // sql`now()` default, camelCase keys with db names
    code`
      import { sql } from 'drizzle-orm';
      import { pgTable, timestamp } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', {
        createdAt: timestamp('created_at').default(sql\`now()\`).notNull(),
        updatedAt: timestamp('updated_at', { withTimezone: true }).default(sql\`CURRENT_TIMESTAMP\`).notNull(),
      });
    `,
    // casing snake_case: name-less builders get their names from the keys
    {
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { createdAt: timestamp().defaultNow().notNull(), updatedAt: timestamp().defaultNow().notNull() });
      `,
      settings: { 'data-modeling': { casing: 'snake_case' } },
    },
    // same-file spread, also through a function
    code`
      import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
      const timestamps = () => ({
        created_at: timestamp('created_at').defaultNow().notNull(),
        updated_at: timestamp('updated_at').defaultNow().notNull(),
      });
      export const a = pgTable('a', { id: uuid('id'), ...timestamps() });
    `,
    // an imported spread may hold them
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { timestamps } from './columns';
      export const a = pgTable('a', { id: uuid('id'), ...timestamps });
    `,
    // a helper call for the column: cannot tell its type
    code`
      import { pgTable } from 'drizzle-orm/pg-core';
      import { ts } from './columns';
      export const a = pgTable('a', { created_at: ts('created_at'), updated_at: ts('updated_at') });
    `,
    // onUpdate present
    {
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at').defaultNow().notNull().$onUpdate(() => new Date()),
        });
      `,
      options: [{ onUpdate: true }],
    },
    // not drizzle
    `const pgTable = (n: string, c: object) => c; pgTable('a', {});`,
  ],
  invalid: [
    {
      // Exported column sets no table of the file spreads: their timestamp columns are checked here; a set
      // need not have both.
      code: code`
        import { text, timestamp } from 'drizzle-orm/pg-core';
        export const createdStamp = { created_at: timestamp('created_at', { withTimezone: true }) };
        export const legacyStamp = { updated_at: text('updated_at') };
      `,
      output: code`
        import { text, timestamp } from 'drizzle-orm/pg-core';
        export const createdStamp = { created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull() };
        export const legacyStamp = { updated_at: text('updated_at') };
      `,
      errors: [
        { messageId: 'missingModifier', line: 2, column: 31, data: { table: 'column set "createdStamp"', column: 'created_at', modifiers: '`.defaultNow()` and `.notNull()`' } },
        { messageId: 'notTimestamp', line: 3, column: 30, data: { table: 'column set "legacyStamp"', column: 'updated_at', built: 'built with text()', timestamp: 'timestamp()' } },
      ],
    },
    {
      // columns of a same-file object spread into several tables: each problem reported once, at its definition
      code: code`
        import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
        const timestamps = { created_at: timestamp('created_at'), updated_at: timestamp('updated_at').defaultNow().notNull() };
        const legacy = { created_at: text('created_at'), updated_at: timestamp('updated_at').defaultNow().notNull().$onUpdate(() => new Date()) };
        export const a = pgTable('a', { id: uuid('id'), ...timestamps });
        export const b = pgTable('b', { id: uuid('id'), ...timestamps });
        export const c = pgTable('c', { id: uuid('id'), ...legacy });
        export const d = pgTable('d', { id: uuid('id'), ...legacy });
      `,
      options: [{ onUpdate: true }],
      output: code`
        import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
        const timestamps = { created_at: timestamp('created_at').defaultNow().notNull(), updated_at: timestamp('updated_at').defaultNow().notNull().$onUpdate(() => new Date()) };
        const legacy = { created_at: text('created_at'), updated_at: timestamp('updated_at').defaultNow().notNull().$onUpdate(() => new Date()) };
        export const a = pgTable('a', { id: uuid('id'), ...timestamps });
        export const b = pgTable('b', { id: uuid('id'), ...timestamps });
        export const c = pgTable('c', { id: uuid('id'), ...legacy });
        export const d = pgTable('d', { id: uuid('id'), ...legacy });
      `,
      errors: [
        { messageId: 'missingModifier', line: 2, column: 22, data: { table: 'column set "timestamps"', column: 'created_at', modifiers: '`.defaultNow()` and `.notNull()`' } },
        { messageId: 'missingOnUpdate', line: 2, column: 59, data: { table: 'column set "timestamps"', onUpdate: '`.$onUpdate(...)`', defaultNow: '`defaultNow()`' } },
        { messageId: 'notTimestamp', line: 3, column: 18, data: { table: 'column set "legacy"', column: 'created_at', built: 'built with text()', timestamp: 'timestamp()' } },
      ],
    },
    {
      // issue 14: near-miss names are the standard column spelled otherwise: a rename is suggested,
      // no second column is added (a migration renames the database column)
      code: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          id: uuid('id'),
          created: timestamp('created').defaultNow().notNull(),
          modifiedAt: timestamp('modified_at').defaultNow().notNull(),
        }, (t) => [t.created]);
      `,
      output: null,
      errors: [
        {
          messageId: 'nearMiss',
          line: 4,
          column: 3,
          endColumn: 10,
          data: { table: 'table "a"', column: 'created_at', name: 'created' },
          suggestions: [
            {
              messageId: 'renameColumn',
              data: { table: 'a', column: 'created_at', name: 'created', key: 'created_at' },
              output: code`
                import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', {
                  id: uuid('id'),
                  created_at: timestamp('created_at').defaultNow().notNull(),
                  modifiedAt: timestamp('modified_at').defaultNow().notNull(),
                }, (t) => [t.created_at]);
              `,
            },
          ],
        },
        {
          messageId: 'nearMiss',
          line: 5,
          column: 3,
          endColumn: 13,
          data: { table: 'table "a"', column: 'updated_at', name: 'modified_at' },
          suggestions: [
            {
              messageId: 'renameColumn',
              data: { table: 'a', column: 'updated_at', name: 'modified_at', key: 'updatedAt' },
              output: code`
                import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', {
                  id: uuid('id'),
                  created: timestamp('created').defaultNow().notNull(),
                  updatedAt: timestamp('updated_at').defaultNow().notNull(),
                }, (t) => [t.created]);
              `,
            },
          ],
        },
      ],
    },
    {
      code: sharedNearMiss.code,
      output: null,
      errors: [
        {
          messageId: 'nearMiss',
          line: 5,
          column: 3,
          data: { table: 'column set "base"', column: 'updated_at', name: 'updated' },
          suggestions: [{ messageId: 'renameColumn', output: sharedNearMiss.suggestion }],
        },
      ],
    },
    {
      // a boolean "updated" is not the timestamp: updated_at is missing
      code: code`
        import { boolean, pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated: boolean('updated'),
        });
      `,
      output: code`
        import { boolean, pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at').defaultNow().notNull(),
          updated: boolean('updated'),
        });
      `,
      errors: [{ messageId: 'missing', line: 2, column: 26, data: { table: 'a', column: 'updated_at', form: '`.defaultNow().notNull()`' } }],
    },
    {
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          id: uuid('id'),
        });
      `,
      output: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          id: uuid('id'),
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at').defaultNow().notNull(),
        });
      `,
      errors: [
        { messageId: 'missing', line: 2, column: 26, endColumn: 29, data: { table: 'a', column: 'created_at', form: '`.defaultNow().notNull()`' } },
        { messageId: 'missing', line: 2, column: 26, endColumn: 29, data: { table: 'a', column: 'updated_at', form: '`.defaultNow().notNull()`' } },
      ],
    },
    {
      // only updated_at missing; no trailing comma kept; callback param; shared withTimezone config
      code: code`
        import { pgTable } from "drizzle-orm/pg-core";
        export const a = pgTable("a", (t) => ({
          id: t.uuid(),
          created_at: t.timestamp({ withTimezone: true }).defaultNow().notNull()
        }));
      `,
      output: code`
        import { pgTable } from "drizzle-orm/pg-core";
        export const a = pgTable("a", (t) => ({
          id: t.uuid(),
          created_at: t.timestamp({ withTimezone: true }).defaultNow().notNull(),
          updated_at: t.timestamp({ withTimezone: true }).defaultNow().notNull()
        }));
      `,
      errors: [{ messageId: 'missing', line: 2, column: 26, data: { table: 'a', column: 'updated_at', form: '`.defaultNow().notNull()`' } }],
    },
    {
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          createdAt: timestamp('created_at'),
          updatedAt: timestamp('updated_at').notNull(),
        });
      `,
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          createdAt: timestamp('created_at').defaultNow().notNull(),
          updatedAt: timestamp('updated_at').notNull().defaultNow(),
        });
      `,
      errors: [
        { messageId: 'missingModifier', line: 3, column: 3, endColumn: 12, data: { table: 'table "a"', column: 'created_at', modifiers: '`.defaultNow()` and `.notNull()`' } },
        { messageId: 'missingModifier', line: 4, column: 3, data: { table: 'table "a"', column: 'updated_at', modifiers: '`.defaultNow()`' } },
      ],
    },
    {
      code: code`
        import { pgTable, date, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          created_at: date('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at').defaultNow().notNull(),
        });
      `,
      output: null,
      errors: [{ messageId: 'notTimestamp', line: 3, column: 3, data: { table: 'table "a"', column: 'created_at', built: 'built with date()', timestamp: 'timestamp()' } }],
    },
    {
      // onUpdate option: the modifiers and $onUpdate are written by one fix
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at'),
        });
      `,
      options: [{ onUpdate: true }],
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at').defaultNow().notNull().$onUpdate(() => new Date()),
        });
      `,
      errors: [
        { messageId: 'missingModifier', line: 4, column: 3 },
        { messageId: 'missingOnUpdate', line: 4, column: 3, data: { table: 'table "a"', onUpdate: '`.$onUpdate(...)`', defaultNow: '`defaultNow()`' } },
      ],
    },
    {
      // a misspelled updated_at (a name-less camelCase key under preserve casing) is still updated_at
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          createdAt: timestamp().defaultNow().notNull(),
          updatedAt: timestamp().defaultNow().notNull(),
        });
      `,
      options: [{ onUpdate: true }],
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          createdAt: timestamp().defaultNow().notNull(),
          updatedAt: timestamp().defaultNow().notNull().$onUpdate(() => new Date()),
        });
      `,
      errors: [{ messageId: 'missingOnUpdate', line: 4, column: 3 }],
    },
    {
      // string-mode timestamps are set with an ISO string, in the column and in new columns that copy its config
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          updated_at: timestamp('updated_at', { mode: 'string' }).defaultNow().notNull(),
        });
      `,
      options: [{ onUpdate: true }],
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          created_at: timestamp('created_at', { mode: 'string' }).defaultNow().notNull(),
          updated_at: timestamp('updated_at', { mode: 'string' }).defaultNow().notNull().$onUpdate(() => new Date().toISOString()),
        });
      `,
      errors: [
        { messageId: 'missing', line: 2, column: 26, data: { table: 'a', column: 'created_at', form: '`.defaultNow().notNull()`' } },
        { messageId: 'missingOnUpdate', line: 3, column: 3 },
      ],
    },
    {
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', ({ uuid }) => ({ id: uuid() }));
      `,
      options: [{ onUpdate: true }],
      output: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', ({ uuid, timestamp }) => ({ id: uuid(), created_at: timestamp().defaultNow().notNull(), updated_at: timestamp().defaultNow().notNull().$onUpdate(() => new Date()) }));
      `,
      errors: [{ messageId: 'missing', line: 2 }, { messageId: 'missing', line: 2 }],
    },
  ],
});

describe('require-timestamps near-miss rename type-checks against drizzle-orm', () => {
  it('before and after the suggestion', () => {
    expect(typecheck({ 'schema.ts': sharedNearMiss.code }).diagnostics).toEqual([]);
    expect(typecheck({ 'schema.ts': sharedNearMiss.suggestion }).diagnostics).toEqual([]);
  });
});

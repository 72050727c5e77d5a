import rule from '../../src/rules/prefer-timestamptz.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('prefer-timestamptz', rule, {
  valid: [
    code`
      import { pgTable, timestamp } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', {
        created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
        at: timestamp({ mode: 'string', withTimezone: true }),
      });
    `,
    // callback builders and the namespace import
    code`
      import * as pg from 'drizzle-orm/pg-core';
      export const a = pg.pgTable('a', (t) => ({ at: t.timestamp({ withTimezone: true }), b: pg.timestamp('b', { withTimezone: true }) }));
    `,
    // config the plugin cannot read: a variable, a spread, a non-literal value, a name that may be a config
    code`
      import { pgTable, timestamp } from 'drizzle-orm/pg-core';
      const tz = { withTimezone: true } as const;
      const flag = true;
      const NAME = 'd';
      const key = 'withTimezone';
      export const a = pgTable('a', {
        a: timestamp('a', tz),
        b: timestamp('b', { ...tz }),
        c: timestamp('c', { withTimezone: flag }),
        d: timestamp(NAME),
        e: timestamp(tz),
        f: timestamp('f', { [key]: true }),
      });
    `,
    // other builders are not timestamps
    code`
      import { date, pgTable, time } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', { d: date('d'), t: time('t') });
    `,
    // not Drizzle's timestamp
    code`
      import { pgTable } from 'drizzle-orm/pg-core';
      import { timestamp } from './columns';
      export const a = pgTable('a', { at: timestamp('at') });
    `,
    `const timestamp = (n: string) => n; export const a = { at: timestamp('at') };`,
  ],
  invalid: [
    {
      // column sets the file exports and no table of it spreads (helpers for other files): named as such
      code: code`
        import { timestamp } from 'drizzle-orm/pg-core';
        export const timestamps = { created_at: timestamp('created_at').defaultNow() };
        export function audit() {
          return { reviewed_at: timestamp('reviewed_at') };
        }
      `,
      output: code`
        import { timestamp } from 'drizzle-orm/pg-core';
        export const timestamps = { created_at: timestamp('created_at', { withTimezone: true }).defaultNow() };
        export function audit() {
          return { reviewed_at: timestamp('reviewed_at', { withTimezone: true }) };
        }
      `,
      errors: [
        { messageId: 'withoutTimezone', line: 2, column: 29, data: { table: 'column set "timestamps"', column: 'created_at', option: '`withTimezone: true`' } },
        { messageId: 'withoutTimezone', line: 4, column: 12, data: { table: 'column set "audit"', column: 'reviewed_at', option: '`withTimezone: true`' } },
      ],
    },
    {
      // a config object that holds only a comment keeps it
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          at: timestamp('at', { /* keep */ }),
        });
      `,
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          at: timestamp('at', { /* keep */
            withTimezone: true,
          }),
        });
      `,
      errors: [{ messageId: 'withoutTimezone', line: 3, column: 3 }],
    },
    {
      // name argument: a config is added after it; name-less builder: the config is the only argument
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          seen_at: timestamp(),
        });
      `,
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
          seen_at: timestamp({ withTimezone: true }),
        });
      `,
      errors: [
        { messageId: 'withoutTimezone', line: 3, column: 3, endColumn: 13, data: { table: 'table "a"', column: 'created_at', option: '`withTimezone: true`' } },
        { messageId: 'withoutTimezone', line: 4, column: 3, endColumn: 10, data: { table: 'table "a"', column: 'seen_at', option: '`withTimezone: true`' } },
      ],
    },
    {
      // merged into an existing config object, one-line and multi-line (trailing comma kept)
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          a: timestamp('a', { mode: 'string' }),
          b: timestamp('b', {
            precision: 3,
            mode: 'date',
          }),
          c: timestamp({}),
        });
      `,
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', {
          a: timestamp('a', { mode: 'string', withTimezone: true }),
          b: timestamp('b', {
            precision: 3,
            mode: 'date',
            withTimezone: true,
          }),
          c: timestamp({ withTimezone: true }),
        });
      `,
      errors: [
        { messageId: 'withoutTimezone', line: 3, column: 3, data: { table: 'table "a"', column: 'a', option: '`withTimezone: true`' } },
        { messageId: 'withoutTimezone', line: 4, column: 3, endLine: 4, data: { table: 'table "a"', column: 'b', option: '`withTimezone: true`' } },
        { messageId: 'withoutTimezone', line: 8, column: 3, data: { table: 'table "a"', column: 'c', option: '`withTimezone: true`' } },
      ],
    },
    {
      // withTimezone: false is reported on the option and flipped
      code: code`
        import { pgTable } from "drizzle-orm/pg-core";
        export const a = pgTable("a", (t) => ({
          at: t.timestamp("at", { withTimezone: false, mode: "date" }),
        }));
      `,
      output: code`
        import { pgTable } from "drizzle-orm/pg-core";
        export const a = pgTable("a", (t) => ({
          at: t.timestamp("at", { withTimezone: true, mode: "date" }),
        }));
      `,
      errors: [{ messageId: 'withoutTimezone', line: 3, column: 27, endColumn: 46, data: { table: 'table "a"', column: 'at', option: '`withTimezone: true`' } }],
    },
    {
      // destructured builders, casing snake_case: the column is named from its key
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', ({ timestamp: ts }) => ({ deletedAt: ts() }));
      `,
      settings: { 'data-modeling': { casing: 'snake_case' } },
      output: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', ({ timestamp: ts }) => ({ deletedAt: ts({ withTimezone: true }) }));
      `,
      errors: [{ messageId: 'withoutTimezone', line: 2, column: 57, data: { table: 'table "a"', column: 'deleted_at', option: '`withTimezone: true`' } }],
    },
    {
      // a same-file spread shared by two tables: reported and fixed once, where it is written
      code: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        const timestamps = { created_at: timestamp('created_at').defaultNow() };
        export const a = pgTable('a', { id: uuid('id'), ...timestamps });
        export const b = pgTable('b', { id: uuid('id'), ...timestamps });
      `,
      output: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        const timestamps = { created_at: timestamp('created_at', { withTimezone: true }).defaultNow() };
        export const a = pgTable('a', { id: uuid('id'), ...timestamps });
        export const b = pgTable('b', { id: uuid('id'), ...timestamps });
      `,
      errors: [{ messageId: 'withoutTimezone', line: 2, column: 22, data: { table: 'column set "timestamps"', column: 'created_at', option: '`withTimezone: true`' } }],
    },
    {
      // pgSchema tables
      code: code`
        import { pgSchema } from 'drizzle-orm/pg-core';
        import * as pg from 'drizzle-orm/pg-core';
        const billing = pgSchema('billing');
        export const invoices = billing.table('invoices', { due_at: pg.timestamp('due_at',) });
      `,
      output: code`
        import { pgSchema } from 'drizzle-orm/pg-core';
        import * as pg from 'drizzle-orm/pg-core';
        const billing = pgSchema('billing');
        export const invoices = billing.table('invoices', { due_at: pg.timestamp('due_at', { withTimezone: true },) });
      `,
      errors: [{ messageId: 'withoutTimezone', line: 4, column: 53, data: { table: 'table "invoices"', column: 'due_at', option: '`withTimezone: true`' } }],
    },
  ],
});

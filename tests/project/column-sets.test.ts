/**
 * A module's exported column sets that none of its tables spreads (`export const timestamps = {...}`)
 * are judged in that module: its columns are reported and fixed there, once.
 */
import booleanPrefix from '../../src/rules/boolean-prefix.js';
import preferTimestamptz from '../../src/rules/prefer-timestamptz.js';
import snakeCase from '../../src/rules/snake-case.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('prefer-timestamptz (column sets)', preferTimestamptz, {
  valid: [
    // Not exported, or holding no column: not a column set.
    code`
      import { timestamp } from 'drizzle-orm/pg-core';
      const local = { at: timestamp('at') };
      export const options = { mode: 'date' };
    `,
  ],
  invalid: [
    {
      code: code`
        import { timestamp } from 'drizzle-orm/pg-core';
        export const timestamps = {
          created_at: timestamp('created_at').defaultNow().notNull(),
        };
      `,
      output: code`
        import { timestamp } from 'drizzle-orm/pg-core';
        export const timestamps = {
          created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
        };
      `,
      errors: [{ messageId: 'withoutTimezone', line: 3, column: 3 }],
    },
    {
      // A function that returns the set, and a set a table of the file spreads: each column once.
      code: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        export function audit() {
          return { reviewed_at: timestamp('reviewed_at') };
        }
        export const stamps = { at: timestamp('at', { withTimezone: true }), seen_at: timestamp('seen_at') };
        export const a = pgTable('a', { id: uuid('id').primaryKey(), ...stamps });
      `,
      output: code`
        import { pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        export function audit() {
          return { reviewed_at: timestamp('reviewed_at', { withTimezone: true }) };
        }
        export const stamps = { at: timestamp('at', { withTimezone: true }), seen_at: timestamp('seen_at', { withTimezone: true }) };
        export const a = pgTable('a', { id: uuid('id').primaryKey(), ...stamps });
      `,
      errors: [
        { messageId: 'withoutTimezone', line: 3, column: 12 },
        { messageId: 'withoutTimezone', line: 5, column: 70 },
      ],
    },
  ],
});

ruleTester.run('boolean-prefix (column sets)', booleanPrefix, {
  valid: [],
  invalid: [
    {
      code: code`
        import { boolean } from 'drizzle-orm/pg-core';
        export const flags = { active: boolean('active').default(true).notNull() };
      `,
      output: null,
      errors: [{ messageId: 'missingPrefix', line: 2, column: 24 }],
    },
  ],
});

ruleTester.run('snake-case (column sets)', snakeCase, {
  valid: [],
  invalid: [
    {
      code: code`
        import { timestamp } from 'drizzle-orm/pg-core';
        export const timestamps = { createdAt: timestamp('created_at').defaultNow() };
      `,
      output: null,
      errors: [{ messageId: 'columnKey', line: 2, column: 29 }],
    },
  ],
});

import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/boolean-prefix.js';
import { typecheck } from '../integration/support/drizzle.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

/** A suggestion that renames a key used in the extra config, relations() and elsewhere in the file. */
const referenced = {
  code: code`
    import { relations } from 'drizzle-orm';
    import { boolean, index, pgTable, uuid } from 'drizzle-orm/pg-core';

    export const users = pgTable('users', {
      id: uuid('id').primaryKey().defaultRandom(),
      active: boolean('active').notNull().default(true),
    }, (t) => [index('users_active_idx').on(t.active)]);

    export const sessions = pgTable('sessions', {
      id: uuid('id').primaryKey().defaultRandom(),
      user_id: uuid('user_id').notNull().references(() => users.id),
    });

    export const sessionsRelations = relations(sessions, ({ one }) => ({
      user: one(users, { fields: [sessions.user_id], references: [users.id] }),
    }));
    export const activeColumn = users.active;
  `,
  suggestion: code`
    import { relations } from 'drizzle-orm';
    import { boolean, index, pgTable, uuid } from 'drizzle-orm/pg-core';

    export const users = pgTable('users', {
      id: uuid('id').primaryKey().defaultRandom(),
      is_active: boolean('is_active').notNull().default(true),
    }, (t) => [index('users_active_idx').on(t.is_active)]);

    export const sessions = pgTable('sessions', {
      id: uuid('id').primaryKey().defaultRandom(),
      user_id: uuid('user_id').notNull().references(() => users.id),
    });

    export const sessionsRelations = relations(sessions, ({ one }) => ({
      user: one(users, { fields: [sessions.user_id], references: [users.id] }),
    }));
    export const activeColumn = users.is_active;
  `,
};

ruleTester.run('boolean-prefix', rule, {
  valid: [
    code`
      import { boolean, pgTable } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', {
        is_active: boolean('is_active'),
        has_children: boolean('has_children'),
        can_invite: boolean('can_invite'),
        active: boolean('is_active'),
      });
    `,
    // the name is compared in snake_case: camelCase is snake-case's business
    code`
      import { boolean, pgTable } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { isActive: boolean(), hasMfa: boolean('hasMfa') });
    `,
    // not boolean columns, and a name that is not a literal
    code`
      import { boolean, pgTable, text } from 'drizzle-orm/pg-core';
      const name = 'active';
      export const users = pgTable('users', { active: text('active'), enabled: boolean(name) });
    `,
    {
      code: code`
        import { boolean, pgTable } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { should_notify: boolean('should_notify') });
      `,
      options: [{ prefixes: ['is_', 'should_'] }],
    },
  ],
  invalid: [
    {
      // a column set the file exports and no table of it spreads: named as such
      code: code`
        import { boolean } from 'drizzle-orm/pg-core';
        export const flags = () => ({ archived: boolean('archived') });
      `,
      output: null,
      errors: [
        {
          messageId: 'missingPrefix',
          line: 2,
          column: 31,
          data: { name: 'archived', table: 'column set "flags"', prefixes: '"is_", "has_" or "can_"' },
          // Renaming a key other modules spread is for a person to do, with those modules in view.
          suggestions: [],
        },
      ],
    },
    {
      // a column of a same-file object spread into two tables: reported once, at its definition
      code: code`
        import { boolean, pgTable, uuid } from 'drizzle-orm/pg-core';
        const flags = { archived: boolean('archived') };
        export const a = pgTable('a', { id: uuid('id'), ...flags });
        export const b = pgTable('b', { id: uuid('id'), ...flags });
      `,
      output: null,
      errors: [
        {
          messageId: 'missingPrefix',
          line: 2,
          column: 17,
          data: { name: 'archived', table: 'column set "flags"', prefixes: '"is_", "has_" or "can_"' },
          suggestions: [
            {
              messageId: 'addPrefix',
              data: { name: 'archived', expected: 'is_archived', key: 'is_archived' },
              output: code`
                import { boolean, pgTable, uuid } from 'drizzle-orm/pg-core';
                const flags = { is_archived: boolean('is_archived') };
                export const a = pgTable('a', { id: uuid('id'), ...flags });
                export const b = pgTable('b', { id: uuid('id'), ...flags });
              `,
            },
          ],
        },
      ],
    },
    {
      code: referenced.code,
      output: null,
      errors: [
        {
          messageId: 'missingPrefix',
          line: 6,
          column: 3,
          endColumn: 9,
          data: { name: 'active', table: 'table "users"', prefixes: '"is_", "has_" or "can_"' },
          suggestions: [{ messageId: 'addPrefix', data: { name: 'active', expected: 'is_active', key: 'is_active' }, output: referenced.suggestion }],
        },
      ],
    },
    {
      // has_ for plurals and perfect forms, can_ for permissions; camelCase keys stay camelCase
      code: code`
        import { boolean, pgTable } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          attachments: boolean('attachments'),
          acceptedTerms: boolean('accepted_terms'),
          editPosts: boolean('edit_posts'),
        });
      `,
      output: null,
      errors: [
        {
          messageId: 'missingPrefix',
          line: 3,
          suggestions: [
            {
              messageId: 'addPrefix',
              data: { name: 'attachments', expected: 'is_attachments', key: 'is_attachments' },
              output: code`
                import { boolean, pgTable } from 'drizzle-orm/pg-core';
                export const users = pgTable('users', {
                  is_attachments: boolean('is_attachments'),
                  acceptedTerms: boolean('accepted_terms'),
                  editPosts: boolean('edit_posts'),
                });
              `,
            },
            {
              messageId: 'addPrefix',
              data: { name: 'attachments', expected: 'has_attachments', key: 'has_attachments' },
              output: code`
                import { boolean, pgTable } from 'drizzle-orm/pg-core';
                export const users = pgTable('users', {
                  has_attachments: boolean('has_attachments'),
                  acceptedTerms: boolean('accepted_terms'),
                  editPosts: boolean('edit_posts'),
                });
              `,
            },
          ],
        },
        {
          messageId: 'missingPrefix',
          line: 4,
          suggestions: [
            {
              messageId: 'addPrefix',
              data: { name: 'accepted_terms', expected: 'is_accepted_terms', key: 'isAcceptedTerms' },
              output: code`
                import { boolean, pgTable } from 'drizzle-orm/pg-core';
                export const users = pgTable('users', {
                  attachments: boolean('attachments'),
                  isAcceptedTerms: boolean('is_accepted_terms'),
                  editPosts: boolean('edit_posts'),
                });
              `,
            },
            {
              messageId: 'addPrefix',
              data: { name: 'accepted_terms', expected: 'has_accepted_terms', key: 'hasAcceptedTerms' },
              output: code`
                import { boolean, pgTable } from 'drizzle-orm/pg-core';
                export const users = pgTable('users', {
                  attachments: boolean('attachments'),
                  hasAcceptedTerms: boolean('has_accepted_terms'),
                  editPosts: boolean('edit_posts'),
                });
              `,
            },
          ],
        },
        {
          messageId: 'missingPrefix',
          line: 5,
          suggestions: [
            {
              messageId: 'addPrefix',
              data: { name: 'edit_posts', expected: 'is_edit_posts', key: 'isEditPosts' },
              output: code`
                import { boolean, pgTable } from 'drizzle-orm/pg-core';
                export const users = pgTable('users', {
                  attachments: boolean('attachments'),
                  acceptedTerms: boolean('accepted_terms'),
                  isEditPosts: boolean('is_edit_posts'),
                });
              `,
            },
            {
              messageId: 'addPrefix',
              data: { name: 'edit_posts', expected: 'can_edit_posts', key: 'canEditPosts' },
              output: code`
                import { boolean, pgTable } from 'drizzle-orm/pg-core';
                export const users = pgTable('users', {
                  attachments: boolean('attachments'),
                  acceptedTerms: boolean('accepted_terms'),
                  canEditPosts: boolean('can_edit_posts'),
                });
              `,
            },
          ],
        },
      ],
    },
    {
      // name-less builders: the key carries the name (casing snake_case), or the name is written out
      code: code`
        import { boolean, pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', (t) => ({ verified: t.boolean().notNull() }));
      `,
      output: null,
      errors: [
        {
          messageId: 'missingPrefix',
          column: 41,
          endColumn: 49,
          suggestions: [
            {
              messageId: 'addPrefix',
              output: code`
                import { boolean, pgTable } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', (t) => ({ is_verified: t.boolean().notNull() }));
              `,
            },
          ],
        },
      ],
    },
    {
      code: code`
        import { boolean, pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { emailVerified: boolean() });
      `,
      output: null,
      errors: [
        {
          messageId: 'missingPrefix',
          data: { name: 'emailVerified', table: 'table "a"', prefixes: '"is_", "has_" or "can_"' },
          suggestions: [
            {
              messageId: 'addPrefix',
              data: { name: 'emailVerified', expected: 'is_email_verified', key: 'isEmailVerified' },
              output: code`
                import { boolean, pgTable } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { isEmailVerified: boolean('is_email_verified') });
              `,
            },
          ],
        },
      ],
    },
    {
      code: code`
        import { boolean, pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { emailVerified: boolean() });
      `,
      output: null,
      settings: { 'data-modeling': { casing: 'snake_case' } },
      errors: [
        {
          messageId: 'missingPrefix',
          data: { name: 'email_verified', table: 'table "a"', prefixes: '"is_", "has_" or "can_"' },
          suggestions: [
            {
              messageId: 'addPrefix',
              output: code`
                import { boolean, pgTable } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { isEmailVerified: boolean() });
              `,
            },
          ],
        },
      ],
    },
    {
      // custom prefixes: each is offered; no suggestion for a name the table already has
      code: code`
        import { boolean, pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { notify: boolean('notify'), is_notify: boolean('is_notify') });
      `,
      output: null,
      options: [{ prefixes: ['is_', 'should_'] }],
      errors: [
        {
          messageId: 'missingPrefix',
          column: 33,
          data: { name: 'notify', table: 'table "a"', prefixes: '"is_" or "should_"' },
          suggestions: [
            {
              messageId: 'addPrefix',
              data: { name: 'notify', expected: 'should_notify', key: 'should_notify' },
              output: code`
                import { boolean, pgTable } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', { should_notify: boolean('should_notify'), is_notify: boolean('is_notify') });
              `,
            },
          ],
        },
      ],
    },
    {
      // a column from an object spread elsewhere too: reported, no suggestion
      code: code`
        import { boolean, pgTable } from 'drizzle-orm/pg-core';
        const flags = { archived: boolean('archived') };
        export const a = pgTable('a', { ...flags });
        export const defaults = { ...flags };
      `,
      output: null,
      errors: [{ messageId: 'missingPrefix', line: 2, column: 17, suggestions: [] }],
    },
  ],
});

describe('boolean-prefix suggestions type-check against drizzle-orm', () => {
  it('renames the key everywhere it is used', () => {
    expect(typecheck({ 'schema.ts': referenced.suggestion }).diagnostics).toEqual([]);
  });
});

import rule from '../../src/rules/tenant-scoped-unique.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('tenant-scoped-unique', rule, {
  valid: [
    // unique per tenant: a constraint or a unique index that includes the tenant column
    code`
      import { pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', {
        id: uuid('id').primaryKey(),
        tenant_id: uuid('tenant_id').notNull(),
        email: text('email').notNull(),
        handle: text('handle').notNull(),
      }, (t) => [
        unique('users_tenant_id_email_unique').on(t.tenant_id, t.email),
        uniqueIndex('users_handle_idx').on(t.handle, t.tenant_id),
      ]);
    `,
    // a root table's unique is global by design; so is a unique on the tenant column itself
    code`
      import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
      export const tenants = pgTable('tenants', { id: uuid('id').primaryKey(), slug: text('slug').notNull().unique() });
      export const settings = pgTable('tenant_settings', { id: uuid('id'), tenantId: uuid('tenant_id').notNull().unique() });
    `,
    // a configured tenant column and root table
    {
      code: code`
        import { pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
        export const orgs = pgTable('orgs', { id: uuid('id'), domain: text('domain').unique() });
        export const members = pgTable('members', { org_id: uuid('org_id'), email: text('email') }, (t) => [unique().on(t.org_id, t.email)]);
      `,
      settings: { 'data-modeling': { tenantColumn: 'org_id', rootTables: ['orgs'] } },
    },
    // destructured extra-config parameter
    code`
      import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', { tenant_id: uuid('tenant_id'), code: text('code') }, ({ tenant_id, code }) => [
        uniqueIndex('a_code_idx').on(tenant_id, code),
      ]);
    `,
    // entries the plugin cannot read: an expression, a spread, a helper
    code`
      import { sql } from 'drizzle-orm';
      import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
      import { byTenant, cols } from './helpers';
      export const a = pgTable('a', { tenant_id: uuid('tenant_id'), email: text('email') }, (t) => [
        uniqueIndex('a_email_idx').on(sql\`lower(\${t.email})\`),
        uniqueIndex('a_x_idx').on(...cols(t)),
        byTenant(t.email),
      ]);
    `,
    // non-unique indexes, a primary key
    code`
      import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
      export const a = pgTable('a', { tenant_id: uuid('tenant_id'), email: text('email') }, (t) => [
        index('a_email_idx').on(t.email),
        primaryKey({ columns: [t.email] }),
      ]);
    `,
    // not Drizzle's unique
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { text } from './columns';
      export const a = pgTable('a', { tenant_id: uuid('tenant_id'), email: text('email').unique() });
    `,
  ],
  invalid: [
    {
      // column .unique(): reported on the modifier; the suggestion moves it into a new extra config
      code: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          id: uuid('id').primaryKey(),
          tenant_id: uuid('tenant_id').notNull(),
          email: text('email').notNull().unique(),
        });
      `,
      output: null,
      errors: [
        {
          messageId: 'columnUnique',
          line: 5,
          column: 34,
          endColumn: 42,
          data: { table: 'users', column: 'email', tenantColumn: 'tenant_id' },
          suggestions: [
            {
              messageId: 'scopeColumn',
              data: { code: `unique('users_tenant_id_email_unique').on(t.tenant_id, t.email)` },
              output: code`
                import { pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
                export const users = pgTable('users', {
                  id: uuid('id').primaryKey(),
                  tenant_id: uuid('tenant_id').notNull(),
                  email: text('email').notNull(),
                }, (table) => [
                  unique('users_tenant_id_email_unique').on(table.tenant_id, table.email),
                ]);
              `,
            },
          ],
        },
      ],
    },
    {
      // an existing array extra config; camelCase keys; a named unique with nulls not distinct
      code: code`
        import { index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
        export const users = pgTable("users", {
          tenantId: uuid("tenant_id").notNull(),
          emailAddress: text("email_address").unique("users_email_key", { nulls: "not distinct" }),
        }, (t) => [
          index("users_tenant_id_idx").on(t.tenantId),
        ]);
      `,
      output: null,
      errors: [
        {
          messageId: 'columnUnique',
          line: 4,
          column: 39,
          data: { table: 'users', column: 'email_address', tenantColumn: 'tenant_id' },
          suggestions: [
            {
              messageId: 'scopeColumn',
              output: code`
                import { index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
                export const users = pgTable("users", {
                  tenantId: uuid("tenant_id").notNull(),
                  emailAddress: text("email_address"),
                }, (t) => [
                  index("users_tenant_id_idx").on(t.tenantId),
                  unique("users_tenant_id_email_address_unique")
                    .on(t.tenantId, t.emailAddress)
                    .nullsNotDistinct(),
                ]);
              `,
            },
          ],
        },
      ],
    },
    {
      // the deprecated object form gets a named property; callback columns
      code: code`
        import { index, pgTable } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', (t) => ({
          tenant_id: t.uuid('tenant_id').notNull(),
          code: t.text('code').unique(),
        }), (table) => ({
          tenantIdx: index('a_tenant_id_idx').on(table.tenant_id),
        }));
      `,
      output: null,
      errors: [
        {
          messageId: 'columnUnique',
          line: 4,
          column: 24,
          suggestions: [
            {
              messageId: 'scopeColumn',
              output: code`
                import { index, pgTable, unique } from 'drizzle-orm/pg-core';
                export const a = pgTable('a', (t) => ({
                  tenant_id: t.uuid('tenant_id').notNull(),
                  code: t.text('code'),
                }), (table) => ({
                  tenantIdx: index('a_tenant_id_idx').on(table.tenant_id),
                  codeUnique: unique('a_tenant_id_code_unique').on(table.tenant_id, table.code),
                }));
              `,
            },
          ],
        },
      ],
    },
    {
      // no suggestion where it could be wrong: the tenant column is not visible, a column comes from a
      // shared spread (also used by another table), the table name is not a literal, `unique` is taken
      code: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        import { base } from './columns';
        const shared = { code: text('code').unique() };
        const NAME = 'b';
        export const a = pgTable('a', { ...base, email: text('email').unique() });
        export const b = pgTable(NAME, { tenant_id: uuid('tenant_id'), email: text('email').unique(), ...shared });
        export const c = pgTable('c', { tenant_id: uuid('tenant_id'), ...shared });
        function unique() {}
        export const d = pgTable('d', { tenant_id: uuid('tenant_id'), email: text('email').unique() });
      `,
      output: null,
      errors: [
        { messageId: 'columnUnique', line: 3, column: 37, data: { table: 'b', column: 'code', tenantColumn: 'tenant_id' }, suggestions: [] },
        { messageId: 'columnUnique', line: 5, column: 63, data: { table: 'a', column: 'email', tenantColumn: 'tenant_id' }, suggestions: [] },
        { messageId: 'columnUnique', line: 6, column: 85, data: { table: 'b', column: 'email', tenantColumn: 'tenant_id' }, suggestions: [] },
        { messageId: 'columnUnique', line: 9, column: 84, data: { table: 'd', column: 'email', tenantColumn: 'tenant_id' }, suggestions: [] },
      ],
    },
    {
      // unique().on(...) and uniqueIndex() entries: reported on the entry; the suggestion adds the tenant
      // column first and names the constraint (replacing a literal name, adding one to a name-less call)
      code: code`
        import { pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
        import { sql } from 'drizzle-orm';
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
          email: text('email').notNull(),
          first: text('first'),
          last: text('last'),
        }, (t) => [
          unique().on(t.first, t.last),
          uniqueIndex('users_email_idx').on(t.email).where(sql\`deleted_at is null\`),
        ]);
      `,
      output: null,
      errors: [
        {
          messageId: 'constraintUnique',
          line: 9,
          column: 3,
          endColumn: 31,
          data: { table: 'users', kind: 'constraint', columns: 'first, last', tenantColumn: 'tenant_id' },
          suggestions: [
            {
              messageId: 'scopeConstraint',
              data: { tenantColumn: 'tenant_id', kind: 'constraint', name: 'users_tenant_id_first_last_unique' },
              output: code`
                import { pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
                import { sql } from 'drizzle-orm';
                export const users = pgTable('users', {
                  tenant_id: uuid('tenant_id').notNull(),
                  email: text('email').notNull(),
                  first: text('first'),
                  last: text('last'),
                }, (t) => [
                  unique('users_tenant_id_first_last_unique').on(t.tenant_id, t.first, t.last),
                  uniqueIndex('users_email_idx').on(t.email).where(sql\`deleted_at is null\`),
                ]);
              `,
            },
          ],
        },
        {
          messageId: 'constraintUnique',
          line: 10,
          column: 3,
          data: { table: 'users', kind: 'index', columns: 'email', tenantColumn: 'tenant_id' },
          suggestions: [
            {
              messageId: 'scopeConstraint',
              data: { tenantColumn: 'tenant_id', kind: 'index', name: 'users_tenant_id_email_unique' },
              output: code`
                import { pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
                import { sql } from 'drizzle-orm';
                export const users = pgTable('users', {
                  tenant_id: uuid('tenant_id').notNull(),
                  email: text('email').notNull(),
                  first: text('first'),
                  last: text('last'),
                }, (t) => [
                  unique().on(t.first, t.last),
                  uniqueIndex('users_tenant_id_email_unique').on(t.tenant_id, t.email).where(sql\`deleted_at is null\`),
                ]);
              `,
            },
          ],
        },
      ],
    },
    {
      // uniqueIndex().using(method, ...columns), a destructured parameter, the object form, a namespace import
      code: code`
        import * as pg from 'drizzle-orm/pg-core';
        export const a = pg.pgTable('a', { tenant_id: pg.uuid('tenant_id'), code: pg.text('code') }, ({ tenant_id, code }) => ({
          codeIdx: pg.uniqueIndex('a_code_idx').using('btree', code),
        }));
      `,
      output: null,
      errors: [
        {
          messageId: 'constraintUnique',
          line: 3,
          column: 12,
          suggestions: [
            {
              messageId: 'scopeConstraint',
              output: code`
                import * as pg from 'drizzle-orm/pg-core';
                export const a = pg.pgTable('a', { tenant_id: pg.uuid('tenant_id'), code: pg.text('code') }, ({ tenant_id, code }) => ({
                  codeIdx: pg.uniqueIndex('a_tenant_id_code_unique').using('btree', tenant_id, code),
                }));
              `,
            },
          ],
        },
      ],
    },
    {
      // a destructured parameter without the tenant column, a name given by an expression: no suggestion
      code: code`
        import { pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
        const NAME = 'a_code_key';
        export const a = pgTable('a', { tenant_id: uuid('tenant_id'), code: text('code') }, ({ code }) => [unique().on(code)]);
        export const b = pgTable('b', { tenant_id: uuid('tenant_id'), code: text('code') }, (t) => [unique(NAME).on(t.code)]);
      `,
      output: null,
      errors: [
        { messageId: 'constraintUnique', line: 3, column: 100, suggestions: [] },
        { messageId: 'constraintUnique', line: 4, column: 93, suggestions: [] },
      ],
    },
  ],
});

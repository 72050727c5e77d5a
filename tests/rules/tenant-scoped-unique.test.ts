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
    // the standard's own users example: a login email is unique across tenants by nature
    code`
      import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable("users", {
        id: uuid("id").primaryKey().defaultRandom(),
        tenant_id: uuid("tenant_id").notNull(),
        email_address: text("email_address").notNull().unique(),
        full_name: text("full_name").notNull(),
        is_active: boolean("is_active").default(true).notNull(),
        created_at: timestamp("created_at").defaultNow().notNull(),
        updated_at: timestamp("updated_at").defaultNow().notNull(),
        deleted_at: timestamp("deleted_at"),
      });
      export const usersTenantIndex = index("users_tenant_id_idx").on(users.tenant_id);
    `,
    // values unique across tenants by nature: logins of a members or accounts table, tokens, hashes, secrets,
    // keys, outside ids, one-to-one keys, the primary key, uuids, generated values, domains, invitation codes
    code`
      import { pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
      import { nanoid } from 'nanoid';
      export const users = pgTable('users', { id: uuid('id').primaryKey() });
      export const members = pgTable('members', {
        id: uuid('id').primaryKey(),
        tenantId: uuid('tenant_id').notNull(),
        email: text('email').notNull().unique(),
        userId: uuid('user_id').notNull().unique().references(() => users.id),
        sessionToken: text('session_token').unique(),
        passwordHash: text('password_hash').unique(),
        apiKey: text('api_key').unique(),
        clientSecret: text('client_secret').unique(),
        stripeCustomerId: text('stripe_customer_id').unique(),
        externalId: text('external_id').unique(),
        publicId: uuid('public_id').defaultRandom().unique(),
        storagePath: text('storage_path').$defaultFn(() => nanoid()).unique(),
        customDomain: text('custom_domain').unique(),
        legacyRef: text('legacy_ref'),
        provider: text('provider').notNull(),
        providerAccountId: text('provider_account_id').notNull(),
      }, (t) => [
        unique().on(t.provider, t.providerAccountId),
        uniqueIndex('members_id_ref_idx').on(t.id, t.legacyRef),
        uniqueIndex('members_user_ref_idx').on(t.userId, t.legacyRef),
      ]);
      export const accounts = pgTable('user_accounts', { tenant_id: uuid('tenant_id').notNull(), email_address: text('email_address').unique() });
      export const invites = pgTable('team_invites', { tenant_id: uuid('tenant_id').notNull(), code: text('code').notNull().unique() });
      export const links = pgTable('share_links', { id: text('id').primaryKey(), tenant_id: uuid('tenant_id').notNull(), name: text('name') }, (t) => [
        unique().on(t.id, t.name),
      ]);
    `,
    // a composite foreign key: the pair with a row of one tenant is unique per tenant already
    code`
      import { foreignKey, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
      export const projects = pgTable('projects', { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull() });
      export const tasks = pgTable('tasks', {
        tenant_id: uuid('tenant_id').notNull(),
        project: uuid('project').notNull(),
        number: text('number').notNull(),
      }, (t) => [
        foreignKey({ columns: [t.project], foreignColumns: [projects.id] }),
        unique().on(t.project, t.number),
      ]);
    `,
    // not tenant-scoped as far as the file shows: no tenant column (require-tenant-id's business), a tenant
    // column that cannot be seen, a nullable tenant column (rows of no tenant, among which only a global
    // unique holds)
    code`
      import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
      import { base } from './columns';
      export const products = pgTable('products', { id: uuid('id').primaryKey(), sku: text('sku').unique() });
      export const plans = pgTable('plans', { ...base, slug: text('slug').unique() });
      export const templates = pgTable('templates', { tenant_id: uuid('tenant_id'), slug: text('slug').unique() });
    `,
    // the tenant column spelled otherwise (its name is snake-case's business) is still the tenant column
    {
      code: code`
        import { pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
        export const tags = pgTable('tag', { organizationId: uuid('organizationId').notNull(), name: text('name') }, (t) => [
          unique().on(t.organizationId, t.name),
        ]);
      `,
      settings: { 'data-modeling': { tenantColumn: 'organization_id', rootTables: ['organization'] } },
    },
  ],
  invalid: [
    {
      // column .unique() on tenant data (a slug): reported on the modifier; the suggestion moves it into a
      // new extra config
      code: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        export const projects = pgTable('projects', {
          id: uuid('id').primaryKey(),
          tenant_id: uuid('tenant_id').notNull(),
          slug: text('slug').notNull().unique(),
        });
      `,
      output: null,
      errors: [
        {
          messageId: 'columnUnique',
          line: 5,
          column: 32,
          endColumn: 40,
          data: { table: 'table "projects"', column: 'slug', tenantColumn: 'tenant_id' },
          suggestions: [
            {
              messageId: 'scopeColumn',
              data: { code: `unique('projects_tenant_id_slug_unique').on(t.tenant_id, t.slug)`, place: "the table's extra config" },
              output: code`
                import { pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
                export const projects = pgTable('projects', {
                  id: uuid('id').primaryKey(),
                  tenant_id: uuid('tenant_id').notNull(),
                  slug: text('slug').notNull(),
                }, (table) => [
                  unique('projects_tenant_id_slug_unique').on(table.tenant_id, table.slug),
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
        export const invoices = pgTable("invoices", {
          tenantId: uuid("tenant_id").notNull(),
          invoiceNumber: text("invoice_number").unique("invoices_number_key", { nulls: "not distinct" }),
        }, (t) => [
          index("invoices_tenant_id_idx").on(t.tenantId),
        ]);
      `,
      output: null,
      errors: [
        {
          messageId: 'columnUnique',
          line: 4,
          column: 41,
          data: { table: 'table "invoices"', column: 'invoice_number', tenantColumn: 'tenant_id' },
          suggestions: [
            {
              messageId: 'scopeColumn',
              output: code`
                import { index, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
                export const invoices = pgTable("invoices", {
                  tenantId: uuid("tenant_id").notNull(),
                  invoiceNumber: text("invoice_number"),
                }, (t) => [
                  index("invoices_tenant_id_idx").on(t.tenantId),
                  unique("invoices_tenant_id_invoice_number_unique")
                    .on(t.tenantId, t.invoiceNumber)
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
      // no suggestion where it could be wrong: a column comes from a shared spread (also used by another
      // table; reported once, at its definition), the table name is not a literal, `unique` is taken.
      // The email of a customer is tenant data, unlike a login.
      code: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
        const shared = { code: text('code').unique() };
        const NAME = 'b';
        export const b = pgTable(NAME, { tenant_id: uuid('tenant_id').notNull(), email: text('email').unique(), ...shared });
        export const c = pgTable('c', { tenant_id: uuid('tenant_id').notNull(), ...shared });
        function unique() {}
        export const customers = pgTable('customers', { tenant_id: uuid('tenant_id').notNull(), email: text('email').unique() });
      `,
      output: null,
      errors: [
        { messageId: 'columnUnique', line: 2, column: 37, data: { table: 'column set "shared"', column: 'code', tenantColumn: 'tenant_id' }, suggestions: [] },
        { messageId: 'columnUnique', line: 4, column: 95, data: { table: 'table "b"', column: 'email', tenantColumn: 'tenant_id' }, suggestions: [] },
        { messageId: 'columnUnique', line: 7, column: 110, data: { table: 'table "customers"', column: 'email', tenantColumn: 'tenant_id' }, suggestions: [] },
      ],
    },
    {
      // unique().on(...) and uniqueIndex() entries: reported on the entry; the suggestion adds the tenant
      // column first and names the constraint (replacing a literal name, adding one to a name-less call)
      code: code`
        import { pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
        import { sql } from 'drizzle-orm';
        export const contacts = pgTable('contacts', {
          tenant_id: uuid('tenant_id').notNull(),
          email: text('email').notNull(),
          first: text('first'),
          last: text('last'),
        }, (t) => [
          unique().on(t.first, t.last),
          uniqueIndex('contacts_email_idx').on(t.email).where(sql\`deleted_at is null\`),
        ]);
      `,
      output: null,
      errors: [
        {
          messageId: 'constraintUnique',
          line: 9,
          column: 3,
          endColumn: 31,
          data: { table: 'table "contacts"', kind: 'constraint', columns: 'first, last', tenantColumn: 'tenant_id' },
          suggestions: [
            {
              messageId: 'scopeConstraint',
              data: { tenantColumn: 'tenant_id', kind: 'constraint', name: 'contacts_tenant_id_first_last_unique' },
              output: code`
                import { pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
                import { sql } from 'drizzle-orm';
                export const contacts = pgTable('contacts', {
                  tenant_id: uuid('tenant_id').notNull(),
                  email: text('email').notNull(),
                  first: text('first'),
                  last: text('last'),
                }, (t) => [
                  unique('contacts_tenant_id_first_last_unique').on(t.tenant_id, t.first, t.last),
                  uniqueIndex('contacts_email_idx').on(t.email).where(sql\`deleted_at is null\`),
                ]);
              `,
            },
          ],
        },
        {
          messageId: 'constraintUnique',
          line: 10,
          column: 3,
          data: { table: 'table "contacts"', kind: 'index', columns: 'email', tenantColumn: 'tenant_id' },
          suggestions: [
            {
              messageId: 'scopeConstraint',
              data: { tenantColumn: 'tenant_id', kind: 'index', name: 'contacts_tenant_id_email_unique' },
              output: code`
                import { pgTable, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
                import { sql } from 'drizzle-orm';
                export const contacts = pgTable('contacts', {
                  tenant_id: uuid('tenant_id').notNull(),
                  email: text('email').notNull(),
                  first: text('first'),
                  last: text('last'),
                }, (t) => [
                  unique().on(t.first, t.last),
                  uniqueIndex('contacts_tenant_id_email_unique').on(t.tenant_id, t.email).where(sql\`deleted_at is null\`),
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
        export const a = pg.pgTable('a', { tenant_id: pg.uuid('tenant_id').notNull(), code: pg.text('code') }, ({ tenant_id, code }) => ({
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
                export const a = pg.pgTable('a', { tenant_id: pg.uuid('tenant_id').notNull(), code: pg.text('code') }, ({ tenant_id, code }) => ({
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
        export const a = pgTable('a', { tenant_id: uuid('tenant_id').notNull(), code: text('code') }, ({ code }) => [unique().on(code)]);
        export const b = pgTable('b', { tenant_id: uuid('tenant_id').notNull(), code: text('code') }, (t) => [unique(NAME).on(t.code)]);
      `,
      output: null,
      errors: [
        { messageId: 'constraintUnique', line: 3, column: 110, suggestions: [] },
        { messageId: 'constraintUnique', line: 4, column: 103, suggestions: [] },
      ],
    },
  ],
});

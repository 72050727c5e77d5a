import rule from '../../src/rules/require-foreign-keys.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

const tables = code`
  import { foreignKey, pgTable, text, uuid } from 'drizzle-orm/pg-core';
  export const tenants = pgTable('tenants', { id: uuid('id').primaryKey() });
  export const users = pgTable('users', { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull().references(() => tenants.id) });
`;

ruleTester.run('require-foreign-keys', rule, {
  valid: [
    // foreign keys to tables the app does not own: imported from drizzle-orm/supabase, or declared in
    // Supabase's auth schema; that table's own _id columns are not checked
    code`
      import { pgSchema, pgTable, uuid } from 'drizzle-orm/pg-core';
      import { authUsers } from 'drizzle-orm/supabase';
      const auth = pgSchema('auth');
      export const identities = auth.table('identities', { id: uuid('id'), user_id: uuid('user_id') });
      export const profiles = pgTable('profiles', {
        id: uuid('id').primaryKey(),
        user_id: uuid('user_id').references(() => authUsers.id),
        identity_id: uuid('identity_id').references(() => identities.id),
      });
    `,
    // inline references, the tenant column to the root table
    tables + code`
      export const posts = pgTable('posts', {
        tenant_id: uuid('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
        user_id: uuid('user_id').references(() => users.id),
      });
    `,
    // \`accounts\` outside the function is not the table declared in it: where the key points is unknown
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      export function define() {
        const accounts = pgTable('accounts', { id: uuid('id').primaryKey() });
        return accounts;
      }
      export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull().references(() => accounts.id) });
    `,
    // foreignKey() entries, in both extra-config forms
    tables + code`
      export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') }, (t) => [
        foreignKey({ columns: [t.tenant_id], foreignColumns: [tenants.id] }),
        foreignKey({ columns: [t.user_id], foreignColumns: [users.id] }).onDelete('cascade'),
      ]);
      export const notes = pgTable('notes', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') }, (t) => ({
        tenantFk: foreignKey({ columns: [t.tenant_id], foreignColumns: [tenants.id] }),
        userFk: foreignKey({ columns: [t.user_id], foreignColumns: [users.id] }),
      }));
    `,
    // a composite key that keeps a reference inside one tenant does not replace the tenant column's own
    tables + code`
      export const posts = pgTable('posts', {
        tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
        author_id: uuid('author_id'),
      }, (t) => [foreignKey({ columns: [t.tenant_id, t.author_id], foreignColumns: [users.tenant_id, users.id] })]);
    `,
    // the root table imported by name (also aliased); a root table itself has no tenant column
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { tenants, tenants as t } from './tenants';
      export const a = pgTable('a', { tenant_id: uuid('tenant_id').notNull().references(() => tenants.id) });
      export const b = pgTable('b', { tenant_id: uuid('tenant_id').notNull().references(() => t.id) });
    `,
    // what the plugin cannot see: an imported table that may be the root under another name
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { organizations } from './organizations';
      export const a = pgTable('a', { tenant_id: uuid('tenant_id').notNull().references(() => organizations.id) });
    `,
    // an unknown extra config may declare the foreign keys
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { scoped } from './helpers';
      export const a = pgTable('a', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') }, scoped);
    `,
    // not foreign keys by name: id, uuid, paid, a helper column with no visible name
    code`
      import { boolean, pgTable, uuid } from 'drizzle-orm/pg-core';
      import { externalId } from './helpers';
      export const tenants = pgTable('tenants', { id: uuid('id').primaryKey(), uuid: uuid('uuid'), paid: boolean('paid'), stripe_id: externalId() });
    `,
    // the ignore option, exact names and patterns, by database name or key
    {
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', { stripe_customer_id: text('stripe_customer_id'), githubId: text('github_id'), slack_team_id: text() });
      `,
      options: [{ ignore: ['stripe_customer_id', 'githubId', '/^slack_/u'] }],
    },
    // settings: another tenant column and root table
    {
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const organizations = pgTable('organizations', { id: uuid('id').primaryKey() });
        export const a = pgTable('a', { org_id: uuid('org_id').notNull().references(() => organizations.id) });
      `,
      settings: { 'data-modeling': { tenantColumn: 'org_id', rootTables: ['organizations'] } },
    },
    // not drizzle: a local function named pgTable
    code`
      function pgTable(name: string, columns: object) { return { name, columns }; }
      export const posts = pgTable('posts', { user_id: 1 });
    `,
    // requireRelations: drizzle-orm 0.x relations() naming every foreign key
    {
      code: tables + code`
        import { relations } from 'drizzle-orm';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
          author_id: uuid('author_id').references(() => users.id),
        });
        export const usersRelations = relations(users, ({ one, many }) => ({
          tenant: one(tenants, { fields: [users.tenant_id], references: [tenants.id] }),
          posts: many(posts),
        }));
        export const postsRelations = relations(posts, (h) => ({
          tenant: h.one(tenants, { fields: [posts.tenant_id], references: [tenants.id] }),
          author: h.one(users, { fields: [posts.author_id], references: [users.id] }),
        }));
      `,
      options: [{ requireRelations: true }],
    },
    // requireRelations: drizzle-orm 1.0 defineRelations(), either side of the relation
    {
      code: tables + code`
        import { defineRelations } from 'drizzle-orm';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
          author_id: uuid('author_id').references(() => users.id),
        });
        export const relations = defineRelations({ tenants, users, posts }, (r) => ({
          users: {
            tenant: r.one.tenants({ from: r.users.tenant_id, to: r.tenants.id }),
            posts: r.many.posts({ from: r.users.id, to: r.posts.author_id }),
          },
          posts: { tenant: r.one.tenants({ from: [r.posts.tenant_id], to: [r.tenants.id] }) },
        }));
      `,
      options: [{ requireRelations: true }],
    },
    // requireRelations: relations kept in another module, or that the plugin cannot read
    {
      code: tables + code`
        export const posts = pgTable('posts', { author_id: uuid('author_id').references(() => users.id) });
      `,
      options: [{ requireRelations: true }],
    },
    {
      code: tables + code`
        import { relations } from 'drizzle-orm';
        import { userRelations } from './helpers';
        export const postsRelations = relations(users, userRelations);
      `,
      options: [{ requireRelations: true }],
    },
  ],
  invalid: [
    {
      // suggestions: each table in scope whose name matches, none when nothing matches
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        import { categories } from './categories';
        export const users = pgTable('users', { id: uuid('id').primaryKey() });
        export const posts = pgTable('posts', {
          user_id: uuid('user_id').notNull(),
          category_id: uuid('category_id'),
          reviewer_id: uuid('reviewer_id'),
        });
      `,
      output: null,
      errors: [
        {
          messageId: 'missing',
          line: 5,
          column: 3,
          endColumn: 10,
          data: { table: 'table "posts"', column: 'user_id' },
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'users.id' },
              output: code`
                import { pgTable, uuid } from 'drizzle-orm/pg-core';
                import { categories } from './categories';
                export const users = pgTable('users', { id: uuid('id').primaryKey() });
                export const posts = pgTable('posts', {
                  user_id: uuid('user_id').notNull().references(() => users.id),
                  category_id: uuid('category_id'),
                  reviewer_id: uuid('reviewer_id'),
                });
              `,
            },
          ],
        },
        {
          messageId: 'missing',
          line: 6,
          column: 3,
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'categories.id' },
              output: code`
                import { pgTable, uuid } from 'drizzle-orm/pg-core';
                import { categories } from './categories';
                export const users = pgTable('users', { id: uuid('id').primaryKey() });
                export const posts = pgTable('posts', {
                  user_id: uuid('user_id').notNull(),
                  category_id: uuid('category_id').references(() => categories.id),
                  reviewer_id: uuid('reviewer_id'),
                });
              `,
            },
          ],
        },
        { messageId: 'missing', line: 7, column: 3, data: { table: 'table "posts"', column: 'reviewer_id' }, suggestions: [] },
      ],
    },
    {
      // a table named in the singular, a variable that differs from the table name, a key that differs
      // from the database name, a callback for columns
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const person = pgTable('person', (t) => ({ key: t.uuid('id').primaryKey() }));
        export const appCompanies = pgTable('companies', (t) => ({ id: t.uuid().primaryKey() }));
        export const jobs = pgTable('jobs', (t) => ({ personId: t.uuid('person_id'), company_id: t.uuid() }));
      `,
      output: null,
      errors: [
        {
          messageId: 'missing',
          line: 4,
          column: 47,
          data: { table: 'table "jobs"', column: 'person_id' },
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'person.key' },
              output: code`
                import { pgTable } from 'drizzle-orm/pg-core';
                export const person = pgTable('person', (t) => ({ key: t.uuid('id').primaryKey() }));
                export const appCompanies = pgTable('companies', (t) => ({ id: t.uuid().primaryKey() }));
                export const jobs = pgTable('jobs', (t) => ({ personId: t.uuid('person_id').references(() => person.key), company_id: t.uuid() }));
              `,
            },
          ],
        },
        {
          messageId: 'missing',
          line: 4,
          column: 78,
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'appCompanies.id' },
              output: code`
                import { pgTable } from 'drizzle-orm/pg-core';
                export const person = pgTable('person', (t) => ({ key: t.uuid('id').primaryKey() }));
                export const appCompanies = pgTable('companies', (t) => ({ id: t.uuid().primaryKey() }));
                export const jobs = pgTable('jobs', (t) => ({ personId: t.uuid('person_id'), company_id: t.uuid().references(() => appCompanies.id) }));
              `,
            },
          ],
        },
      ],
    },
    {
      // a relation that names the column suggests its target first (0.x relations(), 1.0
      // defineRelations()); a self-relation suggests nothing
      code: code`
        import { defineRelations, relations } from 'drizzle-orm';
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        import { members } from './members';
        export const users = pgTable('users', { id: uuid('id').primaryKey() });
        export const projects = pgTable('projects', { owner_id: uuid('owner_id'), parent_id: uuid('parent_id'), lead_id: uuid('lead_id') });
        export const projectsRelations = relations(projects, ({ one }) => ({
          owner: one(members, { fields: [projects.owner_id], references: [members.id] }),
          parent: one(projects, { fields: [projects.parent_id], references: [projects.id] }),
        }));
        export const schemaRelations = defineRelations({ users, projects }, (r) => ({
          projects: { lead: r.one.users({ from: r.projects.lead_id, to: r.users.id }) },
        }));
      `,
      output: null,
      errors: [
        {
          messageId: 'missing',
          line: 5,
          column: 47,
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'members.id' },
              output: code`
                import { defineRelations, relations } from 'drizzle-orm';
                import { pgTable, uuid } from 'drizzle-orm/pg-core';
                import { members } from './members';
                export const users = pgTable('users', { id: uuid('id').primaryKey() });
                export const projects = pgTable('projects', { owner_id: uuid('owner_id').references(() => members.id), parent_id: uuid('parent_id'), lead_id: uuid('lead_id') });
                export const projectsRelations = relations(projects, ({ one }) => ({
                  owner: one(members, { fields: [projects.owner_id], references: [members.id] }),
                  parent: one(projects, { fields: [projects.parent_id], references: [projects.id] }),
                }));
                export const schemaRelations = defineRelations({ users, projects }, (r) => ({
                  projects: { lead: r.one.users({ from: r.projects.lead_id, to: r.users.id }) },
                }));
              `,
            },
          ],
        },
        { messageId: 'missing', line: 5, column: 75, data: { table: 'table "projects"', column: 'parent_id' }, suggestions: [] },
        {
          messageId: 'missing',
          line: 5,
          column: 105,
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'users.id' },
              output: code`
                import { defineRelations, relations } from 'drizzle-orm';
                import { pgTable, uuid } from 'drizzle-orm/pg-core';
                import { members } from './members';
                export const users = pgTable('users', { id: uuid('id').primaryKey() });
                export const projects = pgTable('projects', { owner_id: uuid('owner_id'), parent_id: uuid('parent_id'), lead_id: uuid('lead_id').references(() => users.id) });
                export const projectsRelations = relations(projects, ({ one }) => ({
                  owner: one(members, { fields: [projects.owner_id], references: [members.id] }),
                  parent: one(projects, { fields: [projects.parent_id], references: [projects.id] }),
                }));
                export const schemaRelations = defineRelations({ users, projects }, (r) => ({
                  projects: { lead: r.one.users({ from: r.projects.lead_id, to: r.users.id }) },
                }));
              `,
            },
          ],
        },
      ],
    },
    {
      // the tenant column without a foreign key; the root table is in the file
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', { id: uuid('id').primaryKey() });
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() });
      `,
      output: null,
      errors: [
        {
          messageId: 'tenantMissing',
          line: 3,
          column: 41,
          endColumn: 50,
          data: { table: 'table "posts"', column: 'tenant_id', root: 'tenants.id' },
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'tenants.id' },
              output: code`
                import { pgTable, uuid } from 'drizzle-orm/pg-core';
                export const tenants = pgTable('tenants', { id: uuid('id').primaryKey() });
                export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull().references(() => tenants.id) });
              `,
            },
          ],
        },
      ],
    },
    {
      // only a composite key holds the tenant column: it still needs its own key to the root table
      code: tables + code`
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull(),
          author_id: uuid('author_id'),
        }, (t) => [foreignKey({ columns: [t.tenant_id, t.author_id], foreignColumns: [users.tenant_id, users.id] })]);
      `,
      output: null,
      errors: [
        {
          messageId: 'tenantMissing',
          line: 5,
          column: 3,
          data: { table: 'table "posts"', column: 'tenant_id', root: 'tenants.id' },
          suggestions: [
            {
              messageId: 'suggestReference',
              output: tables + code`
                export const posts = pgTable('posts', {
                  tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
                  author_id: uuid('author_id'),
                }, (t) => [foreignKey({ columns: [t.tenant_id, t.author_id], foreignColumns: [users.tenant_id, users.id] })]);
              `,
            },
          ],
        },
      ],
    },
    {
      // the root table is not in scope: no suggestion
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() });
      `,
      output: null,
      errors: [{ messageId: 'tenantMissing', data: { table: 'table "posts"', column: 'tenant_id', root: 'tenants.id' }, suggestions: [] }],
    },
    {
      // the tenant column references another table, or another column of the root table
      code: tables + code`
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull().references(() => users.id),
        });
        export const notes = pgTable('notes', {
          tenant_id: uuid('tenant_id').notNull().references(() => tenants.slug),
        });
      `,
      output: null,
      errors: [
        {
          messageId: 'tenantWrongTarget',
          line: 5,
          column: 59,
          endColumn: 67,
          data: { table: 'table "posts"', column: 'tenant_id', target: 'users.id', root: 'tenants.id' },
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'tenants.id' },
              output: tables + code`
                export const posts = pgTable('posts', {
                  tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
                });
                export const notes = pgTable('notes', {
                  tenant_id: uuid('tenant_id').notNull().references(() => tenants.slug),
                });
              `,
            },
          ],
        },
        {
          messageId: 'tenantWrongTarget',
          line: 8,
          data: { table: 'table "notes"', column: 'tenant_id', target: 'tenants.slug', root: 'tenants.id' },
          suggestions: [
            {
              messageId: 'suggestReference',
              output: tables + code`
                export const posts = pgTable('posts', {
                  tenant_id: uuid('tenant_id').notNull().references(() => users.id),
                });
                export const notes = pgTable('notes', {
                  tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
                });
              `,
            },
          ],
        },
      ],
    },
    {
      // through foreignKey() entries: the array form and the deprecated object form
      code: tables + code`
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, (t) => [
          foreignKey({ columns: [t.tenant_id], foreignColumns: [users.id] }),
        ]);
        export const notes = pgTable('notes', { tenant_id: uuid('tenant_id').notNull() }, (t) => ({
          tenantFk: foreignKey({ columns: [t.tenant_id], foreignColumns: [users.id] }),
        }));
      `,
      output: null,
      errors: [
        {
          messageId: 'tenantWrongTarget',
          line: 5,
          column: 57,
          endColumn: 65,
          suggestions: [
            {
              messageId: 'suggestReference',
              output: tables + code`
                export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, (t) => [
                  foreignKey({ columns: [t.tenant_id], foreignColumns: [tenants.id] }),
                ]);
                export const notes = pgTable('notes', { tenant_id: uuid('tenant_id').notNull() }, (t) => ({
                  tenantFk: foreignKey({ columns: [t.tenant_id], foreignColumns: [users.id] }),
                }));
              `,
            },
          ],
        },
        {
          messageId: 'tenantWrongTarget',
          line: 8,
          column: 67,
          suggestions: [
            {
              messageId: 'suggestReference',
              output: tables + code`
                export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, (t) => [
                  foreignKey({ columns: [t.tenant_id], foreignColumns: [users.id] }),
                ]);
                export const notes = pgTable('notes', { tenant_id: uuid('tenant_id').notNull() }, (t) => ({
                  tenantFk: foreignKey({ columns: [t.tenant_id], foreignColumns: [tenants.id] }),
                }));
              `,
            },
          ],
        },
      ],
    },
    {
      // missing foreign keys in both extra-config forms (entries for other columns do not count)
      code: tables + code`
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') }, (t) => [
          foreignKey({ columns: [t.tenant_id], foreignColumns: [tenants.id] }),
        ]);
        export const notes = pgTable('notes', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') }, (t) => ({
          tenantFk: foreignKey({ columns: [t.tenant_id], foreignColumns: [tenants.id] }),
        }));
      `,
      output: null,
      errors: [
        {
          messageId: 'missing',
          line: 4,
          column: 81,
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'users.id' },
              output: tables + code`
                export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id').references(() => users.id) }, (t) => [
                  foreignKey({ columns: [t.tenant_id], foreignColumns: [tenants.id] }),
                ]);
                export const notes = pgTable('notes', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') }, (t) => ({
                  tenantFk: foreignKey({ columns: [t.tenant_id], foreignColumns: [tenants.id] }),
                }));
              `,
            },
          ],
        },
        {
          messageId: 'missing',
          line: 7,
          column: 81,
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'users.id' },
              output: tables + code`
                export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') }, (t) => [
                  foreignKey({ columns: [t.tenant_id], foreignColumns: [tenants.id] }),
                ]);
                export const notes = pgTable('notes', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id').references(() => users.id) }, (t) => ({
                  tenantFk: foreignKey({ columns: [t.tenant_id], foreignColumns: [tenants.id] }),
                }));
              `,
            },
          ],
        },
      ],
    },
    {
      // pgSchema().table: the tenant column and a foreign key
      code: code`
        import { pgSchema, uuid } from 'drizzle-orm/pg-core';
        import { tenants } from './tenants';
        const billing = pgSchema('billing');
        export const customers = billing.table('customers', { id: uuid('id').primaryKey() });
        export const invoices = billing.table('invoices', { tenant_id: uuid('tenant_id').notNull(), customer_id: uuid('customer_id') });
      `,
      output: null,
      errors: [
        {
          messageId: 'tenantMissing',
          line: 5,
          column: 53,
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'tenants.id' },
              output: code`
                import { pgSchema, uuid } from 'drizzle-orm/pg-core';
                import { tenants } from './tenants';
                const billing = pgSchema('billing');
                export const customers = billing.table('customers', { id: uuid('id').primaryKey() });
                export const invoices = billing.table('invoices', { tenant_id: uuid('tenant_id').notNull().references(() => tenants.id), customer_id: uuid('customer_id') });
              `,
            },
          ],
        },
        {
          messageId: 'missing',
          line: 5,
          column: 93,
          data: { table: 'table "invoices"', column: 'customer_id' },
          suggestions: [
            {
              messageId: 'suggestReference',
              data: { target: 'customers.id' },
              output: code`
                import { pgSchema, uuid } from 'drizzle-orm/pg-core';
                import { tenants } from './tenants';
                const billing = pgSchema('billing');
                export const customers = billing.table('customers', { id: uuid('id').primaryKey() });
                export const invoices = billing.table('invoices', { tenant_id: uuid('tenant_id').notNull(), customer_id: uuid('customer_id').references(() => customers.id) });
              `,
            },
          ],
        },
      ],
    },
    {
      // a column from a same-file spread: reported once, at its definition, where `.references()` would
      // serve every table that spreads it; no suggestion (it would change every such table); the tenant
      // column of the spread likewise
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { id: uuid('id').primaryKey() });
        const owned = { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') };
        export const posts = pgTable('posts', { id: uuid('id').primaryKey(), ...owned });
        export const notes = pgTable('notes', { id: uuid('id').primaryKey(), ...owned });
      `,
      output: null,
      errors: [
        { messageId: 'tenantMissing', line: 3, column: 17, endColumn: 26, data: { table: 'column set "owned"', column: 'tenant_id', root: 'tenants.id' }, suggestions: [] },
        { messageId: 'missing', line: 3, column: 57, endColumn: 64, data: { table: 'column set "owned"', column: 'user_id' }, suggestions: [] },
      ],
    },
    {
      // the ignore option does not exempt other columns
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', { stripe_customer_id: text('stripe_customer_id'), github_id: text('github_id') });
      `,
      options: [{ ignore: ['stripe_customer_id'] }],
      output: null,
      errors: [{ messageId: 'missing', data: { table: 'table "tenants"', column: 'github_id' }, suggestions: [] }],
    },
    {
      // requireRelations: drizzle-orm 0.x relations() that miss a foreign key, a composite one too
      code: code`
        import { relations } from 'drizzle-orm';
        import { foreignKey, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', { id: uuid('id').primaryKey() });
        export const users = pgTable('users', { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull().references(() => tenants.id) });
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
          author_id: uuid('author_id'),
        }, (t) => [foreignKey({ columns: [t.tenant_id, t.author_id], foreignColumns: [users.tenant_id, users.id] })]);
        export const postsRelations = relations(posts, ({ one }) => ({
          author: one(users, { fields: [posts.author_id], references: [users.id] }),
        }));
      `,
      options: [{ requireRelations: true }],
      output: null,
      errors: [
        { messageId: 'missingRelation', line: 4, column: 70, endColumn: 79, data: { table: 'users', columns: 'tenant_id' } },
        { messageId: 'missingRelation', line: 6, column: 3, endColumn: 12, data: { table: 'posts', columns: 'tenant_id' } },
        { messageId: 'missingRelation', line: 8, column: 34, endColumn: 60, data: { table: 'posts', columns: 'tenant_id, author_id' } },
      ],
    },
    {
      // requireRelations: a pgSchema().table with a foreignKey() in the deprecated object form
      code: code`
        import { relations } from 'drizzle-orm';
        import { foreignKey, pgSchema, uuid } from 'drizzle-orm/pg-core';
        import { tenants } from './tenants';
        const app = pgSchema('app');
        export const users = app.table('users', { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull().references(() => tenants.id) });
        export const posts = app.table('posts', { tenant_id: uuid('tenant_id').notNull().references(() => tenants.id), author_id: uuid('author_id') }, (t) => ({
          authorFk: foreignKey({ columns: [t.author_id], foreignColumns: [users.id] }),
        }));
        export const usersRelations = relations(users, ({ many }) => ({ posts: many(posts) }));
        export const postsRelations = relations(posts, ({ one }) => ({
          tenantOfUser: one(tenants, { fields: [users.tenant_id], references: [tenants.id] }),
          tenant: one(tenants, { fields: [posts.tenant_id], references: [tenants.id] }),
        }));
      `,
      options: [{ requireRelations: true }],
      output: null,
      errors: [{ messageId: 'missingRelation', line: 7, column: 35, endColumn: 48, data: { table: 'posts', columns: 'author_id' } }],
    },
    {
      // requireRelations: a many-to-many relation through a join table names both of its foreign keys,
      // not a third one
      code: code`
        import { defineRelations } from 'drizzle-orm';
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { id: uuid('id').primaryKey() });
        export const groups = pgTable('groups', { id: uuid('id').primaryKey() });
        export const members = pgTable('members', {
          user_id: uuid('user_id').references(() => users.id),
          group_id: uuid('group_id').references(() => groups.id),
          invited_by_id: uuid('invited_by_id').references(() => users.id),
        });
        export const relations = defineRelations({ users, groups, members }, (r) => ({
          users: { groups: r.many.groups({ from: r.users.id.through(r.members.user_id), to: r.groups.id.through(r.members.group_id) }) },
        }));
      `,
      options: [{ requireRelations: true }],
      output: null,
      errors: [{ messageId: 'missingRelation', line: 8, column: 3, data: { table: 'members', columns: 'invited_by_id' } }],
    },
    {
      // requireRelations: drizzle-orm 1.0 defineRelations() that misses a foreign key
      code: tables + code`
        import { defineRelations } from 'drizzle-orm';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
          author_id: uuid('author_id').references(() => users.id),
        });
        export const relations = defineRelations({ tenants, users, posts }, (r) => ({
          users: { tenant: r.one.tenants({ from: r.users.tenant_id, to: r.tenants.id }) },
          posts: { author: r.one.users({ from: r.posts.author_id, to: r.users.id }) },
        }));
      `,
      options: [{ requireRelations: true }],
      output: null,
      errors: [{ messageId: 'missingRelation', line: 6, column: 3, data: { table: 'posts', columns: 'tenant_id' } }],
    },
  ],
});

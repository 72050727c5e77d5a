import rule from '../../src/rules/require-indexes.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('require-indexes', rule, {
  valid: [
    // each required column leads an index
    code`
      import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
      import { tenants } from './tenants';
      export const users = pgTable('users', { id: uuid('id').primaryKey() });
      export const posts = pgTable(
        'posts',
        {
          id: uuid('id').primaryKey(),
          tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
          user_id: uuid('user_id').references(() => users.id),
        },
        (t) => [index('posts_tenant_id_idx').on(t.tenant_id), index('posts_user_id_idx').on(t.user_id)],
      );
    `,
    // the second column of an index that leads with the tenant column is covered
    code`
      import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
      export const posts = pgTable('posts', { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') }, (t) => [
        index('posts_tenant_user_idx').on(t.tenant_id, t.user_id),
      ]);
    `,
    // uniqueIndex, unique().on(), a column's own .unique() / .primaryKey(), a join table's primary key
    code`
      import { pgTable, primaryKey, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
      export const profiles = pgTable('profiles', { user_id: uuid('user_id').primaryKey(), avatar_id: uuid('avatar_id').unique() });
      export const memberships = pgTable(
        'memberships',
        { tenant_id: uuid('tenant_id').notNull(), team_id: uuid('team_id').notNull(), user_id: uuid('user_id').notNull() },
        (t) => [
          primaryKey({ columns: [t.team_id, t.user_id] }),
          uniqueIndex('memberships_user_id_idx').on(t.user_id.asc()),
          unique('memberships_tenant_id_key').on(t.tenant_id, t.team_id),
        ],
      );
    `,
    // a composite foreign key whose columns lead one index, in order
    code`
      import { foreignKey, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
      export const accounts = pgTable('accounts', { code: text('code'), region: text('region') });
      export const invoices = pgTable(
        'invoices',
        { id: uuid('id').primaryKey(), account_code: text('account_code'), account_region: text('account_region') },
        (t) => [
          foreignKey({ columns: [t.account_code, t.account_region], foreignColumns: [accounts.code, accounts.region] }),
          index('invoices_account_idx').on(t.account_code, t.account_region, t.id),
        ],
      );
    `,
    // a composite foreign key whose columns lead an index in another order, or the primary key; its
    // columns (the 4th is an _id column that leads nothing) are covered as part of it
    code`
      import { foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
      import { entries, slots } from './schema';
      export const lines = pgTable(
        'lines',
        {
          tenant_id: uuid('tenant_id').notNull(),
          ledger: text('ledger').notNull(),
          period: text('period').notNull(),
          entry_no: text('entry_no').notNull(),
          account_id: uuid('account_id').notNull(),
          slot: text('slot').notNull(),
        },
        (t) => [
          index('lines_tenant_id_idx').on(t.tenant_id),
          index('lines_entry_idx').on(t.ledger, t.period, t.entry_no, t.account_id),
          foreignKey({
            columns: [t.account_id, t.entry_no, t.period, t.ledger],
            foreignColumns: [entries.account_id, entries.entry_no, entries.period, entries.ledger],
          }),
          primaryKey({ columns: [t.slot, t.ledger] }),
          foreignKey({ columns: [t.ledger, t.slot], foreignColumns: [slots.ledger, slots.name] }),
        ],
      );
    `,
    // the deprecated object form, a callback for columns, a key that differs from the database name
    code`
      import { index, pgTable } from 'drizzle-orm/pg-core';
      export const posts = pgTable('posts', (t) => ({ id: t.uuid('id').primaryKey(), tenantId: t.uuid('tenant_id').notNull() }), (table) => ({
        tenantIdx: index('posts_tenant_id_idx').on(table.tenantId),
      }));
    `,
    // root tables have no tenant column; id and names that merely end in "id" need no index
    code`
      import { boolean, pgTable, uuid } from 'drizzle-orm/pg-core';
      export const tenants = pgTable('tenants', { id: uuid('id').primaryKey(), paid: boolean('paid'), uuid: uuid('uuid') });
    `,
    // unknown extra config: a helper call may add the indexes
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { tenantIndexes } from './helpers';
      export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, tenantIndexes('posts'));
    `,
    // an extra config that spreads an unknown array
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { tenantIndexes } from './helpers';
      export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, (t) => [...tenantIndexes(t)]);
    `,
    // an index whose columns cannot be read
    code`
      import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
      import { columns } from './helpers';
      export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, (t) => [index('i').on(...columns(t))]);
    `,
    // an imported spread: columns the plugin cannot see are not required
    code`
      import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
      import { scoped } from './columns';
      export const posts = pgTable('posts', { id: uuid('id').primaryKey(), ...scoped });
    `,
    // not drizzle: a local function named pgTable
    code`
      function pgTable(name: string, columns: object) { return { name, columns }; }
      export const posts = pgTable('posts', { tenant_id: 1 });
    `,
    // settings: another tenant column name
    {
      code: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { org: uuid('org').notNull() }, (t) => [index('posts_org_idx').on(t.org)]);
      `,
      settings: { 'data-modeling': { tenantColumn: 'org' } },
    },
  ],
  invalid: [
    {
      // a shared columns object: each table needs its own index, reported at its own columns argument
      // (a spread, or the object itself), and fixed in its own extra config
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        const columns = { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull() };
        export const a = pgTable('a', columns);
        export const b = pgTable('b', columns);
      `,
      output: [
        code`
          import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
          const columns = { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull() };
          export const a = pgTable('a', columns, (table) => [
            index('a_tenant_id_idx').on(table.tenant_id),
          ]);
          export const b = pgTable('b', columns);
        `,
        code`
          import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
          const columns = { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull() };
          export const a = pgTable('a', columns, (table) => [
            index('a_tenant_id_idx').on(table.tenant_id),
          ]);
          export const b = pgTable('b', columns, (table) => [
            index('b_tenant_id_idx').on(table.tenant_id),
          ]);
        `,
      ],
      errors: [
        { messageId: 'tenantColumn', line: 3, column: 31, endColumn: 38, data: { table: 'a', column: 'tenant_id' } },
        { messageId: 'tenantColumn', line: 4, column: 31, endColumn: 38, data: { table: 'b', column: 'tenant_id' } },
      ],
    },
    {
      // a config written without a parameter (as require-rls writes one) gets `table` when an index needs it
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgTable, pgPolicy, uuid, index } from 'drizzle-orm/pg-core';
        export const notes = pgTable('notes', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', { using: sql\`tenant_id = current_setting('app.tenant_id')::uuid\` }),
        ]);
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { pgTable, pgPolicy, uuid, index } from 'drizzle-orm/pg-core';
        export const notes = pgTable('notes', { tenant_id: uuid('tenant_id').notNull() }, (table) => [
          pgPolicy('tenant_isolation', { using: sql\`tenant_id = current_setting('app.tenant_id')::uuid\` }),
          index('notes_tenant_id_idx').on(table.tenant_id),
        ]);
      `,
      errors: [{ messageId: 'tenantColumn', line: 3, column: 41 }],
    },
    {
      // every missing index of a table in one fix, `index` added to the import
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        import { tenants } from './tenants';
        export const users = pgTable('users', { id: uuid('id').primaryKey() });
        export const posts = pgTable(
          'posts',
          {
            id: uuid('id').primaryKey(),
            tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
            author_id: uuid('author_id').references(() => users.id),
            editor_id: uuid('editor_id'),
          },
          (t) => [],
        );
      `,
      output: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        import { tenants } from './tenants';
        export const users = pgTable('users', { id: uuid('id').primaryKey() });
        export const posts = pgTable(
          'posts',
          {
            id: uuid('id').primaryKey(),
            tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
            author_id: uuid('author_id').references(() => users.id),
            editor_id: uuid('editor_id'),
          },
          (t) => [
            index('posts_tenant_id_idx').on(t.tenant_id),
            index('posts_author_id_idx').on(t.author_id),
            index('posts_editor_id_idx').on(t.editor_id),
          ],
        );
      `,
      errors: [
        { messageId: 'tenantColumn', line: 8, column: 5, endColumn: 14, data: { table: 'posts', column: 'tenant_id' } },
        { messageId: 'foreignKeyColumn', line: 9, column: 5, endColumn: 14, data: { table: 'posts', column: 'author_id' } },
        { messageId: 'foreignKeyColumn', line: 10, column: 5, endColumn: 14, data: { table: 'posts', column: 'editor_id' } },
      ],
    },
    {
      // a multi-line array keeps its layout and trailing comma
      code: code`
        import { index, pgTable, uuid } from "drizzle-orm/pg-core";
        export const posts = pgTable(
          "posts",
          {
            tenant_id: uuid("tenant_id").notNull(),
            user_id: uuid("user_id").notNull(),
          },
          (table) => [
            index("posts_created_idx").on(table.user_id.desc()).where(sql\`true\`),
          ],
        );
      `,
      output: code`
        import { index, pgTable, uuid } from "drizzle-orm/pg-core";
        export const posts = pgTable(
          "posts",
          {
            tenant_id: uuid("tenant_id").notNull(),
            user_id: uuid("user_id").notNull(),
          },
          (table) => [
            index("posts_created_idx").on(table.user_id.desc()).where(sql\`true\`),
            index("posts_tenant_id_idx").on(table.tenant_id),
          ],
        );
      `,
      errors: [{ messageId: 'tenantColumn', line: 5, column: 5 }],
    },
    {
      // no extra config: one is created, on one line when the columns are on one line
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull() });
      `,
      output: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull() }, (table) => [
          index('posts_tenant_id_idx').on(table.tenant_id),
        ]);
      `,
      errors: [{ messageId: 'tenantColumn', line: 2, column: 70, endColumn: 79 }],
    },
    {
      // no extra config, multi-line columns, callback columns, several indexes
      code: code`
        import { pgTable } from 'drizzle-orm/pg-core';
        export const comments = pgTable('comments', (t) => ({
          id: t.uuid().primaryKey(),
          tenant_id: t.uuid().notNull(),
          post_id: t.uuid().notNull(),
        }));
      `,
      output: code`
        import { pgTable, index } from 'drizzle-orm/pg-core';
        export const comments = pgTable('comments', (t) => ({
          id: t.uuid().primaryKey(),
          tenant_id: t.uuid().notNull(),
          post_id: t.uuid().notNull(),
        }), (table) => [
          index('comments_tenant_id_idx').on(table.tenant_id),
          index('comments_post_id_idx').on(table.post_id),
        ]);
      `,
      errors: [
        { messageId: 'tenantColumn', line: 4, column: 3 },
        { messageId: 'foreignKeyColumn', line: 5, column: 3 },
      ],
    },
    {
      // the deprecated object form gets object entries
      code: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', {
          tenantId: uuid('tenant_id').notNull(),
          userId: uuid('user_id').notNull(),
        }, (t) => ({
          tenantIdIdx: index('posts_tenant_id_idx').on(t.userId),
        }));
      `,
      output: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', {
          tenantId: uuid('tenant_id').notNull(),
          userId: uuid('user_id').notNull(),
        }, (t) => ({
          tenantIdIdx: index('posts_tenant_id_idx').on(t.userId),
          tenantIdIdx2: index('posts_tenant_id_idx2').on(t.tenantId),
        }));
      `,
      errors: [{ messageId: 'tenantColumn', line: 3, column: 3, endColumn: 11, data: { table: 'posts', column: 'tenant_id' } }],
    },
    {
      // an empty object form on one line
      code: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') }, (t) => ({}));
      `,
      output: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull(), user_id: uuid('user_id') }, (t) => ({ tenantIdIdx: index('posts_tenant_id_idx').on(t.tenant_id), userIdIdx: index('posts_user_id_idx').on(t.user_id) }));
      `,
      errors: [{ messageId: 'tenantColumn' }, { messageId: 'foreignKeyColumn' }],
    },
    {
      // pgSchema().table, through a namespace import
      code: code`
        import * as pg from 'drizzle-orm/pg-core';
        export const billing = pg.pgSchema('billing');
        export const invoices = billing.table('invoices', {
          id: pg.uuid('id').primaryKey(),
          tenant_id: pg.uuid('tenant_id').notNull(),
          customer_id: pg.uuid('customer_id').notNull(),
        }, (t) => [pg.index('invoices_tenant_id_idx').on(t.tenant_id)]);
      `,
      output: code`
        import * as pg from 'drizzle-orm/pg-core';
        export const billing = pg.pgSchema('billing');
        export const invoices = billing.table('invoices', {
          id: pg.uuid('id').primaryKey(),
          tenant_id: pg.uuid('tenant_id').notNull(),
          customer_id: pg.uuid('customer_id').notNull(),
        }, (t) => [
          pg.index('invoices_tenant_id_idx').on(t.tenant_id),
          pg.index('invoices_customer_id_idx').on(t.customer_id),
        ]);
      `,
      errors: [{ messageId: 'foreignKeyColumn', line: 6, column: 3, data: { table: 'invoices', column: 'customer_id' } }],
    },
    {
      // pgSchema().table with the deprecated object form and no `index` import yet
      code: code`
        import { check, pgSchema, text, uuid } from 'drizzle-orm/pg-core';
        const app = pgSchema('app');
        export const notes = app.table('notes', {
          tenant_id: uuid('tenant_id').notNull(),
          body: text('body'),
        }, (t) => ({
          bodyCheck: check('notes_body_check', sql\`length(body) > 0\`)
        }));
      `,
      output: code`
        import { check, index, pgSchema, text, uuid } from 'drizzle-orm/pg-core';
        const app = pgSchema('app');
        export const notes = app.table('notes', {
          tenant_id: uuid('tenant_id').notNull(),
          body: text('body'),
        }, (t) => ({
          bodyCheck: check('notes_body_check', sql\`length(body) > 0\`),
          tenantIdIdx: index('notes_tenant_id_idx').on(t.tenant_id)
        }));
      `,
      errors: [{ messageId: 'tenantColumn', line: 4, column: 3, data: { table: 'notes', column: 'tenant_id' } }],
    },
    {
      // the second column after the tenant column is covered, the third is not
      code: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const tasks = pgTable('tasks', {
          tenant_id: uuid('tenant_id').notNull(),
          project_id: uuid('project_id'),
          owner_id: uuid('owner_id'),
        }, (t) => [index('tasks_scope_idx').on(t.tenant_id, t.project_id, t.owner_id)]);
      `,
      output: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const tasks = pgTable('tasks', {
          tenant_id: uuid('tenant_id').notNull(),
          project_id: uuid('project_id'),
          owner_id: uuid('owner_id'),
        }, (t) => [
          index('tasks_scope_idx').on(t.tenant_id, t.project_id, t.owner_id),
          index('tasks_owner_id_idx').on(t.owner_id),
        ]);
      `,
      errors: [{ messageId: 'foreignKeyColumn', line: 5, column: 3, data: { table: 'tasks', column: 'owner_id' } }],
    },
    {
      // an index that leads with another column does not cover; a column with .references() that does
      // not end in _id is a foreign key too
      code: code`
        import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        import { users } from './users';
        export const events = pgTable('events', {
          created_at: timestamp('created_at'),
          owner: uuid('owner').references(() => users.id),
        }, (t) => [index('events_created_idx').on(t.created_at, t.owner)]);
      `,
      output: code`
        import { index, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
        import { users } from './users';
        export const events = pgTable('events', {
          created_at: timestamp('created_at'),
          owner: uuid('owner').references(() => users.id),
        }, (t) => [
          index('events_created_idx').on(t.created_at, t.owner),
          index('events_owner_idx').on(t.owner),
        ]);
      `,
      errors: [{ messageId: 'foreignKeyColumn', line: 5, column: 3, endColumn: 8, data: { table: 'events', column: 'owner' } }],
    },
    {
      // a composite foreign key is reported on its columns list, and its columns not on their own; one
      // composite index covers it. An index that leads with only one of its columns does not.
      code: code`
        import { foreignKey, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
        export const accounts = pgTable('accounts', { code: text('code'), region: text('region') });
        export const invoices = pgTable('invoices', {
          tenant_id: uuid('tenant_id').notNull(),
          account_id: text('account_id'),
          account_region: text('account_region'),
        }, (t) => [
          index('invoices_tenant_id_idx').on(t.tenant_id),
          index('invoices_region_idx').on(t.account_region, t.tenant_id),
          foreignKey({ columns: [t.account_id, t.account_region], foreignColumns: [accounts.code, accounts.region] }),
        ]);
      `,
      output: code`
        import { foreignKey, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
        export const accounts = pgTable('accounts', { code: text('code'), region: text('region') });
        export const invoices = pgTable('invoices', {
          tenant_id: uuid('tenant_id').notNull(),
          account_id: text('account_id'),
          account_region: text('account_region'),
        }, (t) => [
          index('invoices_tenant_id_idx').on(t.tenant_id),
          index('invoices_region_idx').on(t.account_region, t.tenant_id),
          foreignKey({ columns: [t.account_id, t.account_region], foreignColumns: [accounts.code, accounts.region] }),
          index('invoices_account_id_account_region_idx').on(t.account_id, t.account_region),
        ]);
      `,
      errors: [
        {
          messageId: 'compositeForeignKey',
          line: 10,
          column: 25,
          endColumn: 57,
          data: { table: 'invoices', columns: 'account_id, account_region' },
        },
      ],
    },
    {
      // a column of a composite key that also has a single-column key of its own still needs its own index
      code: code`
        import { foreignKey, index, pgTable, uuid } from 'drizzle-orm/pg-core';
        import { orgs, projects } from './schema';
        export const tasks = pgTable('tasks', {
          org_id: uuid('org_id').references(() => orgs.id),
          project_id: uuid('project_id'),
        }, (t) => [
          index('tasks_project_org_idx').on(t.project_id, t.org_id),
          foreignKey({ columns: [t.org_id, t.project_id], foreignColumns: [projects.org_id, projects.id] }),
        ]);
      `,
      output: code`
        import { foreignKey, index, pgTable, uuid } from 'drizzle-orm/pg-core';
        import { orgs, projects } from './schema';
        export const tasks = pgTable('tasks', {
          org_id: uuid('org_id').references(() => orgs.id),
          project_id: uuid('project_id'),
        }, (t) => [
          index('tasks_project_org_idx').on(t.project_id, t.org_id),
          foreignKey({ columns: [t.org_id, t.project_id], foreignColumns: [projects.org_id, projects.id] }),
          index('tasks_org_id_idx').on(t.org_id),
        ]);
      `,
      errors: [{ messageId: 'foreignKeyColumn', line: 4, column: 3, data: { table: 'tasks', column: 'org_id' } }],
    },
    {
      // a composite foreign key in the deprecated object form of a pgSchema().table
      code: code`
        import { foreignKey, pgSchema, text, uuid } from 'drizzle-orm/pg-core';
        const billing = pgSchema('billing');
        export const accounts = billing.table('accounts', { code: text('code'), region: text('region') });
        export const invoices = billing.table('invoices', {
          account_code: text('account_code'),
          account_region: text('account_region'),
        }, (t) => ({
          accountFk: foreignKey({ columns: [t.account_code, t.account_region], foreignColumns: [accounts.code, accounts.region] }),
        }));
      `,
      output: code`
        import { foreignKey, index, pgSchema, text, uuid } from 'drizzle-orm/pg-core';
        const billing = pgSchema('billing');
        export const accounts = billing.table('accounts', { code: text('code'), region: text('region') });
        export const invoices = billing.table('invoices', {
          account_code: text('account_code'),
          account_region: text('account_region'),
        }, (t) => ({
          accountFk: foreignKey({ columns: [t.account_code, t.account_region], foreignColumns: [accounts.code, accounts.region] }),
          accountCodeAccountRegionIdx: index('invoices_account_code_account_region_idx').on(t.account_code, t.account_region),
        }));
      `,
      errors: [{ messageId: 'compositeForeignKey', line: 8, column: 36, endColumn: 70, data: { table: 'invoices', columns: 'account_code, account_region' } }],
    },
    {
      // a column named in a single-column foreignKey() entry
      code: code`
        import { foreignKey, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { id: uuid('id').primaryKey() });
        export const posts = pgTable('posts', { author: uuid('author') }, (t) => [foreignKey({ columns: [t.author], foreignColumns: [users.id] })]);
      `,
      output: code`
        import { foreignKey, index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { id: uuid('id').primaryKey() });
        export const posts = pgTable('posts', { author: uuid('author') }, (t) => [
          foreignKey({ columns: [t.author], foreignColumns: [users.id] }),
          index('posts_author_idx').on(t.author),
        ]);
      `,
      errors: [{ messageId: 'foreignKeyColumn', line: 3, column: 41, endColumn: 47 }],
    },
    {
      // a column from a same-file spread is reported on the spread in this table
      code: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        const scoped = { tenant_id: uuid('tenant_id').notNull() };
        export const posts = pgTable('posts', { id: uuid('id').primaryKey(), ...scoped }, (t) => [index('posts_id_idx').on(t.id)]);
      `,
      output: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        const scoped = { tenant_id: uuid('tenant_id').notNull() };
        export const posts = pgTable('posts', { id: uuid('id').primaryKey(), ...scoped }, (t) => [
          index('posts_id_idx').on(t.id),
          index('posts_tenant_id_idx').on(t.tenant_id),
        ]);
      `,
      errors: [{ messageId: 'tenantColumn', line: 3, column: 70, endColumn: 79 }],
    },
    {
      // a destructured extra-config parameter that lacks the column: reported, not fixed
      code: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull() }, ({ id }) => [index('posts_id_idx').on(id)]);
      `,
      output: null,
      errors: [{ messageId: 'tenantColumn', line: 2, column: 70 }],
    },
    {
      // a destructured parameter that names the column is used
      code: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, ({ tenant_id: tenant }) => []);
      `,
      output: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, ({ tenant_id: tenant }) => [
          index('posts_tenant_id_idx').on(tenant),
        ]);
      `,
      errors: [{ messageId: 'tenantColumn' }],
    },
    {
      // `index` is taken by something else in the module: no fix
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        const index = 1;
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, (t) => []);
      `,
      output: null,
      errors: [{ messageId: 'tenantColumn' }],
    },
    {
      // an aliased import is used as imported
      code: code`
        import { index as idx, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, (t) => []);
      `,
      output: code`
        import { index as idx, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, (t) => [
          idx('posts_tenant_id_idx').on(t.tenant_id),
        ]);
      `,
      errors: [{ messageId: 'tenantColumn' }],
    },
    {
      // root tables still index their foreign keys; a name-less builder under snake_case casing
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', { id: uuid().primaryKey(), ownerUserId: uuid() });
      `,
      settings: { 'data-modeling': { casing: 'snake_case' } },
      output: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', { id: uuid().primaryKey(), ownerUserId: uuid() }, (table) => [
          index('tenants_owner_user_id_idx').on(table.ownerUserId),
        ]);
      `,
      errors: [{ messageId: 'foreignKeyColumn', line: 2, column: 70, endColumn: 81, data: { table: 'tenants', column: 'owner_user_id' } }],
    },
    {
      // names longer than Postgres' 63-byte limit are cut before the suffix; a table name that is not a
      // literal falls back to the variable name; pgTableCreator tables
      code: code`
        import { pgTableCreator, uuid } from 'drizzle-orm/pg-core';
        const table = pgTableCreator((name) => \`app_\${name}\`);
        export const invitations = table('organization_membership_invitations', { invited_by_organization_member_id: uuid() });
        export const projectTasks = table(\`\${'project'}_tasks\`, { tenant_id: uuid().notNull() });
      `,
      output: [
        code`
          import { index, pgTableCreator, uuid } from 'drizzle-orm/pg-core';
          const table = pgTableCreator((name) => \`app_\${name}\`);
          export const invitations = table('organization_membership_invitations', { invited_by_organization_member_id: uuid() }, (t) => [
            index('organization_membership_invitations_invited_by_organization_idx').on(t.invited_by_organization_member_id),
          ]);
          export const projectTasks = table(\`\${'project'}_tasks\`, { tenant_id: uuid().notNull() });
        `,
        code`
          import { index, pgTableCreator, uuid } from 'drizzle-orm/pg-core';
          const table = pgTableCreator((name) => \`app_\${name}\`);
          export const invitations = table('organization_membership_invitations', { invited_by_organization_member_id: uuid() }, (t) => [
            index('organization_membership_invitations_invited_by_organization_idx').on(t.invited_by_organization_member_id),
          ]);
          export const projectTasks = table(\`\${'project'}_tasks\`, { tenant_id: uuid().notNull() }, (t) => [
            index('project_tasks_tenant_id_idx').on(t.tenant_id),
          ]);
        `,
      ],
      errors: [
        { messageId: 'foreignKeyColumn', line: 3, data: { table: 'organization_membership_invitations', column: 'invited_by_organization_member_id' } },
        { messageId: 'tenantColumn', line: 4, data: { table: 'projectTasks', column: 'tenant_id' } },
      ],
    },
    {
      // two tables: each gets its own fix; the import is added once per pass
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { tenant_id: uuid('tenant_id').notNull() });
        export const b = pgTable('b', { tenant_id: uuid('tenant_id').notNull() });
      `,
      output: [
        code`
          import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
          export const a = pgTable('a', { tenant_id: uuid('tenant_id').notNull() }, (table) => [
            index('a_tenant_id_idx').on(table.tenant_id),
          ]);
          export const b = pgTable('b', { tenant_id: uuid('tenant_id').notNull() });
        `,
        code`
          import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
          export const a = pgTable('a', { tenant_id: uuid('tenant_id').notNull() }, (table) => [
            index('a_tenant_id_idx').on(table.tenant_id),
          ]);
          export const b = pgTable('b', { tenant_id: uuid('tenant_id').notNull() }, (table) => [
            index('b_tenant_id_idx').on(table.tenant_id),
          ]);
        `,
      ],
      errors: [{ messageId: 'tenantColumn', line: 2 }, { messageId: 'tenantColumn', line: 3 }],
    },
  ],
});

import rule from '../../src/rules/require-rls.js';
import { code, createRuleTester, EXTERNAL_TABLES } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

const ISOLATION = "tenant_id = current_setting('app.tenant_id')::uuid";
const ALL_COMMANDS = 'select, insert, update and delete';

ruleTester.run('require-rls', rule, {
  valid: [
    // conditions built by helpers of the file: one sql template over the parameters (the table, a column)
    code`
      import { sql, type SQL } from 'drizzle-orm';
      import { pgPolicy, pgTable, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
      const isolate = (t: { tenantId: AnyPgColumn }) => sql\`\${t.tenantId} = current_setting('app.tenant_id')::uuid\`;
      function sameTenant(column: AnyPgColumn): SQL {
        return sql\`\${column} = current_setting('app.tenant_id')::uuid\`;
      }
      export const users = pgTable('users', { tenantId: uuid('tenant_id').notNull() }, (t) => [pgPolicy('users_iso', { using: isolate(t) })]);
      export const posts = pgTable('posts', { tenantId: uuid('tenant_id').notNull() }, (t) => [pgPolicy('posts_iso', { using: sameTenant(t.tenantId) })]);
    `,
    // a helper whose condition depends on a runtime value, or called with what is not the table: unknown
    code`
      import { sql } from 'drizzle-orm';
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      const bySetting = (name: string) => sql\`tenant_id = current_setting(\${name})::uuid\`;
      const isolate = (t: { tenant_id: unknown }) => sql\`\${t.tenant_id} = current_setting('app.tenant_id')::uuid\`;
      const other = { tenant_id: null };
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [pgPolicy('users_iso', { using: bySetting('app.tenant_id') })]);
      export const posts = pgTable('posts', { tenant_id: uuid('tenant_id').notNull() }, () => [pgPolicy('posts_iso', { using: isolate(other) })]);
    `,
    // tables the app does not own: Supabase's schemas, a schema named in externalSchemas, an .existing()
    // schema (drizzle-orm 1.0)
    EXTERNAL_TABLES,
    // the standard: RLS on, a permissive policy for all that compares tenant_id with the setting
    code`
      import { sql } from 'drizzle-orm';
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', {
        id: uuid('id').primaryKey(),
        tenant_id: uuid('tenant_id').notNull(),
      }, () => [
        pgPolicy('tenant_isolation', { as: 'permissive', for: 'all', using: sql\`${ISOLATION}\` }),
      ]).enableRLS();
    `,
    // a policy is enough: Drizzle enables RLS on a table that has one; as/for default to permissive/all
    code`
      import { sql } from 'drizzle-orm';
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
        pgPolicy('iso', { using: sql\`${ISOLATION}\`, withCheck: sql\`${ISOLATION}\` }),
      ]);
    `,
    // the root table compares its id
    code`
      import { sql } from 'drizzle-orm';
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      export const tenants = pgTable('tenants', { id: uuid('id').primaryKey() }, () => [
        pgPolicy('tenant_isolation', { using: sql\`id = current_setting('app.tenant_id')::uuid\` }),
      ]);
    `,
    // pgPolicy(...).link(table) anywhere in the file
    code`
      import { sql } from 'drizzle-orm';
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() });
      export const usersIsolation = pgPolicy('tenant_isolation', { using: sql\`${ISOLATION}\` }).link(users);
    `,
    // drizzle-orm 1.0: pgTable.withRLS, with the policy in the extra config
    code`
      import { sql } from 'drizzle-orm';
      import { pgPolicy, pgTable } from 'drizzle-orm/pg-core';
      export const users = pgTable.withRLS('users', (t) => ({ tenant_id: t.uuid().notNull() }), () => [
        pgPolicy('tenant_isolation', { using: sql\`${ISOLATION}\` }),
      ]);
    `,
    // crudPolicy from drizzle-orm/neon, with the tenant column interpolated
    code`
      import { sql } from 'drizzle-orm';
      import { crudPolicy, authenticatedRole } from 'drizzle-orm/neon';
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { tenantId: uuid('tenant_id').notNull() }, (t) => [
        crudPolicy({
          role: authenticatedRole,
          read: sql\`\${t.tenantId} = current_setting('app.tenant_id')::uuid\`,
          modify: sql\`\${t.tenantId} = current_setting('app.tenant_id')::uuid\`,
        }),
      ]);
    `,
    // policies that together cover select, insert, update and delete
    code`
      import { sql } from 'drizzle-orm';
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      const mine = sql\`${ISOLATION}\`;
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
        pgPolicy('read', { for: 'select', using: mine }),
        pgPolicy('add', { for: 'insert', withCheck: mine }),
        pgPolicy('change', { for: 'update', using: mine, withCheck: mine }),
        pgPolicy('remove', { for: 'delete', using: mine }),
      ]);
    `,
    // how the setting may be written: quoted, reversed, (select …), missing_ok, nullif, cast, qualified, AND-ed
    ...[
      `"tenant_id" = current_setting('app.tenant_id')::uuid`,
      `current_setting('app.tenant_id')::uuid = tenant_id`,
      `tenant_id = (select current_setting('app.tenant_id')::uuid)`,
      `tenant_id = (select current_setting('app.tenant_id', true))::uuid`,
      `tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid`,
      `tenant_id = cast(current_setting('app.tenant_id') as uuid)`,
      `tenant_id::text = pg_catalog.current_setting('app.tenant_id'::text)`,
      `"users"."tenant_id" = current_setting('app.tenant_id')::uuid`,
      `(TENANT_ID = CURRENT_SETTING('app.tenant_id')::UUID) and not archived`,
    ].map(
      (condition) => code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', { using: sql\`${condition}\` }),
        ]);
      `,
    ),
    // a namespace import of drizzle-orm, a fragment inlined into the template, a destructured parameter
    code`
      import * as orm from 'drizzle-orm';
      import * as pg from 'drizzle-orm/pg-core';
      const tenant = orm.sql\`current_setting('app.tenant_id')::uuid\`;
      export const users = pg.pgTable('users', { tenantId: pg.uuid('tenant_id').notNull() }, ({ tenantId }) => [
        pg.pgPolicy('tenant_isolation', { using: orm.sql\`\${tenantId} = \${tenant}\` }),
      ]);
    `,
    // the deprecated object form
    code`
      import { sql } from 'drizzle-orm';
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, (t) => ({
        isolation: pgPolicy('tenant_isolation', { using: sql\`${ISOLATION}\` }),
      }));
    `,
    // an always-true policy for a named role (the admin override) is allowed
    {
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', { using: sql\`${ISOLATION}\` }),
          pgPolicy('admin_override', { to: 'admin', using: sql\`true\` }),
        ]);
      `,
      options: [{ adminRole: 'admin' }],
    },
    // a restrictive always-true policy opens nothing
    code`
      import { sql } from 'drizzle-orm';
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
        pgPolicy('tenant_isolation', { using: sql\`${ISOLATION}\` }),
        pgPolicy('noop', { as: 'restrictive', using: sql\`true\` }),
      ]);
    `,
    // configured tenant column and setting
    {
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { org_id: uuid('org_id').notNull() }, () => [
          pgPolicy('org_isolation', { using: sql\`org_id = current_setting('app.org')::uuid\` }),
        ]);
      `,
      settings: { 'data-modeling': { tenantColumn: 'org_id', tenantSetting: 'app.org' } },
    },
    // unknown is not wrong: policies from a helper call, a helper condition, options from a variable
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { tenantPolicies } from './policies';
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, (t) => [...tenantPolicies(t)]);
    `,
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { tenantPolicy } from './policies';
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, (t) => [tenantPolicy(t)]);
    `,
    code`
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      import { isolation } from './policies';
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
        pgPolicy('tenant_isolation', { using: isolation(t) }),
      ]);
    `,
    code`
      import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
      import { options } from './policies';
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [pgPolicy('p', options)]);
    `,
    code`
      import { pgTable, uuid } from 'drizzle-orm/pg-core';
      import { extra } from './policies';
      export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, extra).enableRLS();
    `,
    // not Drizzle: a local function named pgTable
    code`
      function pgTable(name: string, columns: object) { return { name, columns }; }
      export const users = pgTable('users', { id: 1 });
    `,
    // the admin role named in the options may see every tenant
    {
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', { using: sql\`${ISOLATION}\` }),
          pgPolicy('admin_override', { to: 'app_admin', using: sql\`true\` }),
        ]);
      `,
      options: [{ adminRole: 'app_admin' }],
    },
  ],
  invalid: [
    {
      // a helper of the file whose condition is always true: the policy opens every row
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        const everyone = () => sql\`true\`;
        const isolate = (t: { tenant_id: unknown }) => sql\`\${t.tenant_id} = current_setting('app.tenant_id')::uuid\`;
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, (t) => [
          pgPolicy('users_iso', { using: isolate(t) }),
          pgPolicy('users_read', { for: 'select', using: everyone() }),
        ]);
      `,
      output: null,
      errors: [
        {
          messageId: 'alwaysTrue',
          line: 7,
          column: 12,
          data: { policy: 'users_read', table: 'users', option: 'using', access: 'read', column: 'tenant_id', setting: 'app.tenant_id' },
        },
      ],
    },
    {
      // the setting is cast to the tenant column's type: an integer column compares with ::integer (a
      // ::uuid cast would fail the migration with "operator does not exist: integer = uuid")
      code: code`
        import { integer, pgTable, serial } from 'drizzle-orm/pg-core';
        export const datasets = pgTable('datasets', { id: serial('id').primaryKey(), tenant_id: integer('tenant_id').notNull() });
      `,
      output: code`
        import { integer, pgPolicy, pgTable, serial } from 'drizzle-orm/pg-core';
        import { sql } from 'drizzle-orm';
        export const datasets = pgTable('datasets', { id: serial('id').primaryKey(), tenant_id: integer('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`tenant_id = current_setting('app.tenant_id')::integer\`,
          }),
        ]);
      `,
      errors: [{ messageId: 'missingRls', line: 2, column: 33 }],
    },
    {
      // a text tenant column compares with the setting as it is
      code: code`
        import { pgTable, text } from 'drizzle-orm/pg-core';
        export const notes = pgTable('notes', { tenant_id: text('tenant_id').notNull() });
      `,
      output: code`
        import { pgPolicy, pgTable, text } from 'drizzle-orm/pg-core';
        import { sql } from 'drizzle-orm';
        export const notes = pgTable('notes', { tenant_id: text('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`tenant_id = current_setting('app.tenant_id')\`,
          }),
        ]);
      `,
      errors: [{ messageId: 'missingRls', line: 2, column: 30 }],
    },
    {
      // a tenant column of a type the fix cannot see (added by a wrapper, or a custom type): reported, no fix
      code: code`
        import { customType, pgTable } from 'drizzle-orm/pg-core';
        import { tenantTable } from './tables';
        const tenantKey = customType<{ data: string }>({ dataType: () => 'uuid' });
        export const notes = tenantTable('notes', {});
        export const pages = pgTable('pages', { tenant_id: tenantKey('tenant_id').notNull() });
      `,
      settings: { 'data-modeling': { tableFactories: [{ name: 'tenantTable', columns: ['tenant_id'] }] } },
      output: null,
      errors: [
        { messageId: 'missingRls', line: 4, column: 34 },
        { messageId: 'missingRls', line: 5, column: 30 },
      ],
    },
    {
      // an always-true policy for a named role (the app's role) OR-ed with the tenant policy: that role sees every tenant
      code: code`
        import { sql } from 'drizzle-orm';
        import { crudPolicy, authenticatedRole } from 'drizzle-orm/neon';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', { using: sql\`${ISOLATION}\` }),
          crudPolicy({ role: authenticatedRole, read: true, modify: sql\`${ISOLATION}\` }),
          pgPolicy('admin_override', { to: 'app_admin', using: sql\`true\` }),
        ]);
      `,
      output: null,
      errors: [
        { messageId: 'openToRole', line: 6, column: 3, endColumn: 13, data: { policy: 'crudPolicy(…)', table: 'users', role: 'authenticatedRole', option: 'read', access: 'read', column: 'tenant_id', setting: 'app.tenant_id' } },
        { messageId: 'openToRole', line: 7, column: 12, data: { policy: 'admin_override', table: 'users', role: 'app_admin', option: 'using', access: 'read, update and delete', column: 'tenant_id', setting: 'app.tenant_id' } },
      ],
    },
    {
      // no RLS, no extra config: the fix creates it, importing pgPolicy and sql
      code: code`
        import { pgTable, text, uuid } from 'drizzle-orm/pg-core';

        export const users = pgTable('users', {
          id: uuid('id').primaryKey(),
          tenant_id: uuid('tenant_id').notNull(),
          name: text('name'),
        });
      `,
      output: code`
        import { pgPolicy, pgTable, text, uuid } from 'drizzle-orm/pg-core';
        import { sql } from 'drizzle-orm';

        export const users = pgTable('users', {
          id: uuid('id').primaryKey(),
          tenant_id: uuid('tenant_id').notNull(),
          name: text('name'),
        }, () => [
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]);
      `,
      errors: [
        {
          messageId: 'missingRls',
          line: 3,
          column: 30,
          endColumn: 37,
          data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id' },
        },
      ],
    },
    {
      // one-line columns, double quotes, sql already imported
      code: code`
        import { sql } from "drizzle-orm";
        import { pgTable, uuid } from "drizzle-orm/pg-core";
        export const users = pgTable("users", { tenant_id: uuid("tenant_id").notNull() });
      `,
      output: code`
        import { sql } from "drizzle-orm";
        import { pgPolicy, pgTable, uuid } from "drizzle-orm/pg-core";
        export const users = pgTable("users", { tenant_id: uuid("tenant_id").notNull() }, () => [
          pgPolicy("tenant_isolation", {
            as: "permissive",
            for: "all",
            using: sql\`${ISOLATION}\`,
          }),
        ]);
      `,
      errors: [{ messageId: 'missingRls', line: 3, column: 30 }],
    },
    {
      // the array form: appended after the existing entries; drizzle-orm imported without sql
      code: code`
        import { eq } from 'drizzle-orm';
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
        }, (t) => [
          index('users_tenant_id_idx').on(t.tenant_id),
        ]);
        void eq;
      `,
      output: code`
        import { eq, sql } from 'drizzle-orm';
        import { index, pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
        }, (t) => [
          index('users_tenant_id_idx').on(t.tenant_id),
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]);
        void eq;
      `,
      errors: [{ messageId: 'missingRls', line: 3 }],
    },
    {
      // the deprecated object form: a new property
      code: code`
        import { sql } from 'drizzle-orm';
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
        }, (t) => ({
          tenantIdx: index('users_tenant_id_idx').on(t.tenant_id),
        }));
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { index, pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
        }, (t) => ({
          tenantIdx: index('users_tenant_id_idx').on(t.tenant_id),
          tenantIsolation: pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        }));
      `,
      errors: [{ messageId: 'missingRls', line: 3 }],
    },
    {
      // adminRole: the admin override policy too; wrapInSelect: the setting is evaluated once per query
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
        });
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
        }, () => [
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`tenant_id = (select current_setting('app.tenant_id')::uuid)\`,
          }),
          pgPolicy('admin_override', {
            as: 'permissive',
            for: 'all',
            to: 'app_admin',
            using: sql\`true\`,
          }),
        ]);
      `,
      options: [{ adminRole: 'app_admin', wrapInSelect: true }],
      errors: [{ messageId: 'missingRls', line: 3 }],
    },
    {
      // the object form gets both policies as properties
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, (t) => ({}));
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, (t) => ({ tenantIsolation: pgPolicy('tenant_isolation', { as: 'permissive', for: 'all', using: sql\`${ISOLATION}\` }), adminOverride: pgPolicy('admin_override', { as: 'permissive', for: 'all', to: 'admin', using: sql\`true\` }) }));
      `,
      options: [{ adminRole: 'admin' }],
      errors: [{ messageId: 'missingRls', line: 3 }],
    },
    {
      // an admin_override policy already there is not added again
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('admin_override', { to: 'admin', using: sql\`true\` }),
        ]);
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('admin_override', { to: 'admin', using: sql\`true\` }),
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]);
      `,
      options: [{ adminRole: 'admin' }],
      errors: [{ messageId: 'missingIsolation', line: 3, data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: ALL_COMMANDS } }],
    },
    {
      // the root table compares its id
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', { id: uuid('id').primaryKey() });
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', { id: uuid('id').primaryKey() }, () => [
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`id = current_setting('app.tenant_id')::uuid\`,
          }),
        ]);
      `,
      errors: [{ messageId: 'missingRls', data: { table: 'tenants', column: 'id', setting: 'app.tenant_id' } }],
    },
    {
      // .enableRLS() without a policy: nobody but the owner sees a row, and no tenant is isolated
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }).enableRLS();
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]).enableRLS();
      `,
      errors: [
        {
          messageId: 'missingIsolation',
          line: 3,
          column: 30,
          endColumn: 37,
          data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: ALL_COMMANDS },
        },
      ],
    },
    {
      // pgTable.withRLS (drizzle-orm 1.0) without a policy, with the callback's parameter name taken
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgTable } from 'drizzle-orm/pg-core';
        const table = 'unrelated';
        export const users = pgTable.withRLS('users', (t) => ({ tenant_id: t.uuid().notNull() }));
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { pgTable, pgPolicy } from 'drizzle-orm/pg-core';
        const table = 'unrelated';
        export const users = pgTable.withRLS('users', (t) => ({ tenant_id: t.uuid().notNull() }), () => [
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]);
      `,
      errors: [{ messageId: 'missingIsolation', line: 4, column: 38, data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: ALL_COMMANDS } }],
    },
    {
      // wrong column, wrong setting, OR-ed with something else, a missing cast-free comparison: none isolates
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { id: uuid('id'), tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('by_id', { using: sql\`id = current_setting('app.tenant_id')::uuid\` }),
          pgPolicy('by_user', { using: sql\`tenant_id = current_setting('app.user_id')::uuid\` }),
          pgPolicy('or_shared', { using: sql\`${ISOLATION} or is_shared\` }),
          pgPolicy('is_not', { using: sql\`tenant_id <> current_setting('app.tenant_id')::uuid\` }),
        ]);
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { id: uuid('id'), tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('by_id', { using: sql\`id = current_setting('app.tenant_id')::uuid\` }),
          pgPolicy('by_user', { using: sql\`tenant_id = current_setting('app.user_id')::uuid\` }),
          pgPolicy('or_shared', { using: sql\`${ISOLATION} or is_shared\` }),
          pgPolicy('is_not', { using: sql\`tenant_id <> current_setting('app.tenant_id')::uuid\` }),
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]);
      `,
      errors: [{ messageId: 'missingIsolation', line: 3, data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: ALL_COMMANDS } }],
    },
    {
      // a select-only policy leaves the writes open to no one, but not isolated either; restrictive does not count
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('read', { for: 'select', using: sql\`${ISOLATION}\` }),
          pgPolicy('narrow', { as: 'restrictive', for: 'all', using: sql\`${ISOLATION}\` }),
        ]);
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('read', { for: 'select', using: sql\`${ISOLATION}\` }),
          pgPolicy('narrow', { as: 'restrictive', for: 'all', using: sql\`${ISOLATION}\` }),
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]);
      `,
      errors: [{ messageId: 'missingIsolation', data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: 'insert, update and delete' } }],
    },
    {
      // an always-true policy for everyone on a tenant table: reported on the policy, no fix of its own
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', { using: sql\`${ISOLATION}\` }),
          pgPolicy('everyone', { to: 'public', using: sql\`true\` }),
        ]);
      `,
      output: null,
      errors: [
        {
          messageId: 'alwaysTrue',
          line: 5,
          column: 12,
          endColumn: 22,
          data: {
            policy: 'everyone',
            table: 'users',
            option: 'using',
            access: 'read, update and delete',
            column: 'tenant_id',
            setting: 'app.tenant_id',
          },
        },
      ],
    },
    {
      // a policy whose WITH CHECK is true lets any tenant write rows of another: insert and update are not isolated
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', { using: sql\`${ISOLATION}\`, withCheck: sql\`TRUE\` }),
        ]);
      `,
      output: null,
      errors: [
        { messageId: 'missingIsolation', line: 3, column: 30, data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: 'insert and update' } },
        { messageId: 'alwaysTrue', line: 4, column: 12, data: { policy: 'tenant_isolation', table: 'users', option: 'withCheck', access: 'insert and update', column: 'tenant_id', setting: 'app.tenant_id' } },
      ],
    },
    {
      // crudPolicy: read: true for public; modify isolates
      code: code`
        import { sql } from 'drizzle-orm';
        import { crudPolicy } from 'drizzle-orm/neon';
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          crudPolicy({ role: 'public', read: true, modify: sql\`${ISOLATION}\` }),
        ]);
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { crudPolicy } from 'drizzle-orm/neon';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          crudPolicy({ role: 'public', read: true, modify: sql\`${ISOLATION}\` }),
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]);
      `,
      errors: [
        { messageId: 'missingIsolation', line: 4, data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: 'select' } },
        { messageId: 'alwaysTrue', line: 5, column: 3, endColumn: 13, data: { policy: 'crudPolicy(…)', table: 'users', option: 'read', access: 'read', column: 'tenant_id', setting: 'app.tenant_id' } },
      ],
    },
    {
      // crudPolicy with modify: null writes no insert, update or delete policy
      code: code`
        import { sql } from 'drizzle-orm';
        import { authenticatedRole, crudPolicy } from 'drizzle-orm/neon';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          crudPolicy({ role: authenticatedRole, read: sql\`${ISOLATION}\`, modify: null }),
        ]);
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { authenticatedRole, crudPolicy } from 'drizzle-orm/neon';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          crudPolicy({ role: authenticatedRole, read: sql\`${ISOLATION}\`, modify: null }),
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]);
      `,
      errors: [{ messageId: 'missingIsolation', data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: 'insert, update and delete' } }],
    },
    {
      // .link(table): an always-true policy for everyone, linked from outside the table
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
        });
        export const open = pgPolicy('open', { for: 'select', using: sql\`true\` }).link(users);
      `,
      output: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
        }, () => [
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]);
        export const open = pgPolicy('open', { for: 'select', using: sql\`true\` }).link(users);
      `,
      errors: [
        { messageId: 'missingIsolation', line: 3, data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: ALL_COMMANDS } },
        { messageId: 'alwaysTrue', line: 6, column: 30, endColumn: 36, data: { policy: 'open', table: 'users', option: 'using', access: 'read', column: 'tenant_id', setting: 'app.tenant_id' } },
      ],
    },
    {
      // a helper condition leaves select unknown; the commands without any policy are still reported
      code: code`
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        import { isolation } from './policies';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('read', { for: 'select', using: isolation(t) }),
        ]);
      `,
      output: code`
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        import { isolation } from './policies';
        import { sql } from 'drizzle-orm';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('read', { for: 'select', using: isolation(t) }),
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ]);
      `,
      errors: [{ messageId: 'missingIsolation', data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: 'insert, update and delete' } }],
    },
    {
      // a policy already named tenant_isolation that does not isolate: a person must fix it, no fix
      code: code`
        import { sql } from 'drizzle-orm';
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', { using: sql\`tenant_id is not null\` }),
        ]);
      `,
      output: null,
      errors: [{ messageId: 'missingIsolation' }],
    },
    {
      // the tenant column is missing (require-tenant-id adds it): no policy on a column that does not exist
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const users = pgTable('users', { id: uuid('id').primaryKey() });
      `,
      output: null,
      errors: [{ messageId: 'missingRls' }],
    },
    {
      // configured tenant column (camelCase, so quoted in SQL) and setting; namespace imports
      code: code`
        import * as orm from 'drizzle-orm';
        import * as pg from 'drizzle-orm/pg-core';
        export const users = pg.pgTable('users', { orgId: pg.uuid().notNull() });
      `,
      output: code`
        import * as orm from 'drizzle-orm';
        import * as pg from 'drizzle-orm/pg-core';
        export const users = pg.pgTable('users', { orgId: pg.uuid().notNull() }, () => [
          pg.pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: orm.sql\`"orgId" = current_setting('app.org_id')::uuid\`,
          }),
        ]);
      `,
      settings: { 'data-modeling': { tenantColumn: 'orgId', tenantSetting: 'app.org_id' } },
      errors: [{ messageId: 'missingRls', data: { table: 'users', column: 'orgId', setting: 'app.org_id' } }],
    },
    {
      // a destructured extra-config parameter, and each table of a file reported
      code: code`
        import { sql } from 'drizzle-orm';
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const a = pgTable('a', { tenant_id: uuid('tenant_id').notNull() }, ({ tenant_id }) => [index('a_idx').on(tenant_id)]);
        export const b = pgTable('b', { tenant_id: uuid('tenant_id').notNull() });
      `,
      // both fixes add the import: the first pass fixes a and adds it, the second fixes b
      output: [
        code`
          import { sql } from 'drizzle-orm';
          import { index, pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
          export const a = pgTable('a', { tenant_id: uuid('tenant_id').notNull() }, ({ tenant_id }) => [
            index('a_idx').on(tenant_id),
            pgPolicy('tenant_isolation', {
              as: 'permissive',
              for: 'all',
              using: sql\`${ISOLATION}\`,
            }),
          ]);
          export const b = pgTable('b', { tenant_id: uuid('tenant_id').notNull() });
        `,
        code`
          import { sql } from 'drizzle-orm';
          import { index, pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
          export const a = pgTable('a', { tenant_id: uuid('tenant_id').notNull() }, ({ tenant_id }) => [
            index('a_idx').on(tenant_id),
            pgPolicy('tenant_isolation', {
              as: 'permissive',
              for: 'all',
              using: sql\`${ISOLATION}\`,
            }),
          ]);
          export const b = pgTable('b', { tenant_id: uuid('tenant_id').notNull() }, () => [
            pgPolicy('tenant_isolation', {
              as: 'permissive',
              for: 'all',
              using: sql\`${ISOLATION}\`,
            }),
          ]);
        `,
      ],
      errors: [
        { messageId: 'missingRls', line: 3, column: 26 },
        { messageId: 'missingRls', line: 4, column: 26 },
      ],
    },
  ],
});

/**
 * Fixes write in the style of the file (src/fix/format.ts, imports.ts, columns.ts, extra-config.ts):
 * imports joined to the list as the list is written, semicolons and quotes as the file uses them, the
 * file's indentation, entries past the print width broken as Prettier breaks them, and the standard
 * columns in the standard's order.
 */
import requireIndexes from '../../src/rules/require-indexes.js';
import requireRls from '../../src/rules/require-rls.js';
import requireSoftDelete from '../../src/rules/require-soft-delete.js';
import requireTimestamps from '../../src/rules/require-timestamps.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();
const ISOLATION = "tenant_id = current_setting('app.tenant_id')::uuid";

ruleTester.run('imports in the style of the list', requireIndexes, {
  valid: [],
  invalid: [
    {
      // one name a line, sorted, trailing comma: the new name on its own line at its sorted place
      code: code`
        import {
          pgTable,
          uuid,
        } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull(),
        });
      `,
      output: code`
        import {
          index,
          pgTable,
          uuid,
        } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull(),
        }, (table) => [
          index('posts_tenant_id_idx').on(table.tenant_id),
        ]);
      `,
      errors: [{ messageId: 'tenantColumn', line: 6, column: 3 }],
    },
    {
      // one name a line, not sorted, no trailing comma: last, on its own line, still no trailing comma
      code: code`
        import {
          uuid,
          pgTable
        } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull(),
        });
      `,
      output: code`
        import {
          uuid,
          pgTable,
          index
        } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull(),
        }, (table) => [
          index('posts_tenant_id_idx').on(table.tenant_id),
        ]);
      `,
      errors: [{ messageId: 'tenantColumn', line: 6, column: 3 }],
    },
    {
      // one line, sorted ignoring case: at its sorted place
      code: code`
        import { foreignKey, PgColumn, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull(),
        });
      `,
      output: code`
        import { foreignKey, index, PgColumn, pgTable, uuid } from 'drizzle-orm/pg-core';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull(),
        }, (table) => [
          index('posts_tenant_id_idx').on(table.tenant_id),
        ]);
      `,
      errors: [{ messageId: 'tenantColumn', line: 3, column: 3 }],
    },
  ],
});

ruleTester.run('semicolons, quotes and indentation of the file', requireRls, {
  valid: [],
  invalid: [
    {
      // no semicolons, single quotes: the new import has neither semicolon nor double quotes
      code: code`
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core'
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
        })
      `,
      output: code`
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core'
        import { sql } from 'drizzle-orm'
        export const users = pgTable('users', {
          tenant_id: uuid('tenant_id').notNull(),
        }, () => [
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`${ISOLATION}\`,
          }),
        ])
      `,
      errors: [{ messageId: 'missingRls', line: 2, column: 30 }],
    },
    {
      // semicolons, double quotes, 4-space indentation
      code: code`
        import { pgPolicy, pgTable, uuid } from "drizzle-orm/pg-core";
        export const users = pgTable("users", {
            tenant_id: uuid("tenant_id").notNull(),
        });
      `,
      output: code`
        import { pgPolicy, pgTable, uuid } from "drizzle-orm/pg-core";
        import { sql } from "drizzle-orm";
        export const users = pgTable("users", {
            tenant_id: uuid("tenant_id").notNull(),
        }, () => [
            pgPolicy("tenant_isolation", {
                as: "permissive",
                for: "all",
                using: sql\`${ISOLATION}\`,
            }),
        ]);
      `,
      errors: [{ messageId: 'missingRls', line: 2, column: 30 }],
    },
    {
      // tabs
      code: 'import { pgPolicy, pgTable, uuid } from "drizzle-orm/pg-core";\nexport const users = pgTable("users", {\n\ttenant_id: uuid("tenant_id").notNull(),\n});\n',
      output: `import { pgPolicy, pgTable, uuid } from "drizzle-orm/pg-core";\nimport { sql } from "drizzle-orm";\nexport const users = pgTable("users", {\n\ttenant_id: uuid("tenant_id").notNull(),\n}, () => [\n\tpgPolicy("tenant_isolation", {\n\t\tas: "permissive",\n\t\tfor: "all",\n\t\tusing: sql\`${ISOLATION}\`,\n\t}),\n]);\n`,
      errors: [{ messageId: 'missingRls', line: 2, column: 30 }],
    },
    {
      // a file whose code runs to 140 columns keeps a policy that fits in 140 on one line
      code: code`
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        import { sql } from 'drizzle-orm';
        export const limits = { maxProjects: 100, maxUsers: 1000, maxStorage: 1000000, maxApiCalls: 100000, maxWebhooks: 10, maxSeats: 50 };
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull(),
        });
      `,
      output: code`
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        import { sql } from 'drizzle-orm';
        export const limits = { maxProjects: 100, maxUsers: 1000, maxStorage: 1000000, maxApiCalls: 100000, maxWebhooks: 10, maxSeats: 50 };
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id').notNull(),
        }, () => [
          pgPolicy('tenant_isolation', { as: 'permissive', for: 'all', using: sql\`${ISOLATION}\` }),
        ]);
      `,
      errors: [{ messageId: 'missingRls', line: 4, column: 30 }],
    },
  ],
});

ruleTester.run('indentation from the neighbouring members', requireIndexes, {
  valid: [],
  invalid: [
    {
      // a 2-space table whose last column is broken over deeper lines: the new config is 2-space
      code: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        import { tenants } from './tenants';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id')
            .notNull()
            .references(() => tenants.id),
        });
      `,
      output: code`
        import { index, pgTable, uuid } from 'drizzle-orm/pg-core';
        import { tenants } from './tenants';
        export const posts = pgTable('posts', {
          tenant_id: uuid('tenant_id')
            .notNull()
            .references(() => tenants.id),
        }, (table) => [
          index('posts_tenant_id_idx').on(table.tenant_id),
        ]);
      `,
      errors: [{ messageId: 'tenantColumn', line: 4, column: 3 }],
    },
  ],
});

ruleTester.run('indentation of the file for an empty table', requireTimestamps, {
  valid: [],
  invalid: [
    {
      // a 4-space file: the members of an empty multi-line table get 4 spaces, long chains break
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
        });
        function f() {
            return 1;
        }
      `,
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
            created_at: timestamp('created_at').defaultNow().notNull(),
            updated_at: timestamp('updated_at').defaultNow().notNull(),
        });
        function f() {
            return 1;
        }
      `,
      options: [{ onUpdate: false }],
      errors: [
        { messageId: 'missing', line: 2, column: 32 },
        { messageId: 'missing', line: 2, column: 32 },
      ],
    },
    {
      // a column longer than the print width: one call a line
      code: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
          created_at: timestamp('created_at', { withTimezone: true, mode: 'string' }).defaultNow().notNull(),
        });
      `,
      output: code`
        import { pgTable, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
          created_at: timestamp('created_at', { withTimezone: true, mode: 'string' }).defaultNow().notNull(),
          updated_at: timestamp('updated_at', { withTimezone: true, mode: 'string' })
            .defaultNow()
            .notNull()
            .$onUpdate(() => new Date().toISOString()),
        });
      `,
      options: [{ onUpdate: true }],
      errors: [{ messageId: 'missing', line: 2, column: 32 }],
    },
  ],
});

ruleTester.run('standard columns in the standard order: require-timestamps', requireTimestamps, {
  valid: [],
  invalid: [
    {
      // deleted_at is there: created_at and updated_at go before it
      code: code`
        import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
          name: text('name'),
          deleted_at: timestamp('deleted_at'),
          note: text('note'),
        });
      `,
      output: code`
        import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
          name: text('name'),
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at').defaultNow().notNull(),
          deleted_at: timestamp('deleted_at'),
          note: text('note'),
        });
      `,
      errors: [
        { messageId: 'missing', line: 2, column: 32 },
        { messageId: 'missing', line: 2, column: 32 },
      ],
    },
    {
      // only updated_at is missing: right after created_at
      code: code`
        import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          deleted_at: timestamp('deleted_at'),
          name: text('name'),
        });
      `,
      output: code`
        import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at').defaultNow().notNull(),
          deleted_at: timestamp('deleted_at'),
          name: text('name'),
        });
      `,
      errors: [{ messageId: 'missing', line: 2, column: 32 }],
    },
    {
      // only created_at is missing, updated_at is first: created_at goes first
      code: code`
        import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
          updated_at: timestamp('updated_at').defaultNow().notNull(),
          name: text('name'),
        });
      `,
      output: code`
        import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          updated_at: timestamp('updated_at').defaultNow().notNull(),
          name: text('name'),
        });
      `,
      errors: [{ messageId: 'missing', line: 2, column: 32 }],
    },
  ],
});

ruleTester.run('standard columns in the standard order: require-soft-delete', requireSoftDelete, {
  valid: [],
  invalid: [
    {
      // no updated_at: deleted_at goes right after created_at, where updated_at will go before it
      code: code`
        import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          name: text('name'),
        });
      `,
      output: code`
        import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
        export const tenants = pgTable('tenants', {
          created_at: timestamp('created_at').defaultNow().notNull(),
          deleted_at: timestamp('deleted_at'),
          name: text('name'),
        });
      `,
      errors: [{ messageId: 'missing', line: 2, column: 32 }],
    },
  ],
});

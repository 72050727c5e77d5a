/**
 * Fixes write nothing that depends on what the plugin could not see: require-rls's policy names the
 * tenant column, so it is written only where that column is known to exist.
 */
import rule from '../../src/rules/require-rls.js';
import { code, createRuleTester } from '../support/rule-tester.js';

const ruleTester = createRuleTester();

ruleTester.run('require-rls (fix safety)', rule, {
  valid: [],
  invalid: [
    {
      // The spread comes from a package the plugin cannot read: it may or may not hold tenant_id.
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        import { shared } from 'some-package';
        export const invoices = pgTable('invoices', { id: uuid('id').primaryKey(), ...shared });
      `,
      output: null,
      errors: [{ messageId: 'missingRls', line: 3, column: 33 }],
    },
    {
      // A table without the tenant column: require-tenant-id adds it first; the policy waits a pass.
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const invoices = pgTable('invoices', { id: uuid('id').primaryKey() });
      `,
      output: null,
      errors: [{ messageId: 'missingRls', line: 2, column: 33 }],
    },
    {
      code: code`
        import { pgTable, uuid } from 'drizzle-orm/pg-core';
        export const invoices = pgTable('invoices', { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull() });
      `,
      output: code`
        import { pgPolicy, pgTable, uuid } from 'drizzle-orm/pg-core';
        import { sql } from 'drizzle-orm';
        export const invoices = pgTable('invoices', { id: uuid('id').primaryKey(), tenant_id: uuid('tenant_id').notNull() }, () => [
          pgPolicy('tenant_isolation', {
            as: 'permissive',
            for: 'all',
            using: sql\`tenant_id = current_setting('app.tenant_id')::uuid\`,
          }),
        ]);
      `,
      errors: [{ messageId: 'missingRls', line: 2, column: 33 }],
    },
  ],
});

import { boolean, index, pgPolicy, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

import { softDelete, tenantId, tenantIsolation, timestamps } from '../columns';

// Soft-deleted through the shared `softDelete` columns.
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ...tenantId(),
    email: varchar('email', { length: 320 }).notNull(),
    fullName: text('full_name').notNull(),
    admin: boolean('admin').default(false).notNull(),
    ...timestamps,
    ...softDelete,
  },
  (t) => [
    index('users_tenant_id_idx').on(t.tenant_id),
    uniqueIndex('users_email_idx').on(t.email),
    pgPolicy('users_tenant_isolation', { for: 'all', using: tenantIsolation, withCheck: tenantIsolation }),
  ],
);

// Columns every table shares, written once and spread into the tables (`...timestamps`,
// `...tenantId()`). A problem in one of them is reported here, once, not on every table that uses it.
import { sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';

import { tenants } from './schema/tenants';

/** created_at and updated_at. */
export const timestamps = {
  createdAt: timestamp('created_at').defaultNow().notNull(),
  updatedAt: timestamp('updated_at').defaultNow().notNull(),
};

/** A row with deleted_at set is deleted; queries filter it out. */
export const softDelete = {
  deleted_at: timestamp('deleted_at'),
};

/** The tenant column of a tenant-scoped table. */
export const tenantId = () => ({
  tenant_id: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
});

/** The condition of every tenant-isolation policy. */
export const tenantIsolation = sql`tenant_id = current_setting('app.tenant_id')::uuid`;

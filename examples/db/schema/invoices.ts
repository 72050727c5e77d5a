import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

import { timestamps } from '../columns';

// The shared timestamps, but no tenant column: every tenant could read every invoice.
export const invoices = pgTable('invoices', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull(),
  amountCents: integer('amount_cents').notNull(),
  ...timestamps,
});

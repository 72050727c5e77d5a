// Generates Drizzle schema files of any size for the benchmark and the integration tests.
//
// A file holds a root `tenants` table, `count` tenant-scoped tables and, after them, queries on a
// Drizzle `db` (deletes and updates, so that no-hard-delete and eslint-plugin-drizzle's rules have work
// to do). Two variants:
//
// - `compliant`: every table follows the standard (snake_case keys and names, uuid primary key,
//   tenant_id referencing tenants with an index, timestamptz timestamps with defaults and
//   `$onUpdate`, a nullable deleted_at, indexed foreign keys, tenant-scoped uniques, an RLS policy),
//   and rows are soft-deleted with `update().set({ deleted_at })`.
// - `violating`: tables rotate through a few shapes that together break every rule the standard
//   defines (camelCase keys and names, `email`, a boolean without prefix, serial/missing ids, missing
//   or nullable tenant_id, missing timestamps, unindexed or undeclared foreign keys, no RLS or an
//   always-true policy, global uniques, `timestamp` without time zone, a not-null deleted_at) in the
//   shapes real schemas take (object and callback columns, both extra-config forms), and rows are
//   hard-deleted with `db.delete(table)`, some without `.where(...)`.
//
// The generator knows the standard, not the plugin's rule list: the benchmark lints with whatever
// rules the plugin exports.

/** @typedef {'compliant' | 'violating'} Variant */

const TENANT_POLICY_SQL = "tenant_id = current_setting('app.tenant_id')::uuid";

/**
 * @param {number} count number of tenant-scoped tables (the root `tenants` table comes on top)
 * @param {Variant} variant
 * @returns {string} the source of one schema module
 */
export function generateSchema(count, variant) {
  if (!Number.isInteger(count) || count < 1) throw new Error(`generateSchema: count must be a positive integer, got ${count}`);
  return variant === 'compliant' ? compliant(count) : violating(count);
}

/** Size of a generated source, for the report. */
export function describeSource(source) {
  return { bytes: Buffer.byteLength(source), lines: source.split('\n').length };
}

// ---------------------------------------------------------------------------------------------------
// compliant
// ---------------------------------------------------------------------------------------------------

function compliant(count) {
  const out = [];
  out.push(
    "import { eq, sql } from 'drizzle-orm';",
    "import { drizzle } from 'drizzle-orm/node-postgres';",
    "import { boolean, index, integer, pgPolicy, pgTable, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';",
    "import { sessions } from './sessions';",
    '',
    'export const db = drizzle(process.env.DATABASE_URL!);',
    '',
    'export const tenants = pgTable(',
    "  'tenants',",
    '  {',
    "    id: uuid('id').primaryKey().defaultRandom(),",
    "    name: text('name').notNull(),",
    "    slug: varchar('slug', { length: 100 }).notNull().unique(),",
    "    is_active: boolean('is_active').default(true).notNull(),",
    "    created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),",
    "    updated_at: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull().$onUpdate(() => new Date()),",
    "    deleted_at: timestamp('deleted_at', { withTimezone: true }),",
    '  },',
    '  () => [',
    "    pgPolicy('tenants_tenant_isolation', {",
    "      as: 'permissive',",
    "      for: 'all',",
    "      using: sql`id = current_setting('app.tenant_id')::uuid`,",
    "      withCheck: sql`id = current_setting('app.tenant_id')::uuid`,",
    '    }),',
    '  ],',
    ');',
    '',
  );
  for (let i = 0; i < count; i++) {
    const name = `item_${i}`;
    const parent = i === 0 ? 'tenants' : `item${i - 1}`;
    const parentColumn = i === 0 ? 'parent_tenant_id' : `item_${i - 1}_id`;
    out.push(
      `export const item${i} = pgTable(`,
      `  '${name}',`,
      '  {',
      "    id: uuid('id').primaryKey().defaultRandom(),",
      "    tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),",
      `    ${parentColumn}: uuid('${parentColumn}').notNull().references(() => ${parent}.id, { onDelete: 'cascade' }),`,
      "    email_address: varchar('email_address', { length: 255 }).notNull(),",
      "    display_name: text('display_name').notNull(),",
      "    position: integer('position').default(0).notNull(),",
      "    is_archived: boolean('is_archived').default(false).notNull(),",
      "    created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),",
      "    updated_at: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull().$onUpdate(() => new Date()),",
      "    deleted_at: timestamp('deleted_at', { withTimezone: true }),",
      '  },',
      '  (t) => [',
      `    index('${name}_tenant_id_idx').on(t.tenant_id),`,
      `    index('${name}_${parentColumn}_idx').on(t.${parentColumn}),`,
      `    unique('${name}_tenant_id_email_address_unique').on(t.tenant_id, t.email_address),`,
      `    pgPolicy('${name}_tenant_isolation', {`,
      "      as: 'permissive',",
      "      for: 'all',",
      `      using: sql\`${TENANT_POLICY_SQL}\`,`,
      `      withCheck: sql\`${TENANT_POLICY_SQL}\`,`,
      '    }),',
      '  ],',
      ');',
      '',
    );
  }
  out.push('export async function maintenance(id: string): Promise<void> {');
  for (let i = 0; i < count; i++) {
    out.push(`  await db.update(item${i}).set({ deleted_at: new Date() }).where(eq(item${i}.id, id));`);
  }
  // A table of another module, which the plugin cannot see: nothing to say about it.
  out.push('  await db.delete(sessions).where(eq(sessions.id, id));', '}', '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------
// violating
// ---------------------------------------------------------------------------------------------------

/** Table shapes, rotated. Each breaks several rules; together they break every rule. */
const SHAPES = [objectShape, callbackShape, rlsShape, extraObjectShape];

function violating(count) {
  const out = [];
  out.push(
    "import { eq, sql } from 'drizzle-orm';",
    "import { drizzle } from 'drizzle-orm/node-postgres';",
    "import { boolean, index, integer, pgPolicy, pgTable, serial, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';",
    '',
    'export const db = drizzle(process.env.DATABASE_URL!);',
    '',
    // root table: camelCase key, missing timestamps, no RLS
    'export const tenants = pgTable(\'tenants\', {',
    "  id: uuid('id').primaryKey().defaultRandom(),",
    "  name: text('name').notNull(),",
    "  isActive: boolean('isActive').default(true),",
    '});',
    '',
  );
  for (let i = 0; i < count; i++) {
    const shape = SHAPES[i % SHAPES.length];
    out.push(...shape(i), '');
  }
  out.push('export async function purge(id: string): Promise<void> {');
  for (let i = 0; i < count; i++) {
    // hard deletes (with and without where) and updates without where
    if (i % 2 === 0) out.push(`  await db.delete(table${i});`);
    else out.push(`  await db.delete(table${i}).where(eq(table${i}.id, id));`);
    if (i % 3 === 0) out.push(`  await db.update(table${i}).set({ updatedAt: new Date() });`);
  }
  out.push('}', '');
  return out.join('\n');
}

/** Object columns, camelCase keys and names, serial id, nullable tenant, no extra config, no RLS. */
function objectShape(i) {
  return [
    `export const table${i} = pgTable('userProfile${i}', {`,
    "  id: serial('id').primaryKey(),",
    "  tenantId: uuid('tenantId'),",
    "  ownerId: uuid('owner_id'),",
    "  email: text('email').unique(),",
    "  active: boolean('active'),",
    "  createdAt: timestamp('created_at'),",
    "  deletedAt: timestamp('deleted_at').notNull(),",
    '});',
  ];
}

/** Callback columns without names; no id, no tenant, uuid key lacking modifiers, extra array with a global unique index. */
function callbackShape(i) {
  return [
    `export const table${i} = pgTable(`,
    `  'order_line_${i}',`,
    '  (t) => ({',
    '    orderId: t.uuid().notNull(),',
    '    productID: t.uuid(),',
    '    quantity: t.integer().notNull(),',
    '    billingEmail: t.varchar({ length: 255 }),',
    '    isGift: t.boolean().default(false),',
    '    createdAt: t.timestamp().defaultNow().notNull(),',
    '    updatedAt: t.timestamp(),',
    '  }),',
    `  (t) => [uniqueIndex('orderLine${i}BillingIdx').on(t.billingEmail), index('order_line_${i}_qty_idx').on(t.quantity)],`,
    ');',
  ];
}

/** RLS enabled with an always-true policy; uuid id lacking defaults; tenant not referencing the root. */
function rlsShape(i) {
  return [
    `export const table${i} = pgTable(`,
    `  'audit_event_${i}',`,
    '  {',
    "    id: uuid('id').primaryKey(),",
    "    tenant_id: uuid('tenant_id').notNull(),",
    "    actor_id: uuid('actor_id').notNull(),",
    "    verified: boolean('verified').notNull(),",
    "    payload: text('payload'),",
    "    created_at: timestamp('created_at').defaultNow(),",
    "    updated_at: timestamp('updated_at').notNull(),",
    '  },',
    `  (t) => [index('audit_event_${i}_payload_idx').on(t.payload, t.tenant_id), pgPolicy('openAccess${i}', { for: 'select', using: sql\`true\` })],`,
    ').enableRLS();',
  ];
}

/** The deprecated object-form extra config; integer id; references without index. */
function extraObjectShape(i) {
  return [
    `export const table${i} = pgTable(`,
    `  'Invoice${i}',`,
    '  {',
    "    id: integer('id').primaryKey(),",
    "    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),",
    `    customerId: uuid('customer_id').references(() => table${Math.max(0, i - 1)}.id),`,
    "    contactEmail: varchar('contact_email', { length: 320 }),",
    "    paid: boolean('paid').default(false).notNull(),",
    "    createdAt: timestamp('created_at').defaultNow().notNull(),",
    "    updatedAt: timestamp('updated_at').defaultNow().notNull(),",
    "    deletedAt: timestamp('deleted_at'),",
    '  },',
    `  (t) => ({ invoiceNumberIdx: uniqueIndex('invoice${i}_number_idx').on(t.contactEmail) }),`,
    ');',
  ];
}

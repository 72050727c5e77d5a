/**
 * Fix output in the file's own style: one `eslint --fix` with every rule (the `all` preset) on schema
 * files written in different styles (2 spaces, 4 spaces, tabs; semicolons or none; single or double
 * quotes; import lists one name a line or on one line, sorted or not) must write what the file's
 * author would have written: imports joined to the list as the list is written, the file's indentation,
 * semicolons and quotes, entries past the print width broken as Prettier breaks them, and the standard
 * columns in the standard's order. The output must also type-check against drizzle-orm.
 */
import { describe, expect, it } from 'vitest';
import { lintAndFix } from './support/eslint.js';
import { typecheck } from './support/drizzle.js';

const TENANTS = `import { pgTable, uuid } from 'drizzle-orm/pg-core';
export const tenants = pgTable('tenants', { id: uuid('id').primaryKey().defaultRandom() });
`;

interface StyleCase {
  name: string;
  style: string;
  input: string;
  output: string;
}

const CASES: StyleCase[] = [
  {
    name: 'two-space',
    style: '2-space indentation, no semicolons, single quotes, one import a line with a trailing comma, chains broken one call a line',
    input: `import {
  pgTable,
  text,
  uuid,
} from 'drizzle-orm/pg-core'
import { tenants } from './tenants'

export const projects = pgTable('projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenant_id: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  name: text('name').notNull(),
})
`,
    output: `import {
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core'
import { tenants } from './tenants'
import { sql } from 'drizzle-orm'

export const projects = pgTable('projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenant_id: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  name: text('name').notNull(),
  created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  updated_at: timestamp('updated_at', { withTimezone: true })
    .defaultNow()
    .notNull()
    .$onUpdate(() => new Date()),
  deleted_at: timestamp('deleted_at', { withTimezone: true }),
}, (table) => [
  pgPolicy('tenant_isolation', {
    as: 'permissive',
    for: 'all',
    using: sql\`tenant_id = current_setting('app.tenant_id')::uuid\`,
  }),
  index('projects_tenant_id_idx').on(table.tenant_id),
])
`,
  },
  {
    name: 'tabs',
    style: 'tab indentation, semicolons, double quotes, a sorted one-line import list',
    input: `import { pgTable, text, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

export const projects = pgTable("projects", {
\tid: uuid("id").primaryKey().defaultRandom(),
\ttenant_id: uuid("tenant_id").notNull().references(() => tenants.id),
\tname: text("name").notNull(),
});
`,
    output: `import { index, pgPolicy, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { sql } from "drizzle-orm";

export const projects = pgTable("projects", {
\tid: uuid("id").primaryKey().defaultRandom(),
\ttenant_id: uuid("tenant_id").notNull().references(() => tenants.id),
\tname: text("name").notNull(),
\tcreated_at: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
\tupdated_at: timestamp("updated_at", { withTimezone: true })
\t\t.defaultNow()
\t\t.notNull()
\t\t.$onUpdate(() => new Date()),
\tdeleted_at: timestamp("deleted_at", { withTimezone: true }),
}, (table) => [
\tpgPolicy("tenant_isolation", {
\t\tas: "permissive",
\t\tfor: "all",
\t\tusing: sql\`tenant_id = current_setting('app.tenant_id')::uuid\`,
\t}),
\tindex("projects_tenant_id_idx").on(table.tenant_id),
]);
`,
  },
  {
    name: 'four-space',
    style: '4-space indentation, semicolons, double quotes, an unsorted one-line import list, a one-line extra config',
    input: `import { pgTable, uuid, text, index } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

export const projects = pgTable("projects", {
    id: uuid("id").primaryKey().defaultRandom(),
    tenant_id: uuid("tenant_id").notNull().references(() => tenants.id),
    name: text("name").notNull(),
}, (t) => [index("projects_tenant_id_idx").on(t.tenant_id)]);
`,
    output: `import { pgTable, uuid, text, index, timestamp, pgPolicy } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { sql } from "drizzle-orm";

export const projects = pgTable("projects", {
    id: uuid("id").primaryKey().defaultRandom(),
    tenant_id: uuid("tenant_id").notNull().references(() => tenants.id),
    name: text("name").notNull(),
    created_at: timestamp("created_at", { withTimezone: true }).defaultNow().notNull(),
    updated_at: timestamp("updated_at", { withTimezone: true })
        .defaultNow()
        .notNull()
        .$onUpdate(() => new Date()),
    deleted_at: timestamp("deleted_at", { withTimezone: true }),
}, (t) => [
    index("projects_tenant_id_idx").on(t.tenant_id),
    pgPolicy("tenant_isolation", {
        as: "permissive",
        for: "all",
        using: sql\`tenant_id = current_setting('app.tenant_id')::uuid\`,
    }),
]);
`,
  },
  {
    name: 'order',
    style: 'one import a line without a trailing comma; tables that have some of the standard columns',
    input: `import {
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uuid
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { tenants } from './tenants';

const isolation = () =>
  pgPolicy('tenant_isolation', {
    as: 'permissive',
    for: 'all',
    using: sql\`tenant_id = current_setting('app.tenant_id')::uuid\`,
  });

export const notes = pgTable('notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
  body: text('body').notNull(),
  created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
}, (t) => [index('notes_tenant_id_idx').on(t.tenant_id), isolation()]);

export const tags = pgTable('tags', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
  deleted_at: timestamp('deleted_at', { withTimezone: true }),
  label: text('label').notNull(),
}, (t) => [index('tags_tenant_id_idx').on(t.tenant_id), isolation()]);
`,
    output: `import {
  index,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uuid
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { tenants } from './tenants';

const isolation = () =>
  pgPolicy('tenant_isolation', {
    as: 'permissive',
    for: 'all',
    using: sql\`tenant_id = current_setting('app.tenant_id')::uuid\`,
  });

export const notes = pgTable('notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
  body: text('body').notNull(),
  created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  updated_at: timestamp('updated_at', { withTimezone: true })
    .defaultNow()
    .notNull()
    .$onUpdate(() => new Date()),
  deleted_at: timestamp('deleted_at', { withTimezone: true }),
}, (t) => [index('notes_tenant_id_idx').on(t.tenant_id), isolation()]);

export const tags = pgTable('tags', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenant_id: uuid('tenant_id').notNull().references(() => tenants.id),
  created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),
  updated_at: timestamp('updated_at', { withTimezone: true })
    .defaultNow()
    .notNull()
    .$onUpdate(() => new Date()),
  deleted_at: timestamp('deleted_at', { withTimezone: true }),
  label: text('label').notNull(),
}, (t) => [index('tags_tenant_id_idx').on(t.tenant_id), isolation()]);
`,
  },
];

describe('eslint --fix with every rule writes in the style of the file', () => {
  it.each(CASES)('$name: $style', async ({ name, input, output }) => {
    const fixed = await lintAndFix(input, { preset: 'all', filePath: `tests/.tmp-style-${name}/schema.ts` });
    expect(fixed.output).toBe(output);
    const result = typecheck({ 'schema.ts': fixed.output, 'tenants.ts': TENANTS });
    expect(result.diagnostics).toEqual([]);
  });
});

// A small multi-tenant task tracker, written the way most Drizzle code is: camelCase keys, snake_case
// database names. It has a few of every problem the plugin finds; `npm run demo` lints and fixes it.
import { relations, sql } from 'drizzle-orm';
import { boolean, index, integer, pgPolicy, pgTable, serial, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';

const tenantIsolation = sql`tenant_id = current_setting('app.tenant_id')::uuid`;

export const tenants = pgTable(
  'tenants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    slug: varchar('slug', { length: 64 }).notNull().unique(),
    isActive: boolean('is_active').default(true).notNull(),
    createdAt: timestamp('created_at').defaultNow().notNull(),
    updatedAt: timestamp('updated_at').defaultNow().notNull(),
  },
  () => [pgPolicy('tenants_isolation', { for: 'all', using: sql`id = current_setting('app.tenant_id')::uuid` })],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    email: varchar('email', { length: 320 }).notNull(),
    fullName: text('full_name').notNull(),
    admin: boolean('admin').default(false).notNull(),
    createdAt: timestamp('created_at').defaultNow().notNull(),
    updatedAt: timestamp('updated_at').defaultNow().notNull(),
    deletedAt: timestamp('deleted_at'),
  },
  (t) => [
    index('users_tenant_id_idx').on(t.tenantId),
    uniqueIndex('users_email_idx').on(t.email),
    pgPolicy('users_tenant_isolation', { for: 'all', using: tenantIsolation, withCheck: tenantIsolation }),
  ],
);

export const projects = pgTable('projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').references(() => tenants.id),
  ownerId: uuid('owner_id').notNull(),
  name: text('name').notNull(),
  archived: boolean('archived').default(false).notNull(),
  createdAt: timestamp('created_at').notNull(),
  deletedAt: timestamp('deleted_at'),
});

export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    assigneeId: uuid('assignee_id').references(() => users.id),
    title: text('title').notNull(),
    position: integer('position').default(0).notNull(),
    dueAt: timestamp('dueAt'),
    createdAt: timestamp('created_at').defaultNow().notNull(),
    updatedAt: timestamp('updated_at').defaultNow().notNull(),
  },
  (t) => [index('tasks_tenant_id_idx').on(t.tenantId), index('tasksAssigneeIdx').on(t.assigneeId)],
).enableRLS();

export const comments = pgTable('taskComments', {
  id: uuid('id').primaryKey(),
  taskId: integer('task_id')
    .notNull()
    .references(() => tasks.id),
  authorId: uuid('author_id').notNull(),
  body: text('body').notNull(),
  createdAt: timestamp('created_at').defaultNow().notNull(),
  updatedAt: timestamp('updated_at').defaultNow().notNull(),
});

export const projectsRelations = relations(projects, ({ one, many }) => ({
  owner: one(users, { fields: [projects.ownerId], references: [users.id] }),
  tasks: many(tasks),
}));

export const tasksRelations = relations(tasks, ({ one, many }) => ({
  project: one(projects, { fields: [tasks.projectId], references: [projects.id] }),
  assignee: one(users, { fields: [tasks.assigneeId], references: [users.id] }),
  comments: many(comments),
}));

export const commentsRelations = relations(comments, ({ one }) => ({
  task: one(tasks, { fields: [comments.taskId], references: [tasks.id] }),
}));

import { index, integer, pgTable, serial, text, timestamp, uuid } from 'drizzle-orm/pg-core';

import { tenantId, timestamps } from '../columns';
import { projects } from './projects';
import { users } from './users';

// Its row-level security policy is in policies.ts, linked with `.link(tasks)`.
export const tasks = pgTable(
  'tasks',
  {
    id: serial('id').primaryKey(),
    ...tenantId(),
    project_id: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    assignee_id: uuid('assignee_id').references(() => users.id),
    title: text('title').notNull(),
    position: integer('position').default(0).notNull(),
    dueAt: timestamp('dueAt'),
    ...timestamps,
  },
  (t) => [index('tasks_tenant_id_idx').on(t.tenant_id), index('tasksAssigneeIdx').on(t.assignee_id)],
);

import { relations } from 'drizzle-orm';

import { comments } from './comments';
import { projects } from './projects';
import { tasks } from './tasks';
import { users } from './users';

export const projectsRelations = relations(projects, ({ one, many }) => ({
  owner: one(users, { fields: [projects.owner_id], references: [users.id] }),
  tasks: many(tasks),
}));

export const tasksRelations = relations(tasks, ({ one, many }) => ({
  project: one(projects, { fields: [tasks.project_id], references: [projects.id] }),
  assignee: one(users, { fields: [tasks.assignee_id], references: [users.id] }),
  comments: many(comments),
}));

export const commentsRelations = relations(comments, ({ one }) => ({
  task: one(tasks, { fields: [comments.task_id], references: [tasks.id] }),
}));

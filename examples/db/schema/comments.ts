import { integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

import { timestamps } from '../columns';
import { tasks } from './tasks';

export const comments = pgTable('taskComments', {
  id: uuid('id').primaryKey(),
  task_id: integer('task_id')
    .notNull()
    .references(() => tasks.id),
  userId: uuid('user_id').notNull(),
  body: text('body').notNull(),
  ...timestamps,
});

// Data access. A table with `deleted_at` is soft-deleted: deleting its rows should set `deleted_at`
// instead (data-modeling/no-hard-delete), also when the column comes from a shared helper.
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';

import * as schema from './schema';
import { projects, tasks, users } from './schema';

export const db = drizzle(process.env.DATABASE_URL!, { schema });

export async function findTask(taskId: number) {
  return db.query.tasks.findFirst({ where: eq(tasks.id, taskId) });
}

export async function deleteProject(projectId: string) {
  await db.delete(projects).where(eq(projects.id, projectId));
}

export async function removeUser(userId: string) {
  await db.transaction(async (tx) => {
    await tx.delete(users).where(eq(users.id, userId));
  });
}

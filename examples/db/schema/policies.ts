// Row-level security policies kept apart from their tables, linked to them with `.link()`.
import { pgPolicy } from 'drizzle-orm/pg-core';

import { tenantIsolation } from '../columns';
import { tasks } from './tasks';

export const tasksTenantIsolation = pgPolicy('tasks_tenant_isolation', {
  for: 'all',
  using: tenantIsolation,
  withCheck: tenantIsolation,
}).link(tasks);

// drizzle-kit's configuration. The plugin reads it too (statically, it is never run): the tables of
// `schema` are the schema set, so a policy in db/schema/policies.ts that links to `tasks` counts for
// `tasks`, and `casing` (not set here) would be the default of the plugin's `casing` setting.
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL! },
});

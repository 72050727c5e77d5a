// Generates a Drizzle project split across files as teams write it, for the project benchmark
// (bench/project.mjs): a drizzle.config.ts naming the schema folder, a tsconfig.json with `paths`,
// shared column helpers (`...timestamps`, `...softDelete`, `...tenantId()`), the SQL condition of the
// tenant policies in its own module, the schema in module folders with a barrel each and one on top,
// a relations file, a policies file that links policies to tables with `.link()`, and queries that
// import the tables through the barrel. Every table follows the standard once the files are read
// together; read one at a time, most tables lack columns, and the linked ones lack a policy.

const TABLES_PER_FILE = 5;
/** One table in LINKED_EVERY gets its policy from policies.ts instead of its own extra config. */
const LINKED_EVERY = 5;

/**
 * @param {{ tables: number, tablesPerFile?: number, modules?: number }} options
 * @returns {Map<string, string>} relative posix path -> source
 */
export function generateProject({ tables, tablesPerFile = TABLES_PER_FILE, modules }) {
  if (!Number.isInteger(tables) || tables < 1) throw new Error(`generateProject: tables must be a positive integer, got ${tables}`);
  const fileCount = Math.ceil(tables / tablesPerFile);
  const moduleCount = modules ?? Math.max(1, Math.round(Math.sqrt(fileCount / 2)));
  const files = new Map();

  files.set(
    'tsconfig.json',
    `${JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          skipLibCheck: true,
          noEmit: true,
          baseUrl: '.',
          paths: { '@/*': ['./src/*'] },
        },
        include: ['src', 'drizzle.config.ts'],
      },
      null,
      2,
    )}\n`,
  );
  files.set(
    'drizzle.config.ts',
    [
      "import { defineConfig } from 'drizzle-kit';",
      '',
      'export default defineConfig({',
      "  dialect: 'postgresql',",
      "  schema: './src/db/schema',",
      "  out: './drizzle',",
      "  casing: 'snake_case',",
      '});',
      '',
    ].join('\n'),
  );
  files.set(
    'src/db/columns.ts',
    [
      "import { timestamp, uuid } from 'drizzle-orm/pg-core';",
      '',
      "import { tenants } from './schema/tenants';",
      '',
      'export const timestamps = {',
      "  created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),",
      "  updated_at: timestamp('updated_at', { withTimezone: true })",
      '    .defaultNow()',
      '    .notNull()',
      '    .$onUpdate(() => new Date()),',
      '};',
      '',
      'export const softDelete = {',
      "  deleted_at: timestamp('deleted_at', { withTimezone: true }),",
      '};',
      '',
      'export const tenantId = () => ({',
      "  tenant_id: uuid('tenant_id')",
      '    .notNull()',
      '    .references(() => tenants.id),',
      '});',
      '',
    ].join('\n'),
  );
  files.set(
    'src/db/rls.ts',
    ["import { sql } from 'drizzle-orm';", '', "export const tenantIsolation = sql`tenant_id = current_setting('app.tenant_id')::uuid`;", ''].join('\n'),
  );
  files.set(
    'src/db/schema/tenants.ts',
    [
      "import { sql } from 'drizzle-orm';",
      "import { pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';",
      '',
      'export const tenants = pgTable(',
      "  'tenants',",
      '  {',
      "    id: uuid('id').primaryKey().defaultRandom(),",
      "    name: text('name').notNull(),",
      "    created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(),",
      "    updated_at: timestamp('updated_at', { withTimezone: true }).defaultNow().notNull().$onUpdate(() => new Date()),",
      "    deleted_at: timestamp('deleted_at', { withTimezone: true }),",
      '  },',
      "  () => [pgPolicy('tenants_isolation', { for: 'all', using: sql`id = current_setting('app.tenant_id')::uuid` })],",
      ');',
      '',
    ].join('\n'),
  );

  /** Where each table lives: its module, file stem and name. */
  const placed = [];
  for (let i = 0; i < tables; i++) {
    const file = Math.floor(i / tablesPerFile);
    placed.push({ index: i, name: `t${i}`, module: `m${file % moduleCount}`, file: `f${file}` });
  }
  const byFile = new Map();
  for (const table of placed) {
    const key = `${table.module}/${table.file}`;
    if (!byFile.has(key)) byFile.set(key, []);
    byFile.get(key).push(table);
  }

  for (const [key, list] of byFile) {
    const [module] = key.split('/');
    const first = list[0].index;
    // A reference to a table of the previous file: through the module's barrel when it is in
    // another module, relative when it is in the same one.
    const previous = first > 0 ? placed[first - 1] : null;
    const imports = [
      "import { index, pgPolicy, pgTable, text, uuid } from 'drizzle-orm/pg-core';",
      '',
      "import { softDelete, tenantId, timestamps } from '@/db/columns';",
      "import { tenantIsolation } from '@/db/rls';",
    ];
    if (previous) {
      imports.push(
        previous.module === module
          ? `import { ${previous.name} } from './${previous.file}';`
          : `import { ${previous.name} } from '@/db/schema/${previous.module}';`,
      );
    }
    const body = list.map((table, k) => {
      const parent = k > 0 ? list[k - 1] : previous;
      const linked = table.index % LINKED_EVERY === LINKED_EVERY - 1;
      const lines = [
        `export const ${table.name} = pgTable(`,
        `  '${table.name}',`,
        '  {',
        "    id: uuid('id').primaryKey().defaultRandom(),",
        '    ...tenantId(),',
        `    name: text('name').notNull(),`,
        `    description: text('description'),`,
      ];
      if (parent) lines.push(`    parent_id: uuid('parent_id').references(() => ${parent.name}.id),`);
      lines.push('    ...timestamps,', '    ...softDelete,', '  },', '  (t) => [', `    index('${table.name}_tenant_id_idx').on(t.tenant_id),`);
      if (parent) lines.push(`    index('${table.name}_parent_id_idx').on(t.parent_id),`);
      if (!linked) lines.push(`    pgPolicy('${table.name}_tenant_isolation', { for: 'all', using: tenantIsolation, withCheck: tenantIsolation }),`);
      lines.push('  ],', ');', '');
      return lines.join('\n');
    });
    files.set(`src/db/schema/${key}.ts`, `${imports.join('\n')}\n\n${body.join('\n')}`);
  }

  const modulesList = [...new Set(placed.map((t) => t.module))].sort();
  for (const module of modulesList) {
    const stems = [...byFile.keys()].filter((key) => key.startsWith(`${module}/`)).map((key) => key.slice(module.length + 1));
    files.set(`src/db/schema/${module}/index.ts`, `${stems.map((stem) => `export * from './${stem}';`).join('\n')}\n`);
  }
  files.set(
    'src/db/schema/index.ts',
    [
      '// The app imports its tables from here; policies.ts is not re-exported (drizzle-kit reads the folder).',
      ...modulesList.map((module) => `export * from './${module}';`),
      "export * from './relations';",
      "export * from './tenants';",
      '',
    ].join('\n'),
  );

  const linked = placed.filter((t) => t.index % LINKED_EVERY === LINKED_EVERY - 1);
  files.set(
    'src/db/schema/policies.ts',
    [
      "import { pgPolicy } from 'drizzle-orm/pg-core';",
      '',
      "import { tenantIsolation } from '@/db/rls';",
      ...modulesList
        .map((module) => [module, linked.filter((t) => t.module === module).map((t) => t.name)])
        .filter(([, names]) => names.length > 0)
        .map(([module, names]) => `import { ${names.join(', ')} } from './${module}';`),
      '',
      ...linked.map(
        (t) => `export const ${t.name}TenantIsolation = pgPolicy('${t.name}_tenant_isolation', { for: 'all', using: tenantIsolation, withCheck: tenantIsolation }).link(${t.name});`,
      ),
      '',
    ].join('\n'),
  );

  const withParent = placed.filter((t) => t.index > 0);
  files.set(
    'src/db/schema/relations.ts',
    [
      "import { relations } from 'drizzle-orm';",
      '',
      ...modulesList.map((module) => {
        const names = placed.filter((t) => t.module === module).map((t) => t.name);
        return `import { ${names.join(', ')} } from './${module}';`;
      }),
      '',
      ...withParent.map(
        (t) => `export const ${t.name}Relations = relations(${t.name}, ({ one }) => ({\n  parent: one(t${t.index - 1}, { fields: [${t.name}.parent_id], references: [t${t.index - 1}.id] }),\n}));\n`,
      ),
    ].join('\n'),
  );

  const queried = placed.filter((t) => t.index % 10 === 0);
  files.set(
    'src/db/queries.ts',
    [
      "import { eq } from 'drizzle-orm';",
      "import { drizzle } from 'drizzle-orm/node-postgres';",
      '',
      "import * as schema from '@/db/schema';",
      `import { ${queried.map((t) => t.name).join(', ')} } from '@/db/schema';`,
      '',
      'export const db = drizzle(process.env.DATABASE_URL!, { schema });',
      '',
      ...queried.map(
        (t) =>
          `export async function remove${t.name.toUpperCase()}(id: string) {\n  await db.update(${t.name}).set({ deleted_at: new Date() }).where(eq(${t.name}.id, id));\n}\n`,
      ),
    ].join('\n'),
  );
  return files;
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { configs } from '../../src/index.js';
import { parser } from '../../src/project/parse.js';
import { clearDrizzleConfigs, readDrizzleConfig } from '../../src/project/drizzle-config.js';
import { projectOf } from '../../src/project/project.js';
import { clearSummaries, parseCounts } from '../../src/project/summary.js';
import { DEFAULT_SETTINGS, readSettings } from '../../src/settings.js';

const roots: string[] = [];
function project(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'dm-summary-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  roots.push(root);
  return root;
}
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});
beforeEach(() => {
  clearSummaries();
  clearDrizzleConfigs();
});

const HELPERS = `import { timestamp, uuid, pgEnum, pgTableCreator, pgSchema } from 'drizzle-orm/pg-core';
import { more } from './more';
export const timestamps = { created_at: timestamp('created_at', { withTimezone: true }).defaultNow().notNull(), ...more };
export const tenantId = () => ({ tenant_id: uuid().notNull() });
export function audit() { return { updated_by: uuid('updated_by') }; }
export const status = pgEnum('status', ['a', 'b']);
export const createTable = pgTableCreator((name) => 'x_' + name);
export const billing = pgSchema('billing');
export const notColumns = { a: 1 };
`;

describe('module summaries', () => {
  it('summarise column sets (objects, functions, nested imported spreads), factories, enums and schemas as plain data', () => {
    const root = project({
      'helpers.ts': HELPERS,
      'more.ts': "import { timestamp } from 'drizzle-orm/pg-core';\nexport const more = { updated_at: timestamp({ mode: 'string' }) };\n",
      'table.ts': "import { timestamps } from './helpers';\n",
    });
    const file = projectOf(path.join(root, 'table.ts'), root, DEFAULT_SETTINGS, null)!;
    const summary = file.summary(path.join(root, 'helpers.ts'))!;
    const timestamps = summary.exports.get('timestamps');
    expect(timestamps?.kind).toBe('columns');
    if (timestamps?.kind !== 'columns') return;
    expect(timestamps.set.columns.map((c) => [c.key, c.nameArg, c.builder, c.modifiers, c.withTimezone, c.mode])).toEqual([
      ['created_at', 'created_at', 'timestamp', ['defaultNow', 'notNull'], true, null],
      ['updated_at', null, 'timestamp', [], null, 'string'],
    ]);
    expect(timestamps.set.complete).toBe(true);
    expect(summary.exports.get('tenantId')?.kind).toBe('columns');
    expect(summary.exports.get('audit')?.kind).toBe('columns');
    expect(summary.exports.get('status')).toMatchObject({ kind: 'meaning', meaning: { kind: 'builder', name: 'pgEnum' } });
    expect(summary.exports.get('createTable')).toMatchObject({ kind: 'meaning', meaning: { kind: 'tableFn', factory: 'creator' } });
    expect(summary.exports.get('billing')).toMatchObject({ kind: 'meaning', meaning: { kind: 'schemaObj', schemaName: 'billing' } });
    expect(summary.exports.get('notColumns')).toEqual({ kind: 'other' });
    // Plain data: nothing of the syntax tree is kept.
    expect(JSON.stringify(timestamps.set)).not.toMatch(/"range"|"loc"/u);
  });

  it('follow barrels: export *, export { x as y } from, re-exported imports', () => {
    const root = project({
      'helpers.ts': HELPERS,
      'more.ts': 'export const more = {};\n',
      'barrel.ts': "export * from './helpers';\nexport { tenantId as tenantColumn } from './helpers';\nimport { audit } from './helpers';\nexport { audit as auditColumns };\n",
      'table.ts': '',
    });
    const file = projectOf(path.join(root, 'table.ts'), root, DEFAULT_SETTINGS, null)!;
    const barrel = path.join(root, 'barrel.ts');
    expect(file.exportOf(barrel, 'timestamps')?.module).toBe(path.join(root, 'helpers.ts'));
    expect(file.exportOf(barrel, 'tenantColumn')?.name).toBe('tenantId');
    expect(file.exportOf(barrel, 'auditColumns')?.fact.kind).toBe('columns');
    expect(file.exportOf(barrel, 'missing')).toBeNull();
  });

  it('end import cycles, and parse every module once per version', () => {
    const root = project({
      'a.ts': "import { uuid } from 'drizzle-orm/pg-core';\nimport { b } from './b';\nexport const a = { ...b, a_id: uuid() };\n",
      'b.ts': "import { uuid } from 'drizzle-orm/pg-core';\nimport { a } from './a';\nexport const b = { ...a, b_id: uuid() };\n",
      'table.ts': '',
    });
    const file = projectOf(path.join(root, 'table.ts'), root, DEFAULT_SETTINGS, null)!;
    const a = file.exportOf(path.join(root, 'a.ts'), 'a');
    expect(a?.fact.kind).toBe('columns');
    if (a?.fact.kind === 'columns') expect(a.fact.set.complete).toBe(false); // b's view of a is unknown
    const again = projectOf(path.join(root, 'table.ts'), root, DEFAULT_SETTINGS, null)!;
    again.exportOf(path.join(root, 'b.ts'), 'b');
    expect(parseCounts.get(path.join(root, 'a.ts'))).toBe(1);
    expect(parseCounts.get(path.join(root, 'b.ts'))).toBe(1);
  });

  it('hand ESLint the parse made for a summary when it lints the same text, once; an edited buffer is parsed', () => {
    const table = "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nimport { tenantId } from './columns';\nexport const projects = pgTable('projects', { id: uuid('id').primaryKey(), ...tenantId() });\n";
    const columns = "import { uuid } from 'drizzle-orm/pg-core';\nexport const tenantId = () => ({ tenant_id: uuid('tenant_id').notNull() });\n";
    const root = project({ 'table.ts': table, 'columns.ts': columns });
    const file = path.join(root, 'columns.ts');
    // ESLint's options for a file under the presets (ESLint adds the ones that change nothing).
    const options = { ecmaVersion: 2026, sourceType: 'module', loc: true, range: true, tokens: true, comment: true, eslintVisitorKeys: true, eslintScopeManager: true, filePath: file };
    // A parse of the plugin sets `parent` on every node; a fresh parse of the parser does not.
    const handedOver = (result: ReturnType<typeof parser.parseForESLint>) => (result.ast.body[0] as { parent?: unknown }).parent === result.ast;

    projectOf(path.join(root, 'table.ts'), root, DEFAULT_SETTINGS, null)!.exportOf(file, 'tenantId');
    expect(parseCounts.get(file)).toBe(1);
    expect(handedOver(parser.parseForESLint(columns, options))).toBe(true);
    expect(handedOver(parser.parseForESLint(columns, options))).toBe(false); // handed over once, then forgotten

    // An unsaved buffer differs from the disk: parsed, and the kept parse is dropped.
    clearSummaries();
    projectOf(path.join(root, 'table.ts'), root, DEFAULT_SETTINGS, null)!.exportOf(file, 'tenantId');
    expect(handedOver(parser.parseForESLint(`${columns}// edited\n`, options))).toBe(false);
    expect(handedOver(parser.parseForESLint(columns, options))).toBe(false);

    // Options that change the parse (typed linting, another lib) get a parse of their own.
    clearSummaries();
    projectOf(path.join(root, 'table.ts'), root, DEFAULT_SETTINGS, null)!.exportOf(file, 'tenantId');
    expect(handedOver(parser.parseForESLint(columns, { ...options, lib: ['es2015'] }))).toBe(false);

    // Through ESLint: the linted file whose parse was kept gets the same problems as a fresh parse.
    const linter = new Linter({ configType: 'flat', cwd: root });
    const parsed: boolean[] = [];
    const recording = { meta: parser.meta, parseForESLint: (text: string, o: Record<string, unknown>) => {
      const result = parser.parseForESLint(text, o);
      parsed.push(handedOver(result));
      return result;
    } };
    const config = [{ ...configs.recommended, files: ['**/*.ts'], languageOptions: { ...configs.recommended.languageOptions, parser: recording } }] as Linter.Config[];
    const lint = (name: string, text: string) => linter.verify(text, config, { filename: path.join(root, name) }).map((m) => `${m.ruleId}@${m.line}:${m.column}`);
    clearSummaries();
    const tableProblems = lint('table.ts', table);
    const kept = lint('columns.ts', columns);
    expect(lint('columns.ts', columns)).toEqual(kept);
    expect(lint('table.ts', table)).toEqual(tableProblems);
    expect(parsed).toEqual([false, true, false, false]); // columns.ts: ESLint got the plugin's parse the first time
    expect(parseCounts.get(file)).toBe(1);
  });

  it('leave a file that does not parse unknown', () => {
    const root = project({ 'bad.ts': 'export const = ;', 'table.ts': '' });
    const file = projectOf(path.join(root, 'table.ts'), root, DEFAULT_SETTINGS, null)!;
    expect(file.summary(path.join(root, 'bad.ts'))).toBeNull();
  });
});

describe('drizzle.config', () => {
  const tables = {
    'src/schema/users.ts': "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nexport const users = pgTable('users', { id: uuid() });\n",
    'src/schema/posts.ts': "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nexport const blogPosts = pgTable('posts', { id: uuid() });\n",
    'src/other.ts': 'export {};\n',
  };

  it('reads a path, a folder, a glob and an array, statically', () => {
    const cases: [string, string[]][] = [
      ["'./src/schema/users.ts'", ['src/schema/users.ts']],
      ["'./src/schema'", ['src/schema/posts.ts', 'src/schema/users.ts']],
      ["'./src/schema/*.ts'", ['src/schema/posts.ts', 'src/schema/users.ts']],
      ["['./src/schema/users.ts', './src/other.ts']", ['src/other.ts', 'src/schema/users.ts']],
    ];
    for (const [schema, expected] of cases) {
      const root = project({ ...tables, 'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';\nexport default defineConfig({ dialect: 'postgresql', schema: ${schema} });\n` });
      const config = readDrizzleConfig(path.join(root, 'drizzle.config.ts'));
      expect(config?.files()?.map((f) => path.relative(root, f))).toEqual(expected);
    }
  });

  it('reads `export default {...}` through a constant, JSON, and casing; an unreadable schema is unknown', () => {
    const root = project({
      ...tables,
      'drizzle.config.ts': "const schema = './src/schema';\nconst config = { schema, casing: 'snake_case' } satisfies Config;\nexport default config;\n",
      'json/drizzle.config.json': JSON.stringify({ schema: ['../src/schema/users.ts'] }),
      'dynamic/drizzle.config.ts': "export default defineConfig({ schema: process.env.SCHEMA });\n",
    });
    const config = readDrizzleConfig(path.join(root, 'drizzle.config.ts'))!;
    expect(config.casing).toBe('snake_case');
    expect(config.files()).toHaveLength(2);
    expect(readDrizzleConfig(path.join(root, 'json/drizzle.config.json'))?.files()).toEqual([path.join(root, 'src/schema/users.ts')]);
    expect(readDrizzleConfig(path.join(root, 'dynamic/drizzle.config.ts'))?.files()).toBeNull();
  });

  it("gives its casing to files under it unless the settings set one, and lists the set's tables", () => {
    const root = project({ ...tables, 'drizzle.config.ts': "export default { schema: './src/schema', casing: 'snake_case' };\n" });
    const file = projectOf(path.join(root, 'src/other.ts'), root, DEFAULT_SETTINGS, null)!;
    expect(file.settings.casing).toBe('snake_case');
    const explicit = readSettings({ 'data-modeling': { casing: 'preserve' } });
    expect(projectOf(path.join(root, 'src/other.ts'), root, explicit, null)!.settings.casing).toBe('preserve');
    expect(file.hasTable('users')).toBe(true);
    expect(file.hasTable('blog_posts')).toBe(true);
    expect(file.hasTable('stripe_customers')).toBe(false);
  });

  it('takes the tenants root from what the set\'s tenant columns reference, unless rootTables is set', () => {
    const root = project({
      'db/orgs.ts': "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nexport const organizations = pgTable('organizations', { id: uuid('id').primaryKey() });\n",
      'db/columns.ts': "import { uuid } from 'drizzle-orm/pg-core';\nimport { organizations } from './orgs';\nexport const tenantId = () => ({ tenant_id: uuid('tenant_id').notNull().references(() => organizations.id) });\n",
      'db/projects.ts': "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nimport { tenantId } from './columns';\nexport const projects = pgTable('projects', { id: uuid('id').primaryKey(), ...tenantId() });\n",
      'drizzle.config.ts': "export default { schema: ['./db/orgs.ts', './db/projects.ts', './db/columns.ts'] };\n",
    });
    const file = path.join(root, 'db/projects.ts');
    expect(projectOf(file, root, DEFAULT_SETTINGS, null)!.settings.rootTables).toEqual(['organizations']);
    const explicit = readSettings({ 'data-modeling': { rootTables: ['tenants'] } });
    expect(projectOf(file, root, explicit, null)!.settings.rootTables).toEqual(['tenants']);
    // Each module parsed once, whichever settings asked.
    expect(Math.max(...parseCounts.values())).toBe(1);
  });

  it('rejects a bad schema setting', () => {
    expect(() => readSettings({ 'data-modeling': { schema: [] } })).toThrow(/"schema" must be/u);
    expect(() => readSettings({ 'data-modeling': { schema: 3 } })).toThrow(/"schema" must be/u);
    expect(readSettings({ 'data-modeling': { schema: './db/schema.ts' } }).schema).toEqual(['./db/schema.ts']);
  });
});

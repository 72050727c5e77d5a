/**
 * Fixes compose (issue 14): one `eslint --fix` with every rule on, in several rule orders and under both
 * `recommended` and `all`, leaves code that compiles against drizzle-orm wherever the original compiled,
 * and duplicates nothing: no property key or database name twice in a table, no two indexes,
 * constraints or policies of one name or on the same columns.
 *
 * It runs ESLint's `Linter#verifyAndFix`, the multi-pass loop of `eslint --fix`, on every schema fixture
 * under tests/ and on generated schemas that combine renames (camelCase keys, name-less builders under
 * both casings, callback and destructured columns, both extra-config forms) with the insertions of
 * indexes, policies, columns, foreign keys and relations. Every output is type-checked in one program.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import * as parser from '@typescript-eslint/parser';
import { describe, expect, it } from 'vitest';
import { JS_LANGUAGE, ruleRunsOn } from '../../src/configs.js';
import dataModeling from '../../src/index.js';
import { rules as ruleModules } from '../../src/rules/index.js';
import type { SchemaModel } from '../../src/model/table.js';
import { analyze } from '../support/analyze.js';
import { PROJECT_ROOT, typecheck } from './support/drizzle.js';

type Preset = 'recommended' | 'all';
const PRESETS: Preset[] = ['recommended', 'all'];

/** Rule orders: as the preset lists them, reversed, and rotated to start in the middle. */
const ORDERS = {
  natural: (names: string[]) => names,
  reversed: (names: string[]) => [...names].reverse(),
  rotated: (names: string[]) => [...names.slice(names.length >> 1), ...names.slice(0, names.length >> 1)],
};
type Order = keyof typeof ORDERS;

/**
 * Key renames of exported tables as fixes (by default they are suggestions, since other files may read the
 * keys): for the generated single-file schemas, whose purpose is to compose the renames with the insertions.
 */
const EXPORTED_KEY_RENAMES: Linter.RulesRecord = {
  'data-modeling/snake-case': ['error', { exportedKeyRenames: 'fix' }],
  'data-modeling/email-address-name': ['error', { exportedKeyRenames: 'fix' }],
};

function config(preset: Preset, order: Order, settings: Record<string, unknown>, overrides: Linter.RulesRecord = {}): Linter.Config[] {
  const presetRules = (dataModeling.configs[preset] as Linter.Config).rules ?? {};
  // Every rule that runs on TypeScript on, with the preset's options where it has them.
  const names = Object.entries(ruleModules)
    .filter(([, rule]) => ruleRunsOn(rule, JS_LANGUAGE))
    .map(([name]) => `data-modeling/${name}`);
  const rules: Linter.RulesRecord = {};
  for (const name of ORDERS[order](names)) rules[name] = overrides[name] ?? presetRules[name] ?? 'error';
  return [
    {
      files: ['**/*.ts'],
      languageOptions: { parser, sourceType: 'module' },
      plugins: { 'data-modeling': dataModeling as unknown as NonNullable<Linter.Config['plugins']>[string] },
      settings: { 'data-modeling': settings },
      rules,
    },
  ];
}

interface Fixed {
  output: string;
  /** Fixable problems left after the passes: ESLint gave up (10 passes) or a fix is refused every time. */
  fixableLeft: string[];
}

function fix(source: string, preset: Preset, order: Order, settings: Record<string, unknown>, overrides?: Linter.RulesRecord): Fixed {
  const linter = new Linter({ configType: 'flat' });
  const result = linter.verifyAndFix(source, config(preset, order, settings, overrides), { filename: 'schema.ts' });
  const fatal = result.messages.filter((m) => m.fatal);
  if (fatal.length > 0) throw new Error(fatal.map((m) => m.message).join('\n'));
  return { output: result.output, fixableLeft: result.messages.filter((m) => m.fix).map((m) => `${m.line}:${m.column} ${m.ruleId}`) };
}

/** What a schema holds twice: keys and database names of a table, entry names, index column lists, policy names. */
function duplicates(schema: SchemaModel): string[] {
  const found: string[] = [];
  const twice = (seen: Set<string>, value: string, what: string): void => {
    if (seen.has(value)) found.push(what);
    seen.add(value);
  };
  const entryNames = new Map<string | null, Set<string>>();
  for (const table of schema.tables) {
    const label = table.name ?? table.variableName ?? '?';
    const keys = new Set<string>();
    const dbNames = new Set<string>();
    for (const column of table.columns) {
      if (column.key !== null) twice(keys, column.key, `${label}: key ${column.key}`);
      if (column.dbName !== null) twice(dbNames, column.dbName, `${label}: column ${column.dbName}`);
    }
    const policies = new Set<string>();
    for (const policy of table.policies) if (policy.name !== null) twice(policies, policy.name, `${label}: policy ${policy.name}`);
    if (!table.extra || table.extra === 'unknown') continue;
    const names = entryNames.get(table.schemaName) ?? new Set<string>();
    entryNames.set(table.schemaName, names);
    const lists = new Set<string>();
    for (const entry of table.extra.entries) {
      if (entry.kind === 'policy' || entry.kind === 'crudPolicy') continue;
      if (entry.name !== null) twice(names, entry.name, `${label}: name ${entry.name}`);
      if (['index', 'uniqueIndex', 'unique', 'primaryKey'].includes(entry.kind) && entry.columns.length > 0 && entry.columns.every((c) => c !== null)) {
        twice(lists, entry.columns.map((c) => c!.key).join(','), `${label}: index on ${entry.columns.map((c) => c!.key).join(', ')}`);
      }
    }
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Generated schemas
// ---------------------------------------------------------------------------------------------------

type KeyStyle = 'named' | 'nameless-preserve' | 'nameless-snake';
type ColumnForm = 'object' | 'callback' | 'destructured';
type ExtraForm = 'none' | 'array' | 'object' | 'destructured';

interface Variant {
  keys: KeyStyle;
  columns: ColumnForm;
  extra: ExtraForm;
  /** The root table's id key is `Id` (snake-case renames it while require-tenant-id refers to it). */
  oddRootKey: boolean;
  /** users has `updatedAt: timestamp('created_at')`, a copy-paste slip. */
  copyPaste: boolean;
}

/** One table's source: `columns` as [key, builder, database name, chain]. */
function table(v: Variant, variable: string, name: string, columns: [string, string, string, string][], extra: string | null): string {
  const builders = [...new Set(columns.map((c) => c[1]))];
  const nameArg = (db: string, key: string): string => (v.keys === 'named' || (key === 'Id' && db === 'id') ? `'${db}'` : '');
  const lines = columns.map(([key, builder, db, chain]) => {
    const ref = v.columns === 'callback' ? `t.${builder}` : builder;
    return `  ${key}: ${ref}(${nameArg(db, key)})${chain},`;
  });
  const body = `{\n${lines.join('\n')}\n}`;
  const columnsArg = v.columns === 'object' ? body : v.columns === 'callback' ? `(t) => (${body})` : `({ ${builders.join(', ')} }) => (${body})`;
  return `export const ${variable} = pgTable('${name}', ${columnsArg}${extra ? `, ${extra}` : ''});\n`;
}

function generate(v: Variant): string {
  const rootId = v.oddRootKey ? 'Id' : 'id';
  const posts =
    v.extra === 'none'
      ? null
      : v.extra === 'array'
        ? `(t) => [index('posts_title_idx').on(t.title)]`
        : v.extra === 'object'
          ? `(t) => ({\n  titleIdx: index('posts_title_idx').on(t.title),\n})`
          : `({ title, tenantId, authorId, ownerEmail }) => [\n  index('posts_title_idx').on(title),\n]`;
  return [
    `import { relations } from 'drizzle-orm';`,
    `import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';`,
    '',
    table(v, 'tenants', 'tenants', [[rootId, 'uuid', 'id', '.primaryKey().defaultRandom()'], ['displayName', 'text', 'display_name', '.notNull()']], null),
    table(
      v,
      'users',
      'users',
      [
        ['id', 'uuid', 'id', '.primaryKey().defaultRandom()'],
        ['tenantId', 'uuid', 'tenant_id', `.notNull().references(() => tenants.${rootId})`],
        ['email', 'text', 'email', '.notNull()'],
        ['createdAt', 'timestamp', 'created_at', '.defaultNow().notNull()'],
        v.copyPaste ? ['updatedAt', 'timestamp', 'created_at', '.defaultNow().notNull()'] : ['updatedAt', 'timestamp', 'updated_at', '.defaultNow().notNull()'],
      ],
      null,
    ),
    table(
      v,
      'posts',
      'posts',
      [
        ['id', 'uuid', 'id', '.primaryKey().defaultRandom()'],
        ['tenantId', 'uuid', 'tenant_id', '.notNull()'],
        ['authorId', 'uuid', 'author_id', '.notNull().references(() => users.id)'],
        ['ownerEmail', 'text', 'owner_email', '.references(() => users.email)'],
        ['title', 'text', 'title', ''],
      ],
      posts,
    ),
    // No tenant column: require-tenant-id inserts one that refers to the root table's id.
    table(v, 'comments', 'comments', [['id', 'uuid', 'id', '.primaryKey().defaultRandom()'], ['postId', 'uuid', 'post_id', '.notNull().references(() => posts.id)']], null),
    '',
    'export const postsRelations = relations(posts, ({ one }) => ({',
    '  author: one(users, { fields: [posts.authorId], references: [users.id] }),',
    '}));',
    '',
    'export const recentTitles = [posts.title, posts.authorId];',
    '',
  ].join('\n');
}

function variants(): Variant[] {
  const out: Variant[] = [];
  let i = 0;
  for (const keys of ['named', 'nameless-preserve', 'nameless-snake'] as const) {
    for (const columns of ['object', 'callback', 'destructured'] as const) {
      for (const extra of ['none', 'array', 'object', 'destructured'] as const) {
        out.push({ keys, columns, extra, oddRootKey: i % 2 === 0, copyPaste: i % 3 !== 1 });
        i++;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------

/** Fixtures whose own tests lint them under `casing: "snake_case"`. */
const SNAKE_CASE_FIXTURES = new Set(['integration/fixtures/naming/casing.ts', 'integration/fixtures/standard-fields/callback.ts']);
/** Fixtures written against drizzle-orm 1.0, type-checked against `drizzle-orm-rc`. */
const RC_GROUPS = new Set(['integration/fixtures/drizzle-1.0']);
const rc = path.join(PROJECT_ROOT, 'node_modules/drizzle-orm-rc');
const againstRc = { compilerOptions: { baseUrl: PROJECT_ROOT, paths: { 'drizzle-orm': [rc], 'drizzle-orm/*': [`${rc}/*`] } } };

/** Every fixture folder under tests/ that holds a schema: folder -> file name -> source. */
function fixtureGroups(): Map<string, Map<string, string>> {
  const groups = new Map<string, Map<string, string>>();
  const tests = path.join(PROJECT_ROOT, 'tests');
  for (const entry of readdirSync(tests, { recursive: true, encoding: 'utf8' })) {
    const file = entry.split(path.sep).join('/');
    if (!/(^|\/)fixtures\//u.test(file) || !file.endsWith('.ts')) continue;
    // A fixture project (fixtures/projects/<name>/) is one group: its files import each other across folders.
    const project = /^(.*fixtures\/projects\/[^/]+)\/(.+)$/u.exec(file);
    const group = project ? project[1]! : path.posix.dirname(file);
    if (!groups.has(group)) groups.set(group, new Map());
    groups.get(group)!.set(project ? project[2]! : path.posix.basename(file), readFileSync(path.join(tests, file), 'utf8'));
  }
  for (const [group, files] of groups) if (![...files.values()].some(isSchema)) groups.delete(group);
  return groups;
}

function isSchema(source: string): boolean {
  return /pgTable|\.table\(/u.test(source);
}

const errorCount = (diagnostics: string[], prefix: string): number => diagnostics.filter((d) => d.startsWith(prefix) && d.includes(' - error ')).length;

describe('every rule fixes together', () => {
  it('schema fixtures: compile after one --fix wherever they compiled before, nothing duplicated', () => {
    const before: Record<string, string> = {};
    const beforeRc: Record<string, string> = {};
    const after: Record<string, string> = {};
    const afterRc: Record<string, string> = {};
    const problems: string[] = [];
    for (const [group, files] of fixtureGroups()) {
      const rcGroup = RC_GROUPS.has(group);
      for (const [name, source] of files) (rcGroup ? beforeRc : before)[`${group}/${name}`] = source;
      const duplicatesBefore = new Map<string, string[]>();
      // Type-checked once per distinct result: most rule orders fix a fixture into the same text.
      const seen = new Set<string>();
      for (const preset of PRESETS) {
        for (const order of Object.keys(ORDERS) as Order[]) {
          const outputs = new Map<string, string>();
          for (const [name, source] of files) {
            const file = `${group}/${name}`;
            const settings = SNAKE_CASE_FIXTURES.has(file) ? { casing: 'snake_case' } : {};
            const { output, fixableLeft } = isSchema(source) ? fix(source, preset, order, settings) : { output: source, fixableLeft: [] };
            outputs.set(`${preset}/${order}/${file}`, output);
            if (!isSchema(source) || output === source) continue;
            for (const left of fixableLeft) problems.push(`${preset}/${order}/${file}: fixable problem left at ${left}`);
            if (!duplicatesBefore.has(file)) duplicatesBefore.set(file, duplicates(analyze(source, settings)));
            for (const dup of duplicates(analyze(output, settings))) {
              if (!duplicatesBefore.get(file)!.includes(dup)) problems.push(`${preset}/${order}/${file}: duplicate ${dup}`);
            }
          }
          const key = JSON.stringify([...outputs.values()]);
          if (seen.has(key)) continue;
          seen.add(key);
          Object.assign(rcGroup ? afterRc : after, Object.fromEntries(outputs));
        }
      }
    }
    expect.soft(problems).toEqual([]);

    // The check below can fail: the fixtures are fixed into code that type-checks only if the fixes compose.
    // One program per drizzle-orm version, for the originals and the outputs together.
    const diagnostics = [...typecheck({ ...before, ...after }).diagnostics, ...typecheck({ ...beforeRc, ...afterRc }, againstRc).diagnostics];
    const original = diagnostics.filter((d) => !PRESETS.some((preset) => d.startsWith(`${preset}/`)));
    const fixed = diagnostics.filter((d) => PRESETS.some((preset) => d.startsWith(`${preset}/`)));
    const broken: string[] = [];
    for (const file of [...Object.keys(before), ...Object.keys(beforeRc)]) {
      const errors = errorCount(original, `${file}:`);
      for (const preset of PRESETS) {
        for (const order of Object.keys(ORDERS)) {
          const prefix = `${preset}/${order}/${file}:`;
          // A fixture that does not compile before (the 1.0 one needs the column the fix adds) must not get worse.
          if (errorCount(fixed, prefix) > errors) broken.push(...fixed.filter((d) => d.startsWith(prefix)));
        }
      }
    }
    expect(broken).toEqual([]);
    expect(Object.keys(after).length).toBeGreaterThan(15);
  }, 300_000);

  it('generated renames with index, policy, column, foreign-key and relation insertions: compile, nothing duplicated', () => {
    const all = variants();
    const before: Record<string, string> = {};
    const after: Record<string, string> = {};
    const problems: string[] = [];
    for (const [index, v] of all.entries()) {
      const id = `${v.keys}.${v.columns}.${v.extra}${v.oddRootKey ? '.odd-root' : ''}${v.copyPaste ? '.copy-paste' : ''}`;
      const source = generate(v);
      before[`${id}.ts`] = source;
      const settings = v.keys === 'nameless-snake' ? { casing: 'snake_case' } : {};
      expect(duplicates(analyze(source, settings))).toEqual(v.copyPaste && v.keys === 'named' ? ['users: column created_at'] : []);
      const outputs = new Set<string>();
      // Both presets on every schema; the rule orders rotate over the schemas, so that each pair of a
      // preset and an order fixes a third of them (all six on every schema would triple the time).
      const orders = Object.keys(ORDERS) as Order[];
      for (const [preset, order] of [['all', orders[index % 3]!], ['recommended', orders[(index + 1) % 3]!]] as const) {
        {
          const { output, fixableLeft } = fix(source, preset, order, settings, EXPORTED_KEY_RENAMES);
          for (const left of fixableLeft) problems.push(`${id} ${preset}/${order}: fixable problem left at ${left}`);
          // The copy-paste slip's duplicate database name stays; nothing new is duplicated.
          for (const dup of duplicates(analyze(output, settings))) {
            if (dup !== 'users: column created_at') problems.push(`${id} ${preset}/${order}: duplicate ${dup}`);
          }
          // Every insertion happened (the test would pass vacuously otherwise).
          const comments = output.slice(output.indexOf('export const comments'), output.indexOf('export const postsRelations'));
          if (!/\.on\([^)]*author/iu.test(output) || !/pgPolicy\('tenant_isolation'/u.test(output) || !comments.includes('tenant_id')) {
            problems.push(`${id} ${preset}/${order}: an expected insertion is missing`);
          }
          // The keys of the exported tables were renamed (exportedKeyRenames: "fix").
          if (!/\bauthor_id: /u.test(output) || /\bauthorId: /u.test(output)) problems.push(`${id} ${preset}/${order}: a key rename is missing`);
          if (!outputs.has(output)) {
            outputs.add(output);
            after[`${id}.${preset}.${order}.ts`] = output;
          }
        }
      }
    }
    expect.soft(problems).toEqual([]);
    // The originals and the outputs in one program: the originals compile, so must every output.
    expect(typecheck({ ...before, ...after }).diagnostics).toEqual([]);
  }, 300_000);
});

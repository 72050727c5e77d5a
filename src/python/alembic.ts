/**
 * Alembic migrations: what a migration's `upgrade()` and `downgrade()` do, and the history they belong to.
 *
 * - A migration is a module with a module-level `revision = "..."` and a `def upgrade()`; its parents are
 *   `down_revision` (a string, `None` for the first, a tuple or list for a merge).
 * - Its steps are the statements of `upgrade()` / `downgrade()`: `op.create_table("t", sa.Column(...), ...)`,
 *   `op.drop_table("t")`, and `op.execute("...")` / `op.execute(sa.text("..."))` whose SQL is read
 *   statement by statement (`ALTER TABLE t ENABLE|DISABLE ROW LEVEL SECURITY`, `CREATE POLICY ... ON t
 *   ... USING (...) WITH CHECK (...)`, `DROP POLICY ... ON t`, `DROP TABLE t`). Other `op.*` calls (indexes,
 *   columns, constraints) change nothing row-level security depends on. A statement the plugin cannot
 *   read (a helper call, a loop, SQL built at run time, a `DO` block, `op.rename_table`) is `unknown`:
 *   rules stay silent about what it may have done.
 * - The history is every migration of the project's versions folder(s): `version_locations` (or
 *   `script_location` + `/versions`) of the nearest `alembic.ini` above the migration (`%(here)s` is the
 *   ini's folder), the `alembic` setting, or else the migration's own folder. Other migrations are read
 *   once per process as plain data, cached by path, modification time and size (as project.ts does).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closing, COMMANDS, isPunct, sqlIdentifier, type Command } from '../model/rls.js';
import { tokenizeSql, type SqlToken } from '../model/sql.js';
import type { DataModelingSettings } from '../settings.js';
import { moduleNamesOf, qualifierFor, readImports, sqlType, type Qualifier } from './model.js';
import { summaryCache } from './project.js';
import { asCall, child, nodeText, statements, stringValue, type Arguments, type PyNode, type PyScript } from './parse.js';

// ---------------------------------------------------------------------------------------------------------
// Operations

/** A table as a migration names it; `schema` null for the default schema (`public`). */
export interface TableRef {
  name: string;
  schema: string | null;
}

export interface ColumnData {
  name: string;
  /** The pg-core builder equivalent of its SQLAlchemy type (`uuid`, `integer`, `varchar`), or null. */
  builder: string | null;
}

/** Condition tokens of a policy: undefined when the clause is absent, null when it cannot be read. */
export type Condition = readonly SqlToken[] | null | undefined;

/** What one operation of a migration does, as plain data. */
export type MigrationOp =
  | { kind: 'createTable'; table: TableRef; columns: ColumnData[] | null }
  | { kind: 'dropTable'; table: TableRef }
  | { kind: 'rls'; table: TableRef; enable: boolean }
  | {
      kind: 'createPolicy';
      table: TableRef;
      name: string;
      /** False for `AS RESTRICTIVE`. */
      permissive: boolean;
      commands: readonly Command[];
      /** The roles of `TO` (`public` when absent). */
      roles: readonly string[];
      using: Condition;
      withCheck: Condition;
    }
  | { kind: 'dropPolicy'; table: TableRef; name: string }
  /**
   * Readable, and nothing row-level security depends on (an index, a column, an `INSERT`); `alters` names
   * a column it drops or changes (null: any column), which a policy on that column would stand in the way of.
   */
  | { kind: 'other'; alters?: { table: TableRef; column: string | null } }
  /** Cannot be read: may do anything. */
  | { kind: 'unknown' };

/** One statement of `upgrade()` / `downgrade()` in the linted file. */
export interface MigrationStep {
  statement: PyNode;
  ops: MigrationOp[];
  /** For `op.create_table`: the table name argument (where reports land). */
  tableNode?: PyNode;
  /** Lines of Python (without indentation) that undo the statement, or null when that is not known. */
  reverse: string[] | null;
}

export interface MigrationFunction {
  definition: PyNode;
  nameNode: PyNode;
  body: PyNode;
  steps: MigrationStep[];
  /** `pass`, `...` and docstrings: statements that do nothing. */
  noops: PyNode[];
}

export interface Migration {
  revision: string | null;
  /** The parent revisions (empty for the first migration), or null when `down_revision` cannot be read. */
  downRevisions: string[] | null;
  upgrade: MigrationFunction | null;
  downgrade: MigrationFunction | null;
  /** How the file names `alembic.op` (`op`), for code a fix writes; null when it does not import it. */
  opRef: string | null;
}

const SQL_TEXT = /^(sqlalchemy|sqlmodel)(\.sql)?(\.expression)?\.text$/u;
const SA_COLUMN = /^(sqlalchemy|sqlmodel)(\.schema)?\.Column$/u;

/** `op.*` calls that change nothing row-level security depends on. */
const OTHER_OPS = new Set([
  'create_index',
  'drop_index',
  'add_column',
  'create_foreign_key',
  'create_unique_constraint',
  'create_primary_key',
  'create_check_constraint',
  'create_exclude_constraint',
  'drop_constraint',
  'create_table_comment',
  'drop_table_comment',
  'bulk_insert',
  'get_bind',
  'get_context',
]);

/** A Python string literal of `value` (double-quoted, as the SQL the fixes write holds single quotes). */
export function pyString(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

/** The value of a string, an implicit concatenation (`"a " "b"`), or one in parentheses. */
function stringOf(node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'ParenthesizedExpression' && node.children.length === 1) return stringOf(node.children[0]);
  if (node.type === 'ContinuedString') {
    let out = '';
    for (const part of node.children) {
      const value = stringValue(part);
      if (value === undefined) return undefined;
      out += value;
    }
    return out;
  }
  return stringValue(node);
}

/** The SQL text `op.execute` receives: a string, or `sa.text("...")`. */
function sqlTextOf(node: PyNode | undefined, q: Qualifier): string | undefined {
  const call = asCall(node);
  if (call) {
    const name = q(call.name);
    return name && SQL_TEXT.test(name) && !call.args.spread && call.args.positional.length === 1 ? stringOf(call.args.positional[0]) : undefined;
  }
  return stringOf(node);
}

/** True when two references name the same table (`public` is the default schema). */
export function sameTable(a: TableRef, b: TableRef): boolean {
  return a.name === b.name && (a.schema ?? 'public') === (b.schema ?? 'public');
}

/** A table as SQL: `users`, `"Users"`, `app.users`. */
export function sqlTable(table: TableRef): string {
  return table.schema ? `${sqlIdentifier(table.schema)}.${sqlIdentifier(table.name)}` : sqlIdentifier(table.name);
}

// ---------------------------------------------------------------------------------------------------------
// SQL

type Tokens = readonly SqlToken[];

function isWord(token: SqlToken | undefined, ...values: string[]): boolean {
  return token?.type === 'word' && !token.quoted && values.includes(token.value);
}


/** Splits tokens at top-level `;`, dropping empty statements. */
function splitStatements(tokens: Tokens): Tokens[] {
  const out: Tokens[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= tokens.length; i++) {
    const t = tokens[i];
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    else if (i === tokens.length || (depth === 0 && isPunct(t, ';'))) {
      if (i > start) out.push(tokens.slice(start, i));
      start = i + 1;
    }
  }
  return out;
}

/** Reads `name` or `schema.name` at `at`: the reference and the index after it. */
function readTableName(tokens: Tokens, at: number): { table: TableRef; next: number } | null {
  const first = tokens[at];
  if (first?.type !== 'word') return null;
  if (isPunct(tokens[at + 1], '.')) {
    const second = tokens[at + 2];
    if (second?.type !== 'word') return null;
    return { table: { schema: first.value === 'public' && !first.quoted ? null : first.value, name: second.value }, next: at + 3 };
  }
  return { table: { schema: null, name: first.value }, next: at + 1 };
}

function readCreatePolicy(tokens: Tokens): MigrationOp {
  // CREATE POLICY name ON table [AS {PERMISSIVE|RESTRICTIVE}] [FOR cmd] [TO roles] [USING (e)] [WITH CHECK (e)]
  const name = tokens[2];
  if (name?.type !== 'word' || !isWord(tokens[3], 'on')) return { kind: 'unknown' };
  const target = readTableName(tokens, 4);
  if (!target) return { kind: 'unknown' };
  let permissive = true;
  let commands: readonly Command[] = COMMANDS;
  let roles: string[] = ['public'];
  let using: Condition;
  let withCheck: Condition;
  let i = target.next;
  while (i < tokens.length) {
    const t = tokens[i];
    if (isWord(t, 'as') && isWord(tokens[i + 1], 'permissive', 'restrictive')) {
      permissive = (tokens[i + 1] as { value: string }).value === 'permissive';
      i += 2;
    } else if (isWord(t, 'for') && isWord(tokens[i + 1], 'all', ...COMMANDS)) {
      const command = (tokens[i + 1] as { value: string }).value;
      commands = command === 'all' ? COMMANDS : COMMANDS.filter((c) => c === command);
      i += 2;
    } else if (isWord(t, 'to')) {
      i++;
      roles = [];
      while (i < tokens.length && !isWord(tokens[i], 'using', 'with')) {
        const role = tokens[i]!;
        if (role.type === 'word') roles.push(role.value);
        i++;
      }
    } else if (isWord(t, 'using') && isPunct(tokens[i + 1], '(')) {
      const end = closing(tokens, i + 1);
      if (end < 0) return { kind: 'unknown' };
      using = tokens.slice(i + 2, end);
      i = end + 1;
    } else if (isWord(t, 'with') && isWord(tokens[i + 1], 'check') && isPunct(tokens[i + 2], '(')) {
      const end = closing(tokens, i + 2);
      if (end < 0) return { kind: 'unknown' };
      withCheck = tokens.slice(i + 3, end);
      i = end + 1;
    } else return { kind: 'unknown' };
  }
  return { kind: 'createPolicy', table: target.table, name: name.value, permissive, commands, roles, using, withCheck };
}

/** What one SQL statement does. */
function readSqlStatement(tokens: Tokens): MigrationOp[] {
  if (isWord(tokens[0], 'alter') && isWord(tokens[1], 'table')) {
    let i = 2;
    if (isWord(tokens[i], 'if') && isWord(tokens[i + 1], 'exists')) i += 2;
    if (isWord(tokens[i], 'only')) i++;
    const target = readTableName(tokens, i);
    if (!target) return [{ kind: 'unknown' }];
    const rest = tokens.slice(target.next);
    const tail = rest.map((t) => (t.type === 'word' && !t.quoted ? t.value : '\0')).join(' ');
    if (tail === 'enable row level security') return [{ kind: 'rls', table: target.table, enable: true }];
    if (tail === 'disable row level security') return [{ kind: 'rls', table: target.table, enable: false }];
    // A rename changes which table later statements name.
    if (isWord(rest[0], 'rename') && isWord(rest[1], 'to')) return [{ kind: 'unknown' }];
    if (isWord(rest[0], 'add', 'owner', 'force', 'no')) return [{ kind: 'other' }];
    return [{ kind: 'other', alters: { table: target.table, column: null } }];
  }
  if (isWord(tokens[0], 'create') && isWord(tokens[1], 'policy')) return [readCreatePolicy(tokens)];
  if (isWord(tokens[0], 'drop') && isWord(tokens[1], 'policy')) {
    let i = 2;
    if (isWord(tokens[i], 'if') && isWord(tokens[i + 1], 'exists')) i += 2;
    const name = tokens[i];
    const target = isWord(tokens[i + 1], 'on') ? readTableName(tokens, i + 2) : null;
    if (name?.type !== 'word' || !target) return [{ kind: 'unknown' }];
    return [{ kind: 'dropPolicy', table: target.table, name: name.value }];
  }
  if (isWord(tokens[0], 'drop') && isWord(tokens[1], 'table')) {
    let i = 2;
    if (isWord(tokens[i], 'if') && isWord(tokens[i + 1], 'exists')) i += 2;
    const ops: MigrationOp[] = [];
    for (;;) {
      const target = readTableName(tokens, i);
      if (!target) return [{ kind: 'unknown' }];
      ops.push({ kind: 'dropTable', table: target.table });
      i = target.next;
      if (!isPunct(tokens[i], ',')) break;
      i++;
    }
    return i === tokens.length || (isWord(tokens[i], 'cascade', 'restrict') && i === tokens.length - 1) ? ops : [{ kind: 'unknown' }];
  }
  // Statements that run code (a `DO` block, a function called by SELECT) may do anything.
  if (isWord(tokens[0], 'do', 'select', 'call', 'execute', 'perform') || tokens.some((t) => isPunct(t, '$'))) return [{ kind: 'unknown' }];
  return [{ kind: 'other' }];
}

/** What a SQL text does, statement by statement. */
export function readSqlOps(text: string): MigrationOp[] {
  const tokens = tokenizeSql(text);
  if (!tokens) return [{ kind: 'unknown' }];
  return splitStatements(tokens).flatMap(readSqlStatement);
}

/** The Python code that undoes one SQL operation, or null. */
function reverseSql(op: MigrationOp, opRef: string): string | null {
  if (op.kind === 'rls' && op.enable) return `${opRef}.execute(${pyString(`ALTER TABLE ${sqlTable(op.table)} DISABLE ROW LEVEL SECURITY`)})`;
  if (op.kind === 'createPolicy') return `${opRef}.execute(${pyString(`DROP POLICY ${sqlTable({ schema: null, name: op.name })} ON ${sqlTable(op.table)}`)})`;
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Reading a migration

function stringArg(node: PyNode | undefined): string | null {
  const value = stringOf(node);
  return value === undefined ? null : value;
}

/** `schema="app"`: the schema, null when absent or `None`, undefined when it cannot be read. */
function schemaArg(node: PyNode | undefined): string | null | undefined {
  if (!node || node.type === 'None') return null;
  const value = stringOf(node);
  return value === undefined ? undefined : value === 'public' ? null : value;
}

/** `, schema="app"` as written, for reverse operations. */
function schemaSuffix(node: PyNode | undefined): string {
  return node && node.type !== 'None' ? `, schema=${nodeText(node)}` : '';
}

function readStep(statement: PyNode, q: Qualifier): { step: MigrationStep | null; noop: boolean; opRef?: string } {
  if (statement.type === 'PassStatement') return { step: null, noop: true };
  if (statement.type === 'ExpressionStatement' && statement.children.length === 1) {
    const expression = statement.children[0]!;
    if (expression.type === 'Ellipsis' || expression.type === 'String' || expression.type === 'ContinuedString') return { step: null, noop: true };
    const call = asCall(expression);
    const name = call ? q(call.name) : null;
    const opName = name && /^alembic\.op\.(\w+)$/u.exec(name)?.[1];
    if (call && opName && call.callee.type === 'MemberExpression') {
      const opRef = nodeText(call.callee.children[0]!);
      return { step: readOpCall(statement, opName, call.args, q, opRef), noop: false, opRef };
    }
  }
  return { step: { statement, ops: [{ kind: 'unknown' }], reverse: null }, noop: false };
}

function readOpCall(statement: PyNode, opName: string, args: Arguments, q: Qualifier, opRef: string): MigrationStep {
  const unknown: MigrationStep = { statement, ops: [{ kind: 'unknown' }], reverse: null };
  if (args.spread) return unknown;
  const kw = args.keywords;
  switch (opName) {
    case 'create_table': {
      const nameNode = args.positional[0] ?? kw.get('table_name');
      const name = stringArg(nameNode);
      const schema = schemaArg(kw.get('schema'));
      if (name === null || schema === undefined || !nameNode) return unknown;
      let columns: ColumnData[] | null = [];
      for (const arg of args.positional.slice(1)) {
        const column = asCall(arg);
        if (!column || !SA_COLUMN.test(q(column.name) ?? '')) continue; // a constraint
        const columnName = stringArg(column.args.positional[0]);
        if (columnName === null) {
          columns = null;
          break;
        }
        columns.push({ name: columnName, builder: sqlType(column.args.positional[1], q).builder });
      }
      const table = { name, schema };
      return {
        statement,
        ops: [{ kind: 'createTable', table, columns }],
        tableNode: nameNode,
        reverse: [`${opRef}.drop_table(${nodeText(nameNode)}${schemaSuffix(kw.get('schema'))})`],
      };
    }
    case 'drop_table': {
      const name = stringArg(args.positional[0] ?? kw.get('table_name'));
      const schema = schemaArg(kw.get('schema'));
      if (name === null || schema === undefined) return unknown;
      return { statement, ops: [{ kind: 'dropTable', table: { name, schema } }], reverse: null };
    }
    case 'execute': {
      const text = sqlTextOf(args.positional[0] ?? kw.get('sqltext'), q);
      if (text === undefined) return unknown;
      const ops = readSqlOps(text);
      const reverse: string[] = [];
      for (const op of [...ops].reverse()) {
        const line = reverseSql(op, opRef);
        if (line === null) return { statement, ops, reverse: null };
        reverse.push(line);
      }
      return { statement, ops, reverse };
    }
    case 'create_index': {
      const [indexName, tableName] = args.positional;
      const table = tableName ?? kw.get('table_name');
      if (!indexName || !table) return { statement, ops: [{ kind: 'other' }], reverse: null };
      return { statement, ops: [{ kind: 'other' }], reverse: [`${opRef}.drop_index(${nodeText(indexName)}, table_name=${nodeText(table)}${schemaSuffix(kw.get('schema'))})`] };
    }
    case 'add_column': {
      const table = args.positional[0];
      const column = asCall(args.positional[1]);
      const columnName = column && SA_COLUMN.test(q(column.name) ?? '') ? column.args.positional[0] : undefined;
      if (!table || columnName?.type !== 'String') return { statement, ops: [{ kind: 'other' }], reverse: null };
      return { statement, ops: [{ kind: 'other' }], reverse: [`${opRef}.drop_column(${nodeText(table)}, ${nodeText(columnName)}${schemaSuffix(kw.get('schema'))})`] };
    }
    case 'drop_column':
    case 'alter_column': {
      const name = stringArg(args.positional[0] ?? kw.get('table_name'));
      const schema = schemaArg(kw.get('schema'));
      if (name === null || schema === undefined) return unknown;
      const column = stringArg(args.positional[1] ?? kw.get('column_name'));
      return { statement, ops: [{ kind: 'other', alters: { table: { name, schema }, column } }], reverse: null };
    }
    default:
      return OTHER_OPS.has(opName) ? { statement, ops: [{ kind: 'other' }], reverse: null } : unknown;
  }
}

function readFunction(definition: PyNode, q: Qualifier, refs: string[]): MigrationFunction | null {
  const nameNode = child(definition, 'VariableName');
  const body = child(definition, 'Body');
  if (!nameNode || !body) return null;
  const fn: MigrationFunction = { definition, nameNode, body, steps: [], noops: [] };
  for (const statement of statements(body)) {
    const { step, noop, opRef } = readStep(statement, q);
    if (opRef) refs.push(opRef);
    if (noop) fn.noops.push(statement);
    else if (step) fn.steps.push(step);
  }
  return fn;
}

/** The value of a module-level `name = ...` (or `name: str = ...`). */
function moduleValue(ast: PyScript, name: string): PyNode | undefined | null {
  let found: PyNode | undefined | null;
  for (const statement of ast.children) {
    if (statement.type !== 'AssignStatement' || statement.children[0]?.type !== 'VariableName' || nodeText(statement.children[0]) !== name) continue;
    // A second assignment, or `a = b = ...`: cannot tell which value holds.
    if (found !== undefined || statement.children.filter((c) => c.type === 'AssignOp').length !== 1) return null;
    found = statement.children[statement.children.length - 1];
  }
  return found;
}

/** `down_revision`: `None`, a string, or a tuple / list of strings. */
function readDownRevisions(node: PyNode | undefined | null): string[] | null {
  if (node === undefined) return []; // Alembic reads a missing down_revision as None
  if (node === null) return null;
  if (node.type === 'None') return [];
  const single = stringOf(node);
  if (single !== undefined) return [single];
  if (node.type === 'TupleExpression' || node.type === 'ArrayExpression' || node.type === 'ParenthesizedExpression') {
    const out: string[] = [];
    for (const element of node.children) {
      const value = stringOf(element);
      if (value === undefined) return null;
      out.push(value);
    }
    return out;
  }
  return null;
}

const migrations = new WeakMap<PyScript, Migration | null>();

/**
 * The migration a parsed file is, or null when it is not one (no module-level `revision` or no
 * `def upgrade`). Built once per tree.
 */
export function readMigration(ast: PyScript): Migration | null {
  let migration = migrations.get(ast);
  if (migration === undefined) {
    migration = buildMigration(ast);
    migrations.set(ast, migration);
  }
  return migration;
}

function buildMigration(ast: PyScript): Migration | null {
  const revisionNode = moduleValue(ast, 'revision');
  if (revisionNode === undefined) return null;
  const functions = new Map<string, PyNode>();
  for (const statement of ast.children) {
    const definition = statement.type === 'DecoratedStatement' ? statement.children[statement.children.length - 1] : statement;
    if (definition?.type !== 'FunctionDefinition') continue;
    const name = child(definition, 'VariableName');
    if (name) functions.set(nodeText(name), definition);
  }
  if (!functions.has('upgrade')) return null;
  const imports = readImports(ast);
  const q = qualifierFor(imports, moduleNamesOf(ast, imports));
  const refs: string[] = [];
  const upgrade = readFunction(functions.get('upgrade')!, q, refs);
  const downgrade = functions.has('downgrade') ? readFunction(functions.get('downgrade')!, q, refs) : null;
  let opRef: string | null = refs[0] ?? null;
  if (opRef === null) for (const [local, b] of imports) if (b.module === 'alembic' && b.name === 'op') opRef = local;
  return {
    revision: revisionNode === null ? null : (stringOf(revisionNode) ?? null),
    downRevisions: readDownRevisions(moduleValue(ast, 'down_revision')),
    upgrade,
    downgrade,
    opRef,
  };
}

/** What upgrade() does, in order: every operation of every step. */
export function operations(fn: MigrationFunction | null): MigrationOp[] {
  return fn ? fn.steps.flatMap((s) => s.ops) : [];
}

// ---------------------------------------------------------------------------------------------------------
// The history

/** Another migration file, as plain data. */
export interface MigrationData {
  path: string;
  revision: string | null;
  downRevisions: string[] | null;
  upgrade: MigrationOp[];
}

const summaries = summaryCache((file, ast): MigrationData | false => {
  const migration = readMigration(ast);
  return migration ? { path: file, revision: migration.revision, downRevisions: migration.downRevisions, upgrade: operations(migration.upgrade) } : false;
});

/**
 * Another migration file as data, through the Python project layer's cache (path, modification time and
 * size): null when the file is not a migration, `'unreadable'` when it cannot be read or parsed (then the
 * history is incomplete).
 */
export function summarizeMigration(file: string): MigrationData | null | 'unreadable' {
  const data = summaries(file);
  return data === null ? 'unreadable' : data === false ? null : data;
}

/** The versions folders an `alembic.ini` names, or null when it names none the plugin can resolve. */
export function versionsFromIni(iniFile: string): { dirs: string[]; recursive: boolean } | null {
  let text: string;
  try {
    text = fs.readFileSync(iniFile, 'utf8');
  } catch {
    return null;
  }
  const here = path.dirname(iniFile);
  const values = new Map<string, string>();
  let section = '';
  let last: string | null = null;
  for (const line of text.split(/\r?\n|\r/u)) {
    if (/^\s*[#;]/u.test(line) || line.trim() === '') continue;
    const header = /^\s*\[([^\]]+)\]\s*$/u.exec(line);
    if (header) {
      section = header[1]!.trim();
      last = null;
      continue;
    }
    if (section !== 'alembic') continue;
    if (/^\s/u.test(line) && last) {
      values.set(last, `${values.get(last)}\n${line.trim()}`); // a continuation line
      continue;
    }
    const entry = /^([^=:]+?)\s*[=:]\s*(.*)$/u.exec(line);
    if (!entry) continue;
    last = entry[1]!.trim().toLowerCase();
    values.set(last, entry[2]!.trim());
  }
  const expand = (value: string): string | null => {
    const out = value.replaceAll('%(here)s', here).replaceAll('%%', '%');
    // `package:folder` names a package resource, which the plugin does not resolve.
    return out.includes('%(') || (!path.isAbsolute(out) && /^[\w.]+:/u.test(out)) ? null : path.resolve(here, out);
  };
  const recursive = /^(true|yes|on|1)$/iu.test(values.get('recursive_version_locations') ?? '');
  const locations = values.get('version_locations');
  if (locations) {
    const separator = values.get('version_path_separator') ?? 'space';
    const splitter =
      separator === 'os' ? path.delimiter : separator === ';' ? ';' : separator === ':' ? ':' : separator === 'newline' ? /\r?\n/u : /[\s,]+/u;
    const dirs = locations.split(splitter).map((s) => s.trim()).filter(Boolean).map(expand);
    return dirs.every((d): d is string => d !== null) && dirs.length > 0 ? { dirs, recursive } : null;
  }
  const script = values.get('script_location');
  const dir = script ? expand(script) : null;
  return dir ? { dirs: [path.join(dir, 'versions')], recursive } : null;
}

function findIni(file: string): string | null {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'alembic.ini');
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // keep looking
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function inside(file: string, dir: string, recursive: boolean): boolean {
  const relative = path.relative(dir, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative) && (recursive || !relative.includes(path.sep));
}

function listPython(dir: string, recursive: boolean, out: string[]): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.py') && entry.name !== '__init__.py') out.push(full);
    else if (recursive && entry.isDirectory() && entry.name !== '__pycache__') listPython(full, true, out);
  }
  return true;
}

export interface History {
  /** Migrations by revision, the linted one included. */
  byRevision: Map<string, MigrationData>;
  /** False when a file could not be read, a revision or parent cannot be read, or two files share a revision. */
  complete: boolean;
}

/**
 * The history the linted migration belongs to: the `alembic` setting's folders, those of the nearest
 * `alembic.ini` when they hold the file, or else the file's own folder.
 */
export function historyOf(file: string, self: Migration, settings: DataModelingSettings, cwd: string): History {
  let dirs: string[] | null = null;
  let recursive = false;
  if (settings.alembic) dirs = settings.alembic.map((d) => path.resolve(cwd, d));
  else {
    const ini = findIni(file);
    const found = ini ? versionsFromIni(ini) : null;
    if (found && found.dirs.some((d) => inside(file, d, found.recursive))) ({ dirs, recursive } = found);
  }
  dirs ??= [path.dirname(file)];
  const files: string[] = [];
  let complete = true;
  for (const dir of dirs) if (!listPython(dir, recursive, files)) complete = false;
  const byRevision = new Map<string, MigrationData>();
  const add = (data: MigrationData) => {
    if (data.revision === null || data.downRevisions === null || byRevision.has(data.revision)) complete = false;
    if (data.revision !== null) byRevision.set(data.revision, data);
  };
  const selfPath = path.resolve(file);
  add({ path: selfPath, revision: self.revision, downRevisions: self.downRevisions, upgrade: operations(self.upgrade) });
  for (const other of files.sort()) {
    if (path.resolve(other) === selfPath) continue;
    const data = summarizeMigration(other);
    if (data === 'unreadable') complete = false;
    else if (data) add(data);
  }
  return { byRevision, complete };
}

/**
 * The migrations that come after `revision` (those whose ancestry includes it), in an order Alembic may
 * run them (parents first).
 */
export function descendants(history: History, revision: string): MigrationData[] {
  const children = new Map<string, string[]>();
  for (const [rev, data] of history.byRevision) {
    for (const parent of data.downRevisions ?? []) {
      const list = children.get(parent) ?? [];
      list.push(rev);
      children.set(parent, list);
    }
  }
  const seen = new Set<string>();
  const stack = [...(children.get(revision) ?? [])];
  while (stack.length > 0) {
    const rev = stack.pop()!;
    if (seen.has(rev) || rev === revision) continue;
    seen.add(rev);
    stack.push(...(children.get(rev) ?? []));
  }
  // Parents first: a migration comes after every parent of it that is in the set.
  const out: MigrationData[] = [];
  const placed = new Set<string>([revision]);
  const pending = [...seen].sort();
  while (pending.length > 0) {
    const at = pending.findIndex((rev) => (history.byRevision.get(rev)!.downRevisions ?? []).every((p) => placed.has(p) || !seen.has(p)));
    if (at < 0) break; // a cycle: leave the rest out
    const [rev] = pending.splice(at, 1);
    placed.add(rev!);
    out.push(history.byRevision.get(rev!)!);
  }
  return out;
}

/** A table's row-level security once every later operation of the history has run. */
export type TableSecurity =
  | { state: 'dropped' }
  | { state: 'unknown' }
  | { state: 'known'; rlsEnabled: boolean; policies: Extract<MigrationOp, { kind: 'createPolicy' }>[] };

/** Follows `table` through `ops` (what runs after its creation): RLS switched, policies made and dropped, the table dropped. */
export function securityAfter(table: TableRef, ops: Iterable<MigrationOp>): TableSecurity {
  let rlsEnabled = false;
  let policies: Extract<MigrationOp, { kind: 'createPolicy' }>[] = [];
  for (const op of ops) {
    if (op.kind === 'unknown') return { state: 'unknown' };
    if (op.kind === 'other' || !sameTable(op.table, table)) continue;
    if (op.kind === 'dropTable') return { state: 'dropped' };
    if (op.kind === 'rls') rlsEnabled = op.enable;
    else if (op.kind === 'createPolicy') policies.push(op);
    else if (op.kind === 'dropPolicy') policies = policies.filter((p) => p.name !== op.name);
  }
  return { state: 'known', rlsEnabled, policies };
}


import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, propertyName, returnedExpression, unwrap } from './ast.js';
import { hasModifier } from './describe.js';
import { toSnakeCase } from './names.js';
import type { ColumnModel, ExtraEntryModel, ModifierModel, SchemaModel, TableModel } from './table.js';

/** A foreign key a table declares: inline `.references(() => x.id)` or a `foreignKey({ ... })` entry. */
export type ForeignKeyModel =
  | {
      kind: 'inline';
      /** The column whose chain has the `.references(...)`. */
      column: ColumnModel;
      columns: [ColumnModel];
      /** The `.references(...)` call of the column's chain. */
      modifier: ModifierModel;
      /** What the callback returns (`users.id`), or null when it cannot be read. */
      targets: [TSESTree.Expression | null];
    }
  | {
      kind: 'entry';
      columns: ColumnModel[];
      entry: ExtraEntryModel;
      /** The `foreignColumns` elements, by position. */
      targets: (TSESTree.Expression | null)[];
    };

export interface TableForeignKeys {
  keys: ForeignKeyModel[];
  /**
   * False when a foreign key may be invisible: the extra config (or part of it) cannot be read, or a
   * `foreignKey()` entry names columns the plugin cannot resolve.
   */
  complete: boolean;
}

/**
 * True for a column that names a foreign key by convention: its snake_case name ends in `_id` and is
 * not `id` itself (`user_id`, `userId` -> yes; `id`, `paid` -> no).
 */
export function isIdColumnName(dbName: string): boolean {
  // Most names end in a letter or digit other than d: their snake_case cannot end in `_id`.
  const last = dbName.charCodeAt(dbName.length - 1);
  if (last !== 0x64 && last !== 0x44 && isAsciiLetterOrDigit(last)) return false;
  const snake = toSnakeCase(dbName);
  return snake !== 'id' && snake.endsWith('_id');
}

/**
 * True for a column that names a foreign key by convention (see `isIdColumnName`) and may have a table
 * to point at: it is not the table's own primary key (`user_id` of `user_profiles` keyed by it), and,
 * when the schema set is known, a table named after it is in the set (`user_id` -> `users` or `user`):
 * `stripe_customer_id` holds an id from outside the database when no `stripe_customers` table exists.
 */
export function isForeignKeyCandidate(schema: SchemaModel, table: TableModel, column: ColumnModel): boolean {
  const dbName = column.dbName;
  if (dbName === null || !isIdColumnName(dbName)) return false;
  if (isOwnPrimaryKey(table, column)) return false;
  const project = schema.project;
  if (!project || project.schemaSet() === null) return true;
  const local = localTableNames(schema);
  return hasTargetTable(dbName, (name) => (local.has(name) ? true : project.hasTable(name)));
}

/**
 * The set half of `isForeignKeyCandidate`, for both stacks: true when a table named after the `_id`
 * column (`user_id` -> `users` or `user`) is in the schema set, or may be (`hasTable` answers null for
 * a table it cannot rule out).
 */
export function hasTargetTable(dbName: string, hasTable: (name: string) => boolean | null): boolean {
  const [stem, plural] = targetTableNames(dbName);
  return hasTable(stem) !== false || hasTable(plural) !== false;
}

/** The names of the tables an `_id` column may point at: `user_id` -> `user`, `users`. */
export function targetTableNames(dbName: string): [string, string] {
  const stem = toSnakeCase(dbName).slice(0, -'_id'.length);
  return [stem, pluralOf(stem)];
}

const tableNames = new WeakMap<SchemaModel, Set<string>>();

/** The database names and snake_case variable names of the file's tables, found once per file. */
function localTableNames(schema: SchemaModel): Set<string> {
  let names = tableNames.get(schema);
  if (!names) {
    names = new Set();
    for (const table of schema.tables) {
      if (table.name !== null) names.add(table.name);
      if (table.variableName !== null) names.add(toSnakeCase(table.variableName));
    }
    tableNames.set(schema, names);
  }
  return names;
}

/** True when the column is the table's primary key alone: `.primaryKey()` or `primaryKey({ columns: [t.x] })`. */
function isOwnPrimaryKey(table: TableModel, column: ColumnModel): boolean {
  if (hasModifier(column, 'primaryKey')) return true;
  const extra = table.extra;
  if (!extra || extra === 'unknown') return false;
  for (const entry of extra.entries) {
    if (entry.kind === 'primaryKey' && entry.columns.length === 1 && entry.columns[0] === column) return true;
  }
  return false;
}

/** English plurals good enough for table names: user -> users, category -> categories, address -> addresses. */
export function pluralOf(word: string): string {
  if (/[^aeiou]y$/u.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/u.test(word)) return `${word}es`;
  return `${word}s`;
}

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
}

/** The expression `.references(() => users.id)` points at: `users.id`, or null when not a simple callback. */
export function referenceTarget(modifier: ModifierModel): TSESTree.Expression | null {
  const callback = modifier.call.arguments[0];
  if (!callback || callback.type === AST_NODE_TYPES.SpreadElement) return null;
  const fn = unwrap(callback);
  return isFunction(fn) ? returnedExpression(fn) : null;
}

const cache = new WeakMap<TableModel, TableForeignKeys>();

/**
 * `.references(() => x.id)` on a column. Where it points is read when asked: most rules only need to
 * know which columns have a key, and each read reaches into the callback's nodes.
 */
class InlineForeignKey {
  readonly kind = 'inline';
  private columnList: [ColumnModel] | undefined;
  private target: [TSESTree.Expression | null] | undefined;

  constructor(
    readonly column: ColumnModel,
    readonly modifier: ModifierModel,
  ) {}

  /** The one column, as a list when asked (most rules ask for the key's column through other paths). */
  get columns(): [ColumnModel] {
    return (this.columnList ??= [this.column]);
  }

  get targets(): [TSESTree.Expression | null] {
    return (this.target ??= [referenceTarget(this.modifier)]);
  }
}

/** The position of the column in the key's columns, or -1 (an inline key's list is not made for it). */
export function keyPosition(key: ForeignKeyModel, column: ColumnModel): number {
  return key.kind === 'inline' ? (key.column === column ? 0 : -1) : key.columns.indexOf(column);
}

/** The first call of the column's chain with this name. */
function modifierNamed(column: ColumnModel, name: string): ModifierModel | undefined {
  if (!hasModifier(column, name)) return undefined; // most columns: no list of links made
  const modifiers = column.modifiers;
  for (let i = 0; i < modifiers.length; i++) if (modifiers[i]!.name === name) return modifiers[i];
  return undefined;
}

/** The foreign keys a table declares, in column order then entry order. */
export function foreignKeysOf(table: TableModel): TableForeignKeys {
  let result = cache.get(table);
  if (result) return result;
  const keys: ForeignKeyModel[] = [];
  for (let c = 0, columns = table.columns; c < columns.length; c++) {
    const column = columns[c]!;
    const modifier = modifierNamed(column, 'references');
    if (modifier) keys.push(new InlineForeignKey(column, modifier));
  }
  let complete = table.extra !== 'unknown' && (table.extra?.complete ?? true);
  if (table.extra && table.extra !== 'unknown') {
    for (let e = 0, entries = table.extra.entries; e < entries.length; e++) {
      const entry = entries[e]!;
      if (entry.kind !== 'foreignKey') continue;
      const columns = entry.columns.filter((c): c is ColumnModel => c !== null);
      // A position the plugin cannot resolve would shift the others: such a key is left out, unseen.
      if (entry.columnsUnknown || columns.length !== entry.columns.length || columns.length === 0) {
        complete = false;
        continue;
      }
      keys.push({ kind: 'entry', columns, entry, targets: columns.map((_, i) => entry.foreignColumns[i] ?? null) });
    }
  }
  result = { keys, complete };
  cache.set(table, result);
  return result;
}

/** The `columns: [...]` array of a `foreignKey({ ... })` entry (the precise spot to report on), or the entry. */
export function foreignKeyColumnsNode(entry: ExtraEntryModel): TSESTree.Node {
  const options = entry.baseCall?.arguments[0];
  if (options?.type === AST_NODE_TYPES.ObjectExpression) {
    for (const property of options.properties) {
      if (property.type === AST_NODE_TYPES.Property && propertyName(property) === 'columns') return property.value;
    }
  }
  return entry.node;
}

/**
 * Where a problem of a column in one table is reported (a missing index, which each table needs of its
 * own): the column's key, or the spot where a shared definition enters this table, so that each table's
 * report is at its own place: the spread, or the columns argument of `pgTable("x", columns)`. A problem of
 * the definition itself is reported at the key, once (see `ColumnReports`).
 */
export function columnReportNode(column: ColumnModel): TSESTree.Node {
  if (column.viaSpread) return column.viaSpread;
  const table = column.table;
  return table.columnsObject === null && table.columnsNode ? table.columnsNode : column.keyNode;
}

/**
 * Local names of the values a file imports from modules other than Drizzle's (`import { users } from
 * "./users"`): the tables of other modules it can refer to, for suggestions.
 */
export function importedNames(sourceCode: Readonly<TSESLint.SourceCode>): string[] {
  return importedIdentifiers(sourceCode).map((identifier) => identifier.name);
}

/** The local identifiers of the file's value imports from non-Drizzle modules, namespaces left out. */
export function importedIdentifiers(sourceCode: Readonly<TSESLint.SourceCode>): TSESTree.Identifier[] {
  const names: TSESTree.Identifier[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    if (statement.source.value === 'drizzle-orm' || statement.source.value.startsWith('drizzle-orm/')) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) continue;
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') continue;
      names.push(specifier.local);
    }
  }
  return names;
}

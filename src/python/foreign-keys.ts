/**
 * Foreign keys of SQLModel tables, and the `_id` columns that should have one, for require-foreign-keys
 * and require-indexes. The judgments are the Drizzle side's (src/model/foreign-keys.ts: `isIdColumnName`,
 * `hasTargetTable`); what differs is where the schema set comes from. SQLModel has no drizzle.config: a
 * project's tables are the `table=True` classes of its models, which live in the linted file, the files
 * beside it (a `models/` package) and the modules it imports. An `_id` column is a candidate when a table
 * named after it is among those; when none is, the plugin cannot tell an id from outside the database
 * (`stripe_customer_id`) from a table it cannot see, and stays silent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasModifier } from '../model/describe.js';
import { hasTargetTable, isIdColumnName } from '../model/foreign-keys.js';
import type { ForeignKeyTarget, PyColumn, PyModel, PyTable } from './model.js';
import type { PyNode } from './parse.js';
import { summarizePython } from './project.js';

/** A foreign key of a table: `foreign_key="t.id"` / `ForeignKey("t.id")` on a column, or a `ForeignKeyConstraint`. */
export interface PyTableForeignKey {
  kind: 'inline' | 'constraint';
  columns: PyColumn[];
  /** By position; null where the target cannot be read. */
  targets: (ForeignKeyTarget | null)[];
  /** The `ForeignKeyConstraint(...)` call, for a constraint. */
  node: PyNode | null;
}

const keysCache = new WeakMap<PyTable, { keys: PyTableForeignKey[]; complete: boolean }>();

/**
 * The foreign keys a table declares, in column order then constraint order. `complete` is false when one
 * may be invisible: `__table_args__` cannot be read, or a constraint names a column the table lacks.
 */
export function pyForeignKeysOf(table: PyTable): { keys: PyTableForeignKey[]; complete: boolean } {
  let result = keysCache.get(table);
  if (result) return result;
  const keys: PyTableForeignKey[] = [];
  let complete = table.tableArgsComplete;
  for (const column of table.columns) {
    if (column.references || column.referencesUnknown) keys.push({ kind: 'inline', columns: [column], targets: [column.references], node: null });
  }
  for (const fk of table.foreignKeys) {
    const columns = fk.columns.map((name) => (name === null ? undefined : table.column(name)));
    if (columns.length === 0 || columns.some((c) => c === undefined)) {
      complete = false;
      continue;
    }
    keys.push({ kind: 'constraint', columns: columns as PyColumn[], targets: columns.map((_, i) => fk.targets[i] ?? null), node: fk.node });
  }
  result = { keys, complete };
  keysCache.set(table, result);
  return result;
}

/** A table the linted file can see: its name, and its primary key's column name (null when it has none it can read). */
export interface KnownTable {
  name: string;
  primaryKey: string | null;
  /** Defined in the linted file. */
  local: boolean;
}

const knownCache = new WeakMap<PyModel, Map<string, KnownTable>>();

/**
 * The tables of the schema set as the linted file sees it: its own table classes, those of the `.py`
 * files in its folder, and those of the project modules it imports from (summaries cached by path and
 * modification time).
 */
export function knownTables(model: PyModel): Map<string, KnownTable> {
  let known = knownCache.get(model);
  if (known) return known;
  known = new Map();
  for (const table of model.tables) {
    if (table.name === null) continue;
    const pk = table.columns.find((c) => hasModifier(c, 'primaryKey'));
    known.set(table.name, { name: table.name, primaryKey: pk?.dbName ?? null, local: true });
  }
  const project = model.project;
  if (project) {
    const files = new Set<string>();
    const dir = path.dirname(project.file);
    try {
      for (const entry of fs.readdirSync(dir)) if (entry.endsWith('.py')) files.add(path.join(dir, entry));
    } catch {
      // An unreadable folder adds nothing.
    }
    for (const binding of model.imports.values()) {
      const file = project.resolveModule(binding.module);
      if (file) files.add(file);
    }
    files.delete(project.file);
    for (const file of files) {
      const summary = summarizePython(file);
      if (!summary) continue;
      for (const cls of summary.classes.values()) {
        if (!cls.table || cls.tablename === undefined) continue;
        const name = cls.tablename ?? cls.name.toLowerCase();
        if (known.has(name)) continue;
        const pk = cls.fields.find((f) => hasModifier(f, 'primaryKey'));
        known.set(name, { name, primaryKey: pk?.dbName ?? null, local: false });
      }
    }
  }
  knownCache.set(model, known);
  return known;
}

/**
 * True when the column is the table's primary key alone: the one `primary_key=True` field (several make
 * a composite key, as in a link table), or a one-column `PrimaryKeyConstraint`.
 */
function isOwnPrimaryKey(table: PyTable, column: PyColumn): boolean {
  if (hasModifier(column, 'primaryKey')) return !table.columns.some((c) => c !== column && hasModifier(c, 'primaryKey'));
  return table.indexes.some((i) => i.kind === 'primaryKey' && i.columns.length === 1 && i.columns[0] === column.dbName);
}

/**
 * True for a column that names a foreign key by convention (`user_id`), is not the table's own primary
 * key, and whose target table (`user` or `users`) is among the tables the file can see.
 */
export function isPyForeignKeyCandidate(model: PyModel, table: PyTable, column: PyColumn): boolean {
  const dbName = column.dbName;
  if (dbName === null || !isIdColumnName(dbName) || isOwnPrimaryKey(table, column)) return false;
  const known = knownTables(model);
  return hasTargetTable(dbName, (name) => known.has(name));
}

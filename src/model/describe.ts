import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { tenantRootTable } from '../settings.js';
import { isStaticString, propertyName, staticString, unwrap } from './ast.js';
import { modifierBits } from './columns.js';
import type { ColumnFacts, ColumnModel, ImportedColumn, SchemaModel, TableModel } from './table.js';

/** The name a message uses for a table: its database name, else its variable, else its factory call. */
export function tableLabel(table: TableModel): string {
  return table.name ?? table.variableName ?? `${table.factoryName}(…)`;
}

/** The `factoryName` of the model of a column set (`export const timestamps = {...}`), which has no table call. */
export const COLUMN_SET_FACTORY = '(column set)';

/**
 * What a message calls the owner of a column, for problems reported where the column is written:
 * `table "users"`, or `column set "timestamps"` for a column of a column set (an exported helper,
 * `...timestamps` or `...tenantId()` spread in this file), whose definition serves every table that
 * spreads it.
 */
export function ownerLabel(column: ColumnModel): string {
  const table = column.table;
  if (table.factoryName === COLUMN_SET_FACTORY && table.variableName !== null) return `column set "${table.variableName}"`;
  const spread = column.viaSpread ? spreadName(column.viaSpread.argument) : null;
  return spread === null ? `table "${tableLabel(table)}"` : `column set "${spread}"`;
}

/** The helper a spread names: `timestamps`, `tenantId()`, `helpers.timestamps`; null for anything else. */
function spreadName(argument: TSESTree.Expression): string | null {
  let node = unwrap(argument);
  if (node.type === AST_NODE_TYPES.CallExpression && node.arguments.length === 0) node = node.callee as TSESTree.Expression;
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.object.type === AST_NODE_TYPES.Identifier && node.property.type === AST_NODE_TYPES.Identifier) {
    return `${node.object.name}.${node.property.name}`;
  }
  return null;
}

/** The name a message uses for a column: its database name, else its key. */
export function columnLabel(column: Pick<ColumnFacts, 'dbName' | 'key'>): string {
  return column.dbName ?? column.key ?? '(computed)';
}

/**
 * True when the column's nodes may belong to several tables: it comes from a spread object, or the
 * table's columns are an object declared elsewhere (`pgTable("x", columns)`). A column written in the
 * table's own columns object belongs to that table alone, so rules that report a shared node once need
 * not remember the others.
 */
export function isSharedColumn(column: ColumnModel): boolean {
  return column.viaSpread !== null || column.table.columnsObject === null;
}

/**
 * The problems a rule has reported on shared columns in this file. A column of a same-file object spread
 * into several tables (`const timestamps = {...}`), or of a columns object several tables take, is one
 * definition: each of its problems is reported once, at the definition, by the first table that has it.
 * Every rule that reports a column problem asks `first` before it reports; make one per lint of a file.
 */
export class ColumnReports {
  /** Node of a shared definition -> the problems reported there; made at the first shared column. */
  private seen: Map<TSESTree.Node, string[]> | null = null;

  /**
   * True when `problem` (a message id, or any name of the problem) of `column` is to be reported: always
   * for a column written in its table, and the first time at `node` for a shared column. `node` is where
   * the problem is reported, in the shared definition: the column's key unless the problem sits elsewhere
   * in it (a modifier, the name argument).
   */
  first(column: ColumnModel, problem: string, node?: TSESTree.Node): boolean {
    if (!isSharedColumn(column)) return true;
    // The key is found only here: most columns are their table's own, and reading it touches a node.
    node ??= column.keyNode;
    const seen = (this.seen ??= new Map());
    const problems = seen.get(node);
    if (!problems) {
      seen.set(node, [problem]);
      return true;
    }
    if (problems.includes(problem)) return false;
    problems.push(problem);
    return true;
  }
}

/** The node a table-level problem is reported on: the table-name argument (or the call). */
export function tableReportNode(table: TableModel): TSESTree.Node {
  return table.nameNode ?? table.call;
}

/** A property of the builder's config object (`mode` in `timestamp("at", { mode: "string" })`), if written there. */
export function configProperty(column: ColumnModel, name: string): TSESTree.Property | null {
  for (const property of column.configArg?.properties ?? []) {
    if (property.type === AST_NODE_TYPES.Property && propertyName(property) === name) return property;
  }
  return null;
}

/** True for `mode: "string"` columns, whose values are strings rather than `Date`s. */
export function isStringMode(column: ColumnModel | ImportedColumn): boolean {
  if (column.origin === 'imported') return column.data.mode === 'string';
  const mode = configProperty(column, 'mode')?.value;
  return isStaticString(mode) && staticString(mode) === 'string';
}

/**
 * True when the column's chain calls one of the named modifiers. The names are parameters rather than a
 * rest array: rules ask this of most columns of a schema, and an array per call is garbage to collect.
 */
export function hasModifier(column: Pick<ColumnFacts, 'modifiers' | 'modifierMask'>, a: string, b?: string, c?: string, d?: string, e?: string): boolean {
  // From the column's mask when it keeps one and every name has a bit: no list of links is made.
  const mask = column.modifierMask;
  if (mask !== undefined) {
    const bits = modifierBits(a, b, c, d, e);
    if (bits !== -1) return (mask & bits) !== 0;
  }
  const modifiers = column.modifiers;
  for (let i = 0; i < modifiers.length; i++) {
    const name = modifiers[i]!.name;
    if (name === a || name === b || name === c || name === d || name === e) return true;
  }
  return false;
}

/**
 * The column when the linted file writes it (it has nodes to report on and to fix), else undefined: a
 * column spread in from another module is reported and fixed in that module.
 */
export function ownColumn(column: ColumnModel | ImportedColumn | undefined): ColumnModel | undefined {
  return column?.origin === 'local' ? column : undefined;
}

/** `sql\`now()\``-style tagged templates: the raw SQL text, when the tag is a plain identifier. */
export function sqlText(node: TSESTree.Node | undefined): string | null {
  if (node?.type !== AST_NODE_TYPES.TaggedTemplateExpression || node.quasi.expressions.length > 0) return null;
  return node.quasi.quasis.map((q) => q.value.cooked).join('');
}

/**
 * The variable name by which this file can refer to the root (tenants) table, and that table's `id`
 * key: a root table defined here or imported by name. Null when neither is in scope.
 */
export function rootTableRef(schema: SchemaModel, from: TableModel): string | null {
  const root = rootTableOf(schema, from);
  if (root === null || typeof root === 'string') return root && `${root}.id`;
  const idKey = root.column('id')?.key ?? 'id';
  return /^[A-Za-z_$][\w$]*$/u.test(idKey) ? `${root.variableName}.${idKey}` : `${root.variableName}[${JSON.stringify(idKey)}]`;
}

/** The `id` column `rootTableRef` refers to, when the root table is defined in this file. */
export function rootTableIdColumn(schema: SchemaModel, from: TableModel): ColumnModel | null {
  const root = rootTableOf(schema, from);
  return root === null || typeof root === 'string' ? null : (ownColumn(root.column('id')) ?? null);
}

/**
 * The tenants root (`tenantRootTable`) as `from` can refer to it: defined here (with a variable), the local
 * name of an imported one, or null when it is not in scope or not known.
 */
function rootTableOf(schema: SchemaModel, from: TableModel): TableModel | string | null {
  const root = tenantRootTable(schema.settings);
  if (root === null) return null;
  const defined = rootTablesOf(schema).find((t) => t !== from && (t.name === root || t.variableName === root) && t.variableName);
  return defined ?? schema.importedRootTables.get(root) ?? null;
}

const rootTables = new WeakMap<SchemaModel, TableModel[]>();

/** The file's root tables, found once per file (rules ask for them table by table). */
function rootTablesOf(schema: SchemaModel): TableModel[] {
  let roots = rootTables.get(schema);
  if (!roots) rootTables.set(schema, (roots = schema.tables.filter((t) => t.isRoot)));
  return roots;
}

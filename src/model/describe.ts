import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isStaticString, propertyName, staticString } from './ast.js';
import type { ColumnModel, SchemaModel, TableModel } from './table.js';

/** The name a message uses for a table: its database name, else its variable, else its factory call. */
export function tableLabel(table: TableModel): string {
  return table.name ?? table.variableName ?? `${table.factoryName}(…)`;
}

/** The name a message uses for a column: its database name, else its key. */
export function columnLabel(column: ColumnModel): string {
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
export function isStringMode(column: ColumnModel): boolean {
  const mode = configProperty(column, 'mode')?.value;
  return isStaticString(mode) && staticString(mode) === 'string';
}

/**
 * True when the column's chain calls one of the named modifiers. The names are parameters rather than a
 * rest array: rules ask this of most columns of a schema, and an array per call is garbage to collect.
 */
export function hasModifier(column: ColumnModel, a: string, b?: string, c?: string, d?: string, e?: string): boolean {
  const modifiers = column.modifiers;
  for (let i = 0; i < modifiers.length; i++) {
    const name = modifiers[i]!.name;
    if (name === a || name === b || name === c || name === d || name === e) return true;
  }
  return false;
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
  return root === null || typeof root === 'string' ? null : (root.column('id') ?? null);
}

/** The root table `from` refers to: one defined here (with a variable), the local name of an imported one, or null. */
function rootTableOf(schema: SchemaModel, from: TableModel): TableModel | string | null {
  for (const root of schema.settings.rootTables) {
    const defined = rootTablesOf(schema).find((t) => t !== from && (t.name === root || t.variableName === root) && t.variableName);
    if (defined) return defined;
    const imported = schema.importedRootTables.get(root);
    if (imported) return imported;
  }
  return null;
}

const rootTables = new WeakMap<SchemaModel, TableModel[]>();

/** The file's root tables, found once per file (rules ask for them table by table). */
function rootTablesOf(schema: SchemaModel): TableModel[] {
  let roots = rootTables.get(schema);
  if (!roots) rootTables.set(schema, (roots = schema.tables.filter((t) => t.isRoot)));
  return roots;
}

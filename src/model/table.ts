import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Casing, DataModelingSettings } from '../settings.js';
import type { FileProject } from '../project/project.js';

/** How a table was defined. */
export type TableFactoryKind =
  | 'pgTable' // pgTable(...) / pg.pgTable(...)
  | 'schema' // pgSchema("x").table(...)
  | 'creator' // the function returned by pgTableCreator(...)
  | 'casing' // snakeCase.table(...) / camelCase.table(...) (drizzle-orm 1.0)
  | 'custom'; // a factory named in settings.tableFactories

/** One step of a column's modifier chain: `.notNull()`, `.default(sql\`now()\`)`, `.references(() => x.id)`. */
export interface ModifierModel {
  name: string;
  /** The call `….name(args)`. */
  call: TSESTree.CallExpression;
  /** The `name` identifier after the dot. */
  property: TSESTree.Identifier;
}

/** How the builders of a table's columns are reached, for fixes that write new columns. */
export type BuilderStyle =
  | { kind: 'imports' } // uuid("id") with `uuid` imported from drizzle-orm/pg-core (or a namespace)
  | { kind: 'param'; name: string; fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression } // (t) => ({ id: t.uuid() })
  | {
      kind: 'destructured';
      pattern: TSESTree.ObjectPattern;
      /** builder name -> local name, for the builders named in the pattern */
      locals: Map<string, string>;
    }; // ({ uuid, text }) => ({ ... })

/**
 * What the rules know of a column wherever it was written: plain data, no syntax nodes. Columns of the
 * linted file are `ColumnModel`s (facts and nodes); columns spread in from another module are
 * `ImportedColumn`s (facts only): they are reported and fixed in the file that writes them.
 */
export interface ColumnFacts {
  /** Property key text, or null for a computed key. */
  key: string | null;
  /** The pg-core builder name (`uuid`, `timestamp`…), or null when the value is not a recognised builder. */
  builder: string | null;
  /** Database column name: the name argument, or the key under the table's casing; null when unknown. */
  dbName: string | null;
  /** Modifier chain, innermost first (only the names are facts). */
  modifiers: readonly { name: string }[];
  /**
   * The chain's modifiers among the common ones, a bit each (see `modifierBits`), when the column keeps
   * them so: `hasModifier` answers from it without making the chain's list.
   */
  modifierMask?: number;
  /** True when the builder call has a first argument that is a name (literal or not). */
  hasNameArg: boolean;
  /** The table this column belongs to. */
  table: TableModel;
  /** Where the column is written: `local` in the linted file (with nodes), `imported` from another module. */
  origin: 'local' | 'imported';
}

/** The facts of a column written in another module, as its module summary holds them. */
export interface ColumnData {
  key: string | null;
  /** The name argument when it is a static string. */
  nameArg: string | null;
  hasNameArg: boolean;
  builder: string | null;
  modifiers: readonly string[];
  /** The builder config's `mode` when static (`"string"`, `"date"`). */
  mode: string | null;
  /** The builder config's `withTimezone`: true, false, or null when absent or not a literal. */
  withTimezone: boolean | null;
}

/** A column from another module's column set, with the facts the rules read. */
export interface ImportedColumn extends ColumnFacts {
  origin: 'imported';
  data: ColumnData;
  /** The module that writes the column (absolute path). */
  module: string;
}

export interface ColumnModel extends ColumnFacts {
  origin: 'local';
  /** Property key text, or null for a computed key. */
  key: string | null;
  keyNode: TSESTree.Property['key'];
  property: TSESTree.Property;
  /** The value expression, with TS wrappers (`as`, `!`, `satisfies`) removed. */
  value: TSESTree.Expression;
  /** The pg-core builder name (`uuid`, `timestamp`…), or null when the value is not a recognised builder. */
  builder: string | null;
  /** The base builder call `uuid("id")`, when recognised. */
  builderCall: TSESTree.CallExpression | null;
  /** The builder's name argument when it is a string literal. */
  nameArg: TSESTree.StringLiteral | TSESTree.TemplateLiteral | null;
  /** True when the builder call has a first argument that is a name (literal or not). */
  hasNameArg: boolean;
  /** The builder's config object (`varchar({ length })`, `timestamp("x", { withTimezone: true })`). */
  configArg: TSESTree.ObjectExpression | null;
  /** Database column name: the name argument, or the key under the table's casing; null when unknown. */
  dbName: string | null;
  /** Modifier chain, innermost first. */
  modifiers: ModifierModel[];
  /** The spread that brought this column in from another object, if any (outermost spread). */
  viaSpread: TSESTree.SpreadElement | null;
  /** The table this column belongs to. */
  table: TableModel;
}

export type ExtraEntryKind =
  | 'index'
  | 'uniqueIndex'
  | 'primaryKey'
  | 'foreignKey'
  | 'unique'
  | 'check'
  | 'policy'
  | 'crudPolicy'
  | 'unknown';

export interface PolicyModel {
  /** The `pgPolicy(...)` or `crudPolicy(...)` call. */
  call: TSESTree.CallExpression;
  kind: 'pgPolicy' | 'crudPolicy';
  /** Where the policy was attached to the table. */
  source: 'extra' | 'link';
  name: string | null;
  nameNode: TSESTree.Expression | null;
  /** The options object (second argument of pgPolicy, first of crudPolicy), when it is a literal. */
  options: TSESTree.ObjectExpression | null;
  /** Option values by key (`as`, `for`, `to`, `using`, `withCheck`; crudPolicy: `role`, `read`, `modify`). */
  option(name: string): TSESTree.Expression | undefined;
  /** True when the options could not all be read (spread, computed key, non-literal object). */
  optionsUnknown: boolean;
}

/** A policy another module links to a table: `pgPolicy("p", {...}).link(tasks)` in policies.ts. */
export interface LinkedPolicy {
  name: string | null;
  /** The module that links it. */
  module: string;
  /** Commands it isolates to the current tenant, and commands it may grant in ways the plugin cannot read. */
  isolates: readonly ('select' | 'insert' | 'update' | 'delete')[];
  unknown: readonly ('select' | 'insert' | 'update' | 'delete')[];
}

export interface ExtraEntryModel {
  kind: ExtraEntryKind;
  /** The whole entry expression, as written in the array or as a property value. */
  node: TSESTree.Expression;
  /** The factory call at the base of the chain (`index("x")` in `index("x").on(t.a)`). */
  baseCall: TSESTree.CallExpression | null;
  /** The deprecated object form's property, when the entry is one. */
  property: TSESTree.Property | null;
  /** The name given to the index / constraint / policy, as a string literal node. */
  nameNode: TSESTree.StringLiteral | TSESTree.TemplateLiteral | null;
  name: string | null;
  /** The columns the entry names, in order; null for a position the plugin cannot read (an expression). */
  columns: (ColumnModel | null)[];
  /** True when the column list itself could not be read (a spread, a helper). */
  columnsUnknown: boolean;
  /** For foreignKey: the `foreignColumns` element expressions. */
  foreignColumns: readonly TSESTree.Expression[];
  /** Modifier calls of the chain (`on`, `using`, `where`, `nullsNotDistinct`, `onDelete`…). */
  chain: ModifierModel[];
  policy: PolicyModel | null;
}

export interface ExtraConfigModel {
  /** The function passed as the third argument. */
  fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression;
  /** Name of the function's parameter (`t`, `table`), or null when destructured / absent. */
  paramName: string | null;
  /** Destructured parameter: column key -> local name. */
  paramLocals: Map<string, string> | null;
  /** `array`: `(t) => [...]`; `object`: the deprecated `(t) => ({ ... })`. */
  form: 'array' | 'object';
  /** The literal that new entries are added to. */
  container: TSESTree.ArrayExpression | TSESTree.ObjectExpression;
  entries: ExtraEntryModel[];
  /** False when part of the config could not be read (a spread of an unknown value, a helper call). */
  complete: boolean;
}

export interface TableModel {
  /** The call that defines the table: `pgTable("users", {...})`. */
  call: TSESTree.CallExpression;
  /** The whole defining expression, including `.enableRLS()`. */
  expression: TSESTree.Expression;
  factory: TableFactoryKind;
  /** Local name of the factory, for messages. */
  factoryName: string;
  /** The first argument (table name), if any. */
  nameNode: TSESTree.Expression | null;
  /** The table name when it is a string literal. */
  name: string | null;
  /** `pgSchema("x")`'s name, when known. */
  schemaName: string | null;
  /** The variable the table is assigned to. */
  variable: TSESLint.Scope.Variable | null;
  variableName: string | null;
  exported: boolean;
  casing: Casing;
  /** The columns argument. */
  columnsNode: TSESTree.Expression | null;
  /** The object literal that holds the table's own columns (where fixes insert), or null. */
  columnsObject: TSESTree.ObjectExpression | null;
  builderStyle: BuilderStyle;
  columns: ColumnModel[];
  /** False when some columns cannot be seen (unresolved spread, helper call, computed key, unknown name). */
  columnsComplete: boolean;
  /** Columns spread in from other modules (resolved through the project layer): facts, no nodes. */
  importedColumns: ImportedColumn[];
  /**
   * Policies that other files of the schema set attach with `pgPolicy(...).link(table)`: what they
   * isolate, as command bits. Null when the schema set is unknown (no drizzle.config, no `schema` setting).
   */
  linkedPolicies: LinkedPolicy[] | null;
  /** Columns a configured factory adds by itself (database names). */
  implicitColumns: string[];
  /** Third argument: the extra config; `null` when absent, `unknown` when it is not a readable function. */
  extra: ExtraConfigModel | null | 'unknown';
  /** RLS enabled explicitly: `.enableRLS()` or `withRLS`. */
  rlsEnabled: boolean;
  rlsNode: TSESTree.Node | null;
  /** Policies attached in the extra config and through `.link(table)`. */
  policies: PolicyModel[];
  /** True when some policies may be invisible (unknown extra-config parts). */
  policiesUnknown: boolean;
  /** True when this is a root table (not tenant-scoped). */
  isRoot: boolean;
  /** Finds a column by its database name, in the table's own columns and then in imported ones. */
  column(dbName: string): ColumnModel | ImportedColumn | undefined;
  /** Finds a column by its property key. */
  columnByKey(key: string): ColumnModel | undefined;
  /**
   * True when a column of this database name is known to be absent: it is not among the known columns,
   * not added by the factory, and the columns are fully known.
   */
  lacks(dbName: string): boolean;
}

export interface ImportInfo {
  /** The first non-type-only `import { … } from "<module>"` declaration with named specifiers. */
  declaration: TSESTree.ImportDeclaration | null;
  /** imported name -> local name, for value imports. */
  named: Map<string, string>;
  /** local name of `import * as ns from "<module>"`. */
  namespace: string | null;
}

export interface SchemaModel {
  /**
   * The tables the app owns, which every rule checks. Tables it does not own are left out: those of a
   * schema it does not migrate (Supabase's `auth`, `storage`, …, the `externalSchemas` setting, a
   * `pgSchema(…).existing()`).
   */
  tables: TableModel[];
  /** The tables of the file the app does not own (see `tables`): declared only to be referred to. */
  externalTables: TableModel[];
  settings: DataModelingSettings;
  /** `drizzle-orm/pg-core` imports. */
  pgCore: ImportInfo;
  /** `drizzle-orm` imports (`sql`, `relations`). */
  drizzleOrm: ImportInfo;
  /** Table by the variable it is assigned to. */
  tableByVariable: Map<TSESLint.Scope.Variable, TableModel>;
  /**
   * Names bound at module level (imports and declarations), for fixes that must not shadow or collide:
   * the module scope's own map of them (no copy per lint; fixes only ask).
   */
  moduleNames: { has(name: string): boolean };
  /** Local names of imports (any module) that name a root table, e.g. `import { tenants } from "./tenants"`. */
  importedRootTables: Map<string, string>;
  /**
   * Column sets the file exports and no table of it spreads (`export const timestamps = {...}`), read
   * as tables without a call: the column rules report their columns here, once.
   */
  columnSets: TableModel[];
  /** The linted file's place in its project (resolution, summaries, schema set), or null outside one. */
  project: FileProject | null;
}

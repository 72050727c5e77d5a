import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { readSettings, SUPABASE_SCHEMAS, type Casing, type DataModelingSettings } from '../settings.js';
import { isFunction, outerWrapper, returnedExpression, staticString, unwrap as unwrapExpression } from './ast.js';
import { columnData, readColumns, type ColumnContext } from './columns.js';
import { readExtraConfig, readPolicy } from './extra-config.js';
import { isSnakeCase, toSnakeCase } from './names.js';
import { resolveTables, VariableMeanings, type FoundTable, type Resolution } from './find-tables.js';
import type {
  BuilderStyle,
  ColumnData,
  ColumnModel,
  ExtraConfigModel,
  ImportedColumn,
  ImportInfo,
  LinkedPolicy,
  PolicyModel,
  SchemaModel,
  TableFactoryKind,
  TableModel,
} from './table.js';
import { projectOf, type FileProject } from '../project/project.js';
import { COLUMN_SET_FACTORY } from './describe.js';

interface Cached {
  settings: DataModelingSettings;
  schema: SchemaModel;
}

const cache = new WeakMap<TSESTree.Program, Cached>();

/**
 * The schema model of the file being linted, built once per Program and shared by every rule.
 * The cache holds no state across files: a new Program (new file, new lint run, another worker thread)
 * gets its own model.
 */
export function getSchema(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): SchemaModel {
  const sourceCode = context.sourceCode;
  const settings = readSettings(context.settings);
  const cached = cache.get(sourceCode.ast);
  if (cached?.settings === settings) return cached.schema;
  const project = projectOf(context.physicalFilename, context.cwd, settings, sourceCode.parserServices?.program ?? null);
  const schema = buildSchema(sourceCode, project?.settings ?? settings, project);
  cache.set(sourceCode.ast, { settings, schema });
  return schema;
}

/** The module names of a file without Drizzle tables (shared: only asked). */
const NO_NAMES: ReadonlySet<string> = new Set();

function emptyImports(): ImportInfo {
  return { declaration: null, named: new Map(), namespace: null };
}

/**
 * The schema model of a parsed file. With `summary`, only what other files read of a module (see
 * src/project/summary.ts) is read: tables' names and columns and the column sets, not the tables' extra
 * configs (indexes, constraints, policies), `.link()` policies or the policies other files link.
 */
export function buildSchema(
  sourceCode: Readonly<TSESLint.SourceCode>,
  settings: DataModelingSettings,
  project: FileProject | null = null,
  summary = false,
): SchemaModel {
  const scopeManager = sourceCode.scopeManager as TSESLint.Scope.ScopeManager;
  const resolution = resolveTables(sourceCode.ast, scopeManager, settings, project);
  const schema: SchemaModel = {
    tables: [],
    externalTables: [],
    settings,
    pgCore: resolution?.pgCore ?? emptyImports(),
    drizzleOrm: resolution?.drizzleOrm ?? emptyImports(),
    tableByVariable: new Map(),
    moduleNames: resolution?.moduleScope.set ?? NO_NAMES,
    importedRootTables: new Map(),
    project,
    columnSets: [],
  };
  if (!resolution) return schema;
  const roots = new Set(settings.rootTables);
  for (const [local, imported] of resolution.otherImports) {
    if (roots.has(imported) || roots.has(local)) schema.importedRootTables.set(imported, local);
  }
  const ctx: ColumnContext = { meanings: resolution.meanings, scopeManager, sourceCode, strings: new Map(), project };
  for (let f = 0, tables = resolution.tables; f < tables.length; f++) {
    const found = tables[f]!;
    const table = readTable(found, settings, ctx, summary);
    // A table the app does not own is no rule's business, and no reference to it resolves to a table of
    // the file: what the file shows of it (a few columns to refer to) is not its definition.
    if (isExternal(found, table.name, settings)) {
      schema.externalTables.push(table);
      continue;
    }
    schema.tables.push(table);
    if (table.variable) schema.tableByVariable.set(table.variable, table);
  }
  if (!summary) attachLinks(schema, resolution, ctx);
  schema.columnSets = readColumnSets(sourceCode.ast, schema, settings, ctx);
  if (project && !summary) {
    for (let t = 0; t < schema.tables.length; t++) {
      const table = schema.tables[t]!;
      table.linkedPolicies = table.variableName === null ? null : project.linkedPolicies(table.variableName);
    }
  }
  return schema;
}

/**
 * True for a table the app does not create or migrate: in an `.existing()` schema or an external one.
 * Introspected Supabase schemas also name such a table with its schema, `pgTable("auth.users", ...)`.
 */
function isExternal(found: FoundTable, name: string | null, settings: DataModelingSettings): boolean {
  const { existing } = found.fn;
  let schemaName = found.fn.schemaName;
  if (schemaName === null && name !== null) {
    const dot = name.indexOf('.');
    if (dot > 0) schemaName = name.slice(0, dot);
  }
  return existing || (schemaName !== null && (SUPABASE_SCHEMAS.includes(schemaName) || settings.externalSchemas.includes(schemaName)));
}

/** The imported columns of a table that has none (shared: replaced, never written to, by the first push). */
const NO_IMPORTED: ImportedColumn[] = Object.freeze([]) as unknown as ImportedColumn[];

const IMPORTED_BUILDERS: BuilderStyle = Object.freeze({ kind: 'imports' });

/** The columns of a table whose names are all snake_case, by their snake_case spelling: none. */
const NO_COLUMNS: ReadonlyMap<string, ColumnModel> = new Map();

/** Columns up to which a lookup scans the list; a larger table gets maps, built at its first lookup. */
const SCAN_LIMIT = 16;

/**
 * A table of the model. Lookups scan the few columns of a typical table rather than keep maps for each
 * of them: a schema has thousands of tables, and each map is an allocation the garbage collector pays for.
 */
class Table implements TableModel {
  columnsNode: TSESTree.Expression | null = null;
  columnsObject: TSESTree.ObjectExpression | null = null;
  builderStyle: BuilderStyle = IMPORTED_BUILDERS;
  columns: ColumnModel[] = [];
  columnsComplete = true;
  importedColumns: ImportedColumn[] = NO_IMPORTED;
  linkedPolicies: LinkedPolicy[] | null = null;
  implicitColumns: string[];
  extra: ExtraConfigModel | null | 'unknown' = null;
  policies: PolicyModel[] = [];
  policiesUnknown = false;
  isRoot = false;
  readonly factory: TableFactoryKind;
  readonly factoryName: string;
  readonly schemaName: string | null;
  /** The variable's name; for a column set, its exported name (what messages call it). */
  variableName: string | null;
  private byDbName: Map<string, ColumnModel> | null = null;
  private byKey: Map<string, ColumnModel> | null = null;
  private bySnakeName: ReadonlyMap<string, ColumnModel> | null = null;

  constructor(
    readonly call: TSESTree.CallExpression,
    readonly expression: TSESTree.Expression,
    fn: FoundTable['fn'],
    readonly nameNode: TSESTree.Expression | null,
    readonly name: string | null,
    readonly variable: TSESLint.Scope.Variable | null,
    readonly exported: boolean,
    readonly casing: Casing,
    readonly rlsEnabled: boolean,
    readonly rlsNode: TSESTree.Node | null,
  ) {
    this.factory = fn.factory;
    this.factoryName = fn.name;
    this.schemaName = fn.schemaName;
    this.implicitColumns = fn.implicitColumns;
    this.variableName = variable?.name ?? null;
  }

  column(dbName: string): ColumnModel | ImportedColumn | undefined {
    // A column spelled another way (`tenantId: uuid()` under `preserve` casing is the column
    // "tenantId") is still the column the standard means: its spelling is the business of the
    // snake-case rule, and no rule may insert a second one beside it.
    const local = this.byDbNameExact(dbName) ?? this.bySnakeCase(dbName);
    if (local !== undefined || this.importedColumns.length === 0) return local;
    const imported = this.importedColumns;
    for (let i = 0; i < imported.length; i++) if (imported[i]!.dbName === dbName) return imported[i];
    for (let i = 0; i < imported.length; i++) {
      const name = imported[i]!.dbName;
      if (name !== null && !isSnakeCase(name) && toSnakeCase(name) === dbName) return imported[i];
    }
    return undefined;
  }

  /** The first column of this database name. */
  private byDbNameExact(dbName: string): ColumnModel | undefined {
    const columns = this.columns;
    if (columns.length <= SCAN_LIMIT) {
      for (let i = 0; i < columns.length; i++) if (columns[i]!.dbName === dbName) return columns[i];
      return undefined;
    }
    if (!this.byDbName) {
      this.byDbName = new Map();
      for (const column of columns) if (column.dbName !== null && !this.byDbName.has(column.dbName)) this.byDbName.set(column.dbName, column);
    }
    return this.byDbName.get(dbName);
  }

  /** The first column whose database name is not snake_case but converts to `snake` (a map built once, when any is). */
  private bySnakeCase(snake: string): ColumnModel | undefined {
    if (this.bySnakeName === null) {
      let map: Map<string, ColumnModel> | null = null;
      for (let c = 0, columns = this.columns; c < columns.length; c++) {
        const column = columns[c]!;
        if (column.dbName === null || isSnakeCase(column.dbName)) continue;
        const converted = toSnakeCase(column.dbName);
        if (converted === column.dbName) continue;
        map ??= new Map();
        if (!map.has(converted)) map.set(converted, column);
      }
      this.bySnakeName = map ?? NO_COLUMNS;
    }
    return this.bySnakeName.get(snake);
  }

  columnByKey(key: string): ColumnModel | undefined {
    const columns = this.columns;
    if (columns.length <= SCAN_LIMIT) {
      // The last of a repeated key wins, as in the object literal.
      for (let i = columns.length - 1; i >= 0; i--) if (columns[i]!.key === key) return columns[i];
      return undefined;
    }
    if (!this.byKey) {
      this.byKey = new Map();
      for (const column of columns) if (column.key !== null) this.byKey.set(column.key, column);
    }
    return this.byKey.get(key);
  }

  lacks(dbName: string): boolean {
    return this.columnsComplete && this.column(dbName) === undefined && !this.implicitColumns.includes(dbName);
  }
}

/** The file's tables followed by its unused exported column sets, for the rules that judge columns one by one. */
export function withColumnSets(schema: SchemaModel): readonly TableModel[] {
  return schema.columnSets.length === 0 ? schema.tables : [...schema.tables, ...schema.columnSets];
}

/** A column set is read as the columns of a table without a call: only its columns are used. */
const COLUMN_SET_FN: FoundTable['fn'] = Object.freeze({
  kind: 'tableFn',
  factory: 'custom',
  name: COLUMN_SET_FACTORY,
  rls: false,
  casing: null,
  schemaName: null,
  implicitColumns: [],
  existing: false,
}) as FoundTable['fn'];

/**
 * The columns of an object literal that a module exports for tables to spread (`timestamps`,
 * `tenantId()`), as node-free data; null when the object holds no column (it is not a column set).
 */
export function readColumnSet(
  object: TSESTree.ObjectExpression,
  sourceCode: Readonly<TSESLint.SourceCode>,
  settings: DataModelingSettings,
  project: FileProject | null,
  meanings: VariableMeanings | undefined,
): { columns: ColumnData[]; complete: boolean } | null {
  const scopeManager = sourceCode.scopeManager as TSESLint.Scope.ScopeManager;
  const ctx: ColumnContext = { meanings: meanings ?? new VariableMeanings(scopeManager), scopeManager, sourceCode, strings: new Map(), project };
  const set = columnSetTable(object, null, settings, ctx);
  const columns: ColumnData[] = [];
  let known = false;
  for (const column of set.columns) {
    if (column.builder !== null) known = true;
    columns.push(columnData(column));
  }
  for (const column of set.importedColumns) {
    known = true;
    columns.push(column.data);
  }
  return known ? { columns, complete: set.columnsComplete } : null;
}

/** The columns of a column-set object as a table model without a call (`name` its exported name). */
function columnSetTable(object: TSESTree.ObjectExpression, name: string | null, settings: DataModelingSettings, ctx: ColumnContext): TableModel {
  const set = new Table(object as unknown as TSESTree.CallExpression, object, COLUMN_SET_FN, null, null, null, true, settings.casing, false, null);
  set.variableName = name;
  readColumns(set, object, ctx);
  return set;
}

/**
 * The column sets this file exports (`export const timestamps = {...}`, `export function tenantId() {
 * return {...}; }`) that no table of the file spreads: their columns are reported here, where they can
 * be fixed, and not in every file whose tables spread them.
 */
function readColumnSets(program: TSESTree.Program, schema: SchemaModel, settings: DataModelingSettings, ctx: ColumnContext): TableModel[] {
  let used: Set<TSESTree.Node> | null = null;
  let sets: TableModel[] | null = null;
  /** Adds the column set `init` holds, if it is one that no table of the file spreads. */
  const consider = (name: string, init: TSESTree.Node | null): void => {
    const object = columnSetObject(init);
    if (!object || object.properties.length === 0) return;
    if (!used) {
      used = new Set();
      for (const table of schema.tables) for (const column of table.columns) used.add(column.property.parent);
    }
    if (used.has(object)) return;
    const set = columnSetTable(object, name, settings, ctx);
    if (set.columns.some((column) => column.builder !== null)) (sets ??= []).push(set);
  };
  // Indexed loops and no lists of candidates: a schema module exports a statement per table, and this
  // runs once per file, before the JIT has compiled it.
  const body = program.body;
  for (let s = 0; s < body.length; s++) {
    const statement = body[s]!;
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || !statement.declaration) continue;
    const declaration = statement.declaration;
    if (declaration.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const') {
      const declarations = declaration.declarations;
      for (let d = 0; d < declarations.length; d++) {
        const declarator = declarations[d]!;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) consider(declarator.id.name, declarator.init);
      }
    } else if (declaration.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      consider(declaration.id.name, declaration);
    }
  }
  return sets ?? NO_SETS;
}

/** The column sets of a file that exports none (shared: never written to). */
const NO_SETS: TableModel[] = Object.freeze([]) as unknown as TableModel[];

/** The object literal of a column set: `{...}`, `() => ({...})`, `function () { return {...}; }`. */
export function columnSetObject(init: TSESTree.Node | null | undefined): TSESTree.ObjectExpression | null {
  if (!init) return null;
  let node: TSESTree.Node = init.type === AST_NODE_TYPES.FunctionDeclaration ? init : unwrapExpression(init as TSESTree.Expression);
  if (isFunction(node) || node.type === AST_NODE_TYPES.FunctionDeclaration) {
    const returned = returnedExpression(node);
    if (!returned) return null;
    node = unwrapExpression(returned);
  }
  return node.type === AST_NODE_TYPES.ObjectExpression ? node : null;
}

function readTable(found: FoundTable, settings: DataModelingSettings, ctx: ColumnContext, summary: boolean): TableModel {
  const { call, fn } = found;
  const nameNode = call.arguments[0] && call.arguments[0].type !== AST_NODE_TYPES.SpreadElement ? call.arguments[0] : null;
  const name = staticString(nameNode);

  // Walk out through `.enableRLS()` to the declaration.
  let expression: TSESTree.Expression = call;
  let rlsEnabled = fn.rls;
  let rlsNode: TSESTree.Node | null = fn.rls ? call.callee : null;
  for (;;) {
    const child = outerWrapper(expression);
    const parent = child.parent;
    if (
      parent?.type === AST_NODE_TYPES.MemberExpression &&
      parent.object === child &&
      !parent.computed &&
      parent.property.type === AST_NODE_TYPES.Identifier &&
      parent.property.name === 'enableRLS' &&
      parent.parent.type === AST_NODE_TYPES.CallExpression &&
      parent.parent.callee === parent
    ) {
      rlsEnabled = true;
      rlsNode = parent.property;
      expression = parent.parent;
      continue;
    }
    break;
  }
  const child = outerWrapper(expression);
  const parent = child.parent;
  let variable: TSESLint.Scope.Variable | null = null;
  let exported = false;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier) {
    variable = ctx.scopeManager.getDeclaredVariables(parent)[0] ?? null;
    exported = parent.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration;
    if (!exported && variable) {
      // `export { users }`, `export default users`
      exported = variable.references.some(
        (ref) => ref.identifier.parent?.type === AST_NODE_TYPES.ExportSpecifier || ref.identifier.parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration,
      );
    }
  } else if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
    exported = true;
  }

  const roots = settings.rootTables;
  const table = new Table(call, expression, fn, nameNode, name, variable, exported, fn.casing ?? settings.casing, rlsEnabled, rlsNode);
  table.isRoot = (name !== null && roots.includes(name)) || (variable !== null && roots.includes(variable.name));

  const columnsArg = call.arguments[1];
  table.columnsNode = columnsArg && columnsArg.type !== AST_NODE_TYPES.SpreadElement ? columnsArg : null;
  readColumns(table, table.columnsNode, ctx);
  if (hasSpread(call.arguments)) {
    table.columnsComplete = false;
    table.extra = 'unknown';
  } else if (!summary) {
    const extraArg = call.arguments[2];
    table.extra = readExtraConfig(table, extraArg as TSESTree.Expression | undefined, ctx);
  }
  if (table.extra === 'unknown') table.policiesUnknown = true;
  else if (table.extra) {
    if (!table.extra.complete) table.policiesUnknown = true;
    const entries = table.extra.entries;
    for (let e = 0; e < entries.length; e++) if (entries[e]!.policy) table.policies.push(entries[e]!.policy!);
  }
  return table;
}

function hasSpread(args: readonly TSESTree.CallExpressionArgument[]): boolean {
  for (let i = 0; i < args.length; i++) if (args[i]!.type === AST_NODE_TYPES.SpreadElement) return true;
  return false;
}

/** `pgPolicy(...).link(table)` anywhere in the file attaches the policy to that table. */
function attachLinks(schema: SchemaModel, resolution: Resolution, ctx: ColumnContext): void {
  for (let l = 0, links = resolution.links; l < links.length; l++) {
    const link = links[l]!;
    let target: TableModel | undefined;
    for (let scope: TSESLint.Scope.Scope | null = ctx.sourceCode.getScope(link.target); scope; scope = scope.upper) {
      const variable = scope.set.get(link.target.name);
      if (variable) {
        target = schema.tableByVariable.get(variable);
        break;
      }
    }
    if (target) target.policies.push(readPolicy(link.policyCall, 'pgPolicy', 'link'));
  }
}

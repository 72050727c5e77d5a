import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { readSettings, type DataModelingSettings } from '../settings.js';
import { parentOf, staticString } from './ast.js';
import { readColumns, type ColumnContext } from './columns.js';
import { readExtraConfig, readPolicy } from './extra-config.js';
import { toSnakeCase } from './names.js';
import { resolveTables, type FoundTable, type Resolution } from './find-tables.js';
import type { ColumnModel, ImportInfo, SchemaModel, TableModel } from './table.js';

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
  const schema = buildSchema(sourceCode, settings);
  cache.set(sourceCode.ast, { settings, schema });
  return schema;
}

function emptyImports(): ImportInfo {
  return { declaration: null, named: new Map(), namespace: null };
}

export function buildSchema(sourceCode: Readonly<TSESLint.SourceCode>, settings: DataModelingSettings): SchemaModel {
  const resolution = resolveTables(sourceCode.ast, sourceCode.scopeManager as TSESLint.Scope.ScopeManager, settings);
  const schema: SchemaModel = {
    tables: [],
    settings,
    pgCore: resolution?.pgCore ?? emptyImports(),
    drizzleOrm: resolution?.drizzleOrm ?? emptyImports(),
    tableByVariable: new Map(),
    moduleNames: new Set(),
    importedRootTables: new Map(),
  };
  if (!resolution) return schema;
  for (const name of resolution.moduleScope.set.keys()) schema.moduleNames.add(name);
  const roots = new Set(settings.rootTables);
  for (const [local, imported] of resolution.otherImports) {
    if (roots.has(imported) || roots.has(local)) schema.importedRootTables.set(imported, local);
  }

  const ctx: ColumnContext = {
    meanings: resolution.meanings,
    scopeManager: sourceCode.scopeManager as TSESLint.Scope.ScopeManager,
    sourceCode,
  };
  for (const found of resolution.tables) {
    const table = readTable(found, resolution, settings, ctx);
    schema.tables.push(table);
    if (table.variable) schema.tableByVariable.set(table.variable, table);
  }
  attachLinks(schema, resolution, ctx);
  return schema;
}

function readTable(found: FoundTable, resolution: Resolution, settings: DataModelingSettings, ctx: ColumnContext): TableModel {
  const { call, fn } = found;
  const nameNode = call.arguments[0] && call.arguments[0].type !== AST_NODE_TYPES.SpreadElement ? call.arguments[0] : null;
  const name = staticString(nameNode);

  // Walk out through `.enableRLS()` to the declaration.
  let expression: TSESTree.Expression = call;
  let rlsEnabled = fn.rls;
  let rlsNode: TSESTree.Node | null = fn.rls ? call.callee : null;
  for (;;) {
    const [parent, child] = parentOf(expression);
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
  const [parent, child] = parentOf(expression);
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
  const table: TableModel = {
    call,
    expression,
    factory: fn.factory,
    factoryName: fn.name,
    nameNode,
    name,
    schemaName: fn.schemaName,
    variable,
    variableName: variable?.name ?? null,
    exported,
    casing: fn.casing ?? settings.casing,
    columnsNode: null,
    columnsObject: null,
    builderStyle: { kind: 'imports' },
    columns: [],
    columnsComplete: true,
    implicitColumns: fn.implicitColumns,
    extra: null,
    rlsEnabled,
    rlsNode,
    policies: [],
    policiesUnknown: false,
    isRoot: (name !== null && roots.includes(name)) || (variable !== null && roots.includes(variable.name)),
    column(dbName) {
      // A column spelled another way (`tenantId: uuid()` under `preserve` casing is the column
      // "tenantId") is still the column the standard means: its spelling is the business of the
      // snake-case rule, and no rule may insert a second one beside it.
      return byDbName.get(dbName) ?? spelledOtherwise().get(dbName);
    },
    columnByKey(key) {
      return byKey.get(key);
    },
    lacks(dbName) {
      return table.columnsComplete && table.column(dbName) === undefined && !table.implicitColumns.includes(dbName);
    },
  };
  const byDbName = new Map<string, ColumnModel>();
  let bySnakeName: Map<string, ColumnModel> | null = null;
  const spelledOtherwise = (): Map<string, ColumnModel> => {
    if (!bySnakeName) {
      bySnakeName = new Map();
      for (const column of table.columns) {
        if (column.dbName === null) continue;
        const snake = toSnakeCase(column.dbName);
        if (snake !== column.dbName && !bySnakeName.has(snake)) bySnakeName.set(snake, column);
      }
    }
    return bySnakeName;
  };
  const byKey = new Map<string, ColumnModel>();

  const columnsArg = call.arguments[1];
  table.columnsNode = columnsArg && columnsArg.type !== AST_NODE_TYPES.SpreadElement ? columnsArg : null;
  readColumns(table, table.columnsNode, ctx);
  for (const column of table.columns) {
    if (column.dbName !== null && !byDbName.has(column.dbName)) byDbName.set(column.dbName, column);
    if (column.key !== null) byKey.set(column.key, column);
  }
  if (call.arguments.some((arg) => arg.type === AST_NODE_TYPES.SpreadElement)) {
    table.columnsComplete = false;
    table.extra = 'unknown';
  } else {
    const extraArg = call.arguments[2];
    table.extra = readExtraConfig(table, extraArg as TSESTree.Expression | undefined, ctx);
  }
  if (table.extra === 'unknown') table.policiesUnknown = true;
  else if (table.extra) {
    if (!table.extra.complete) table.policiesUnknown = true;
    for (const entry of table.extra.entries) if (entry.policy) table.policies.push(entry.policy);
  }
  return table;
}

/** `pgPolicy(...).link(table)` anywhere in the file attaches the policy to that table. */
function attachLinks(schema: SchemaModel, resolution: Resolution, ctx: ColumnContext): void {
  for (const link of resolution.links) {
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

import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, parentOf, propertyName, returnedExpression, unwrap } from './ast.js';
import { getSchema } from './schema.js';
import type { ColumnModel, SchemaModel, TableModel } from './table.js';

/**
 * The Drizzle relations a file declares, as far as foreign keys are concerned: every list of columns a
 * relation names (`fields` / `references` of drizzle-orm 0.x `relations()`, `from` / `to` of 1.0's
 * `defineRelations()`), resolved to the columns of this file's tables.
 */
export interface RelationsModel {
  /** True when the file calls `relations`, `defineRelations` or `defineRelationsPart`. */
  present: boolean;
  /** False when some relation could not be read (a helper, a spread, tables the file cannot see). */
  complete: boolean;
  /** The column lists the relations name, in source order. */
  columnLists: ColumnModel[][];
  /**
   * What relations say a column points at, as code this file can use (`users.id`): the `references`
   * paired with `fields` (0.x), the `to` paired with `from` (1.0).
   */
  targets: Map<ColumnModel, string[]>;
  /**
   * With the file's project: the column lists again, as columns of exported tables (this file's and
   * other modules'), so that the files that define those tables can read them (src/project/summary.ts).
   */
  refLists: RelationColumn[][];
  /** With the file's project: what relations say a column points at, as columns of exported tables. */
  refTargets: [RelationColumn, RelationColumn][];
  /** False when a relation names an imported table whose defining module the project cannot find. */
  refsComplete: boolean;
}

/** A column of a table as any module of the project can name it: the table's defining module and exported name, and the column's key. */
export interface RelationColumn {
  module: string;
  name: string;
  key: string;
}

/** Modules that export relation builders: drizzle-orm (0.x `relations`, 1.0 `defineRelations`), 1.0's `_relations`. */
const RELATION_MODULES = new Set(['drizzle-orm', 'drizzle-orm/_relations']);
const BUILDERS = new Set(['relations', 'defineRelations', 'defineRelationsPart']);

type SourceCode = Readonly<TSESLint.SourceCode>;
type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

const cache = new WeakMap<SchemaModel, RelationsModel>();

/** The relations of the file being linted, read once per schema model. */
export function getRelations(context: Context): RelationsModel {
  const schema = getSchema(context);
  let model = cache.get(schema);
  if (!model) {
    model = readRelations(context.sourceCode, schema);
    cache.set(schema, model);
  }
  return model;
}

/** A call of a relation builder: `relations(users, ...)`, `orm.defineRelations(schema, ...)`. */
interface BuilderCall {
  name: string;
  call: TSESTree.CallExpression;
}

function findBuilderCalls(sourceCode: SourceCode, model: RelationsModel): BuilderCall[] {
  const calls: BuilderCall[] = [];
  const scopeManager = sourceCode.scopeManager;
  if (!scopeManager) return calls;
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    if (!RELATION_MODULES.has(statement.source.value)) continue;
    for (const specifier of statement.specifiers) {
      let name: string | null = null;
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind !== 'type') {
        const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        if (!BUILDERS.has(imported)) continue;
        name = imported;
      } else if (specifier.type !== AST_NODE_TYPES.ImportNamespaceSpecifier) {
        continue;
      }
      const variable = scopeManager.getDeclaredVariables(specifier)[0];
      for (const reference of variable?.references ?? []) {
        const identifier = reference.identifier as TSESTree.Identifier;
        let callee: TSESTree.Node = identifier;
        let builder = name;
        if (builder === null) {
          // import * as orm from "drizzle-orm": orm.relations(...)
          const [parent] = parentOf(identifier);
          if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.computed || parent.property.type !== AST_NODE_TYPES.Identifier) continue;
          if (!BUILDERS.has(parent.property.name)) continue;
          builder = parent.property.name;
          callee = parent;
        }
        model.present = true;
        const [parent, child] = parentOf(callee);
        if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === child) calls.push({ name: builder, call: parent });
        else model.complete = false; // passed to a helper: relations the plugin cannot read
      }
    }
  }
  return calls;
}

export function readRelations(sourceCode: SourceCode, schema: SchemaModel): RelationsModel {
  const model: RelationsModel = { present: false, complete: true, columnLists: [], targets: new Map(), refLists: [], refTargets: [], refsComplete: true };
  for (const { name, call } of findBuilderCalls(sourceCode, model)) {
    if (name === 'relations') readLegacy(sourceCode, schema, call, model);
    else readDefined(sourceCode, schema, call, model);
  }
  return model;
}

/**
 * What a relation names: a column of this file, a column of a table another module defines (with the
 * project), something imported that the project cannot resolve, or unknown.
 */
type Named = ColumnModel | RelationColumn | 'imported' | null;

/** A table a relation names: of this file, of another module (with the project), imported and unresolved, or unknown. */
type NamedTable = TableModel | { module: string; name: string } | 'imported' | null;

function isColumnModel(named: Named): named is ColumnModel {
  return named !== null && named !== 'imported' && 'origin' in named;
}

/** The name under which this file exports a table, or null. */
export function exportedTableName(table: TableModel): string | null {
  if (!table.exported || !table.variable) return null;
  const def = table.variable.defs[0];
  if (def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return table.variableName;
  for (const reference of table.variable.references) {
    const parent = reference.identifier.parent;
    if (parent?.type === AST_NODE_TYPES.ExportSpecifier && parent.local === reference.identifier) {
      return parent.exported.type === AST_NODE_TYPES.Identifier ? parent.exported.name : parent.exported.value;
    }
    if (parent?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'default';
  }
  return null;
}

/** A named column as other modules name it, or null (unknown, or a table this file does not export). */
function refOf(schema: SchemaModel, named: Named): RelationColumn | null {
  if (named === null || named === 'imported') return null;
  if (!isColumnModel(named)) return named;
  const name = exportedTableName(named.table);
  return schema.project && name !== null && named.key !== null ? { module: schema.project.file, name, key: named.key } : null;
}

/** One position of a relation's column list: what it names, and how this file refers to it (`users.id`). */
interface Position {
  named: Named;
  text: string | null;
}

/** Records `columns[i] -> targets[i]` for lists of the same length. */
function pair(schema: SchemaModel, model: RelationsModel, columns: Position[] | undefined, targets: Position[] | undefined): void {
  if (!columns || !targets || columns.length !== targets.length) return;
  columns.forEach(({ named }, i) => {
    if (schema.project) {
      const from = refOf(schema, named);
      const to = refOf(schema, targets[i]!.named);
      if (from && to) model.refTargets.push([from, to]);
    }
    const text = targets[i]!.text;
    if (!isColumnModel(named) || text === null) return;
    const known = model.targets.get(named) ?? [];
    if (!known.includes(text)) known.push(text);
    model.targets.set(named, known);
  });
}

/**
 * A table of this file; with the project, the defining module and exported name of an imported table
 * (`users`, `schema.users`, through barrels); else `imported` for an imported name; or null.
 */
function tableOf(sourceCode: SourceCode, schema: SchemaModel, node: TSESTree.Node): NamedTable {
  const expression = unwrap(node as TSESTree.Expression);
  if (expression.type === AST_NODE_TYPES.MemberExpression) {
    // `schema.users` with `import * as schema`
    const found = schema.project?.tableExport(expression, sourceCode);
    return found ? { module: found.module, name: found.name } : null;
  }
  if (expression.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression);
  if (!variable) return null;
  const local = schema.tableByVariable.get(variable);
  if (local) return local;
  if (variable.defs.length !== 1 || variable.defs[0]!.type !== 'ImportBinding') return null;
  // A relations file names each imported table several times: resolved once per schema model.
  let resolved = importedTables.get(schema);
  if (!resolved) importedTables.set(schema, (resolved = new Map()));
  let table = resolved.get(variable);
  if (table === undefined) {
    const found = schema.project?.tableExport(expression, sourceCode);
    table = found ? { module: found.module, name: found.name } : 'imported';
    resolved.set(variable, table);
  }
  return table;
}

/** schema model -> imported variable -> the table it names (see `tableOf`). */
const importedTables = new WeakMap<SchemaModel, Map<TSESLint.Scope.Variable, NamedTable>>();

function columnOf(table: NamedTable | undefined, key: string | null): Named {
  if (table === 'imported') return 'imported';
  if (!table || key === null) return null;
  if ('module' in table && !('columns' in table)) return { module: table.module, name: table.name, key };
  return (table as TableModel).columnByKey(key) ?? null;
}

/** The object a relations callback returns, or null. */
function returnedObject(node: TSESTree.Node | undefined): TSESTree.ObjectExpression | null {
  if (!node || node.type === AST_NODE_TYPES.SpreadElement) return null;
  const fn = unwrap(node as TSESTree.Expression);
  if (!isFunction(fn)) return null;
  const body = returnedExpression(fn);
  return body?.type === AST_NODE_TYPES.ObjectExpression ? body : null;
}

/** The properties of an object literal, or null when one is a spread or a method. */
function plainProperties(object: TSESTree.ObjectExpression): TSESTree.Property[] | null {
  const properties: TSESTree.Property[] = [];
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init' || property.method) return null;
    properties.push(property);
  }
  return properties;
}

/**
 * drizzle-orm 0.x: `relations(posts, ({ one, many }) => ({ author: one(users, { fields: [posts.authorId],
 * references: [users.id] }), comments: many(comments) }))`.
 */
function readLegacy(sourceCode: SourceCode, schema: SchemaModel, call: TSESTree.CallExpression, model: RelationsModel): void {
  const body = returnedObject(call.arguments[1]);
  const properties = body && plainProperties(body);
  if (!properties) {
    model.complete = false;
    return;
  }
  const column = (node: TSESTree.Node): Position => {
    const expression = unwrap(node as TSESTree.Expression);
    if (expression.type !== AST_NODE_TYPES.MemberExpression) return { named: null, text: null };
    const object = unwrap(expression.object);
    return {
      named: columnOf(tableOf(sourceCode, schema, object), propertyName(expression)),
      text: object.type === AST_NODE_TYPES.Identifier ? sourceCode.getText(expression) : null,
    };
  };
  // one(users, { fields, references }); many(posts) without a config: the other side names the columns
  for (const property of properties) readRelation(schema, property.value, 1, ['fields', 'references'], column, model);
}

/**
 * Reads one relation, a call whose config (the argument at `configIndex`) names its columns under the
 * `keys` (`fields` and `references`, `from` and `to`), and pairs them.
 */
function readRelation(
  schema: SchemaModel,
  node: TSESTree.Node,
  configIndex: number,
  keys: readonly [string, string],
  column: (node: TSESTree.Node) => Position,
  model: RelationsModel,
): void {
  const value = unwrap(node as TSESTree.Expression);
  if (value.type !== AST_NODE_TYPES.CallExpression) {
    model.complete = false;
    return;
  }
  const config = value.arguments[configIndex];
  if (!config) return;
  const options = unwrap(config as TSESTree.Expression);
  const optionProperties = options.type === AST_NODE_TYPES.ObjectExpression ? plainProperties(options) : null;
  if (!optionProperties) {
    model.complete = false;
    return;
  }
  const lists = new Map<string, Position[]>();
  for (const option of optionProperties) {
    const key = propertyName(option);
    if (key !== null && keys.includes(key)) lists.set(key, readList(schema, option.value, column, model));
  }
  pair(schema, model, lists.get(keys[0]), lists.get(keys[1]));
}

/**
 * drizzle-orm 1.0: `defineRelations({ users, posts }, (r) => ({ posts: { author: r.one.users({ from:
 * r.posts.authorId, to: r.users.id }) } }))`, also `defineRelationsPart`.
 */
function readDefined(sourceCode: SourceCode, schema: SchemaModel, call: TSESTree.CallExpression, model: RelationsModel): void {
  const tablesArg = call.arguments[0];
  const tables = new Map<string, NamedTable>();
  /** How this file refers to each table key: `{ users }` -> `users`, `{ users: appUsers }` -> `appUsers`. */
  const tableTexts = new Map<string, string>();
  const tablesObject = tablesArg && tablesArg.type !== AST_NODE_TYPES.SpreadElement ? unwrap(tablesArg) : null;
  const tableProperties = tablesObject?.type === AST_NODE_TYPES.ObjectExpression ? plainProperties(tablesObject) : null;
  // defineRelations(schema, ...) with `import * as schema`: the tables live elsewhere, found with the project.
  const namespace = tableProperties ? null : namespaceModule(sourceCode, schema, tablesObject);
  if (!tableProperties && namespace === null) {
    model.complete = false;
    return;
  }
  for (const property of tableProperties ?? []) {
    const key = propertyName(property);
    const table = tableOf(sourceCode, schema, property.value);
    if (key !== null && table) {
      tables.set(key, table);
      tableTexts.set(key, sourceCode.getText(property.value));
    } else {
      model.complete = false;
    }
  }
  const callback = call.arguments[1];
  if (!callback) return; // no relations declared
  const fn = callback.type === AST_NODE_TYPES.SpreadElement ? null : unwrap(callback);
  const param = isFunction(fn) ? fn.params[0] : undefined;
  const body = returnedObject(callback);
  const byTable = body && plainProperties(body);
  if (param?.type !== AST_NODE_TYPES.Identifier || !byTable) {
    model.complete = false;
    return;
  }
  // r.posts.authorId -> the column authorId of the table under key "posts"
  const column = (node: TSESTree.Node): Position => {
    const unknown = { named: null, text: null };
    const expression = unwrap(node as TSESTree.Expression);
    if (expression.type !== AST_NODE_TYPES.MemberExpression) return unknown;
    const tableExpression = unwrap(expression.object);
    if (tableExpression.type !== AST_NODE_TYPES.MemberExpression) return unknown;
    const helper = unwrap(tableExpression.object);
    if (helper.type !== AST_NODE_TYPES.Identifier || helper.name !== param.name) return unknown;
    const tableKey = propertyName(tableExpression);
    const key = propertyName(expression);
    const tableText = tableKey === null ? undefined : tableTexts.get(tableKey);
    if (namespace !== null && tableKey !== null && !tables.has(tableKey)) {
      const found = schema.project!.exportOf(namespace, tableKey);
      tables.set(tableKey, found?.fact.kind === 'table' ? { module: found.module, name: found.name } : null);
    }
    return {
      named: columnOf(tableKey === null ? null : tables.get(tableKey), key),
      text: tableText && key !== null && /^[A-Za-z_$][\w$]*$/u.test(key) ? `${tableText}.${key}` : null,
    };
  };
  for (const tableProperty of byTable) {
    const relations = unwrap(tableProperty.value as TSESTree.Expression);
    const relationProperties = relations.type === AST_NODE_TYPES.ObjectExpression ? plainProperties(relations) : null;
    if (!relationProperties) {
      model.complete = false;
      continue;
    }
    // r.one.users({ from, to }), r.many.posts(): the other side names the columns
    for (const relation of relationProperties) readRelation(schema, relation.value, 0, ['from', 'to'], column, model);
  }
}

/** The module of a namespace import (`import * as schema from "./schema"`), with the project; else null. */
function namespaceModule(sourceCode: SourceCode, schema: SchemaModel, node: TSESTree.Node | null): string | null {
  if (!schema.project || node?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'ImportBinding' || def.node.type !== AST_NODE_TYPES.ImportNamespaceSpecifier) return null;
  return schema.project.resolve((def.parent as TSESTree.ImportDeclaration).source.value);
}

/**
 * Reads `[a.x, a.y]` or a single `a.x` into a column list and returns its positions;
 * `r.users.id.through(r.members.userId)` names both ends. Columns of imported tables are left out of
 * the list; a position the plugin cannot resolve makes the model incomplete.
 */
function readList(schema: SchemaModel, node: TSESTree.Node, column: (node: TSESTree.Node) => Position, model: RelationsModel): Position[] {
  const value = unwrap(node as TSESTree.Expression);
  const elements = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
  const positions: Position[] = [];
  const through: ColumnModel[] = [];
  const throughRefs: RelationColumn[] = [];
  /** Adds a named column to the lists of references to exported tables (with the project). */
  const addRef = (named: Named, list: RelationColumn[]) => {
    if (!schema.project) return;
    if (named === 'imported') model.refsComplete = false;
    const ref = refOf(schema, named);
    if (ref) list.push(ref);
  };
  for (const element of elements) {
    if (!element || element.type === AST_NODE_TYPES.SpreadElement) {
      model.complete = false;
      positions.push({ named: null, text: null });
      continue;
    }
    let expression = unwrap(element);
    if (
      expression.type === AST_NODE_TYPES.CallExpression &&
      expression.callee.type === AST_NODE_TYPES.MemberExpression &&
      propertyName(expression.callee) === 'through'
    ) {
      const via = expression.arguments[0] ? column(expression.arguments[0]).named : null;
      if (via === null) model.complete = false;
      else if (isColumnModel(via)) through.push(via);
      addRef(via, throughRefs);
      expression = unwrap(expression.callee.object);
    }
    const found = column(expression);
    if (found.named === null) model.complete = false;
    positions.push(found);
  }
  const list = positions.map((p) => p.named).filter(isColumnModel);
  if (list.length > 0) model.columnLists.push(list);
  if (through.length > 0) model.columnLists.push(through);
  const refs: RelationColumn[] = [];
  for (const position of positions) addRef(position.named, refs);
  if (refs.length > 0) model.refLists.push(refs);
  if (throughRefs.length > 0) model.refLists.push(throughRefs);
  return positions;
}

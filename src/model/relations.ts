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
  const model: RelationsModel = { present: false, complete: true, columnLists: [], targets: new Map() };
  for (const { name, call } of findBuilderCalls(sourceCode, model)) {
    if (name === 'relations') readLegacy(sourceCode, schema, call, model);
    else readDefined(sourceCode, schema, call, model);
  }
  return model;
}

/** What a relation names: a column of this file, something imported from another module, or unknown. */
type Named = ColumnModel | 'imported' | null;

/** One position of a relation's column list: what it names, and how this file refers to it (`users.id`). */
interface Position {
  named: Named;
  text: string | null;
}

/** Records `columns[i] -> targets[i]` for lists of the same length. */
function pair(model: RelationsModel, columns: Position[] | undefined, targets: Position[] | undefined): void {
  if (!columns || !targets || columns.length !== targets.length) return;
  columns.forEach(({ named }, i) => {
    const text = targets[i]!.text;
    if (!named || named === 'imported' || text === null) return;
    const known = model.targets.get(named) ?? [];
    if (!known.includes(text)) known.push(text);
    model.targets.set(named, known);
  });
}

/** A table of this file, `imported` for an imported name (a table of another module), or null. */
function tableOf(sourceCode: SourceCode, schema: SchemaModel, node: TSESTree.Node): TableModel | 'imported' | null {
  const expression = unwrap(node as TSESTree.Expression);
  if (expression.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression);
  if (!variable) return null;
  const table = schema.tableByVariable.get(variable);
  if (table) return table;
  return variable.defs.length === 1 && variable.defs[0]!.type === 'ImportBinding' ? 'imported' : null;
}

function columnOf(table: TableModel | 'imported' | null | undefined, key: string | null): Named {
  if (table === 'imported') return 'imported';
  return table && key !== null ? (table.columnByKey(key) ?? null) : null;
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
  for (const property of properties) readRelation(property.value, 1, ['fields', 'references'], column, model);
}

/**
 * Reads one relation, a call whose config (the argument at `configIndex`) names its columns under the
 * `keys` (`fields` and `references`, `from` and `to`), and pairs them.
 */
function readRelation(
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
    if (key !== null && keys.includes(key)) lists.set(key, readList(option.value, column, model));
  }
  pair(model, lists.get(keys[0]), lists.get(keys[1]));
}

/**
 * drizzle-orm 1.0: `defineRelations({ users, posts }, (r) => ({ posts: { author: r.one.users({ from:
 * r.posts.authorId, to: r.users.id }) } }))`, also `defineRelationsPart`.
 */
function readDefined(sourceCode: SourceCode, schema: SchemaModel, call: TSESTree.CallExpression, model: RelationsModel): void {
  const tablesArg = call.arguments[0];
  const tables = new Map<string, TableModel | 'imported'>();
  /** How this file refers to each table key: `{ users }` -> `users`, `{ users: appUsers }` -> `appUsers`. */
  const tableTexts = new Map<string, string>();
  const tablesObject = tablesArg && tablesArg.type !== AST_NODE_TYPES.SpreadElement ? unwrap(tablesArg) : null;
  const tableProperties = tablesObject?.type === AST_NODE_TYPES.ObjectExpression ? plainProperties(tablesObject) : null;
  if (!tableProperties) {
    // defineRelations(schema, ...) with `import * as schema`: the tables live elsewhere.
    model.complete = false;
    return;
  }
  for (const property of tableProperties) {
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
    for (const relation of relationProperties) readRelation(relation.value, 0, ['from', 'to'], column, model);
  }
}

/**
 * Reads `[a.x, a.y]` or a single `a.x` into a column list and returns its positions;
 * `r.users.id.through(r.members.userId)` names both ends. Columns of imported tables are left out of
 * the list; a position the plugin cannot resolve makes the model incomplete.
 */
function readList(node: TSESTree.Node, column: (node: TSESTree.Node) => Position, model: RelationsModel): Position[] {
  const value = unwrap(node as TSESTree.Expression);
  const elements = value.type === AST_NODE_TYPES.ArrayExpression ? value.elements : [value];
  const positions: Position[] = [];
  const through: ColumnModel[] = [];
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
      else if (via !== 'imported') through.push(via);
      expression = unwrap(expression.callee.object);
    }
    const found = column(expression);
    if (found.named === null) model.complete = false;
    positions.push(found);
  }
  const list = positions.map((p) => p.named).filter((named): named is ColumnModel => named !== null && named !== 'imported');
  if (list.length > 0) model.columnLists.push(list);
  if (through.length > 0) model.columnLists.push(through);
  return positions;
}

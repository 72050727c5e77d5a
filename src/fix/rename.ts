/**
 * Renaming a column: its key, every reference to the key in the file that resolves to the column's
 * table, and its database name, without changing what the code means beyond the rename asked for.
 *
 * A key is referred to as `users.createdAt` (anywhere: `.references(() => users.createdAt)`,
 * `relations(...)` fields and references, `eq(...)`), `users["createdAt"]`, `typeof users.createdAt`,
 * `const { createdAt } = users`, and in the extra config through its parameter (`t.createdAt`,
 * `index().on(t.createdAt)`) or its destructured form (`({ createdAt }) => [...]`). Uses through the
 * table's row types (`Pick<User, "createdAt">`, `User["createdAt"]`, objects typed `NewUser`) and the
 * objects written by `insert(…).values({…})` / `update(…).set({…})` are followed too (`UseFollower`).
 * References in other files are not visible here; TypeScript reports them.
 */
import { AST_NODE_TYPES, type JSONSchema, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

type JSONSchema4 = JSONSchema.JSONSchema4;
import { isFunction, isStaticString, parentOf, propertyName, returnedExpression, staticString, unwrap } from '../model/ast.js';
import { columnContext, dbNameFromKey, resolveObject, type ColumnContext } from '../model/columns.js';
import { VariableMeanings } from '../model/find-tables.js';
import { isCamelCase, isSnakeCase, toCamelCase, toSnakeCase } from '../model/names.js';
import type { ColumnModel, SchemaModel, TableModel } from '../model/table.js';
import { quote, quoteOf } from './format.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** One replacement of a source range. Plans are lists of these; `applyEdits` turns them into a fix. */
export interface TextEdit {
  range: readonly [number, number];
  text: string;
}

export interface ColumnRename {
  column: ColumnModel;
  /** The new property key (the old one when only the database name changes). */
  key: string;
  /** The new database name. When absent the database name is kept, whatever the key becomes. */
  dbName?: string;
}

export interface RenamePlan {
  edits: TextEdit[];
  /** True when a table whose key changes is exported: code in other files may use the key. */
  exported: boolean;
  /**
   * True when this file also uses the table where the key can be read without being written here: a
   * query whose rows keep the table's keys (`db.select().from(users)`, `.returning()`), a helper call,
   * a row-typed value passed on, keys picked by a type parameter. Such a rename is offered as a
   * suggestion, so that `--fix` never leaves a file that does not compile.
   */
  unfollowed: boolean;
  /**
   * True when the plan changes the column's database name: a migration that drizzle-kit can only write
   * after asking whether the column was renamed (see `databaseRenamesSchema`).
   */
  renamesDatabase: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;

/**
 * Plans a column rename. Returns null when it cannot be done safely: the key is computed or not read,
 * the column is not built by a known builder (so it is unknown whether its database name comes from
 * the key), the column comes from an object that is also used somewhere the plugin cannot follow,
 * another key of the table could be the new one (a spread it cannot read), or the new key is taken.
 *
 * Where the builder has no name argument, Drizzle derives the database name from the key under the
 * table's casing; when the new key would derive another name, the plan writes the wanted name as the
 * builder's name argument, so a key rename never changes the database.
 */
export function planColumnRename(sourceCode: SourceCode, schema: SchemaModel, rename: ColumnRename): RenamePlan | null {
  const { column, key: newKey } = rename;
  const oldKey = column.key;
  const call = column.builderCall;
  if (oldKey === null || !call || !IDENTIFIER.test(newKey)) return null;
  const property = column.property;
  const tables = tablesByProperty(schema).get(property) ?? [];
  if (tables.length === 0) return null;
  const ctx = columnContext(new VariableMeanings(), sourceCode);
  if (!holderIsFollowed(property, tables, ctx)) return null;

  const edits: TextEdit[] = [];
  const keyChanges = newKey !== oldKey;
  let unfollowed = false;
  let exportedTypes = false;
  if (keyChanges) {
    for (const table of tables) {
      if (table.columnByKey(newKey) || !keysKnown(table, ctx)) return null;
    }
    edits.push(
      property.shorthand
        ? { range: property.key.range, text: `${newKey}: ${sourceCode.getText(property.key)}` }
        : replaceName(property.key, newKey, sourceCode),
    );
    for (const table of tables) {
      const follower = collectTableReferences(table, oldKey, newKey, sourceCode, edits);
      if (follower.unfollowed) unfollowed = true;
      if (follower.exported) exportedTypes = true;
    }
  }

  // The database name.
  if (column.hasNameArg) {
    if (rename.dbName !== undefined && rename.dbName !== column.dbName) {
      if (!column.nameArg) return null;
      edits.push(replaceName(column.nameArg, rename.dbName, sourceCode));
    }
  } else {
    const wanted = tables.map((t) => rename.dbName ?? dbNameFromKey(oldKey, t.casing));
    const derived = tables.map((t) => dbNameFromKey(newKey, t.casing));
    if (wanted.some((name, i) => name !== derived[i])) {
      const name = wanted[0]!;
      if (wanted.some((other) => other !== name)) return null;
      const open = openParen(call, sourceCode);
      if (!open) return null;
      const separator = call.arguments.length > 0 ? ', ' : '';
      edits.push({ range: [open.range[1], open.range[1]], text: `${quote(name, quoteOf(tables[0]!, sourceCode))}${separator}` });
    }
  }
  const normalized = normalize(edits);
  if (!normalized) return null;
  const renamesDatabase = rename.dbName !== undefined && rename.dbName !== column.dbName;
  return { edits: normalized, exported: keyChanges && (exportedTypes || tables.some((t) => t.exported)), unfollowed, renamesDatabase };
}

/**
 * The key a column gets when its database name becomes `dbName`, in the style of its current key: the
 * new name itself for a key that spells the database name (`email` -> `email_address`), camelCase for a
 * camelCase spelling of it (`billingEmail` -> `billingEmailAddress`), and the old key for a key that is
 * unrelated to the database name (`contact: text("email")`).
 */
export function keyForDbName(column: ColumnModel, dbName: string): string | null {
  const key = column.key;
  if (key === null) return null;
  if (column.dbName === null || toSnakeCase(key) !== toSnakeCase(column.dbName)) return key;
  return !isSnakeCase(key) && isCamelCase(key) ? toCamelCase(dbName) : dbName;
}

/** Replaces a name written as an identifier, a string literal or a plain template literal, keeping its quotes. */
export function replaceName(node: TSESTree.Node, name: string, sourceCode: SourceCode): TextEdit {
  if (node.type === AST_NODE_TYPES.Literal) {
    const q = sourceCode.getText(node).charAt(0);
    return { range: node.range, text: quote(name, q === "'" ? "'" : '"') };
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral) {
    return { range: node.range, text: `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\`` };
  }
  return { range: node.range, text: name };
}

/** The edits of one fix. */
export function applyEdits(fixer: TSESLint.RuleFixer, edits: readonly TextEdit[]): TSESLint.RuleFix[] {
  return edits.map((edit) => fixer.replaceTextRange([edit.range[0], edit.range[1]], edit.text));
}

/**
 * ESLint merges the edits of one fix into a single range, and per pass applies only fixes whose ranges
 * do not overlap (ten passes at most). A rename reaches far (a key near the top, `relations(...)` at the
 * bottom), so the renames of one file overlap. Given the planned edits of several reports, this groups
 * the reports whose ranges overlap (transitively) and gives the first report of each group, the one
 * ESLint sorts first, the edits of the whole group: the groups are disjoint, so a single pass applies
 * them all. The other reports keep their own edits (giving each of them the whole group would make
 * lint time quadratic in the file's size). A group whose edits conflict is left as it is.
 */
export function mergeOverlapping(plans: readonly (readonly TextEdit[] | null)[]): (TextEdit[] | null)[] {
  const out: (TextEdit[] | null)[] = plans.map((plan) => (plan ? [...plan] : null));
  const spans = plans
    .map((plan, index) => (plan && plan.length > 0 ? { index, start: Math.min(...plan.map((e) => e.range[0])), end: Math.max(...plan.map((e) => e.range[1])) } : null))
    .filter((span) => span !== null)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let group: number[] = [];
  let groupEnd = -Infinity;
  const close = (): void => {
    if (group.length > 1) {
      const combined = normalize(group.flatMap((i) => plans[i]!));
      if (combined) out[group[0]!] = combined;
    }
    group = [];
  };
  for (const span of spans) {
    // ESLint skips a fix that starts where the previous one ends, so touching ranges overlap too.
    if (span.start > groupEnd) close();
    group.push(span.index);
    groupEnd = group.length === 1 ? span.end : Math.max(groupEnd, span.end);
  }
  close();
  return out;
}

/** A problem whose fix (or suggestion) is a list of edits; see `mergeReports`. */
export interface EditReport<MessageId extends string> {
  node: TSESTree.Node;
  messageId: MessageId;
  data: Record<string, string>;
  /** The edits `--fix` applies, or null for no fix. */
  edits: TextEdit[] | null;
  /** Edits offered as a suggestion instead of a fix, or null. */
  suggestion: TextEdit[] | null;
}

/**
 * The `exportedKeyRenames` option of the rules that rename column keys (see `fixOrSuggest`). Other
 * modules may read an exported table's keys (a relations file, queries), which the rule cannot see, so
 * by default such a rename is a suggestion; a project that fixes every file in one run and checks the
 * result with tsc can take it as a fix.
 */
export const exportedKeyRenamesSchema: JSONSchema4 = {
  type: 'string',
  enum: ['suggestion', 'fix'],
  description:
    'How to offer the rename of a column key of an exported table, which code in other files may read: as a suggestion (default) or, for a project that fixes every file in one run and checks it with tsc, as a fix.',
};

/**
 * The `databaseRenames` option of the rules whose fixes may rename a table or a column in the database.
 * Such a rename is a migration that drizzle-kit writes only after asking whether the column (or table)
 * was renamed or is a new one, and answering "new" drops the old one with its data; so by default it is
 * a suggestion, which a person applies knowing that a migration follows. A project whose schema has never
 * been deployed can take the renames as fixes.
 */
export const databaseRenamesSchema: JSONSchema4 = {
  type: 'string',
  enum: ['suggestion', 'fix'],
  description:
    'How to offer a rename of a table or column in the database, a migration that drizzle-kit asks about: as a suggestion (default) or, for a schema not yet deployed, as a fix.',
};

/**
 * Where a rename plan goes: a fix, or a suggestion when it renames a key of an exported table and the
 * rule is told to ask, when it renames the database column and the rule is told to ask (the default),
 * or when the file uses the table where the rename cannot follow.
 */
export function fixOrSuggest(plan: RenamePlan | null, suggestExported: boolean, suggestDatabase: boolean): Pick<EditReport<string>, 'edits' | 'suggestion'> {
  if (!plan) return { edits: null, suggestion: null };
  const ask = (plan.exported && suggestExported) || (plan.renamesDatabase && suggestDatabase) || plan.unfollowed;
  return ask ? { edits: null, suggestion: plan.edits } : { edits: plan.edits, suggestion: null };
}

/** The same reports, the first of each group of overlapping fixes carrying the whole group (`mergeOverlapping`). */
export function mergeReports<MessageId extends string>(reports: readonly EditReport<MessageId>[]): EditReport<MessageId>[] {
  const merged = mergeOverlapping(reports.map((r) => r.edits));
  return reports.map((report, i) => ({ ...report, edits: merged[i] ?? null }));
}

/** Sorts edits, drops exact duplicates; null when two different edits overlap. */
function normalize(edits: readonly TextEdit[]): TextEdit[] | null {
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const out: TextEdit[] = [];
  for (const edit of sorted) {
    const last = out[out.length - 1];
    if (last && last.range[0] === edit.range[0] && last.range[1] === edit.range[1] && last.text === edit.text) continue;
    if (last && (edit.range[0] < last.range[1] || (edit.range[0] === last.range[0] && edit.range[0] === edit.range[1]))) return null;
    out.push(edit);
  }
  return out;
}

/** Calls that take a table without reading its column keys from object literals. */
const KEYLESS_TABLE_CALLS = new Set(['relations', 'one', 'many', 'link', 'getTableName', 'getTableConfig', 'is']);

/**
 * Adds the edits for every reference to the table that names the key, and follows the uses that reach
 * the key through row types and query objects (`UseFollower`). The follower says whether some use could
 * not be followed (see `RenamePlan.unfollowed`) and whether a row type or row of the table is exported.
 */
function collectTableReferences(table: TableModel, oldKey: string, newKey: string, sourceCode: SourceCode, edits: TextEdit[]): UseFollower {
  const follower = new UseFollower(oldKey, newKey, sourceCode, edits);
  // Queries last: `values(row)` is followed when `row` is typed with a row type seen before.
  const calls: TSESTree.Identifier[] = [];
  for (const reference of table.variable?.references ?? []) {
    if (reference.init) continue;
    const identifier = reference.identifier;
    if (identifier.type !== AST_NODE_TYPES.Identifier) continue;
    referenceEdits(identifier, oldKey, newKey, sourceCode, edits);
    if (parentOf(identifier)[0]?.type === AST_NODE_TYPES.CallExpression) calls.push(identifier);
    else follower.tableReference(identifier);
  }
  for (const identifier of calls) follower.tableReference(identifier);
  // The extra config sees the columns through its parameter, whatever the model could read of its body.
  const extra = table.call.arguments[2];
  const fn = extra && extra.type !== AST_NODE_TYPES.SpreadElement ? unwrap(extra) : null;
  if (!isFunction(fn)) return follower;
  const param = fn.params[0];
  if (param?.type === AST_NODE_TYPES.Identifier) {
    const variable = sourceCode.scopeManager?.getDeclaredVariables(fn).find((v) => v.name === param.name);
    for (const reference of variable?.references ?? []) {
      if (reference.identifier.type === AST_NODE_TYPES.Identifier) referenceEdits(reference.identifier, oldKey, newKey, sourceCode, edits);
    }
  } else if (param?.type === AST_NODE_TYPES.ObjectPattern) {
    patternEdits(param, oldKey, newKey, sourceCode, edits);
  }
  return follower;
}
/** `x.oldKey`, `x["oldKey"]`, `typeof x.oldKey`, `const { oldKey } = x`, `({ oldKey } = x)` for a reference `x`. */
function referenceEdits(identifier: TSESTree.Identifier, oldKey: string, newKey: string, sourceCode: SourceCode, edits: TextEdit[]): void {
  const [parent, child] = parentOf(identifier);
  if (!parent) return;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
    if (propertyName(parent) !== oldKey) return;
    const property = parent.property;
    if (!parent.computed || isStaticString(property)) edits.push(replaceName(property, newKey, sourceCode));
  } else if (parent.type === AST_NODE_TYPES.TSQualifiedName && parent.left === child && parent.right.name === oldKey) {
    edits.push(replaceName(parent.right, newKey, sourceCode));
  } else if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
    patternEdits(parent.id, oldKey, newKey, sourceCode, edits);
  } else if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === child && parent.left.type === AST_NODE_TYPES.ObjectPattern) {
    patternEdits(parent.left, oldKey, newKey, sourceCode, edits);
  }
}

/** `{ oldKey }` -> `{ newKey: oldKey }`; `{ oldKey: local }` -> `{ newKey: local }`. */
function patternEdits(pattern: TSESTree.ObjectPattern, oldKey: string, newKey: string, sourceCode: SourceCode, edits: TextEdit[]): void {
  for (const property of pattern.properties) {
    if (property.type !== AST_NODE_TYPES.Property || propertyName(property) !== oldKey) continue;
    edits.push(
      property.shorthand
        ? { range: property.key.range, text: `${newKey}: ${sourceCode.getText(property.key)}` }
        : replaceName(property.key, newKey, sourceCode),
    );
  }
}

/**
 * True when every table that has this column property is known, so renaming the key cannot break a
 * use the plugin does not see: the property is in a table's own columns literal, or in a same-file,
 * unexported object (`const timestamps = {...}`, `function timestamps() { return {...}; }`) that is only
 * spread directly into (or passed as) the columns of tables in `tables`.
 */
function holderIsFollowed(property: TSESTree.Property, tables: readonly TableModel[], ctx: ColumnContext): boolean {
  const object = property.parent;
  if (object.type !== AST_NODE_TYPES.ObjectExpression) return false;
  if (tables.length === 1 && tables[0]!.columnsObject === object) return true;
  const holder = holderOf(object, ctx);
  if (!holder) return false;
  const { variable, isCall } = holder;
  for (const def of variable.defs) {
    const statement = def.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.parent.parent : def.node.parent;
    if (statement?.type === AST_NODE_TYPES.ExportNamedDeclaration || statement?.type === AST_NODE_TYPES.ExportDefaultDeclaration) return false;
  }
  let uses = 0;
  for (const reference of variable.references) {
    if (reference.init) continue;
    let node: TSESTree.Node = reference.identifier;
    if (isCall) {
      const [parent, child] = parentOf(node);
      if (parent?.type !== AST_NODE_TYPES.CallExpression || parent.callee !== child) return false;
      node = parent;
    }
    const [parent, child] = parentOf(node);
    const used =
      (parent?.type === AST_NODE_TYPES.SpreadElement && tables.some((t) => t.columnsObject !== null && t.columnsObject === parent.parent)) ||
      tables.some((t) => t.call.arguments[1] === child);
    if (!used) return false;
    uses++;
  }
  return uses > 0;
}

function holderOf(object: TSESTree.ObjectExpression, ctx: ColumnContext): { variable: TSESLint.Scope.Variable; isCall: boolean } | null {
  const declared = (node: TSESTree.Node): TSESLint.Scope.Variable | null => ctx.scopeManager.getDeclaredVariables(node)[0] ?? null;
  const constDeclarator = (node: TSESTree.Node): TSESTree.VariableDeclarator | null => {
    const [parent, child] = parentOf(node);
    return parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.Identifier && parent.parent.kind === 'const'
      ? parent
      : null;
  };
  const direct = constDeclarator(object);
  if (direct) {
    const variable = declared(direct);
    return variable ? { variable, isCall: false } : null;
  }
  // A function that returns the object: `() => ({...})`, `function f() { return {...}; }`.
  let fn: TSESTree.Node | undefined = object.parent;
  while (fn && fn.type !== AST_NODE_TYPES.ArrowFunctionExpression && fn.type !== AST_NODE_TYPES.FunctionExpression && fn.type !== AST_NODE_TYPES.FunctionDeclaration) {
    fn = fn.parent;
  }
  if (!fn || returnedExpression(fn) !== object) return null;
  const declarator = fn.type === AST_NODE_TYPES.FunctionDeclaration ? fn : constDeclarator(fn);
  const variable = declarator ? declared(declarator) : null;
  return variable ? { variable, isCall: true } : null;
}

const propertyTables = new WeakMap<SchemaModel, Map<TSESTree.Property, TableModel[]>>();

/** The tables each column property belongs to (several for a spread object), computed once per schema. */
function tablesByProperty(schema: SchemaModel): Map<TSESTree.Property, TableModel[]> {
  let map = propertyTables.get(schema);
  if (!map) {
    map = new Map();
    for (const table of schema.tables) {
      for (const column of table.columns) {
        const list = map.get(column.property);
        if (!list) map.set(column.property, [table]);
        else if (!list.includes(table)) list.push(table);
      }
    }
    propertyTables.set(schema, map);
  }
  return map;
}

const knownKeys = new WeakMap<TableModel, boolean>();

/** True when every key of the table's columns is known (no spread of something the plugin cannot read, no computed key). */
function keysKnown(table: TableModel, ctx: ColumnContext): boolean {
  let known = knownKeys.get(table);
  if (known === undefined) knownKeys.set(table, (known = readKeysKnown(table, ctx)));
  return known;
}

function readKeysKnown(table: TableModel, ctx: ColumnContext): boolean {
  const seen = new Set<TSESTree.Node>();
  const known = (object: TSESTree.ObjectExpression): boolean => {
    seen.add(object);
    return object.properties.every((p) => {
      if (p.type === AST_NODE_TYPES.Property) return propertyName(p) !== null;
      const resolved = resolveObject(unwrap(p.argument), ctx, seen);
      return resolved !== null && !seen.has(resolved) && known(resolved);
    });
  };
  if (table.columnsObject) return known(table.columnsObject);
  const node = table.columnsNode ? unwrap(table.columnsNode) : null;
  const resolved = node ? resolveObject(node, ctx, seen) : null;
  return resolved !== null && known(resolved);
}

/** The `(` of a call, after its callee and type arguments. */
function openParen(call: TSESTree.CallExpression, sourceCode: SourceCode): TSESTree.Token | null {
  let token = sourceCode.getTokenAfter(call.typeArguments ?? call.callee);
  while (token && token.range[1] <= call.range[1]) {
    if (token.value === '(' && token.type === 'Punctuator') return token;
    token = sourceCode.getTokenAfter(token);
  }
  return null;
}

/** Type names whose first type argument is the table (`InferSelectModel<typeof users>`): the result is a row type. */
const ROW_TYPE_OF_TABLE = new Set(['InferSelectModel', 'InferInsertModel', 'InferModel']);
/** `typeof users.$inferSelect`, `typeof users.$inferInsert`: row types. */
const ROW_TYPE_PROPERTIES = new Set(['$inferSelect', '$inferInsert']);
/** Type wrappers whose result has (some of) the keys of their first type argument. */
const KEY_PRESERVING_TYPES = new Set(['Partial', 'Required', 'Readonly', 'NonNullable']);
/** `Pick<Row, "a" | "b">`, `Omit<Row, "a">`: the second argument names keys. */
const KEY_PICKING_TYPES = new Set(['Pick', 'Omit']);

/** What the methods of a query chain that starts at `insert(table)` / `update(table)` / `delete(table)` do with keys. */
type ChainStep = 'rows' | 'set' | 'conflictSet' | 'selection' | 'neutral';
const WRITE_CHAINS: Record<string, Readonly<Record<string, ChainStep>>> = {
  insert: { values: 'rows', onConflictDoNothing: 'neutral', onConflictDoUpdate: 'conflictSet', returning: 'selection', execute: 'neutral', prepare: 'neutral', toSQL: 'neutral' },
  update: { set: 'set', where: 'neutral', returning: 'selection', execute: 'neutral', prepare: 'neutral', toSQL: 'neutral' },
  delete: { where: 'neutral', returning: 'selection', execute: 'neutral', prepare: 'neutral', toSQL: 'neutral' },
};
/** Methods that take the table as a source of a select; the rows keep its keys unless the select names its fields. */
const SELECT_SOURCES = new Set(['from', 'innerJoin', 'leftJoin', 'rightJoin', 'fullJoin', 'crossJoin']);
const SELECTS = new Set(['select', 'selectDistinct', 'selectDistinctOn']);

/**
 * Follows the uses of a table whose key is renamed that reach the key through types and query objects:
 * the row types (`typeof users.$inferSelect`, `InferInsertModel<typeof users>`, aliases of them,
 * `Partial<…>`, `Pick<…>`, `Omit<…>`), the key names they are indexed or picked with (`User["email"]`,
 * `Pick<User, "id" | "email">`), object literals typed with them (`const row: NewUser = {…}`,
 * `{…} satisfies NewUser`), the variables and parameters typed with them (`row.email`), and the objects
 * of `insert(users).values({…})`, `update(users).set({…})` and `onConflictDoUpdate({ set: {…} })`.
 * Every other use through which the key could be read without being written in this file (a row
 * typed value passed on, `select().from(users)`, a helper call) makes the rename unfollowed.
 */
class UseFollower {
  unfollowed = false;
  exported = false;
  private readonly seen = new Set<TSESTree.Node>();
  private readonly rowVariables = new Set<TSESLint.Scope.Variable>();

  constructor(
    private readonly oldKey: string,
    private readonly newKey: string,
    private readonly sourceCode: SourceCode,
    private readonly edits: TextEdit[],
  ) {}

  /** A reference to the table variable that `referenceEdits` did not handle as a key access. */
  tableReference(identifier: TSESTree.Identifier): void {
    const [parent, child] = parentOf(identifier);
    if (!parent) return;
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
      // `users.email` is followed; `users.$inferSelect` or `users._` as a value is not.
      const name = propertyName(parent);
      if (name === null || name.startsWith('$') || name === '_') this.unfollowed = true;
      return;
    }
    if (parent.type === AST_NODE_TYPES.TSQualifiedName && parent.left === child) {
      if (ROW_TYPE_PROPERTIES.has(parent.right.name) && parent.parent.type === AST_NODE_TYPES.TSTypeQuery) this.rowType(parent.parent);
      else if (parent.right.name.startsWith('$') || parent.right.name === '_') this.unfollowed = true;
      return;
    }
    if (parent.type === AST_NODE_TYPES.TSTypeQuery) {
      // `InferSelectModel<typeof users>`: a row type.
      const instantiation = parent.parent;
      const reference = instantiation?.parent;
      if (
        instantiation?.type === AST_NODE_TYPES.TSTypeParameterInstantiation &&
        instantiation.params[0] === parent &&
        reference?.type === AST_NODE_TYPES.TSTypeReference &&
        ROW_TYPE_OF_TABLE.has(typeName(reference) ?? '')
      ) {
        this.rowType(reference);
      }
      return;
    }
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(child as TSESTree.CallExpressionArgument)) {
      this.tableArgument(parent, child);
      return;
    }
    // `typeof users`, `export { users }`, `const { email } = users` (renamed by `referenceEdits`), a schema
    // object `{ users }`: the keys are not read here.
  }

  /** A call that takes the table: relations and the like, a write or select query, or an unknown helper. */
  private tableArgument(call: TSESTree.CallExpression, table: TSESTree.Node): void {
    const name = calleeName(call);
    if (name !== null && KEYLESS_TABLE_CALLS.has(name)) return;
    if (call.callee.type === AST_NODE_TYPES.MemberExpression && name !== null && call.arguments[0] === table) {
      const steps = WRITE_CHAINS[name];
      if (steps) return this.writeChain(call, steps);
      if (SELECT_SOURCES.has(name) && selectNamesFields(call)) return;
    }
    this.unfollowed = true;
  }

  /** `insert(users).values({…}).onConflictDoUpdate({ set: {…} }).returning({…})` and the like. */
  private writeChain(start: TSESTree.CallExpression, steps: Readonly<Record<string, ChainStep>>): void {
    let node: TSESTree.Node = start;
    for (;;) {
      const [member, inner] = parentOf(node);
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== inner) return;
      const call = member.parent;
      const method = propertyName(member);
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member || method === null) {
        this.unfollowed = true;
        return;
      }
      const step = steps[method];
      const arg = call.arguments[0] && call.arguments[0].type !== AST_NODE_TYPES.SpreadElement ? unwrap(call.arguments[0]) : undefined;
      if (step === undefined) {
        this.unfollowed = true;
        return;
      }
      if (step === 'rows') {
        const rows = arg?.type === AST_NODE_TYPES.ArrayExpression ? arg.elements : [arg];
        for (const row of rows) this.rowValue(row && row.type !== AST_NODE_TYPES.SpreadElement ? unwrap(row) : undefined);
      } else if (step === 'set') {
        this.rowValue(arg);
      } else if (step === 'conflictSet') {
        const set = arg?.type === AST_NODE_TYPES.ObjectExpression ? arg.properties.find((p) => p.type === AST_NODE_TYPES.Property && propertyName(p) === 'set') : undefined;
        if (arg?.type !== AST_NODE_TYPES.ObjectExpression) this.unfollowed = true;
        else if (set?.type === AST_NODE_TYPES.Property) this.rowValue(unwrap(set.value as TSESTree.Expression));
      } else if (step === 'selection' && arg?.type !== AST_NODE_TYPES.ObjectExpression) {
        // `.returning()` gives rows with the table's keys.
        this.unfollowed = true;
      }
      node = call;
    }
  }

  /** A value that must have the table's keys: an object literal is renamed, a row-typed variable followed, anything else is not. */
  private rowValue(value: TSESTree.Expression | undefined): void {
    if (value?.type === AST_NODE_TYPES.ObjectExpression) this.objectKeys(value);
    else if (value?.type !== AST_NODE_TYPES.Identifier || !this.isRowVariable(value)) this.unfollowed = true;
  }

  /** True for a reference to a variable that holds a row, whose uses are followed (`rowVariable`). */
  private isRowVariable(identifier: TSESTree.Identifier): boolean {
    const variable = findVariable(this.sourceCode, identifier);
    return variable !== null && this.rowVariables.has(variable);
  }

  /** A type node whose value has (some of) the table's keys; every use of it is followed or the rename is unfollowed. */
  rowType(node: TSESTree.TypeNode): void {
    if (this.seen.has(node)) return;
    this.seen.add(node);
    const parent = node.parent;
    switch (parent?.type) {
      case AST_NODE_TYPES.TSTypeAliasDeclaration:
        return this.rowAlias(parent);
      case AST_NODE_TYPES.TSTypeParameterInstantiation:
        return this.typeArgument(parent, node);
      case AST_NODE_TYPES.TSIndexedAccessType:
        if (parent.objectType === node) this.keyNames(parent.indexType);
        else this.unfollowed = true;
        return;
      case AST_NODE_TYPES.TSTypeAnnotation:
        return this.annotated(parent, node);
      case AST_NODE_TYPES.TSArrayType:
        return this.rowArray(parent);
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSAsExpression: {
        const value = unwrap(parent.expression);
        if (value.type === AST_NODE_TYPES.ObjectExpression) this.objectKeys(value);
        // The typed value itself: only where it is stored in a variable that is in turn followed.
        const [holder, child] = parentOf(parent);
        if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === child && holder.id.type === AST_NODE_TYPES.Identifier && !holder.id.typeAnnotation) {
          this.rowVariable(holder.id, holder);
        } else if (!(holder?.type === AST_NODE_TYPES.CallExpression && value.type === AST_NODE_TYPES.ObjectExpression && isQueryArgument(holder))) {
          this.unfollowed = true;
        }
        return;
      }
      default:
        this.unfollowed = true;
    }
  }

  /**
   * `const rows: NewUser[] = [{…}, {…}]`, `[{…}] satisfies NewUser[]`: the object literals are renamed;
   * the array may only be written to the table (`values(rows)`) or exported, since reading its rows
   * (`rows[0].email`, `rows.map(…)`) is not followed.
   */
  private rowArray(array: TSESTree.TSArrayType): void {
    const parent = array.parent;
    let value: TSESTree.Expression | null = null;
    let variable: TSESLint.Scope.Variable | undefined;
    if (parent.type === AST_NODE_TYPES.TSTypeAnnotation && parent.parent.type === AST_NODE_TYPES.Identifier && parent.parent.parent.type === AST_NODE_TYPES.VariableDeclarator) {
      const declarator = parent.parent.parent;
      value = declarator.init;
      variable = this.sourceCode.scopeManager?.getDeclaredVariables(declarator)[0];
      if (declarator.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) this.exported = true;
    } else if (parent.type === AST_NODE_TYPES.TSSatisfiesExpression || parent.type === AST_NODE_TYPES.TSAsExpression) {
      value = parent.expression;
      const [holder, child] = parentOf(parent);
      if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === child) {
        variable = this.sourceCode.scopeManager?.getDeclaredVariables(holder)[0];
        if (holder.parent.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) this.exported = true;
      } else if (!isQueryValue(parent)) {
        this.unfollowed = true;
      }
    } else {
      this.unfollowed = true;
      return;
    }
    const rows = value ? unwrap(value) : null;
    if (rows?.type !== AST_NODE_TYPES.ArrayExpression) {
      if (rows) this.unfollowed = true;
    } else {
      for (const row of rows.elements) this.rowValue(row && row.type !== AST_NODE_TYPES.SpreadElement ? unwrap(row) : undefined);
    }
    // Written with `values(rows)`: TypeScript checks that an array goes where rows go.
    if (variable) this.rowVariables.add(variable);
    for (const reference of variable?.references ?? []) {
      if (reference.init || reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
      const [holder] = parentOf(reference.identifier);
      if (holder?.type === AST_NODE_TYPES.ExportSpecifier) this.exported = true;
      else if (!isQueryValue(reference.identifier)) this.unfollowed = true;
    }
  }

  /** `type User = typeof users.$inferSelect`: every use of `User` is a use of the row type. */
  private rowAlias(declaration: TSESTree.TSTypeAliasDeclaration): void {
    if (declaration.typeParameters) {
      this.unfollowed = true;
      return;
    }
    if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) this.exported = true;
    const variable = this.sourceCode.scopeManager?.getDeclaredVariables(declaration)[0];
    if (!variable) {
      this.unfollowed = true;
      return;
    }
    for (const reference of variable.references) {
      const [parent] = parentOf(reference.identifier);
      if (parent?.type === AST_NODE_TYPES.TSTypeReference && parent.typeName === reference.identifier) this.rowType(parent);
      else if (parent?.type === AST_NODE_TYPES.ExportSpecifier) this.exported = true;
      else this.unfollowed = true;
    }
  }

  /** A row type as a type argument: `Pick<User, …>`, `Omit<User, …>`, `Partial<User>`, `User[]`-like `Array<User>`. */
  private typeArgument(instantiation: TSESTree.TSTypeParameterInstantiation, node: TSESTree.TypeNode): void {
    const reference = instantiation.parent;
    const name = reference.type === AST_NODE_TYPES.TSTypeReference ? typeName(reference) : null;
    if (reference.type !== AST_NODE_TYPES.TSTypeReference || instantiation.params[0] !== node || name === null) {
      this.unfollowed = true;
      return;
    }
    if (KEY_PICKING_TYPES.has(name)) {
      const keys = instantiation.params[1];
      if (!keys) this.unfollowed = true;
      else this.keyNames(keys);
      if (!this.unfollowed) this.rowType(reference);
    } else if (KEY_PRESERVING_TYPES.has(name)) {
      this.rowType(reference);
    } else {
      this.unfollowed = true;
    }
  }

  /** `"email"` or `"id" | "email"` where a key is named in a type: renamed; anything else (`keyof X`, a type parameter) is not followed. */
  private keyNames(type: TSESTree.TypeNode): void {
    const names = type.type === AST_NODE_TYPES.TSUnionType ? type.types : [type];
    for (const name of names) {
      const literal = name.type === AST_NODE_TYPES.TSLiteralType ? name.literal : null;
      if (!literal || !isStaticString(literal)) {
        this.unfollowed = true;
        return;
      }
      if (staticString(literal) === this.oldKey) this.edits.push(replaceName(literal, this.newKey, this.sourceCode));
    }
  }

  /** `const row: NewUser = {…}`, `(row: User) => …`: the object literal is renamed and the variable followed. */
  private annotated(annotation: TSESTree.TSTypeAnnotation, node: TSESTree.TypeNode): void {
    const id = annotation.parent;
    if (id.type !== AST_NODE_TYPES.Identifier || annotation.typeAnnotation !== node) {
      this.unfollowed = true;
      return;
    }
    const declarator = id.parent;
    if (declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.id === id) {
      const init = declarator.init ? unwrap(declarator.init) : null;
      if (init?.type === AST_NODE_TYPES.ObjectExpression) this.objectKeys(init);
      return this.rowVariable(id, declarator);
    }
    if (isFunctionNode(declarator) && declarator.params.includes(id)) return this.rowVariable(id, declarator);
    this.unfollowed = true;
  }

  /** Uses of a variable that holds a row: `row.email` and `const { email } = row` are renamed; passing it to `values()` / `set()` is followed. */
  private rowVariable(id: TSESTree.Identifier, declaration: TSESTree.Node): void {
    const variable = this.sourceCode.scopeManager?.getDeclaredVariables(declaration).find((v) => v.name === id.name);
    if (!variable) {
      this.unfollowed = true;
      return;
    }
    this.rowVariables.add(variable);
    const statement = declaration.parent?.parent;
    if (statement?.type === AST_NODE_TYPES.ExportNamedDeclaration) this.exported = true;
    for (const reference of variable.references) {
      if (reference.init) continue;
      const identifier = reference.identifier;
      if (identifier.type !== AST_NODE_TYPES.Identifier) continue;
      const [parent, child] = parentOf(identifier);
      if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === child) {
        if (propertyName(parent) === null) this.unfollowed = true;
        else referenceEdits(identifier, this.oldKey, this.newKey, this.sourceCode, this.edits);
      } else if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === child && parent.id.type === AST_NODE_TYPES.ObjectPattern) {
        if (parent.id.properties.some((p) => p.type === AST_NODE_TYPES.RestElement)) this.unfollowed = true;
        else patternEdits(parent.id, this.oldKey, this.newKey, this.sourceCode, this.edits);
      } else if (parent?.type === AST_NODE_TYPES.ExportSpecifier) {
        this.exported = true;
      } else if (!isQueryValue(identifier)) {
        this.unfollowed = true;
      }
    }
  }

  /** The keys of an object literal that has the row's keys: `{ email }` -> `{ email_address: email }`. */
  private objectKeys(object: TSESTree.ObjectExpression): void {
    for (const property of object.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.kind !== 'init' || propertyName(property) !== this.oldKey) continue;
      if (property.computed && !isStaticString(property.key)) continue;
      this.edits.push(
        property.shorthand
          ? { range: property.key.range, text: `${this.newKey}: ${this.sourceCode.getText(property.key)}` }
          : replaceName(property.key, this.newKey, this.sourceCode),
      );
    }
  }
}

/** `values(row)`, `values([row, …])`, `set(row)`: a row written to a table, whose query is followed with the table's uses. */
function isQueryValue(node: TSESTree.Node): boolean {
  let [parent, child] = parentOf(node);
  if (parent?.type === AST_NODE_TYPES.ArrayExpression) [parent, child] = parentOf(parent);
  return parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === child && isQueryArgument(parent);
}

/** `values(row)` / `set(row)` of a write chain whose table is followed by the caller. */
function isQueryArgument(call: TSESTree.CallExpression): boolean {
  const name = calleeName(call);
  return call.callee.type === AST_NODE_TYPES.MemberExpression && (name === 'values' || name === 'set');
}

/** True when the select that `from(users)` / `leftJoin(users, …)` belongs to names its fields: `select({ email: users.email })`. */
function selectNamesFields(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Expression = call.callee;
  while (node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression) {
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const name = calleeName(node);
      if (name !== null && SELECTS.has(name)) {
        const fields = node.arguments[name === 'selectDistinctOn' ? 1 : 0];
        return fields !== undefined && fields.type !== AST_NODE_TYPES.SpreadElement && unwrap(fields).type === AST_NODE_TYPES.ObjectExpression;
      }
      node = node.callee;
    } else {
      node = node.object;
    }
  }
  return false;
}

function calleeName(call: TSESTree.CallExpression): string | null {
  const callee = unwrap(call.callee);
  return callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? propertyName(callee) : null;
}

function typeName(reference: TSESTree.TSTypeReference): string | null {
  const name = reference.typeName;
  return name.type === AST_NODE_TYPES.Identifier ? name.name : name.type === AST_NODE_TYPES.TSQualifiedName ? name.right.name : null;
}

function isFunctionNode(node: TSESTree.Node): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration {
  return isFunction(node) || node.type === AST_NODE_TYPES.FunctionDeclaration;
}

function findVariable(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier);
  while (scope) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
    scope = scope.upper;
  }
  return null;
}
/**
 * The suggestion for a column that spells a standard column otherwise (`updated` for `updated_at`):
 * rename it, database name and key in the key's style, with its references in the file. A suggestion,
 * never a fix: the database column is renamed, a migration follows (see `databaseRenamesSchema`).
 */
export function nearMissRename(sourceCode: SourceCode, schema: SchemaModel, column: ColumnModel, standard: string): { key: string; edits: TextEdit[] } | null {
  const key = keyForDbName(column, standard);
  if (key === null) return null;
  const plan = planColumnRename(sourceCode, schema, { column, key, dbName: standard });
  return plan ? { key, edits: plan.edits } : null;
}

import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FileProject } from '../project/project.js';
import { isFunction, propertyName, returnedExpression, unwrap } from './ast.js';
import { DRIZZLE_ORM, meaningsOf } from './find-tables.js';
import type { ColumnModel, TableModel } from './table.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * A token of a SQL expression. Unquoted words (identifiers and keywords) are lower-cased, as Postgres
 * folds them; quoted identifiers keep their case.
 */
export type SqlToken =
  | { type: 'word'; value: string; quoted: boolean }
  | { type: 'string'; value: string }
  | { type: 'number'; value: string }
  | { type: 'punct'; value: string };

const TOKEN =
  /\s+|--[^\n]*|\/\*[\s\S]*?\*\/|"((?:[^"]|"")*)"|'((?:[^']|'')*)'|([A-Za-z_][\w$]*)|(\d+(?:\.\d*)?)|(::|<>|!=|<=|>=|[^\s"'])/uy;

/** Splits SQL text into tokens; null when a quote is not closed within the text. */
export function tokenizeSql(text: string): SqlToken[] | null {
  const tokens: SqlToken[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const match = TOKEN.exec(text);
    if (!match) return null; // an unclosed quote
    const [, quotedIdent, string, word, number, punct] = match;
    if (quotedIdent !== undefined) tokens.push({ type: 'word', value: quotedIdent.replaceAll('""', '"'), quoted: true });
    else if (string !== undefined) tokens.push({ type: 'string', value: string.replaceAll("''", "'") });
    else if (word !== undefined) tokens.push({ type: 'word', value: word.toLowerCase(), quoted: false });
    else if (number !== undefined) tokens.push({ type: 'number', value: number });
    else if (punct !== undefined) tokens.push({ type: 'punct', value: punct });
  }
  return tokens;
}

/**
 * The tokens of a text, memoised: a schema repeats the same policy conditions table after table. The
 * memo maps a string to immutable tokens, so it holds no state about any file; it is bounded.
 */
function memoTokens(text: string): readonly SqlToken[] | null {
  let tokens = tokenMemo.get(text);
  if (tokens === undefined) {
    tokens = tokenizeSql(text);
    if (tokenMemo.size >= TOKEN_MEMO_SIZE) tokenMemo.clear();
    tokenMemo.set(text, tokens);
  }
  return tokens;
}

const tokenMemo = new Map<string, readonly SqlToken[] | null>();
const TOKEN_MEMO_SIZE = 10_000;

/** A quoted identifier token for a column that a template interpolates (`${t.tenantId}`). */
function columnToken(column: ColumnModel): SqlToken | null {
  return column.dbName === null ? null : { type: 'word', value: column.dbName, quoted: true };
}

function variableOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
}

const MAX_CONST_HOPS = 32;

/** Follows `const x = <init>` (in any scope) to the initializer; other expressions are returned as they are. */
export function resolveConst(sourceCode: SourceCode, expression: TSESTree.Expression): TSESTree.Expression {
  let node = unwrap(expression);
  // A cycle of consts (`const a = b; const b = a;`) ends at the hop limit: no set of seen nodes per call,
  // for the two conditions of every policy of a schema.
  for (let hops = 0; node.type === AST_NODE_TYPES.Identifier && hops < MAX_CONST_HOPS; hops++) {
    const def = variableOf(sourceCode, node)?.defs;
    const only = def?.length === 1 ? def[0] : undefined;
    if (
      only?.type !== 'Variable' ||
      only.parent.kind !== 'const' ||
      only.node.id.type !== AST_NODE_TYPES.Identifier ||
      !only.node.init
    ) {
      break;
    }
    node = unwrap(only.node.init);
  }
  return node;
}

/** True when the tag is `sql` imported from drizzle-orm (named, renamed or through a namespace). */
function isSqlTag(sourceCode: SourceCode, tag: TSESTree.Expression): boolean {
  const node = unwrap(tag);
  // The schema model has already bound the file's drizzle-orm imports: ask it rather than the scopes.
  const meanings = meaningsOf(sourceCode.ast);
  if (meanings) {
    if (node.type === AST_NODE_TYPES.Identifier) {
      const meaning = meanings.get(node);
      return meaning?.kind === 'export' && meaning.module === DRIZZLE_ORM && meaning.name === 'sql';
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'sql') {
      const object = unwrap(node.object);
      if (object.type !== AST_NODE_TYPES.Identifier) return false;
      const meaning = meanings.get(object);
      return meaning?.kind === 'namespace' && meaning.module === DRIZZLE_ORM;
    }
    return false;
  }
  const importOf = (identifier: TSESTree.Identifier) => {
    const def = variableOf(sourceCode, identifier)?.defs[0];
    if (def?.type !== 'ImportBinding' || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) return null;
    return def.parent.source.value === DRIZZLE_ORM && def.parent.importKind !== 'type' ? def.node : null;
  };
  if (node.type === AST_NODE_TYPES.Identifier) {
    const specifier = importOf(node);
    return (
      specifier?.type === AST_NODE_TYPES.ImportSpecifier &&
      specifier.importKind !== 'type' &&
      (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value) === 'sql'
    );
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && propertyName(node) === 'sql') {
    const object = unwrap(node.object);
    return object.type === AST_NODE_TYPES.Identifier && importOf(object)?.type === AST_NODE_TYPES.ImportNamespaceSpecifier;
  }
  return false;
}

/** True when an identifier names `table` itself: its variable, or the extra-config callback's parameter. */
function isTableReference(sourceCode: SourceCode, table: TableModel, node: TSESTree.Expression): boolean {
  if (node.type !== AST_NODE_TYPES.Identifier) return false;
  const variable = variableOf(sourceCode, node);
  if (!variable) return false;
  const extra = table.extra !== 'unknown' ? table.extra : null;
  return variable === table.variable || (extra !== null && variable.defs.some((def) => def.type === 'Parameter' && def.node === extra.fn && def.name === extra.fn.params[0]));
}

/**
 * The column of `table` that an expression names: `t.tenantId` with `t` the extra-config parameter,
 * a destructured parameter `({ tenantId }) => …`, or `users.tenantId` with `users` the table's variable.
 */
export function tableColumnOf(sourceCode: SourceCode, table: TableModel, expression: TSESTree.Expression): ColumnModel | null {
  const node = unwrap(expression);
  const extra = table.extra !== 'unknown' ? table.extra : null;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const key = propertyName(node);
    return key !== null && isTableReference(sourceCode, table, unwrap(node.object)) ? (table.columnByKey(key) ?? null) : null;
  }
  if (node.type === AST_NODE_TYPES.Identifier && extra?.paramLocals) {
    const variable = variableOf(sourceCode, node);
    if (!variable?.defs.some((def) => def.type === 'Parameter' && def.node === extra.fn)) return null;
    for (const [key, local] of extra.paramLocals) if (local === node.name) return table.columnByKey(key) ?? null;
  }
  return null;
}

/** A parameter of a summarised SQL helper (`(t) => sql`${t.tenant_id} = …``): the argument, or its column `key`. */
export interface SqlParam {
  type: 'param';
  index: number;
  key: string | null;
}

/**
 * A `sql` condition a module exports, as plain data (src/project/summary.ts): a fragment (`params`
 * null: `export const isolation = sql`…``) or a helper of `params` parameters whose result names them
 * (`export const isolation = (t) => sql`${t.tenant_id} = …``).
 */
export interface SqlExport {
  params: number | null;
  parts: readonly (SqlToken | SqlParam)[];
}

/**
 * The tokens of a Drizzle `sql` tagged template (through `const` variables), with interpolated columns
 * of `table` as quoted identifiers and interpolated `sql` fragments inlined. With the file's project,
 * a fragment or helper another module exports is read from its summary (`using: tenantIsolation`,
 * `using: isolation(t)`). Null when the expression is not such a template or holds anything the plugin
 * cannot read (a parameter, an unknown helper call, `sql.raw`).
 */
export function readSql(
  sourceCode: SourceCode,
  table: TableModel,
  expression: TSESTree.Expression,
  project: FileProject | null = null,
  depth = 0,
): readonly SqlToken[] | null {
  if (depth > 8) return null;
  const node = resolveConst(sourceCode, expression);
  if (node.type !== AST_NODE_TYPES.TaggedTemplateExpression || !isSqlTag(sourceCode, node.tag)) {
    return helperSql(sourceCode, table, node, project, depth);
  }
  const { quasis, expressions } = node.quasi;
  // A template without substitutions is its text's (memoised, shared) tokens: the same condition written
  // on every table is then one token list, and what is derived from it can be memoised too.
  if (expressions.length === 0 && quasis.length === 1) {
    const text = quasis[0]!.value.cooked;
    return text === null ? null : memoTokens(text);
  }
  return readTemplate(node.quasi, (inner) => {
    const column = tableColumnOf(sourceCode, table, inner);
    if (column) {
      const token = columnToken(column);
      return token ? [token] : null;
    }
    return readSql(sourceCode, table, inner, project, depth + 1); // Drizzle inlines a fragment as it is, without parentheses
  });
}

/** The parts of a template: its text's tokens, and what `interpolate` makes of each substitution (null: unreadable). */
function readTemplate<T>(quasi: TSESTree.TemplateLiteral, interpolate: (inner: TSESTree.Expression) => readonly T[] | null): (SqlToken | T)[] | null {
  const parts: (SqlToken | T)[] = [];
  for (const [i, element] of quasi.quasis.entries()) {
    const text = element.value.cooked;
    const tokens = text === null ? null : memoTokens(text);
    if (!tokens) return null;
    parts.push(...tokens);
    const inner = quasi.expressions[i];
    if (!inner) continue;
    const value = interpolate(inner as TSESTree.Expression);
    if (!value) return null;
    parts.push(...value);
  }
  return parts;
}

/**
 * The tokens of a call of a condition helper of this file (`isolate(t)` with `const isolate = (t) =>
 * sql`…``), or of a fragment or helper call another module exports (`tenantIsolation`,
 * `isolate(t)`), its parameters bound to the columns of `table` the arguments name. Null when neither
 * is known, or an argument is not a column of `table`.
 */
function helperSql(sourceCode: SourceCode, table: TableModel, node: TSESTree.Expression, project: FileProject | null, depth: number): readonly SqlToken[] | null {
  let found: SqlExport | null = null;
  if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier) {
    const def = variableOf(sourceCode, node.callee)?.defs;
    const only = def?.length === 1 ? def[0] : undefined;
    if (only?.type === 'FunctionName') found = readSqlExport(sourceCode, only.node, project, depth + 1);
    else if (only?.type === 'Variable' && only.parent.kind === 'const') found = readSqlExport(sourceCode, only.node.init, project, depth + 1);
    if (found?.params === null) found = null;
  }
  if (!found && project && (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.MemberExpression || node.type === AST_NODE_TYPES.CallExpression)) {
    found = project.sql(node, sourceCode);
  }
  if (!found) return null;
  if (found.params === null) return found.parts as readonly SqlToken[];
  const args = (node as TSESTree.CallExpression).arguments;
  const tokens: SqlToken[] = [];
  for (const part of found.parts) {
    if (part.type !== 'param') {
      tokens.push(part);
      continue;
    }
    const arg = args[part.index];
    if (!arg || arg.type === AST_NODE_TYPES.SpreadElement) return null;
    const value = unwrap(arg);
    let column: ColumnModel | null;
    if (part.key === null) column = tableColumnOf(sourceCode, table, value);
    else column = isTableReference(sourceCode, table, value) ? (table.columnByKey(part.key) ?? null) : null;
    const token = column ? columnToken(column) : null;
    if (!token) return null;
    tokens.push(token);
  }
  return tokens;
}

/** A table that has no column: the fragments a module exports are read without one. */
const NO_TABLE = Object.freeze({ variable: null, extra: null, columnByKey: () => undefined }) as unknown as TableModel;

/**
 * The `sql` condition an exported declaration holds, as plain data for the module's summary: a
 * template (`sql`…``), or a function of plain parameters that returns one, whose substitutions
 * name a parameter (`${t}`) or its column (`${t.tenantId}`) or are readable fragments. Null otherwise.
 */
export function readSqlExport(sourceCode: SourceCode, init: TSESTree.Node | null | undefined, project: FileProject | null, depth = 0): SqlExport | null {
  if (!init || depth > 8) return null;
  const node = init.type === AST_NODE_TYPES.FunctionDeclaration ? init : unwrap(init as TSESTree.Expression);
  if (node.type === AST_NODE_TYPES.TaggedTemplateExpression) {
    const tokens = readSql(sourceCode, NO_TABLE, node, project, depth);
    return tokens ? { params: null, parts: tokens } : null;
  }
  if (!isFunction(node) && node.type !== AST_NODE_TYPES.FunctionDeclaration) return null;
  if (node.params.some((param) => param.type !== AST_NODE_TYPES.Identifier)) return null;
  const body = returnedExpression(node);
  if (body?.type !== AST_NODE_TYPES.TaggedTemplateExpression || !isSqlTag(sourceCode, body.tag)) return null;
  /** The index of the parameter an identifier names, or -1. */
  const paramIndex = (identifier: TSESTree.Expression): number => {
    if (identifier.type !== AST_NODE_TYPES.Identifier) return -1;
    const variable = variableOf(sourceCode, identifier);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    return def?.type === 'Parameter' && def.node === node ? node.params.indexOf(def.name) : -1;
  };
  const parts = readTemplate<SqlToken | SqlParam>(body.quasi, (inner) => {
    const value = unwrap(inner);
    const whole = paramIndex(value);
    if (whole !== -1) return [{ type: 'param', index: whole, key: null }];
    if (value.type === AST_NODE_TYPES.MemberExpression) {
      const index = paramIndex(unwrap(value.object));
      const key = propertyName(value);
      if (index !== -1) return key === null ? null : [{ type: 'param', index, key }];
    }
    return readSql(sourceCode, NO_TABLE, value, project, depth + 1);
  });
  return parts ? { params: node.params.length, parts } : null;
}

import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { propertyName, unwrap } from './ast.js';
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

/** Follows `const x = <init>` (in any scope) to the initializer; other expressions are returned as they are. */
export function resolveConst(sourceCode: SourceCode, expression: TSESTree.Expression): TSESTree.Expression {
  let node = unwrap(expression);
  const seen = new Set<TSESTree.Node>();
  while (node.type === AST_NODE_TYPES.Identifier && !seen.has(node)) {
    seen.add(node);
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

/**
 * The column of `table` that an expression names: `t.tenantId` with `t` the extra-config parameter,
 * a destructured parameter `({ tenantId }) => …`, or `users.tenantId` with `users` the table's variable.
 */
export function tableColumnOf(sourceCode: SourceCode, table: TableModel, expression: TSESTree.Expression): ColumnModel | null {
  const node = unwrap(expression);
  const extra = table.extra !== 'unknown' ? table.extra : null;
  if (node.type === AST_NODE_TYPES.MemberExpression) {
    const object = unwrap(node.object);
    const key = propertyName(node);
    if (object.type !== AST_NODE_TYPES.Identifier || key === null) return null;
    const variable = variableOf(sourceCode, object);
    if (!variable) return null;
    const isParam = extra !== null && variable.defs.some((def) => def.type === 'Parameter' && def.node === extra.fn && def.name === extra.fn.params[0]);
    return isParam || variable === table.variable ? (table.columnByKey(key) ?? null) : null;
  }
  if (node.type === AST_NODE_TYPES.Identifier && extra?.paramLocals) {
    const variable = variableOf(sourceCode, node);
    if (!variable?.defs.some((def) => def.type === 'Parameter' && def.node === extra.fn)) return null;
    for (const [key, local] of extra.paramLocals) if (local === node.name) return table.columnByKey(key) ?? null;
  }
  return null;
}

/**
 * The tokens of a Drizzle `sql` tagged template (through `const` variables), with interpolated columns
 * of `table` as quoted identifiers and interpolated `sql` fragments inlined. Null when the expression is
 * not such a template or holds anything the plugin cannot read (a parameter, a helper call, `sql.raw`).
 */
export function readSql(sourceCode: SourceCode, table: TableModel, expression: TSESTree.Expression, depth = 0): readonly SqlToken[] | null {
  if (depth > 8) return null;
  const node = resolveConst(sourceCode, expression);
  if (node.type !== AST_NODE_TYPES.TaggedTemplateExpression || !isSqlTag(sourceCode, node.tag)) return null;
  const { quasis, expressions } = node.quasi;
  // A template without substitutions is its text's (memoised, shared) tokens: the same condition written
  // on every table is then one token list, and what is derived from it can be memoised too.
  if (expressions.length === 0 && quasis.length === 1) {
    const text = quasis[0]!.value.cooked;
    return text === null ? null : memoTokens(text);
  }
  const tokens: SqlToken[] = [];
  for (const [i, quasi] of quasis.entries()) {
    const text = quasi.value.cooked;
    const part = text === null ? null : memoTokens(text);
    if (!part) return null;
    tokens.push(...part);
    const inner = expressions[i];
    if (!inner) continue;
    const column = tableColumnOf(sourceCode, table, inner);
    if (column) {
      const token = columnToken(column);
      if (!token) return null;
      tokens.push(token);
      continue;
    }
    const fragment = readSql(sourceCode, table, inner, depth + 1);
    if (!fragment) return null;
    tokens.push(...fragment); // Drizzle inlines a fragment as it is, without parentheses
  }
  return tokens;
}

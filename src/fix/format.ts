import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { TableModel } from '../model/table.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The quote the table's own strings use (`"` unless the file prefers `'`). */
export function quoteOf(table: TableModel, sourceCode: SourceCode): string {
  const candidates: (TSESTree.Node | null)[] = [table.nameNode, ...table.columns.map((c) => c.nameArg)];
  for (const node of candidates) {
    if (node?.type === AST_NODE_TYPES.Literal) {
      const first = sourceCode.getText(node).charAt(0);
      if (first === "'" || first === '"') return first;
    }
  }
  return '"';
}

export function quote(value: string, q: string): string {
  return `${q}${value.replaceAll('\\', '\\\\').replaceAll(q, `\\${q}`)}${q}`;
}

/** The whitespace that starts the line a node begins on. */
export function lineIndent(node: TSESTree.Node | TSESTree.Token, sourceCode: SourceCode): string {
  const line = sourceCode.lines[node.loc.start.line - 1] ?? '';
  return /^\s*/u.exec(line)?.[0] ?? '';
}

/** True when the node is the first thing on its line. */
export function startsLine(node: TSESTree.Node, sourceCode: SourceCode): boolean {
  const before = sourceCode.getTokenBefore(node, { includeComments: true });
  return !before || before.loc.end.line < node.loc.start.line;
}

/** One indentation step, guessed from the file (two spaces when nothing tells). */
function indentUnit(container: TSESTree.Node, sourceCode: SourceCode): string {
  const outer = lineIndent(container, sourceCode);
  for (const line of sourceCode.lines) {
    const m = /^(\s+)\S/u.exec(line);
    if (m?.[1] && m[1].length > 0 && m[1] !== outer) {
      if (m[1].startsWith('\t')) return '\t';
      break;
    }
  }
  return '  ';
}

type Member = TSESTree.ObjectLiteralElement | TSESTree.Expression | TSESTree.SpreadElement;
type Container = TSESTree.ObjectExpression | TSESTree.ArrayExpression;

function membersOf(container: Container): Member[] {
  return container.type === AST_NODE_TYPES.ObjectExpression
    ? container.properties
    : container.elements.filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => e !== null);
}

/**
 * Inserts `text` (one property or element, without a trailing comma; or several, in order) into an
 * object or array literal: `after` a member, or first (`after: "start"`), or last (`after: "end"`).
 * Multi-line literals get each new member on its own line indented like their members, with the
 * literal's trailing-comma style; one-line literals get the members inline.
 */
export function insertMember(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  container: Container,
  text: string | readonly string[],
  after: Member | 'start' | 'end',
): TSESLint.RuleFix[] {
  const texts = typeof text === 'string' ? [text] : text;
  const inline = texts.join(', ');
  const onLines = (indent: string): string => texts.join(`,\n${indent}`);
  const members = membersOf(container);
  const openToken = sourceCode.getFirstToken(container)!;
  const closeToken = sourceCode.getLastToken(container)!;
  if (members.length === 0) {
    // `{ // TODO }`: keep the comments, and put the new members after them.
    const comments = sourceCode.getCommentsInside(container as TSESTree.Node);
    const lastComment = comments[comments.length - 1];
    if (lastComment) {
      const outer = lineIndent(closeToken, sourceCode);
      const inner = `${outer}${indentUnit(container, sourceCode)}`;
      return [fixer.replaceTextRange([lastComment.range[1], closeToken.range[0]], `\n${inner}${onLines(inner)},\n${outer}`)];
    }
    if (openToken.loc.end.line === closeToken.loc.start.line) {
      return [fixer.replaceTextRange([openToken.range[1], closeToken.range[0]], container.type === AST_NODE_TYPES.ObjectExpression ? ` ${inline} ` : inline)];
    }
    const outer = lineIndent(closeToken, sourceCode);
    const inner = `${outer}${indentUnit(container, sourceCode)}`;
    return [fixer.replaceTextRange([openToken.range[1], closeToken.range[0]], `\n${inner}${onLines(inner)},\n${outer}`)];
  }
  const first = members[0]!;
  const last = members[members.length - 1]!;
  const multiline = startsLine(first, sourceCode);
  const anchor = after === 'start' ? null : after === 'end' ? last : after;

  if (!multiline) {
    if (!anchor) return [fixer.insertTextBefore(first, `${inline}, `)];
    return [fixer.insertTextAfter(anchor, `, ${inline}`)];
  }
  const indent = lineIndent(first, sourceCode);
  if (!anchor) {
    // Before the first member's line, so comments above it stay with it.
    const lineStart = sourceCode.getIndexFromLoc({ line: first.loc.start.line, column: 0 });
    const commentsBefore = sourceCode.getCommentsBefore(first);
    const start = commentsBefore.length > 0 && startsLine(commentsBefore[0] as unknown as TSESTree.Node, sourceCode)
      ? sourceCode.getIndexFromLoc({ line: commentsBefore[0]!.loc.start.line, column: 0 })
      : lineStart;
    return [fixer.insertTextAfterRange([start, start], `${indent}${onLines(indent)},\n`)];
  }
  const tokenAfter = sourceCode.getTokenAfter(anchor)!;
  const hasComma = tokenAfter.value === ',' && tokenAfter.type === 'Punctuator';
  const isLast = anchor === last;
  // Insert at the end of the anchor's last line, after a trailing comment on that line.
  const lastOnLine = hasComma ? tokenAfter : anchor;
  const endLine = lastOnLine.loc.end.line;
  const lineEnd = sourceCode.getIndexFromLoc({ line: endLine, column: (sourceCode.lines[endLine - 1] ?? '').length });
  const trailing = isLast ? (hasComma ? ',' : '') : ',';
  const fixes: TSESLint.RuleFix[] = [];
  if (!hasComma) fixes.push(fixer.insertTextAfter(anchor, ','));
  const nextOnSameLine = !isLast && sourceCode.getTokenAfter(lastOnLine)!.loc.start.line === endLine;
  if (nextOnSameLine) {
    fixes.push(fixer.insertTextAfter(lastOnLine, ` ${inline}${trailing}`));
  } else {
    fixes.push(fixer.insertTextAfterRange([lineEnd, lineEnd], `\n${indent}${onLines(indent)}${trailing}`));
  }
  return fixes;
}

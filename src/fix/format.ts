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

const units = new WeakMap<SourceCode, string>();

/**
 * One indentation step of the file: a tab when its lines are indented with tabs, else the smallest
 * indentation of its code lines (2 in a 2-space file, 4 in a 4-space one; deeper continuation lines do
 * not change the smallest). Two spaces when nothing tells. Lines of block comments (` * `) do not count.
 */
export function indentUnit(sourceCode: SourceCode): string {
  let unit = units.get(sourceCode);
  if (unit !== undefined) return unit;
  let tabs = 0;
  let spaced = 0;
  let smallest = Infinity;
  for (const line of sourceCode.lines) {
    const m = /^([ \t]+)(\S)/u.exec(line);
    if (!m || m[2] === '*') continue;
    const indent = m[1]!;
    if (indent.startsWith('\t')) tabs++;
    else {
      spaced++;
      if (indent.length < smallest) smallest = indent.length;
    }
  }
  unit = tabs > spaced ? '\t' : smallest >= 2 && smallest <= 8 ? ' '.repeat(smallest) : '  ';
  units.set(sourceCode, unit);
  return unit;
}

const widths = new WeakMap<SourceCode, number>();

/** Prettier's default print width, the width a file that tells nothing is held to. */
const DEFAULT_PRINT_WIDTH = 80;

/**
 * The print width the file keeps to: 80 (Prettier's default), or its longest line of code if that is
 * longer (a file formatted with a wider Prettier `printWidth`, or by hand). Lines that are long only
 * because a string, a template or a comment runs from before column 80 to the line's end do not count:
 * Prettier leaves those as they are, so they say nothing about the width. A Prettier config file is not
 * read: the rules see the file's text and the ESLint configuration only.
 */
export function printWidth(sourceCode: SourceCode): number {
  let width = widths.get(sourceCode);
  if (width !== undefined) return width;
  width = DEFAULT_PRINT_WIDTH;
  let comments: readonly TSESTree.Comment[] | null = null;
  for (let i = 0; i < sourceCode.lines.length; i++) {
    const line = sourceCode.lines[i]!;
    if (line.length <= width) continue;
    const index = sourceCode.getIndexFromLoc({ line: i + 1, column: DEFAULT_PRINT_WIDTH });
    // Unbreakable: a comment, string or template that covers column 80 and runs to the line's end
    // (give or take the `",` or `);` that closes it).
    const lineEnd = index - DEFAULT_PRINT_WIDTH + line.length;
    const runsToEnd = (range: TSESTree.Range): boolean => range[0] <= index && index < range[1] && range[1] >= lineEnd - 3;
    comments ??= sourceCode.getAllComments();
    if (comments.some((c) => runsToEnd(c.range))) continue;
    const node = sourceCode.getNodeByRangeIndex(index);
    const unbreakable = node?.type === AST_NODE_TYPES.Literal || node?.type === AST_NODE_TYPES.TemplateLiteral || node?.type === AST_NODE_TYPES.TemplateElement;
    if (unbreakable && runsToEnd(node.range)) continue;
    width = line.length;
  }
  widths.set(sourceCode, width);
  return width;
}

/**
 * `text` (one new member, written on one line) as Prettier would write it at `indent` when the line
 * (with `suffix`, the comma after it) is longer than the file's print width: a call whose last
 * argument is an object literal gets the object's properties one a line,
 * `pgPolicy("x", {\n  as: "permissive",\n  for: "all",\n})`. Anything else stays as it is.
 */
export function fitToWidth(sourceCode: SourceCode, text: string, indent: string, suffix: string, trailingComma: boolean): string {
  if (text.includes('\n') || indent.length + text.length + suffix.length <= printWidth(sourceCode)) return text;
  const inner = `${indent}${indentUnit(sourceCode)}`;
  const object = lastObjectArgument(text);
  if (!object) {
    // A chain of three calls or more, `timestamp(...).defaultNow().notNull()`: one call a line.
    const links = chainLinks(text);
    return links.length >= 2 ? links.reduceRight((out, at) => `${out.slice(0, at)}\n${inner}${out.slice(at)}`, text) : text;
  }
  const properties = object.properties.map((p) => `\n${inner}${p}`).join(',');
  return `${text.slice(0, object.start + 1)}${properties}${trailingComma ? ',' : ''}\n${indent}${text.slice(object.end)}`;
}

/** Where the links of a call chain written by a fix start: the dots of `).name(` outside any bracket or string. */
function chainLinks(text: string): number[] {
  const links: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) if (text[j] === '\\') j++;
      i = j;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === '.' && depth === 0 && text[i - 1] === ')') links.push(i);
  }
  return links;
}

/**
 * In code written by a fix, `f(a, { b: 1, c: 2 })`: the object literal that is the call's last
 * argument, where it starts and ends and its properties' text. Null for any other shape, or for a
 * template with a substitution (the fixes write none).
 */
function lastObjectArgument(text: string): { start: number; end: number; properties: string[] } | null {
  const stack: { char: string; at: number }[] = [];
  let object: { start: number; end: number; properties: string[] } | null = null;
  let propertyStart = -1;
  let properties: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === '\\') j++;
        else if (c === '`' && text[j] === '$' && text[j + 1] === '{') return null;
      }
      i = j;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      stack.push({ char: c, at: i });
      // An object directly inside the outermost call's parentheses.
      if (c === '{' && stack.length === 2 && stack[0]!.char === '(') {
        propertyStart = i + 1;
        properties = [];
      }
    } else if (c === ')' || c === ']' || c === '}') {
      const open = stack.pop();
      if (!open) return null;
      if (c === '}' && stack.length === 1 && propertyStart >= 0) {
        const last = text.slice(propertyStart, i).trim();
        if (last) properties.push(last);
        object = { start: open.at, end: i, properties };
        propertyStart = -1;
      } else if (c === ')' && stack.length === 0) {
        // The call's closing parenthesis: the object must be the last argument, and end the text.
        return object && text.slice(object.end + 1, i).trim() === '' && i === text.length - 1 && object.properties.length > 1 ? object : null;
      }
    } else if (c === ',' && stack.length === 2 && propertyStart >= 0) {
      properties.push(text.slice(propertyStart, i).trim());
      propertyStart = i + 1;
    } else if (c === ',' && stack.length === 1) {
      object = null;
    }
  }
  return null;
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
 * literal's trailing-comma style; one-line literals get the members inline, unless an array would then
 * pass the file's print width: it is written one member a line. A new member longer than the print
 * width is broken as `fitToWidth` breaks it.
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
  const members = membersOf(container);
  const openToken = sourceCode.getFirstToken(container)!;
  const closeToken = sourceCode.getLastToken(container)!;
  const lastMember = members[members.length - 1];
  const trailingComma = !lastMember || sourceCode.getTokenAfter(lastMember)?.value === ',';
  const onLines = (indent: string, trailing = true): string =>
    texts.map((t, i) => fitToWidth(sourceCode, t, indent, i < texts.length - 1 || trailing ? ',' : '', trailingComma)).join(`,\n${indent}`);
  // A one-line array (an extra config) that the new members would push past the print width: one
  // member a line, as Prettier breaks it. Objects (a table's columns) stay as they are written.
  const oneLine = openToken.loc.end.line === closeToken.loc.start.line;
  if (oneLine && container.type === AST_NODE_TYPES.ArrayExpression && sourceCode.getCommentsInside(container).length === 0) {
    const line = sourceCode.lines[openToken.loc.start.line - 1] ?? '';
    if (line.length + inline.length + 2 > printWidth(sourceCode)) {
      const existing = members.map((m) => sourceCode.getText(m));
      const at = after === 'start' ? 0 : after === 'end' ? members.length : members.indexOf(after) + 1;
      const outer = lineIndent(openToken, sourceCode);
      const inner = `${outer}${indentUnit(sourceCode)}`;
      const all = [...existing.slice(0, at), ...texts.map((t) => fitToWidth(sourceCode, t, inner, ',', true)), ...existing.slice(at)];
      return [fixer.replaceTextRange([openToken.range[1], closeToken.range[0]], `\n${inner}${all.join(`,\n${inner}`)},\n${outer}`)];
    }
  }
  if (members.length === 0) {
    // `{ // TODO }`: keep the comments, and put the new members after them.
    const comments = sourceCode.getCommentsInside(container as TSESTree.Node);
    const lastComment = comments[comments.length - 1];
    if (lastComment) {
      const outer = lineIndent(closeToken, sourceCode);
      const inner = `${outer}${indentUnit(sourceCode)}`;
      return [fixer.replaceTextRange([lastComment.range[1], closeToken.range[0]], `\n${inner}${onLines(inner)},\n${outer}`)];
    }
    if (openToken.loc.end.line === closeToken.loc.start.line) {
      return [fixer.replaceTextRange([openToken.range[1], closeToken.range[0]], container.type === AST_NODE_TYPES.ObjectExpression ? ` ${inline} ` : inline)];
    }
    const outer = lineIndent(closeToken, sourceCode);
    const inner = `${outer}${indentUnit(sourceCode)}`;
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
    fixes.push(fixer.insertTextAfterRange([lineEnd, lineEnd], `\n${indent}${onLines(indent, trailing === ',')}${trailing}`));
  }
  return fixes;
}

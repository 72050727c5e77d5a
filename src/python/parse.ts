/**
 * Python source -> a plain node tree in ESLint's conventions.
 *
 * The parser is `@lezer/python` (pure JavaScript, synchronous, no install step). Each named node of its
 * syntax tree becomes a {@link PyNode} whose `type` is the Lezer node name (`ClassDefinition`,
 * `AssignStatement`, `CallExpression`, `ArgList`, `VariableName`, ...), with `range` (0-based offsets),
 * `loc` (1-based lines, 0-based columns, as ESLint's JavaScript), a parent link and its children.
 * Bracket and separator tokens (`( ) [ ] { } , : . ;`) are left out; keyword tokens and operators stay,
 * so `*`/`**` in argument lists and `as` in imports remain visible. Comments are collected on the root.
 *
 * Lezer recovers from every error; an error node means Python would reject the file, so it becomes a
 * parse error with a line and column. One exception: Lezer's grammar has no bare `yield` (a valid
 * statement and expression), and marks an empty error right after it; that one is not an error.
 */
import { parser } from '@lezer/python';
import type { SyntaxNodeRef } from '@lezer/common';

export interface Position {
  line: number;
  column: number;
}

export interface SourceLocation {
  start: Position;
  end: Position;
}

export interface PyNode {
  type: string;
  range: [number, number];
  loc: SourceLocation;
  parent: PyNode | null;
  children: PyNode[];
}

export interface PyComment {
  type: 'Comment';
  /** The text after `#`. */
  value: string;
  range: [number, number];
  loc: SourceLocation;
}

export interface PyScript extends PyNode {
  type: 'Script';
  comments: PyComment[];
  /** The source text, so that helpers can read node text from the tree alone. */
  text: string;
}

export interface PyParseError {
  message: string;
  /** 1-based. */
  line: number;
  /** 0-based, as the language's `columnStart`. */
  column: number;
}

export type ParseResult = { ok: true; ast: PyScript } | { ok: false; error: PyParseError };

/** Tokens that carry no meaning once the tree has its structure. */
const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':', '.', ';']);

/** Every node type the parser can produce (for the language's visitor keys). */
export const NODE_TYPES: readonly string[] = [
  ...new Set(parser.nodeSet.types.map((t) => t.name).filter((n) => n && !PUNCTUATION.has(n) && n !== '⚠')),
];

/** What the tree conversion does with a node, by Lezer node type id (looked up once per node). */
const KIND_NODE = 0;
const KIND_SKIP = 1; // the top node and punctuation
const KIND_ERROR = 2;
const KIND_COMMENT = 3;
const KINDS = Uint8Array.from(parser.nodeSet.types, (t) =>
  t.isError ? KIND_ERROR : t.isTop || PUNCTUATION.has(t.name) ? KIND_SKIP : t.name === 'Comment' ? KIND_COMMENT : KIND_NODE,
);

/** Offsets of line starts: `\n`, `\r\n` and `\r` end a line, as ESLint's line-ending pattern. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function positionOf(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! };
}

function locOf(starts: number[], from: number, to: number): SourceLocation {
  return { start: positionOf(starts, from), end: positionOf(starts, to) };
}

/**
 * Positions of a node's start and end while the tree is visited in document order: starts never move
 * back, so the start's line is found by stepping on from the previous one, and the end's from there.
 */
class Locator {
  private line = 0;
  constructor(private readonly starts: number[]) {}
  loc(from: number, to: number): SourceLocation {
    const starts = this.starts;
    let line = this.line;
    if (starts[line]! > from) line = positionOf(starts, from).line - 1;
    while (line + 1 < starts.length && starts[line + 1]! <= from) line++;
    this.line = line;
    let end = line;
    while (end + 1 < starts.length && starts[end + 1]! <= to) {
      // A node of many lines: search the rest.
      if (end - line > 8) return { start: { line: line + 1, column: from - starts[line]! }, end: positionOf(starts, to) };
      end++;
    }
    return { start: { line: line + 1, column: from - starts[line]! }, end: { line: end + 1, column: to - starts[end]! } };
  }
}

/** A bare `yield` (statement or expression) that Lezer's grammar marks with an empty error node. */
function isBareYieldGap(text: string, node: SyntaxNodeRef): boolean {
  if (node.from !== node.to) return false;
  const parent = node.node.parent;
  return (
    (parent?.name === 'YieldStatement' || parent?.name === 'YieldExpression') &&
    /\byield[ \t]*$/u.test(text.slice(parent.from, node.from))
  );
}

function describeAt(text: string, from: number, to: number): string {
  const found = text.slice(from, Math.max(to, from + 1)).split(/\r?\n|\r/u)[0]!;
  if (from >= text.length) return 'end of file';
  if (!found) return 'end of line';
  return JSON.stringify(found.length > 20 ? `${found.slice(0, 20)}…` : found);
}

/** Parses Python source. Never throws. */
export function parsePython(text: string): ParseResult {
  const tree = parser.parse(text);
  const starts = lineStarts(text);
  const root: PyScript = {
    type: 'Script',
    range: [0, text.length],
    loc: locOf(starts, 0, text.length),
    parent: null,
    children: [],
    comments: [],
    text,
  };
  let error: PyParseError | null = null;
  const stack: PyNode[] = [];
  let current: PyNode = root;
  const locator = new Locator(starts);
  tree.iterate({
    enter(ref) {
      const kind = KINDS[ref.type.id];
      if (ref.type.isTop) return true;
      if (kind === KIND_ERROR) {
        if (!error && !isBareYieldGap(text, ref)) {
          const at = positionOf(starts, ref.from);
          error = { message: `Invalid Python syntax at ${describeAt(text, ref.from, ref.to)}.`, ...at };
        }
        return false;
      }
      if (kind === KIND_COMMENT) {
        root.comments.push({ type: 'Comment', value: text.slice(ref.from + 1, ref.to), range: [ref.from, ref.to], loc: locator.loc(ref.from, ref.to) });
        return false;
      }
      if (kind === KIND_SKIP) return false;
      const node: PyNode = { type: ref.type.name, range: [ref.from, ref.to], loc: locator.loc(ref.from, ref.to), parent: current, children: [] };
      current.children.push(node);
      stack.push(current);
      current = node;
      return true;
    },
    leave(ref) {
      if (KINDS[ref.type.id] !== KIND_NODE) return;
      current = stack.pop()!;
    },
  });
  if (error) return { ok: false, error };
  return { ok: true, ast: root };
}

// ---------------------------------------------------------------------------------------------------------
// Reading the tree

/** The root of the tree a node belongs to. */
export function rootOf(node: PyNode): PyScript {
  let n = node;
  while (n.parent) n = n.parent;
  return n as PyScript;
}

/** The source text of a node. */
export function nodeText(node: PyNode): string {
  return rootOf(node).text.slice(node.range[0], node.range[1]);
}

export function child(node: PyNode | null | undefined, type: string): PyNode | undefined {
  return node?.children.find((c) => c.type === type);
}

export function childrenOf(node: PyNode | null | undefined, type: string): PyNode[] {
  return node ? node.children.filter((c) => c.type === type) : [];
}

/** The statements of a `Body` (a class or function body), or of the script. */
export function statements(body: PyNode | undefined): PyNode[] {
  return body ? body.children.filter((c) => STATEMENT_TYPES.has(c.type)) : [];
}

const STATEMENT_TYPES = new Set(
  NODE_TYPES.filter((t) => t.endsWith('Statement') || t === 'ClassDefinition' || t === 'FunctionDefinition' || t === 'DecoratedStatement' || t === 'TypeDefinition'),
);

/** The arguments of a call's `ArgList`: positional values, keyword values, and whether `*`/`**` hides some. */
export interface Arguments {
  positional: PyNode[];
  keywords: Map<string, PyNode>;
  /** Keyword name nodes, for reports and renames. */
  keywordNames: Map<string, PyNode>;
  /** A `*args` or `**kwargs` argument: more arguments than can be read. */
  spread: boolean;
}

export function callArguments(argList: PyNode | undefined): Arguments {
  const out: Arguments = { positional: [], keywords: new Map(), keywordNames: new Map(), spread: false };
  const c = argList?.children ?? [];
  for (let i = 0; i < c.length; i++) {
    const n = c[i]!;
    if (n.type === '*' || n.type === '**') {
      out.spread = true;
      i++;
    } else if (n.type === 'VariableName' && c[i + 1]?.type === 'AssignOp' && c[i + 2]) {
      const name = nodeText(n);
      out.keywordNames.set(name, n);
      out.keywords.set(name, c[i + 2]!);
      i += 2;
    } else if (n.type !== 'for' && n.type !== 'in' && n.type !== 'async' && n.type !== 'if') {
      out.positional.push(n);
    }
  }
  return out;
}

/** `name`, `a.b.c` as a dotted name, or undefined for anything else. */
export function dottedName(node: PyNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'VariableName') return nodeText(node);
  if (node.type === 'MemberExpression' && node.children.length === 2 && node.children[1]!.type === 'PropertyName') {
    const object = dottedName(node.children[0]);
    return object === undefined ? undefined : `${object}.${nodeText(node.children[1]!)}`;
  }
  return undefined;
}

/** A call's callee and arguments, when the node is a call. */
export function asCall(node: PyNode | undefined): { callee: PyNode; name: string | undefined; args: Arguments } | undefined {
  if (node?.type !== 'CallExpression') return undefined;
  const callee = node.children[0];
  if (!callee) return undefined;
  return { callee, name: dottedName(callee), args: callArguments(child(node, 'ArgList')) };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

/**
 * The value of a plain string literal (`"a"`, `'a'`, `"""a"""`, `r"a"`, `u"a"`), or undefined for
 * f-strings, bytes, concatenations and anything not a string.
 */
export function stringValue(node: PyNode | undefined): string | undefined {
  if (node?.type !== 'String') return undefined;
  const raw = nodeText(node);
  const m = /^([rRuU]?)('''|"""|'|")([\s\S]*)\2$/u.exec(raw);
  if (!m) return undefined;
  const body = m[3]!;
  if (m[1]!.toLowerCase() === 'r') return body;
  if (!body.includes('\\')) return body;
  return body.replace(/\\(\r\n|[\s\S])/gu, (_, c: string) => (c === '\n' || c === '\r\n' ? '' : (SIMPLE_ESCAPES[c] ?? `\\${c}`)));
}

/** `True`/`False` literal value, or undefined. */
export function booleanValue(node: PyNode | undefined): boolean | undefined {
  if (node?.type !== 'Boolean') return undefined;
  return nodeText(node) === 'True';
}

/** Calls `fn` on every node of the tree under `node` (itself included), depth first. */
export function walk(node: PyNode, fn: (node: PyNode) => void): void {
  fn(node);
  for (let i = 0; i < node.children.length; i++) walk(node.children[i]!, fn);
}

/** The names a `from m import a, b as c` statement imports, with their extents (alias included). */
export function parseImportNames(statement: PyNode): { name: string; node: PyNode; start: number; end: number }[] | null {
  const c = statement.children;
  if (c[0]?.type !== 'from') return null;
  const importAt = c.findIndex((n) => n.type === 'import');
  if (importAt < 0) return null;
  const out: { name: string; node: PyNode; start: number; end: number }[] = [];
  for (let i = importAt + 1; i < c.length; i++) {
    const n = c[i]!;
    if (n.type !== 'VariableName') return null;
    if (c[i + 1]?.type === 'as' && c[i + 2]) {
      out.push({ name: nodeText(n), node: n, start: n.range[0], end: c[i + 2]!.range[1] });
      i += 2;
    } else out.push({ name: nodeText(n), node: n, start: n.range[0], end: n.range[1] });
  }
  return out;
}

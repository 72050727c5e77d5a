import { describe, expect, it } from 'vitest';
import {
  asCall,
  booleanValue,
  callArguments,
  child,
  dottedName,
  nodeText,
  parsePython,
  statements,
  stringValue,
  type PyNode,
  type PyScript,
} from '../../src/python/parse.js';
import { code } from '../support/python-tester.js';

function parse(text: string): PyScript {
  const result = parsePython(text);
  if (!result.ok) throw new Error(`unexpected parse error: ${JSON.stringify(result.error)}`);
  return result.ast;
}

function find(node: PyNode, type: string): PyNode[] {
  const out: PyNode[] = [];
  const walk = (n: PyNode): void => {
    if (n.type === type) out.push(n);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}

const MODEL = code`
  from uuid import UUID, uuid4
  from sqlmodel import Field, SQLModel  # the ORM


  class Tenant(SQLModel, table=True):
      __tablename__ = "tenants"
      id: UUID = Field(default_factory=uuid4, primary_key=True)
`;

describe('parsePython', () => {
  it('gives a Script with ESLint-style ranges and locations (1-based lines, 0-based columns)', () => {
    const ast = parse(MODEL);
    expect(ast.type).toBe('Script');
    expect(ast.range).toEqual([0, MODEL.length]);
    expect(ast.loc.start).toEqual({ line: 1, column: 0 });
    const [cls] = find(ast, 'ClassDefinition');
    expect(cls!.loc.start).toEqual({ line: 5, column: 0 });
    const field = find(cls!, 'AssignStatement')[1]!;
    expect(nodeText(field)).toBe('id: UUID = Field(default_factory=uuid4, primary_key=True)');
    expect(field.loc).toEqual({ start: { line: 7, column: 4 }, end: { line: 7, column: 61 } });
    expect(MODEL.slice(...field.range)).toBe(nodeText(field));
  });

  it('links parents and leaves out punctuation tokens', () => {
    const ast = parse(MODEL);
    const arg = find(ast, 'ArgList')[0]!;
    expect(arg.parent!.type).toBe('ClassDefinition');
    expect(arg.children.map((c) => c.type)).toEqual(['VariableName', 'VariableName', 'AssignOp', 'Boolean']);
    for (const c of arg.children) expect(c.parent).toBe(arg);
  });

  it('collects comments on the root with the text after #', () => {
    const ast = parse(MODEL);
    expect(ast.comments).toHaveLength(1);
    expect(ast.comments[0]).toMatchObject({ type: 'Comment', value: ' the ORM', loc: { start: { line: 2, column: 38 } } });
    expect(find(ast, 'Comment')).toHaveLength(0);
  });

  it('counts lines ended by \\r\\n and by a lone \\r', () => {
    const ast = parse('a = 1\r\nb = 2\rc = 3\n');
    expect(ast.children.map((s) => s.loc.start.line)).toEqual([1, 2, 3]);
    expect(ast.children[2]!.loc.start.column).toBe(0);
  });

  it('turns an error node into a parse error with line and 0-based column', () => {
    expect(parsePython('x = 1\ny = = 2\n')).toEqual({
      ok: false,
      error: { message: 'Invalid Python syntax at "=".', line: 2, column: 4 },
    });
    const unclosed = parsePython('class A(:\n    pass\n');
    expect(unclosed.ok).toBe(false);
    expect(!unclosed.ok && unclosed.error.line).toBe(1);
    expect(parsePython('def f(\n').ok).toBe(false);
    expect(parsePython('if x\n    pass\n').ok).toBe(false);
    expect(parsePython('class A:\nx = 1\n').ok).toBe(false);
  });

  it('accepts a bare yield, which Lezer marks with an empty error node', () => {
    expect(parsePython('def g():\n    yield\n    x = yield\n    yield 1\n').ok).toBe(true);
    // ...but not a real error next to a yield.
    expect(parsePython('def g():\n    yield =\n').ok).toBe(false);
  });

  it('parses modern syntax: match, walrus, type parameters, f-strings, async, decorators', () => {
    for (const src of [
      'match x:\n    case [1, *rest]:\n        pass\n    case _:\n        pass\n',
      'if (n := len(a)) > 10:\n    pass\n',
      'type Point = tuple[float, float]\ndef f[T](x: T) -> T:\n    return x\n',
      'x = f"{a!r:>{w}} {b["k"]}"\n',
      'async def f():\n    async with a as b:\n        await b\n',
      '@a.b(c)\nclass X:\n    @property\n    def y(self): ...\n',
    ]) {
      expect(parsePython(src).ok, src).toBe(true);
    }
  });
});

describe('tree helpers', () => {
  const ast = parse(code`
    x = Field(1, "two", *rest, primary_key=True, foreign_key='tenants.id', **extra)
    y = sa.Column(sa.DateTime(timezone=True))
    s = r"a\\b" + "c\\"d" + """e""" + f"{x}" + b"x"
  `);
  const [x, y, s] = statements(ast);

  it('reads call arguments: positional, keywords and spreads', () => {
    const call = asCall(x!.children[2])!;
    expect(call.name).toBe('Field');
    expect(call.args.positional.map(nodeText)).toEqual(['1', '"two"']);
    expect([...call.args.keywords.keys()]).toEqual(['primary_key', 'foreign_key']);
    expect(booleanValue(call.args.keywords.get('primary_key'))).toBe(true);
    expect(stringValue(call.args.keywords.get('foreign_key'))).toBe('tenants.id');
    expect(nodeText(call.args.keywordNames.get('foreign_key')!)).toBe('foreign_key');
    expect(call.args.spread).toBe(true);
    expect(callArguments(undefined)).toMatchObject({ positional: [], spread: false });
  });

  it('reads dotted names', () => {
    const call = asCall(y!.children[2])!;
    expect(call.name).toBe('sa.Column');
    expect(asCall(call.args.positional[0])!.name).toBe('sa.DateTime');
    expect(dottedName(child(x!, 'AssignOp'))).toBeUndefined();
  });

  it('reads plain string values and leaves f-strings and bytes unknown', () => {
    const strings = find(s!, 'String').concat(find(s!, 'FormatString'));
    expect(strings.map(stringValue)).toEqual(['a\\b', 'c"d', 'e', undefined, undefined]);
  });
});

import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';

/** Removes TypeScript-only wrappers that do not change a value: `x as T`, `x!`, `x satisfies T`, `<T>x`. */
export function unwrap(node: TSESTree.Expression): TSESTree.Expression {
  let current = node;
  while (isWrapper(current)) current = current.expression;
  return current;
}

/** The parent of an expression, skipping TypeScript-only wrappers. Returns [parent, child-of-parent]. */
export function parentOf(node: TSESTree.Node): [TSESTree.Node | undefined, TSESTree.Node] {
  const child = outerWrapper(node);
  return [child.parent, child];
}

/**
 * The outermost TypeScript-only wrapper around a node (`x as T` around `x`), or the node itself: the
 * child through which its value reaches the parent (`outerWrapper(node).parent`). `parentOf` without its
 * pair, for the model's walks, which take a step per table.
 */
export function outerWrapper(node: TSESTree.Node): TSESTree.Node {
  let child = node;
  for (let parent = node.parent; parent && isWrapper(parent); parent = parent.parent) child = parent;
  return child;
}

type Wrapper =
  | TSESTree.TSAsExpression
  | TSESTree.TSNonNullExpression
  | TSESTree.TSSatisfiesExpression
  | TSESTree.TSTypeAssertion
  | TSESTree.TSInstantiationExpression;

/** A TypeScript-only wrapper around a value (see `unwrap`). */
function isWrapper(node: TSESTree.Node): node is Wrapper {
  return (
    node.type === AST_NODE_TYPES.TSAsExpression ||
    node.type === AST_NODE_TYPES.TSNonNullExpression ||
    node.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    node.type === AST_NODE_TYPES.TSTypeAssertion ||
    node.type === AST_NODE_TYPES.TSInstantiationExpression
  );
}

export type StringNode = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

/** A string literal or a template literal without substitutions. */
export function isStaticString(node: TSESTree.Node | null | undefined): node is StringNode {
  if (!node) return false;
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string';
  return node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0;
}

export function staticString(node: TSESTree.Node | null | undefined): string | null {
  if (!isStaticString(node)) return null;
  if (node.type === AST_NODE_TYPES.Literal) return node.value;
  return node.quasis[0]?.value.cooked ?? null;
}

/** The name of a non-computed property key (`a`, `"a"`, `'a'`), or of a computed string key (`["a"]`). */
export function propertyName(property: TSESTree.Property | TSESTree.MemberExpression): string | null {
  const key = property.type === AST_NODE_TYPES.Property ? property.key : property.property;
  if (!property.computed && key.type === AST_NODE_TYPES.Identifier) return key.name;
  if (key.type === AST_NODE_TYPES.Literal) {
    return typeof key.value === 'string' || typeof key.value === 'number' ? String(key.value) : null;
  }
  return staticString(key);
}

/** The object returned by a function: `() => ({...})`, or `() => { return {...}; }` with a single return. */
export function returnedExpression(
  fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration,
): TSESTree.Expression | null {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return unwrap(fn.body);
  const returns = fn.body.body.filter((s): s is TSESTree.ReturnStatement => s.type === AST_NODE_TYPES.ReturnStatement);
  const onlyReturn = returns.length === 1 ? returns[0] : undefined;
  // A single top-level return, and no other statement that could return early.
  if (!onlyReturn?.argument || fn.body.body.some((s) => containsReturn(s) && s !== onlyReturn)) return null;
  return unwrap(onlyReturn.argument);
}

function containsReturn(statement: TSESTree.Statement): boolean {
  switch (statement.type) {
    case AST_NODE_TYPES.ReturnStatement:
      return true;
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.BlockStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.SwitchStatement:
    case AST_NODE_TYPES.TryStatement:
    case AST_NODE_TYPES.LabeledStatement:
      return true; // may return from inside: treat as unknown
    default:
      return false;
  }
}

export function isFunction(
  node: TSESTree.Node | null | undefined,
): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression {
  return node?.type === AST_NODE_TYPES.ArrowFunctionExpression || node?.type === AST_NODE_TYPES.FunctionExpression;
}

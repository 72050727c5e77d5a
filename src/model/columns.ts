import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Casing } from '../settings.js';
import { isFunction, isStaticString, propertyName, returnedExpression, staticString, unwrap } from './ast.js';
import type { VariableMeanings } from './find-tables.js';
import { drizzleCase } from './names.js';
import type { BuilderStyle, ColumnModel, ModifierModel, TableModel } from './table.js';

export interface ColumnContext {
  meanings: VariableMeanings;
  scopeManager: TSESLint.Scope.ScopeManager;
  sourceCode: Readonly<TSESLint.SourceCode>;
}

/** The database name Drizzle gives a name-less builder under a casing (exactly Drizzle's conversion). */
export function dbNameFromKey(key: string, casing: Casing): string {
  return casing === 'preserve' ? key : drizzleCase(key, casing);
}

/** Reads the columns argument of a table into the table model. */
export function readColumns(table: TableModel, argument: TSESTree.Expression | null, ctx: ColumnContext): void {
  if (!argument) {
    table.columnsComplete = false;
    return;
  }
  const node = unwrap(argument);
  let object: TSESTree.Expression | null = node;
  if (isFunction(node)) {
    table.builderStyle = registerBuilderParam(node, ctx);
    object = returnedExpression(node);
  } else if (node.type === AST_NODE_TYPES.Identifier) {
    // pgTable("x", columns) with `const columns = {...}` in this file: read it, but do not insert into it.
    const resolved = resolveObject(node, ctx, new Set());
    if (resolved) {
      readObject(table, resolved, null, ctx, new Set([resolved]));
    } else {
      table.columnsComplete = false;
    }
    return;
  }
  if (object?.type !== AST_NODE_TYPES.ObjectExpression) {
    table.columnsComplete = false;
    return;
  }
  table.columnsObject = object;
  readObject(table, object, null, ctx, new Set([object]));
}

function registerBuilderParam(
  fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression,
  ctx: ColumnContext,
): BuilderStyle {
  const param = fn.params[0];
  if (!param) return { kind: 'imports' };
  const variables = ctx.scopeManager.getDeclaredVariables(fn);
  if (param.type === AST_NODE_TYPES.Identifier) {
    const variable = variables.find((v) => v.name === param.name);
    if (variable) ctx.meanings.bind(variable, { kind: 'builders' }, false);
    return { kind: 'param', name: param.name, fn };
  }
  if (param.type === AST_NODE_TYPES.ObjectPattern) {
    const locals = new Map<string, string>();
    for (const property of param.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const builder = propertyName(property);
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (!builder || value.type !== AST_NODE_TYPES.Identifier) continue;
      locals.set(builder, value.name);
      const variable = variables.find((v) => v.name === value.name);
      if (variable) ctx.meanings.bind(variable, { kind: 'builder', name: builder }, false);
    }
    return { kind: 'destructured', pattern: param, locals };
  }
  return { kind: 'imports' };
}

function readObject(
  table: TableModel,
  object: TSESTree.ObjectExpression,
  viaSpread: TSESTree.SpreadElement | null,
  ctx: ColumnContext,
  seen: Set<TSESTree.Node>,
): void {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      const resolved = resolveObject(unwrap(property.argument), ctx, seen);
      if (resolved && !seen.has(resolved)) {
        seen.add(resolved);
        readObject(table, resolved, viaSpread ?? property, ctx, seen);
      } else {
        table.columnsComplete = false;
      }
      continue;
    }
    const key = propertyName(property);
    if (key === null || property.kind !== 'init' || property.method) {
      table.columnsComplete = false;
      continue;
    }
    const column = readColumn(table, property, key, viaSpread, ctx);
    if (column.dbName === null) table.columnsComplete = false;
    table.columns.push(column);
  }
}

/**
 * Follows an identifier or a call to a same-file object literal: `const timestamps = {...}`,
 * `function timestamps() { return {...}; }`, `const base = () => ({...})`. Anything else is unknown.
 */
export function resolveObject(node: TSESTree.Expression, ctx: ColumnContext, seen: Set<TSESTree.Node>): TSESTree.ObjectExpression | null {
  if (node.type === AST_NODE_TYPES.ObjectExpression) return node;
  const isCall = node.type === AST_NODE_TYPES.CallExpression;
  const target = isCall ? unwrap(node.callee as TSESTree.Expression) : node;
  if (target.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = findVariable(target, ctx);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return null;
  let value: TSESTree.Expression | null = null;
  if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init && def.node.parent.kind === 'const') {
    value = unwrap(def.node.init);
  } else if (def.node.type === AST_NODE_TYPES.FunctionDeclaration && isCall) {
    value = returnedExpression(def.node);
    return value?.type === AST_NODE_TYPES.ObjectExpression && !seen.has(value) ? value : null;
  }
  if (!value || seen.has(value)) return null;
  if (isCall) {
    if (!isFunction(value)) return null;
    const returned = returnedExpression(value);
    return returned?.type === AST_NODE_TYPES.ObjectExpression ? returned : null;
  }
  return value.type === AST_NODE_TYPES.ObjectExpression ? value : null;
}

function findVariable(identifier: TSESTree.Identifier, ctx: ColumnContext): TSESLint.Scope.Variable | null {
  for (let scope: TSESLint.Scope.Scope | null = ctx.sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
  }
  return null;
}

function readColumn(
  table: TableModel,
  property: TSESTree.Property,
  key: string,
  viaSpread: TSESTree.SpreadElement | null,
  ctx: ColumnContext,
): ColumnModel {
  const value = unwrap(property.value as TSESTree.Expression);
  const read = readChain(value, builderName, ctx);
  const builder = read?.base ?? null;
  const builderCall = read?.baseCall ?? null;
  const modifiers = read?.chain ?? [];

  const first = builderCall?.arguments[0];
  const second = builderCall?.arguments[1];
  const nameArg = isStaticString(first) ? first : null;
  const hasNameArg = first !== undefined && first.type !== AST_NODE_TYPES.ObjectExpression;
  const configNode = first?.type === AST_NODE_TYPES.ObjectExpression ? first : second?.type === AST_NODE_TYPES.ObjectExpression ? second : null;
  let dbName: string | null = null;
  if (builderCall) {
    if (nameArg) dbName = staticString(nameArg);
    else if (!hasNameArg) dbName = dbNameFromKey(key, table.casing);
  }
  return {
    key,
    keyNode: property.key,
    property,
    value,
    builder,
    builderCall,
    nameArg,
    hasNameArg,
    configArg: configNode,
    dbName,
    modifiers,
    viaSpread,
    table,
  };
}

/** A call chain `base(…).a(…).b(…)`: the base call, what it is, and the member calls around it. */
export interface CallChain<T> {
  base: T;
  baseCall: TSESTree.CallExpression;
  /** The member calls, innermost first (`uuid().notNull().references(…)`: `notNull`, `references`). */
  chain: ModifierModel[];
}

/**
 * Reads a call chain from its outermost call down to the first call whose callee `baseOf` recognises
 * (a column builder, an index or policy factory). Null when there is no such call, or a link of the
 * chain is not a plain `.name(…)` call.
 */
export function readChain<T>(
  outermost: TSESTree.Expression,
  baseOf: (callee: TSESTree.Expression, ctx: ColumnContext) => T | null,
  ctx: ColumnContext,
): CallChain<T> | null {
  let current = outermost;
  let count = 0;
  while (current.type === AST_NODE_TYPES.CallExpression) {
    const callee = unwrap(current.callee);
    const base = baseOf(callee, ctx);
    if (base !== null) return { base, baseCall: current, chain: chainOf(outermost, count) };
    if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return null;
    count++;
    current = unwrap(callee.object);
  }
  return null;
}

/**
 * The `count` member calls that wrap the base call, innermost first. Sized exactly: a schema has a chain
 * per column, and an array grown by `push` would reserve room for 17.
 */
function chainOf(outermost: TSESTree.Expression, count: number): ModifierModel[] {
  const chain = new Array<ModifierModel>(count);
  let current = outermost;
  for (let i = count - 1; i >= 0; i--) {
    const call = current as TSESTree.CallExpression;
    const callee = unwrap(call.callee) as TSESTree.MemberExpression;
    chain[i] = { name: (callee.property as TSESTree.Identifier).name, call, property: callee.property as TSESTree.Identifier };
    current = unwrap(callee.object);
  }
  return chain;
}

/** The pg-core builder a callee stands for: `uuid`, `t.uuid`, `pg.uuid`, a destructured `uuid`. */
function builderName(callee: TSESTree.Expression, ctx: ColumnContext): string | null {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const meaning = ctx.meanings.get(callee);
    if (meaning?.kind === 'builder') return meaning.name;
    if (meaning?.kind === 'export' && meaning.module.endsWith('pg-core')) return meaning.name;
    return null;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    const object = unwrap(callee.object);
    if (object.type !== AST_NODE_TYPES.Identifier) return null;
    const meaning = ctx.meanings.get(object);
    if (meaning?.kind === 'builders' || (meaning?.kind === 'namespace' && meaning.module.endsWith('pg-core'))) {
      return callee.property.name;
    }
  }
  return null;
}

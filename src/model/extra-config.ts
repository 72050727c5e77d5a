import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, propertyName, returnedExpression, staticString, unwrap, isStaticString } from './ast.js';
import { readChain, type ColumnContext } from './columns.js';
import { DRIZZLE_NEON, PG_CORE } from './find-tables.js';
import type { ColumnModel, ExtraConfigModel, ExtraEntryKind, ExtraEntryModel, PolicyModel, TableModel } from './table.js';

const ENTRY_KINDS: Record<string, ExtraEntryKind> = {
  index: 'index',
  uniqueIndex: 'uniqueIndex',
  primaryKey: 'primaryKey',
  foreignKey: 'foreignKey',
  unique: 'unique',
  check: 'check',
  pgPolicy: 'policy',
};

/** Reads the third argument of a table call. */
export function readExtraConfig(
  table: TableModel,
  argument: TSESTree.Expression | undefined,
  ctx: ColumnContext,
): ExtraConfigModel | null | 'unknown' {
  if (!argument) return null;
  const fn = unwrap(argument);
  if (!isFunction(fn)) return 'unknown';
  const param = fn.params[0];
  const paramRefs = new Set<TSESTree.Identifier>();
  let paramName: string | null = null;
  let paramLocals: Map<string, string> | null = null;
  const variables = ctx.scopeManager.getDeclaredVariables(fn);
  if (param?.type === AST_NODE_TYPES.Identifier) {
    paramName = param.name;
    for (const reference of variables.find((v) => v.name === param.name)?.references ?? []) {
      if (reference.identifier.type === AST_NODE_TYPES.Identifier) paramRefs.add(reference.identifier);
    }
  } else if (param?.type === AST_NODE_TYPES.ObjectPattern) {
    paramLocals = new Map();
    for (const property of param.properties) {
      if (property.type !== AST_NODE_TYPES.Property) continue;
      const key = propertyName(property);
      if (key && property.value.type === AST_NODE_TYPES.Identifier) paramLocals.set(key, property.value.name);
    }
  }
  const body = returnedExpression(fn);
  if (body?.type !== AST_NODE_TYPES.ArrayExpression && body?.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';

  const localToKey = new Map<string, string>();
  for (const [key, local] of paramLocals ?? []) localToKey.set(local, key);
  const model: ExtraConfigModel = {
    fn,
    paramName,
    paramLocals,
    form: body.type === AST_NODE_TYPES.ArrayExpression ? 'array' : 'object',
    container: body,
    entries: [],
    complete: true,
  };
  const columnOf = (expression: TSESTree.Node): ColumnModel | null => {
    let node = expression.type === AST_NODE_TYPES.SpreadElement ? null : unwrap(expression as TSESTree.Expression);
    // t.email.asc(), t.email.op("text_ops"), t.email.nullsFirst()
    while (node?.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      node = unwrap(node.callee.object);
    }
    if (!node) return null;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrap(node.object);
      if (object.type === AST_NODE_TYPES.Identifier && paramRefs.has(object)) {
        const key = propertyName(node);
        return key === null ? null : (table.columnByKey(key) ?? null);
      }
      return null;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const key = localToKey.get(node.name);
      return key === undefined ? null : (table.columnByKey(key) ?? null);
    }
    return null;
  };
  const readEntries = (elements: readonly (TSESTree.Node | null)[]): void => {
    for (const element of elements) {
      if (!element) continue;
      if (element.type === AST_NODE_TYPES.SpreadElement) {
        const inner = unwrap(element.argument);
        if (inner.type === AST_NODE_TYPES.ArrayExpression) readEntries(inner.elements);
        else model.complete = false;
        continue;
      }
      const expression = unwrap(element as TSESTree.Expression);
      if (expression.type === AST_NODE_TYPES.ArrayExpression) {
        readEntries(expression.elements);
        continue;
      }
      const entry = readEntry(expression, null, columnOf, ctx);
      if (entry.kind === 'unknown') model.complete = false;
      model.entries.push(entry);
    }
  };
  if (body.type === AST_NODE_TYPES.ArrayExpression) {
    readEntries(body.elements);
  } else {
    for (const property of body.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement || property.kind !== 'init') {
        model.complete = false;
        continue;
      }
      const value = unwrap(property.value as TSESTree.Expression);
      const entry = readEntry(value, property, columnOf, ctx);
      if (entry.kind === 'unknown') model.complete = false;
      model.entries.push(entry);
    }
  }
  return model;
}

type ColumnOf = (expression: TSESTree.Node) => ColumnModel | null;

/** Reads one entry: `index("x").on(t.a)`, `primaryKey({ columns: [...] })`, `pgPolicy("p", {...})`… */
function readEntry(node: TSESTree.Expression, property: TSESTree.Property | null, columnOf: ColumnOf, ctx: ColumnContext): ExtraEntryModel {
  const read = readChain(node, factoryName, ctx);
  const factory = read?.base ?? null;
  const baseCall = read?.baseCall ?? null;
  const chain = read?.chain ?? [];
  const entry: ExtraEntryModel = {
    kind: 'unknown',
    node,
    baseCall,
    property,
    nameNode: null,
    name: null,
    columns: [],
    columnsUnknown: false,
    foreignColumns: [],
    chain,
    policy: null,
  };
  if (!baseCall || !factory) return entry;
  entry.kind = factory === 'crudPolicy' ? 'crudPolicy' : (ENTRY_KINDS[factory] ?? 'unknown');
  const args = baseCall.arguments;
  const first = args[0];
  const readList = (list: readonly TSESTree.Node[]): void => {
    for (const item of list) {
      if (item.type === AST_NODE_TYPES.SpreadElement) entry.columnsUnknown = true;
      else entry.columns.push(columnOf(item));
    }
  };
  switch (entry.kind) {
    case 'index':
    case 'uniqueIndex':
    case 'unique': {
      if (isStaticString(first)) {
        entry.nameNode = first;
        entry.name = staticString(first);
      }
      const on = chain.find((link) => link.name === 'on' || link.name === 'onOnly');
      const using = chain.find((link) => link.name === 'using');
      if (on) readList(on.call.arguments);
      else if (using) readList(using.call.arguments.slice(1));
      else if (entry.kind !== 'unique' || first === undefined || isStaticString(first)) entry.columnsUnknown = entry.kind !== 'unique';
      // unique() without .on() has no columns: drizzle rejects it at runtime, so there is nothing to cover.
      break;
    }
    case 'primaryKey':
    case 'foreignKey': {
      if (first?.type === AST_NODE_TYPES.ObjectExpression) {
        for (const option of first.properties) {
          if (option.type !== AST_NODE_TYPES.Property) {
            entry.columnsUnknown = true;
            continue;
          }
          const key = propertyName(option);
          const value = unwrap(option.value as TSESTree.Expression);
          if (key === 'name' && isStaticString(value)) {
            entry.nameNode = value;
            entry.name = staticString(value);
          } else if (key === 'columns') {
            if (value.type === AST_NODE_TYPES.ArrayExpression) readList(value.elements.filter((e): e is TSESTree.Expression | TSESTree.SpreadElement => e !== null));
            else entry.columnsUnknown = true;
          } else if (key === 'foreignColumns' && value.type === AST_NODE_TYPES.ArrayExpression) {
            entry.foreignColumns = value.elements.filter((e): e is TSESTree.Expression => e !== null && e.type !== AST_NODE_TYPES.SpreadElement);
          }
        }
      } else if (entry.kind === 'primaryKey' && args.length > 0) {
        readList(args); // the older positional form: primaryKey(t.a, t.b)
      } else {
        entry.columnsUnknown = true;
      }
      break;
    }
    case 'check':
      if (isStaticString(first)) {
        entry.nameNode = first;
        entry.name = staticString(first);
      }
      break;
    case 'policy':
    case 'crudPolicy':
      entry.policy = readPolicy(baseCall, entry.kind === 'policy' ? 'pgPolicy' : 'crudPolicy', 'extra');
      entry.name = entry.policy.name;
      if (entry.policy.nameNode && isStaticString(entry.policy.nameNode)) entry.nameNode = entry.policy.nameNode;
      break;
    default:
      break;
  }
  return entry;
}

function factoryName(callee: TSESTree.Expression, ctx: ColumnContext): string | null {
  let module: string | null = null;
  let name: string | null = null;
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const meaning = ctx.meanings.get(callee);
    if (meaning?.kind === 'export') {
      module = meaning.module;
      name = meaning.name;
    }
  } else if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    const object = unwrap(callee.object);
    const meaning = object.type === AST_NODE_TYPES.Identifier ? ctx.meanings.get(object) : undefined;
    if (meaning?.kind === 'namespace') {
      module = meaning.module;
      name = callee.property.name;
    }
  }
  if (module === PG_CORE && name !== null && name in ENTRY_KINDS) return name;
  if (module === DRIZZLE_NEON && name === 'crudPolicy') return name;
  return null;
}

/** Reads a `pgPolicy(name, options)` or `crudPolicy(options)` call. */
export function readPolicy(call: TSESTree.CallExpression, kind: PolicyModel['kind'], source: PolicyModel['source']): PolicyModel {
  const nameArg = kind === 'pgPolicy' ? call.arguments[0] : undefined;
  const optionsArg = call.arguments[kind === 'pgPolicy' ? 1 : 0];
  const options = optionsArg && unwrap(optionsArg as TSESTree.Expression).type === AST_NODE_TYPES.ObjectExpression
    ? (unwrap(optionsArg as TSESTree.Expression) as TSESTree.ObjectExpression)
    : null;
  const values = new Map<string, TSESTree.Expression>();
  let optionsUnknown = optionsArg !== undefined && options === null;
  for (const property of options?.properties ?? []) {
    if (property.type !== AST_NODE_TYPES.Property) {
      optionsUnknown = true;
      continue;
    }
    const key = propertyName(property);
    if (key === null) optionsUnknown = true;
    else values.set(key, unwrap(property.value as TSESTree.Expression));
  }
  return {
    call,
    kind,
    source,
    name: nameArg ? staticString(nameArg) : null,
    nameNode: nameArg && nameArg.type !== AST_NODE_TYPES.SpreadElement ? nameArg : null,
    options,
    option: (name) => values.get(name),
    optionsUnknown,
  };
}

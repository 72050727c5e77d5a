import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isFunction, propertyName, returnedExpression, staticString, unwrap, isStaticString } from './ast.js';
import { ChainReader, type ColumnContext } from './columns.js';
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
  const body = returnedExpression(fn);
  if (body?.type !== AST_NODE_TYPES.ArrayExpression && body?.type !== AST_NODE_TYPES.ObjectExpression) return 'unknown';
  const reader = (ctx.entryReader ??= new EntryReader(ctx));
  const model: ExtraConfigModel = {
    fn,
    paramName: null,
    paramLocals: null,
    form: body.type === AST_NODE_TYPES.ArrayExpression ? 'array' : 'object',
    container: body,
    entries: [],
    complete: true,
  };
  reader.start(table, fn, model);
  if (body.type === AST_NODE_TYPES.ArrayExpression) {
    reader.readEntries(body.elements);
  } else {
    for (const property of body.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement || property.kind !== 'init') {
        model.complete = false;
        continue;
      }
      const value = unwrap(property.value as TSESTree.Expression);
      const entry = readEntry(value, property, reader, ctx);
      if (entry.kind === 'unknown') model.complete = false;
      model.entries.push(entry);
    }
  }
  return model;
}

const NO_REFERENCES: readonly TSESLint.Scope.Reference[] = Object.freeze([]);

/**
 * Reads the entries of one table's extra config at a time: what they name of the callback's parameter
 * (`t.a`, or a destructured `a`) and which of the table's columns that is. One reader serves every
 * table of a file (`start` sets it to the next), rather than a set of closures per table.
 */
export class EntryReader {
  private table: TableModel | null = null;
  private model: ExtraConfigModel | null = null;
  private paramReferences: readonly TSESLint.Scope.Reference[] = NO_REFERENCES;
  /** True when nothing in the callback can declare the parameter's name again (it has no inner scope). */
  private paramUnshadowed = false;
  private localToKey: Map<string, string> | null = null;

  constructor(private readonly ctx: ColumnContext) {}

  /** Sets the reader to the callback `fn` of `table`, whose entries go into `model` (given its parameter). */
  start(table: TableModel, fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression, model: ExtraConfigModel): void {
    this.table = table;
    this.model = model;
    this.paramReferences = NO_REFERENCES;
    this.paramUnshadowed = false;
    this.localToKey = null;
    const param = fn.params[0];
    if (param?.type === AST_NODE_TYPES.Identifier) {
      model.paramName = param.name;
      const variables = this.ctx.scopeManager.getDeclaredVariables(fn);
      for (let v = 0; v < variables.length; v++) {
        if (variables[v]!.name !== param.name) continue;
        this.paramReferences = variables[v]!.references;
        this.paramUnshadowed = variables[v]!.scope.childScopes.length === 0;
        break;
      }
    } else if (param?.type === AST_NODE_TYPES.ObjectPattern) {
      const paramLocals = (model.paramLocals = new Map<string, string>());
      const localToKey = (this.localToKey = new Map<string, string>());
      for (const property of param.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const key = propertyName(property);
        if (key && property.value.type === AST_NODE_TYPES.Identifier) {
          paramLocals.set(key, property.value.name);
          localToKey.set(property.value.name, key);
        }
      }
    }
  }

  /**
   * True when the identifier (in the callback's body) is the parameter: by its name when the callback has
   * no inner scope (`(t) => [index("x").on(t.a)]`), else among the parameter's few references.
   */
  private isParam(identifier: TSESTree.Identifier): boolean {
    if (identifier.name !== this.model!.paramName) return false;
    if (this.paramUnshadowed) return true;
    const references = this.paramReferences;
    for (let r = 0; r < references.length; r++) if (references[r]!.identifier === identifier) return true;
    return false;
  }

  /** The table's column an element of an entry names (`t.email`, `t.email.asc()`, a destructured `email`). */
  columnOf(expression: TSESTree.Node): ColumnModel | null {
    let node = expression.type === AST_NODE_TYPES.SpreadElement ? null : unwrap(expression as TSESTree.Expression);
    // t.email.asc(), t.email.op("text_ops"), t.email.nullsFirst()
    while (node?.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.MemberExpression) {
      node = unwrap(node.callee.object);
    }
    if (!node) return null;
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const object = unwrap(node.object);
      if (object.type === AST_NODE_TYPES.Identifier && this.isParam(object)) {
        const key = propertyName(node);
        return key === null ? null : (this.table!.columnByKey(key) ?? null);
      }
      return null;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const key = this.localToKey?.get(node.name);
      return key === undefined ? null : (this.table!.columnByKey(key) ?? null);
    }
    return null;
  }

  /** Reads the elements of the returned array (nested arrays and spread arrays flattened) into the model. */
  readEntries(elements: readonly (TSESTree.Node | null)[]): void {
    const model = this.model!;
    for (let e = 0; e < elements.length; e++) {
      const element = elements[e];
      if (!element) continue;
      if (element.type === AST_NODE_TYPES.SpreadElement) {
        const inner = unwrap(element.argument);
        if (inner.type === AST_NODE_TYPES.ArrayExpression) this.readEntries(inner.elements);
        else model.complete = false;
        continue;
      }
      const expression = unwrap(element as TSESTree.Expression);
      if (expression.type === AST_NODE_TYPES.ArrayExpression) {
        this.readEntries(expression.elements);
        continue;
      }
      const entry = readEntry(expression, null, this, this.ctx);
      if (entry.kind === 'unknown') model.complete = false;
      model.entries.push(entry);
    }
  }
}

const NO_EXPRESSIONS: readonly TSESTree.Expression[] = Object.freeze([]);

/** The columns of an entry that names none (shared: `readList` replaces it, never writes to it). */
const NO_ENTRY_COLUMNS: (ColumnModel | null)[] = Object.freeze([]) as unknown as (ColumnModel | null)[];

/**
 * Reads a list of columns (from position `start`) into an entry, whose list is empty; a spread makes the
 * list unknown. The list is made at its size: an array grown by `push` reserves room for 17.
 */
function readList(entry: ExtraEntryModel, list: readonly (TSESTree.Node | null)[], reader: EntryReader, start = 0): void {
  let count = 0;
  for (let i = start; i < list.length; i++) {
    const item = list[i];
    // a hole (`[t.a, , t.b]`) is nothing; a spread, columns unknown
    if (item?.type === AST_NODE_TYPES.SpreadElement) entry.columnsUnknown = true;
    else if (item) count++;
  }
  const columns = new Array<ColumnModel | null>(count);
  for (let i = start, n = 0; i < list.length; i++) {
    const item = list[i];
    if (item && item.type !== AST_NODE_TYPES.SpreadElement) columns[n++] = reader.columnOf(item);
  }
  entry.columns = columns;
}

/** Reads one entry: `index("x").on(t.a)`, `primaryKey({ columns: [...] })`, `pgPolicy("p", {...})`… */
function readEntry(node: TSESTree.Expression, property: TSESTree.Property | null, reader: EntryReader, ctx: ColumnContext): ExtraEntryModel {
  const chains = (ctx.entryChains ??= new ChainReader(factoryName, ctx));
  chains.read(node);
  const { base: factory, baseCall, chain } = chains;
  const entry: ExtraEntryModel = {
    kind: 'unknown',
    node,
    baseCall,
    property,
    nameNode: null,
    name: null,
    columns: NO_ENTRY_COLUMNS,
    columnsUnknown: false,
    foreignColumns: NO_EXPRESSIONS,
    chain,
    policy: null,
  };
  if (!baseCall || !factory) return entry;
  entry.kind = factory === 'crudPolicy' ? 'crudPolicy' : (ENTRY_KINDS[factory] ?? 'unknown');
  const args = baseCall.arguments;
  const first = args[0];
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
      if (on) readList(entry, on.call.arguments, reader);
      else if (using) readList(entry, using.call.arguments, reader, 1);
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
            if (value.type === AST_NODE_TYPES.ArrayExpression) readList(entry, value.elements, reader);
            else entry.columnsUnknown = true;
          } else if (key === 'foreignColumns' && value.type === AST_NODE_TYPES.ArrayExpression) {
            entry.foreignColumns = value.elements.filter((e): e is TSESTree.Expression => e !== null && e.type !== AST_NODE_TYPES.SpreadElement);
          }
        }
      } else if (entry.kind === 'primaryKey' && args.length > 0) {
        readList(entry, args, reader); // the older positional form: primaryKey(t.a, t.b)
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
  const unwrapped = optionsArg && optionsArg.type !== AST_NODE_TYPES.SpreadElement ? unwrap(optionsArg) : null;
  const options = unwrapped?.type === AST_NODE_TYPES.ObjectExpression ? unwrapped : null;
  let optionsUnknown = optionsArg !== undefined && options === null;
  const properties = options ? options.properties : [];
  const values = new Array<string | TSESTree.Expression>(properties.length * 2);
  let n = 0;
  for (let p = 0; p < properties.length; p++) {
    const property = properties[p]!;
    const key = property.type === AST_NODE_TYPES.Property ? propertyName(property) : null;
    if (key === null) {
      optionsUnknown = true;
      continue;
    }
    values[n++] = key;
    values[n++] = unwrap((property as TSESTree.Property).value as TSESTree.Expression);
  }
  values.length = n;
  return new Policy(call, kind, source, nameArg ? staticString(nameArg) : null, nameArg && nameArg.type !== AST_NODE_TYPES.SpreadElement ? nameArg : null, options, optionsUnknown, values);
}

/** A policy of the model. Its options are kept as key, value, key, value…: a policy has a few. */
class Policy implements PolicyModel {
  constructor(
    readonly call: TSESTree.CallExpression,
    readonly kind: PolicyModel['kind'],
    readonly source: PolicyModel['source'],
    readonly name: string | null,
    readonly nameNode: TSESTree.Expression | null,
    readonly options: TSESTree.ObjectExpression | null,
    readonly optionsUnknown: boolean,
    private readonly values: readonly (string | TSESTree.Expression)[],
  ) {}

  /** The last value written for the option, as in the object literal. */
  option(name: string): TSESTree.Expression | undefined {
    const values = this.values;
    for (let i = values.length - 2; i >= 0; i -= 2) if (values[i] === name) return values[i + 1] as TSESTree.Expression;
    return undefined;
  }
}

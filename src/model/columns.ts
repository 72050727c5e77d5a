import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Casing } from '../settings.js';
import { isFunction, isStaticString, propertyName, returnedExpression, staticString, unwrap } from './ast.js';
import { PG_CORE, type VariableMeanings } from './find-tables.js';
import { drizzleCase } from './names.js';
import type { BuilderStyle, ColumnData, ColumnModel, ImportedColumn, ModifierModel, TableModel } from './table.js';
import type { FileProject } from '../project/project.js';
import type { EntryReader } from './extra-config.js';

export interface ColumnContext {
  meanings: VariableMeanings;
  scopeManager: TSESLint.Scope.ScopeManager;
  sourceCode: Readonly<TSESLint.SourceCode>;
  /** The one copy of each name the model keeps (see `shared`). */
  strings: Map<string, string>;
  /** Reads column builder chains, made at the first column. */
  builderChains?: ChainReader<string>;
  /** Reads extra-config entry chains, made at the first entry. */
  entryChains?: ChainReader<string>;
  /** Reads tables' extra configs, made at the first. */
  entryReader?: EntryReader;
  /** The file's project: what its imports name (column sets spread from other modules). */
  project?: FileProject | null;
}

/** A context for reading columns outside a schema build (a fix that re-reads a column). */
export function columnContext(meanings: VariableMeanings, sourceCode: Readonly<TSESLint.SourceCode>): ColumnContext {
  return { meanings, scopeManager: sourceCode.scopeManager as TSESLint.Scope.ScopeManager, sourceCode, strings: new Map() };
}

/**
 * The one copy of `text` the model keeps. Each string literal of the source (`uuid("tenant_id")`) is a
 * string of its own, somewhere in the parser's heap, and every rule reads the database names of every
 * column; a schema has few distinct names (`id`, `tenant_id`, `created_at`, …), and one shared copy of
 * each stays in the processor's cache. (Identifiers need none: the parser keeps one string per name.)
 */
export function shared(ctx: ColumnContext, text: string): string {
  const known = ctx.strings.get(text);
  if (known !== undefined) return known;
  ctx.strings.set(text, text);
  return text;
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
  readObject(table, object, null, ctx, null);
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
  /** The objects read so far, against spread cycles; made at the first spread (most tables have none). */
  seen: Set<TSESTree.Node> | null,
): void {
  const properties = object.properties;
  for (let p = 0; p < properties.length; p++) {
    const property = properties[p]!;
    if (property.type === AST_NODE_TYPES.SpreadElement) {
      seen ??= new Set([object]);
      const argument = unwrap(property.argument);
      const resolved = resolveObject(argument, ctx, seen);
      if (resolved && !seen.has(resolved)) {
        seen.add(resolved);
        readObject(table, resolved, viaSpread ?? property, ctx, seen);
      } else {
        // A column set another module exports (`...timestamps`, `...tenantId()`), read from its summary.
        const set = ctx.project?.columnSet(argument, ctx.sourceCode);
        if (set) {
          // The table's list starts as a shared empty one: replaced at the first import.
          const imported = table.importedColumns.length === 0 ? (table.importedColumns = []) : table.importedColumns;
          for (let c = 0; c < set.columns.length; c++) imported.push(new ImportedColumnFacts(set.columns[c]!, set.module, table));
          if (!set.complete) table.columnsComplete = false;
        } else {
          table.columnsComplete = false;
        }
      }
      continue;
    }
    const key = propertyName(property);
    if (key === null || property.kind !== 'init' || property.method) {
      table.columnsComplete = false;
      continue;
    }
    // An identifier's name is one string per name in the parser's output already; a quoted key is not.
    const column = readColumn(table, property, property.key.type === AST_NODE_TYPES.Identifier ? key : shared(ctx, key), viaSpread, ctx);
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
  const chains = (ctx.builderChains ??= new ChainReader(builderName, ctx));
  // The links' names only, as a mask: the list of links is made when a rule asks for it (a report, a fix,
  // a `.references()` target), for few of a schema's columns.
  chains.read(unwrap(property.value as TSESTree.Expression), true);
  const builderCall = chains.baseCall;
  const first = builderCall?.arguments[0];
  const nameArg = isStaticString(first) ? first : null;
  let dbName: string | null = null;
  if (builderCall) {
    const name = nameArg ? staticString(nameArg) : isNameArgument(first) ? null : dbNameFromKey(key, table.casing);
    // Most columns are named as their key (`tenant_id: uuid("tenant_id")`): the key's string, which the
    // parser keeps once per name, serves, without a lookup in the shared strings.
    if (name !== null) dbName = name === key ? key : shared(ctx, name);
  }
  return new Column(key, property, chains.base, builderCall, nameArg, dbName, chains.mask, chains.count, viaSpread, table);
}

/** True for a builder's first argument that is a name (a literal or not), rather than its config object. */
function isNameArgument(first: TSESTree.CallExpressionArgument | undefined): boolean {
  return first !== undefined && first.type !== AST_NODE_TYPES.ObjectExpression;
}

/**
 * A column of the model. What the rules read for every column is held; what only a fix or a report needs
 * (the key node, the unwrapped value, the config argument) is read from the nodes when asked: a schema
 * has tens of thousands of columns, and every field is memory the garbage collector moves.
 */
class Column implements ColumnModel {
  readonly origin = 'local';
  private links: ModifierModel[] | undefined = undefined;

  constructor(
    readonly key: string,
    readonly property: TSESTree.Property,
    readonly builder: string | null,
    readonly builderCall: TSESTree.CallExpression | null,
    readonly nameArg: TSESTree.StringLiteral | TSESTree.TemplateLiteral | null,
    readonly dbName: string | null,
    readonly modifierMask: number,
    /** How many links the chain has above the builder call. */
    private readonly linkCount: number,
    readonly viaSpread: TSESTree.SpreadElement | null,
    readonly table: TableModel,
  ) {}

  /** The chain's links, made at the first ask and kept (the same objects at every ask). */
  get modifiers(): ModifierModel[] {
    return this.linkCount === 0 ? NO_MODIFIERS : (this.links ??= chainOf(this.value, this.linkCount));
  }

  get keyNode(): TSESTree.Property['key'] {
    return this.property.key;
  }

  get value(): TSESTree.Expression {
    return unwrap(this.property.value as TSESTree.Expression);
  }

  get hasNameArg(): boolean {
    return isNameArgument(this.builderCall?.arguments[0]);
  }

  get configArg(): TSESTree.ObjectExpression | null {
    const args = this.builderCall?.arguments;
    const first = args?.[0];
    if (first?.type === AST_NODE_TYPES.ObjectExpression) return first;
    const second = args?.[1];
    return second?.type === AST_NODE_TYPES.ObjectExpression ? second : null;
  }
}

/** Node-free column data of a column of this file, for the summary of its module. */
export function columnData(column: ColumnModel): ColumnData {
  let mode: string | null = null;
  let withTimezone: boolean | null = null;
  for (const property of column.configArg?.properties ?? []) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const name = propertyName(property);
    if (name === 'mode' && isStaticString(property.value)) mode = staticString(property.value);
    else if (name === 'withTimezone' && property.value.type === AST_NODE_TYPES.Literal && typeof property.value.value === 'boolean') {
      withTimezone = property.value.value;
    }
  }
  const modifiers = column.modifiers.length === 0 ? NO_NAMES : column.modifiers.map((m) => m.name);
  return { key: column.key, nameArg: column.nameArg ? staticString(column.nameArg) : null, hasNameArg: column.hasNameArg, builder: column.builder, modifiers, mode, withTimezone };
}

const NO_NAMES: readonly string[] = Object.freeze([]);

/** A column another module writes, spread into a table of this file: its facts under this table's casing. */
export class ImportedColumnFacts implements ImportedColumn {
  readonly origin = 'imported';
  readonly key: string | null;
  readonly builder: string | null;
  readonly dbName: string | null;
  readonly modifiers: readonly { name: string }[];
  readonly modifierMask: number;
  readonly hasNameArg: boolean;

  constructor(
    readonly data: ColumnData,
    readonly module: string,
    readonly table: TableModel,
  ) {
    this.key = data.key;
    this.builder = data.builder;
    this.hasNameArg = data.hasNameArg;
    this.modifierMask = maskOf(data.modifiers);
    this.dbName = data.builder === null ? null : (data.nameArg ?? (data.hasNameArg || data.key === null ? null : dbNameFromKey(data.key, table.casing)));
    this.modifiers = data.modifiers.map((name) => ({ name }));
  }
}

/**
 * One link of a chain. The identifier after the dot is read from the call when asked (for a report's
 * location or a fix): a schema has several links per column, each an object to collect.
 */
class Modifier implements ModifierModel {
  constructor(
    readonly name: string,
    readonly call: TSESTree.CallExpression,
  ) {}

  get property(): TSESTree.Identifier {
    return (unwrap(this.call.callee) as TSESTree.MemberExpression).property as TSESTree.Identifier;
  }
}

/**
 * A bit for each modifier that rules ask about by name. A column keeps its chain's names as a mask of
 * these (`Column.modifierMask`), so that asking whether a column is `.notNull()` makes no list of its
 * links: a schema has a chain per column and several links per chain.
 */
const MODIFIER_BITS: ReadonlyMap<string, number> = new Map(
  [
    'notNull',
    'primaryKey',
    'unique',
    'references',
    'default',
    'defaultNow',
    'defaultRandom',
    '$default',
    '$defaultFn',
    '$onUpdate',
    '$onUpdateFn',
    'generatedAlwaysAs',
    'generatedAlwaysAsIdentity',
    'generatedByDefaultAsIdentity',
    'array',
    '$type',
  ].map((name, i) => [name, 1 << i]),
);

/** The bits of the named modifiers (the names as `hasModifier` takes them), or -1 when one of them has none. */
export function modifierBits(a: string, b?: string, c?: string, d?: string, e?: string): number {
  return withBit(withBit(withBit(withBit(withBit(0, a), b), c), d), e);
}

function withBit(bits: number, name: string | undefined): number {
  if (bits === -1 || name === undefined) return bits;
  const bit = MODIFIER_BITS.get(name);
  return bit === undefined ? -1 : bits | bit;
}

function maskOf(names: readonly string[]): number {
  let mask = 0;
  for (let i = 0; i < names.length; i++) mask |= MODIFIER_BITS.get(names[i]!) ?? 0;
  return mask;
}

/** The links of a chain without any (shared: never written to). */
export const NO_MODIFIERS: ModifierModel[] = Object.freeze([]) as unknown as ModifierModel[];

/**
 * Reads call chains `base(…).a(…).b(…)` from the outermost call down to the first call whose callee
 * `baseOf` recognises (a column builder, an index or policy factory). The reader holds the last chain
 * it read, for its caller to take at once: no object per chain.
 */
export class ChainReader<T> {
  /** What `baseOf` made of the base call's callee. */
  base: T | null = null;
  baseCall: TSESTree.CallExpression | null = null;
  /** The member calls, innermost first (`uuid().notNull().references(…)`: `notNull`, `references`). */
  chain: ModifierModel[] = NO_MODIFIERS;
  /** How many member calls wrap the base call. */
  count = 0;
  /** With `namesOnly`: the member calls' names among the common ones (see `MODIFIER_BITS`). */
  mask = 0;

  constructor(
    private readonly baseOf: (callee: TSESTree.Expression, ctx: ColumnContext) => T | null,
    private readonly ctx: ColumnContext,
  ) {}

  /**
   * Reads the chain of `outermost`. False when there is no recognised base call, or a link of the chain
   * is not a plain `.name(…)` call; then the reader holds no chain (null base, no links). With
   * `namesOnly`, the links are counted and their names kept in `mask`, and no list of them is made.
   */
  read(outermost: TSESTree.Expression, namesOnly = false): boolean {
    this.base = null;
    this.baseCall = null;
    this.chain = NO_MODIFIERS;
    this.count = 0;
    this.mask = 0;
    let current = outermost;
    let count = 0;
    let mask = 0;
    while (current.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(current.callee);
      const base = this.baseOf(callee, this.ctx);
      if (base !== null) {
        this.base = base;
        this.baseCall = current;
        this.count = count;
        if (namesOnly) this.mask = mask;
        else this.chain = count === 0 ? NO_MODIFIERS : chainOf(outermost, count);
        return true;
      }
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return false;
      if (namesOnly) mask |= MODIFIER_BITS.get(callee.property.name) ?? 0;
      count++;
      current = unwrap(callee.object);
    }
    return false;
  }
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
    chain[i] = new Modifier((callee.property as TSESTree.Identifier).name, call);
    current = unwrap(callee.object);
  }
  return chain;
}

/** The pg-core builder a callee stands for: `uuid`, `t.uuid`, `pg.uuid`, a destructured `uuid`. */
function builderName(callee: TSESTree.Expression, ctx: ColumnContext): string | null {
  if (callee.type === AST_NODE_TYPES.Identifier) {
    const meaning = ctx.meanings.get(callee);
    if (meaning?.kind === 'builder') return meaning.name;
    if (meaning?.kind === 'export' && meaning.module === PG_CORE) return meaning.name;
    return null;
  }
  if (callee.type === AST_NODE_TYPES.MemberExpression) {
    // The object first: the links of a chain (`uuid().notNull()`) are members of calls, and are not
    // builders; their property is read by the chain reader anyway.
    const object = unwrap(callee.object);
    if (object.type !== AST_NODE_TYPES.Identifier || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return null;
    const meaning = ctx.meanings.get(object);
    if (meaning?.kind === 'builders' || (meaning?.kind === 'namespace' && meaning.module === PG_CORE)) {
      return callee.property.name;
    }
  }
  return null;
}

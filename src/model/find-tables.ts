import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Casing, DataModelingSettings } from '../settings.js';
import { outerWrapper, staticString } from './ast.js';
import type { ImportInfo, TableFactoryKind } from './table.js';
import type { FileProject } from '../project/project.js';

export const PG_CORE = 'drizzle-orm/pg-core';
export const DRIZZLE_ORM = 'drizzle-orm';
export const DRIZZLE_NEON = 'drizzle-orm/neon';

/** What an identifier (a reference to a Drizzle import or a value derived from one) stands for. */
export type Meaning =
  | { kind: 'export'; module: string; name: string } // a named export of a Drizzle module
  | { kind: 'namespace'; module: string } // import * as pg from "drizzle-orm/pg-core"
  | {
      kind: 'tableFn';
      factory: TableFactoryKind;
      name: string;
      rls: boolean;
      casing: Casing | null;
      schemaName: string | null;
      implicitColumns: string[];
      /** The tables are in a schema marked `.existing()` (drizzle-orm 1.0): the app does not migrate them. */
      existing: boolean;
    }
  | { kind: 'schemaObj'; schemaName: string | null; existing: boolean }
  | { kind: 'casingObj'; casing: Casing }
  | { kind: 'builders' } // the parameter of a columns callback: (t) => ({ id: t.uuid() })
  | { kind: 'builder'; name: string } // a builder destructured from that parameter, or a pgEnum/customType result
  | { kind: 'extraParam' }; // the parameter of an extra-config callback

export interface FoundTable {
  call: TSESTree.CallExpression;
  fn: Extract<Meaning, { kind: 'tableFn' }>;
}

export interface FoundLink {
  policyCall: TSESTree.CallExpression;
  target: TSESTree.Identifier;
}

interface Binding {
  variable: TSESLint.Scope.Variable;
  meaning: Meaning;
  /** Only read references take the meaning (a traced import); otherwise every reference does (a parameter). */
  readsOnly: boolean;
  /** Whether the variable's references are in source order; found out at the first miss. */
  sorted: boolean | undefined;
  /** Whether the variable is the only one of its name, at the top of the module (see `isSoleReference`); found out at the first lookup. */
  only: boolean | undefined;
  /** For references out of source order: identifier -> reference, built at the first miss. */
  index?: Map<TSESTree.Node, TSESLint.Scope.Reference>;
}

/**
 * The meanings of identifiers, held per variable: an identifier has the meaning of the variable it is a
 * reference of. Binding a variable costs nothing per reference, which matters in a large schema where
 * the builders and factories are referenced tens of thousands of times; a lookup goes through the few
 * variables of that name and finds the identifier among their references by its position.
 */
export class VariableMeanings {
  private readonly byName = new Map<string, Binding[]>();
  /**
   * Variables with few references (the `t` of each table's callback) get their meaning per identifier:
   * a file has one such variable per table, all of the same name, and looking through all of them by
   * name would cost a scan of every table per lookup.
   */
  private readonly byIdentifier = new Map<TSESTree.Node, Meaning>();
  /** The names of the identifiers in `byIdentifier`: most lookups are of other names, and skip it. */
  private readonly identifierNames = new Set<string>();
  /** The meaning of each bound variable, for the project layer's summary of what a module exports. */
  private readonly variables = new Map<TSESLint.Scope.Variable, Meaning>();

  /**
   * @param scopeManager when given, a name that only one variable of the file declares is looked up by
   * name alone: every reference to it is a reference of that variable, so no search is needed.
   */
  constructor(private readonly scopeManager?: TSESLint.Scope.ScopeManager) {}

  /** Gives every (read, when `readsOnly`) reference of `variable` the meaning `meaning`, replacing an earlier one. */
  bind(variable: TSESLint.Scope.Variable, meaning: Meaning, readsOnly: boolean): void {
    this.variables.set(variable, meaning);
    if (variable.references.length <= FEW_REFERENCES) {
      this.identifierNames.add(variable.name);
      for (const reference of variable.references) {
        if (!readsOnly || reference.isRead()) this.byIdentifier.set(reference.identifier, meaning);
        else this.byIdentifier.delete(reference.identifier);
      }
      return;
    }
    let bindings = this.byName.get(variable.name);
    if (!bindings) {
      this.byName.set(variable.name, (bindings = []));
    }
    const existing = bindings.find((binding) => binding.variable === variable);
    if (existing) {
      existing.meaning = meaning;
      existing.readsOnly = readsOnly;
      return;
    }
    bindings.push({ variable, meaning, readsOnly, sorted: undefined, only: undefined });
  }

  /** The meaning bound to a variable itself (an exported `createTable`, an enum). */
  ofVariable(variable: TSESLint.Scope.Variable): Meaning | undefined {
    return this.variables.get(variable);
  }

  get(identifier: TSESTree.Identifier): Meaning | undefined {
    if (this.identifierNames.has(identifier.name)) {
      const direct = this.byIdentifier.get(identifier);
      if (direct) return direct;
    }
    const bindings = this.byName.get(identifier.name);
    if (!bindings) return undefined;
    if (bindings.length === 1 && this.scopeManager && isSoleReference(this.scopeManager, bindings[0]!, identifier)) return bindings[0]!.meaning;
    for (const binding of bindings) {
      const reference = findReference(binding, identifier);
      if (reference) return !binding.readsOnly || reference.isRead() ? binding.meaning : undefined;
    }
    return undefined;
  }
}

const FEW_REFERENCES = 16;

/**
 * True when the identifier is read where it stands (it is called, tagged or has a member taken): the
 * positions the model asks about. Elsewhere (an assignment target, a shorthand pattern) the search by
 * reference decides.
 */
function isReadPosition(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  switch (parent?.type) {
    case AST_NODE_TYPES.CallExpression:
      return parent.callee === identifier;
    case AST_NODE_TYPES.MemberExpression:
      return parent.object === identifier;
    case AST_NODE_TYPES.TaggedTemplateExpression:
      return parent.tag === identifier;
    default:
      return false;
  }
}

const declarationCounts = new WeakMap<TSESLint.Scope.ScopeManager, Map<string, number>>();

/** Forgets what was counted in a scope manager that is about to change (ESLint adds its globals to it). */
export function forgetScopeManager(scopeManager: TSESLint.Scope.ScopeManager): void {
  declarationCounts.delete(scopeManager);
}

/**
 * True when every identifier of the variable's name that is read where it stands (see `isReadPosition`)
 * is a reference of the variable: it is declared at the top of the module, and no other variable of the
 * file (in any scope, type-only declarations and the global scope's built-ins included) has its name.
 * Then no search through the variable's references is needed: a large schema references its tables and
 * builders thousands of times.
 */
function isOnlyDeclaration(scopeManager: TSESLint.Scope.ScopeManager, variable: TSESLint.Scope.Variable): boolean {
  const scope = variable.scope;
  if ((scope.type !== 'module' && scope.type !== 'global') || scope.set.get(variable.name) !== variable) return false;
  let counts = declarationCounts.get(scopeManager);
  if (!counts) {
    // Counted once per file, for every name: a pass over the scopes costs less than one search.
    counts = new Map();
    // Indexed loops: this runs once per file, before the JIT has compiled it, where `for...of` makes an
    // iterator result per step (one per variable of a large schema).
    const scopes = scopeManager.scopes;
    for (let s = 0; s < scopes.length; s++) {
      const variables = scopes[s]!.variables;
      for (let v = 0; v < variables.length; v++) {
        const name = variables[v]!.name;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    }
    declarationCounts.set(scopeManager, counts);
  }
  return counts.get(variable.name) === 1;
}

/**
 * True when `identifier`, read where it stands, can only be a reference of the entry's variable (see
 * `isOnlyDeclaration`). The variable's answer is kept on the entry, found out at its first lookup.
 */
export function isSoleReference(
  scopeManager: TSESLint.Scope.ScopeManager,
  entry: { variable: TSESLint.Scope.Variable; only: boolean | undefined },
  identifier: TSESTree.Identifier,
): boolean {
  return isReadPosition(identifier) && (entry.only ??= isOnlyDeclaration(scopeManager, entry.variable));
}

/** True when a variable's references are in source order (they are, as the scope manager records them). */
export function referencesSorted(variable: TSESLint.Scope.Variable): boolean {
  const references = variable.references;
  for (let i = 1; i < references.length; i++) {
    if (references[i - 1]!.identifier.range[0] >= references[i]!.identifier.range[0]) return false;
  }
  return true;
}

/**
 * The reference of `variable` that `identifier` is. The references are bisected by position; only when
 * that misses and they turn out not to be in source order (checked once: the scope manager appends a
 * nested scope's references when it closes, so a name used inside callbacks is out of order) is an
 * index of them built, once, so that a lookup never scans them all.
 */
export function findReference(
  binding: { variable: TSESLint.Scope.Variable; sorted: boolean | undefined; index?: Map<TSESTree.Node, TSESLint.Scope.Reference> },
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Reference | undefined {
  const references = binding.variable.references;
  const found = bisect(references, identifier);
  if (found) return found;
  binding.sorted ??= referencesSorted(binding.variable);
  if (binding.sorted) return undefined;
  binding.index ??= new Map(references.map((reference) => [reference.identifier, reference]));
  return binding.index.get(identifier);
}

function bisect(references: readonly TSESLint.Scope.Reference[], identifier: TSESTree.Identifier): TSESLint.Scope.Reference | undefined {
  const start = identifier.range[0];
  let low = 0;
  let high = references.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const reference = references[mid]!;
    const at = reference.identifier.range[0];
    if (at === start) return reference.identifier === identifier ? reference : undefined;
    if (at < start) low = mid + 1;
    else high = mid - 1;
  }
  return undefined;
}

const meaningsByProgram = new WeakMap<TSESTree.Program, VariableMeanings>();

/**
 * The meanings found by the last `resolveTables` of a program (the file's schema model), or undefined
 * when none was resolved. Every resolution of a program binds its Drizzle imports alike.
 */
export function meaningsOf(program: TSESTree.Program): VariableMeanings | undefined {
  return meaningsByProgram.get(program);
}

const linksByProgram = new WeakMap<TSESTree.Program, FoundLink[]>();

/** The `pgPolicy(...).link(x)` calls found by the last `resolveTables` of a program. */
export function linksOf(program: TSESTree.Program): readonly FoundLink[] {
  return linksByProgram.get(program) ?? [];
}

export interface Resolution {
  meanings: VariableMeanings;
  tables: FoundTable[];
  links: FoundLink[];
  pgCore: ImportInfo;
  drizzleOrm: ImportInfo;
  moduleScope: TSESLint.Scope.Scope;
  scopeManager: TSESLint.Scope.ScopeManager;
  /** local name -> imported name, for imports from other modules (used to find imported root tables). */
  otherImports: Map<string, string>;
}

const MODULES = new Set([PG_CORE, DRIZZLE_ORM, DRIZZLE_NEON]);

/** Names whose values lead to table definitions or to things the model reads through `.link`. */
const TRACED_EXPORTS = new Set(['pgTable', 'pgSchema', 'pgTableCreator', 'snakeCase', 'camelCase', 'pgPolicy', 'pgEnum', 'customType']);

function emptyImports(): ImportInfo {
  return { declaration: null, named: new Map(), namespace: null };
}

/**
 * Finds every call that defines a table, by following the references of Drizzle's imports (and of the
 * configured factories) through aliases, `pgSchema()` objects and `pgTableCreator()` results. Only the
 * references of those few variables are visited: files without Drizzle imports cost one scan of their
 * top-level statements.
 */
export function resolveTables(
  program: TSESTree.Program,
  scopeManager: TSESLint.Scope.ScopeManager,
  settings: DataModelingSettings,
  project: FileProject | null = null,
): Resolution | null {
  const moduleScope =
    scopeManager.globalScope?.childScopes.find((scope) => scope.type === 'module') ?? scopeManager.globalScope;
  if (!moduleScope) return null;

  const pgCore = emptyImports();
  const drizzleOrm = emptyImports();
  const otherImports = new Map<string, string>();
  const seeds: [TSESLint.Scope.Variable, Meaning][] = [];

  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.importKind === 'type') continue;
    // The module's constant when it is Drizzle's: the model compares the names of modules for every
    // column, and one string compared with itself is equal at once.
    const module = drizzleModule(statement.source.value);
    const info = module === PG_CORE ? pgCore : module === DRIZZLE_ORM ? drizzleOrm : null;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind === 'type') continue;
      const variable = scopeManager.getDeclaredVariables(specifier)[0];
      const local = specifier.local.name;
      if (!MODULES.has(module)) {
        const name = specifier.type === AST_NODE_TYPES.ImportSpecifier ? importedName(specifier) : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier ? 'default' : null;
        otherImports.set(local, specifier.type === AST_NODE_TYPES.ImportSpecifier ? name! : local);
        // A factory, schema or builder another project module defines (`createTable`, an enum).
        const meaning =
          project && name !== null && variable && !settings.tableFactories.some((factory) => factory.name === local) ? project.meaningOf(module, name) : null;
        if (meaning) seeds.push([variable!, meaning]);
        continue;
      }
      if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
        if (info) info.namespace = local;
        if (variable) seeds.push([variable, { kind: 'namespace', module }]);
      } else if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
        const name = importedName(specifier);
        if (info) {
          info.named.set(name, local);
          info.declaration ??= statement;
        }
        if (variable) seeds.push([variable, { kind: 'export', module, name }]);
      }
    }
  }

  for (const factory of settings.tableFactories) {
    const variable = moduleScope.set.get(factory.name);
    if (!variable) continue;
    seeds.push([
      variable,
      {
        kind: 'tableFn',
        factory: 'custom',
        name: factory.name,
        rls: false,
        casing: null,
        schemaName: null,
        implicitColumns: factory.columns ?? [],
        existing: false,
      },
    ]);
  }

  if (seeds.length === 0) return null;

  const resolution: Resolution = {
    meanings: new VariableMeanings(scopeManager),
    tables: [],
    links: [],
    pgCore,
    drizzleOrm,
    moduleScope,
    scopeManager,
    otherImports,
  };
  meaningsByProgram.set(program, resolution.meanings);
  linksByProgram.set(program, resolution.links);
  const visited = new Set<TSESLint.Scope.Variable>();
  const trace = (variable: TSESLint.Scope.Variable, meaning: Meaning): void => {
    if (visited.has(variable)) return;
    visited.add(variable);
    resolution.meanings.bind(variable, meaning, true);
    if (!isTraced(meaning)) return;
    // Indexed: a table factory has a reference per table, and this runs before the JIT compiles it.
    const references = variable.references;
    for (let r = 0; r < references.length; r++) {
      const reference = references[r]!;
      if (!reference.isRead()) continue;
      const identifier = reference.identifier;
      if (identifier.type !== AST_NODE_TYPES.Identifier) continue;
      follow(identifier, meaning, resolution, trace);
    }
  };
  for (const [variable, meaning] of seeds) trace(variable, meaning);
  // Found in the order of the factories' references: in source order unless a file mixes factories.
  if (!inSourceOrder(resolution.tables)) resolution.tables.sort((a, b) => a.call.range[0] - b.call.range[0]);
  return resolution;
}

function inSourceOrder(tables: readonly FoundTable[]): boolean {
  for (let i = 1; i < tables.length; i++) if (tables[i - 1]!.call.range[0] > tables[i]!.call.range[0]) return false;
  return true;
}

function drizzleModule(source: string): string {
  return source === PG_CORE ? PG_CORE : source === DRIZZLE_ORM ? DRIZZLE_ORM : source === DRIZZLE_NEON ? DRIZZLE_NEON : source;
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : String(specifier.imported.value);
}

function isTraced(meaning: Meaning): boolean {
  switch (meaning.kind) {
    case 'export':
      return TRACED_EXPORTS.has(meaning.name) || (meaning.module === DRIZZLE_NEON && meaning.name === 'crudPolicy');
    case 'namespace':
    case 'tableFn':
    case 'schemaObj':
    case 'casingObj':
      return true;
    default:
      return false;
  }
}

/**
 * Walks up from a reference, computing the meaning of each enclosing expression, until it reaches a
 * table definition, a `.link(table)`, a variable to trace further, or an expression it does not model.
 */
function follow(
  start: TSESTree.Expression,
  startMeaning: Meaning,
  resolution: Resolution,
  trace: (variable: TSESLint.Scope.Variable, meaning: Meaning) => void,
): void {
  let node: TSESTree.Node = start;
  let meaning: Meaning = startMeaning;
  for (;;) {
    node = outerWrapper(node);
    const parent = node.parent;
    if (!parent) return;
    const member =
      parent.type === AST_NODE_TYPES.MemberExpression && parent.object === node && !parent.computed
        ? parent.property.type === AST_NODE_TYPES.Identifier
          ? parent.property.name
          : null
        : null;
    const called = parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node ? parent : null;

    let next: Meaning | null = null;
    switch (meaning.kind) {
      case 'namespace':
        if (member) next = { kind: 'export', module: meaning.module, name: member };
        break;
      case 'export': {
        const { name, module } = meaning;
        if (module === PG_CORE && name === 'pgTable') {
          next = tableFn('pgTable', 'pgTable', false, null, null);
          // Re-evaluate the same node with its table meaning.
          meaning = next;
          continue;
        }
        if (called && module === PG_CORE) {
          if (name === 'pgSchema') next = { kind: 'schemaObj', schemaName: staticString(called.arguments[0]), existing: false };
          else if (name === 'pgTableCreator') next = tableFn('creator', 'pgTableCreator', false, null, null);
          else if (name === 'pgEnum' || name === 'customType') next = { kind: 'builder', name };
          else if (name === 'pgPolicy') {
            recordLink(called, resolution);
            return;
          }
        } else if (module === PG_CORE && (name === 'snakeCase' || name === 'camelCase')) {
          meaning = { kind: 'casingObj', casing: name === 'snakeCase' ? 'snake_case' : 'camelCase' };
          continue;
        }
        break;
      }
      case 'schemaObj':
        if (member === 'table') next = tableFn('schema', 'table', false, null, meaning.schemaName, meaning.existing);
        else if (member === 'existing' && parent.parent?.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
          // pgSchema("auth").existing() (drizzle-orm 1.0): a schema the app does not create or migrate.
          node = parent.parent;
          meaning = { kind: 'schemaObj', schemaName: meaning.schemaName, existing: true };
          continue;
        }
        break;
      case 'casingObj':
        if (member === 'table') next = tableFn('casing', 'table', false, meaning.casing, null);
        break;
      case 'tableFn':
        if (called) {
          resolution.tables.push({ call: called, fn: meaning });
          return;
        }
        if (member === 'withRLS') next = { ...meaning, rls: true };
        break;
      default:
        break;
    }
    if (next) {
      node = parent;
      meaning = next;
      continue;
    }
    // The current value is stored in a variable: trace that variable's references.
    if (
      parent.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.init === node &&
      parent.id.type === AST_NODE_TYPES.Identifier &&
      meaning.kind !== 'export'
    ) {
      const variable = findDeclared(parent, resolution);
      if (variable) {
        if (meaning.kind === 'builder') {
          resolution.meanings.bind(variable, meaning, false);
        } else {
          trace(variable, meaning);
        }
      }
    } else if (
      parent.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.init === node &&
      parent.id.type === AST_NODE_TYPES.Identifier &&
      meaning.kind === 'export'
    ) {
      // const table = pgTable; const createTable = pg.pgSchema; …
      const variable = findDeclared(parent, resolution);
      if (variable) trace(variable, meaning);
    }
    return;
  }
}

function tableFn(
  factory: TableFactoryKind,
  name: string,
  rls: boolean,
  casing: Casing | null,
  schemaName: string | null,
  existing = false,
): Extract<Meaning, { kind: 'tableFn' }> {
  return { kind: 'tableFn', factory, name, rls, casing, schemaName, implicitColumns: [], existing };
}

function findDeclared(declarator: TSESTree.VariableDeclarator, resolution: Resolution): TSESLint.Scope.Variable | null {
  return resolution.scopeManager.getDeclaredVariables(declarator)[0] ?? null;
}

function recordLink(policyCall: TSESTree.CallExpression, resolution: Resolution): void {
  const child = outerWrapper(policyCall);
  const parent = child.parent;
  if (
    parent?.type === AST_NODE_TYPES.MemberExpression &&
    parent.object === child &&
    !parent.computed &&
    parent.property.type === AST_NODE_TYPES.Identifier &&
    parent.property.name === 'link' &&
    parent.parent.type === AST_NODE_TYPES.CallExpression &&
    parent.parent.callee === parent
  ) {
    const target = parent.parent.arguments[0];
    if (target?.type === AST_NODE_TYPES.Identifier) resolution.links.push({ policyCall, target });
  }
}

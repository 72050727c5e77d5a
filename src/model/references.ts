import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from './ast.js';
import { findReference, isSoleReference } from './find-tables.js';
import type { SchemaModel, TableModel } from './table.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** What an expression that names a table (`users`, `schema.users`) refers to, as far as the file shows. */
export type TableReference =
  /** A table defined in this file. */
  | { kind: 'defined'; table: TableModel }
  /**
   * A name imported from another module (`import { users } from "./schema"`) or a member of a namespace
   * import (`schema.users`): `name` is the exported name, `local` the name used here.
   */
  | { kind: 'imported'; name: string; local: string }
  /** Anything else: a local variable that is not a table, a parameter, a call. */
  | { kind: 'other' };

function variableOf(sourceCode: SourceCode, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
}

function importedName(variable: TSESLint.Scope.Variable): string | null {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (def?.type !== 'ImportBinding') return null;
  const specifier = def.node;
  if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
    return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
  }
  if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) return variable.name;
  return null;
}

function isNamespaceImport(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  return def?.type === 'ImportBinding' && def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier;
}

interface TableVariable {
  variable: TSESLint.Scope.Variable;
  sorted: boolean | undefined;
  /** See `isSoleReference`; found out at the first lookup. */
  only: boolean | undefined;
}

const tableVariables = new WeakMap<SchemaModel, Map<string, TableVariable[]>>();

/**
 * The table variable an identifier is a reference of, found among the references the scope manager
 * recorded (no scope walk); undefined when it is not one, and the scopes must answer.
 */
function tableVariableOf(
  scopeManager: TSESLint.Scope.ScopeManager,
  schema: SchemaModel,
  identifier: TSESTree.Identifier,
): TSESLint.Scope.Variable | undefined {
  let byName = tableVariables.get(schema);
  if (!byName) {
    byName = new Map();
    for (const variable of schema.tableByVariable.keys()) {
      const list = byName.get(variable.name);
      const entry: TableVariable = { variable, sorted: undefined, only: undefined };
      if (list) list.push(entry);
      else byName.set(variable.name, [entry]);
    }
    tableVariables.set(schema, byName);
  }
  const entries = byName.get(identifier.name);
  if (!entries) return undefined;
  if (entries.length === 1 && isSoleReference(scopeManager, entries[0]!, identifier)) return entries[0]!.variable;
  for (const entry of entries) {
    if (findReference(entry, identifier)) return entry.variable;
  }
  return undefined;
}

/** Resolves an expression that names a table through the file's scopes and its schema model. */
export function resolveTableReference(sourceCode: SourceCode, schema: SchemaModel, expression: TSESTree.Expression): TableReference {
  const node = unwrap(expression);
  if (node.type === AST_NODE_TYPES.Identifier) {
    const tableVariable = tableVariableOf(sourceCode.scopeManager as TSESLint.Scope.ScopeManager, schema, node);
    if (tableVariable) return { kind: 'defined', table: schema.tableByVariable.get(tableVariable)! };
    const variable = variableOf(sourceCode, node);
    if (!variable) return { kind: 'other' };
    const table = schema.tableByVariable.get(variable);
    if (table) return { kind: 'defined', table };
    const name = importedName(variable);
    return name === null ? { kind: 'other' } : { kind: 'imported', name, local: node.name };
  }
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
    const object = unwrap(node.object);
    if (object.type !== AST_NODE_TYPES.Identifier) return { kind: 'other' };
    const variable = variableOf(sourceCode, object);
    if (variable && isNamespaceImport(variable)) return { kind: 'imported', name: node.property.name, local: sourceCode.getText(node) };
  }
  return { kind: 'other' };
}

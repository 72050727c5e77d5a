/**
 * What the Python half of a rule receives: the rule's own context (typed for the rule's messages by
 * typescript-eslint's RuleCreator) and the Python SourceCode, which `isPythonSourceCode` told apart.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { PyColumn, PyTable } from '../model.js';
import type { PyNode, SourceLocation } from '../parse.js';
import type { PythonSourceCode } from '../source-code.js';

export type PyRuleContext<MessageIds extends string, Options extends readonly unknown[] = []> = Readonly<
  TSESLint.RuleContext<MessageIds, Options>
>;

export interface PyRule<MessageIds extends string, Options extends readonly unknown[] = []> {
  (context: PyRuleContext<MessageIds, Options>, sourceCode: PythonSourceCode, options: Options): TSESLint.RuleListener;
}

/** The `loc` of a report on a Python node (Python nodes are not ESTree nodes, so rules report by location). */
export function at(node: PyNode): { loc: SourceLocation } {
  return { loc: node.loc };
}

/** The label of a table in messages: its table name, else its class name. */
export function pyTableLabel(table: PyTable): string {
  return table.name ?? table.cls.name;
}

/**
 * The owner a message about a `__table_args__` entry names: `table "users"`, or `class "Base"` when the
 * table inherits the entries from a base class of the file (reported there once, for every table).
 */
export function pyTableArgsLabel(table: PyTable): string {
  const owner = table.tableArgsOwner;
  if (owner && (owner !== table.cls || table.columnSet)) return `class "${owner.name}"`;
  return `table "${pyTableLabel(table)}"`;
}

/**
 * The owner a column message names (`of {{table}}`): `table "users"`, or `class "TimestampMixin"` for a
 * field that a base class of the file declares, where it is reported once for every table that inherits
 * it (tables of this file, or of other files: see `PyModel.columnSets`).
 */
export function pyOwnerLabel(column: PyColumn): string {
  const owner = column.field?.owner;
  if (owner && (owner !== column.table.cls || column.table.columnSet)) return `class "${owner.name}"`;
  return `table "${pyTableLabel(column.table)}"`;
}

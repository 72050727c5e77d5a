import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { propertyName } from '../model/ast.js';
import type { SchemaModel, TableModel } from '../model/table.js';
import { insertMember, lineIndent } from './format.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Refers to a column of the table inside the extra config (`table.tenant_id`), or null if it cannot. */
export type ColumnRef = (columnKey: string) => string | null;

/**
 * Adds an entry (an index, a policy…) to the table's extra config, in the form the table uses:
 * an element of the returned array, a property of the deprecated returned object (named `objectKey`),
 * or a new `(table) => [entry]` third argument. `entry` builds the code from a column reference.
 * Returns null when the extra config cannot be edited safely (a helper call, a destructured parameter
 * that lacks a needed column, a spread argument list).
 */
export function addExtraEntry(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  schema: SchemaModel,
  table: TableModel,
  entry: (ref: ColumnRef) => string | null,
  objectKey: string,
): TSESLint.RuleFix[] | null {
  const extra = table.extra;
  if (extra === 'unknown') return null;
  if (extra === null) {
    const columnsArg = table.columnsNode;
    if (!columnsArg || table.call.arguments.length !== 2) return null;
    const param = schema.moduleNames.has('table') ? 't' : 'table';
    const text = entry((key) => `${param}.${key}`);
    if (text === null) return null;
    const multiline = columnsArg.loc.start.line !== columnsArg.loc.end.line;
    if (!multiline) return [fixer.insertTextAfter(columnsArg, `, (${param}) => [${text}]`)];
    const indent = lineIndent(table.call, sourceCode);
    const unit = /^\s*/u.exec(sourceCode.lines[columnsArg.loc.end.line - 2] ?? '')?.[0]?.slice(indent.length) || '  ';
    return [fixer.insertTextAfter(columnsArg, `, (${param}) => [\n${indent}${unit}${text},\n${indent}]`)];
  }
  const ref: ColumnRef = (key) => {
    if (extra.paramName) return `${extra.paramName}.${key}`;
    return extra.paramLocals?.get(key) ?? null;
  };
  if (extra.form === 'array') {
    const text = entry(ref);
    if (text === null) return null;
    return insertMember(fixer, sourceCode, extra.container, text, 'end');
  }
  const container = extra.container;
  if (container.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const text = entry(ref);
  if (text === null) return null;
  const taken = new Set(container.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? propertyName(p) : null)));
  let key = objectKey;
  for (let i = 2; taken.has(key); i++) key = `${objectKey}${i}`;
  return insertMember(fixer, sourceCode, container, `${key}: ${text}`, 'end');
}

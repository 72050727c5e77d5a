/**
 * snake-case on SQLModel models: `__tablename__`, field names (their column names), explicit column
 * names (`sa_column=Column("name", …)`, `sa_column_kwargs={"name": …}`), and the names of `Index`,
 * `UniqueConstraint` and `PrimaryKeyConstraint` entries of `__table_args__`.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { applyEdits, fixOrSuggest, mergeReports, type EditReport, type TextEdit } from '../../fix/rename.js';
import { isCamelCase, isSnakeCase, toSnakeCase } from '../../model/names.js';
import type { MessageIds, Options } from '../../rules/snake-case.js';
import { EDIT_RECORDER, isForeignKeyString, planFieldRename, replaceString } from '../fix.js';
import { getPyModel, withPyColumnSets, type PyColumn, type PyField, type PyIndex, type PyModel, type PyTable } from '../model.js';
import { asCall, stringValue, walk, type PyNode } from '../parse.js';
import { pyOwnerLabel, pyTableArgsLabel, type PyRule } from './context.js';

const KIND_LABELS: Record<PyIndex['kind'], string> = { index: 'Index', unique: 'Unique constraint', primaryKey: 'Primary key' };

/** The string node that names an index or constraint: `Index("name", …)`, `UniqueConstraint(…, name="name")`. */
function indexNameNode(index: PyIndex): PyNode | undefined {
  const call = asCall(index.node);
  return index.kind === 'index' ? call?.args.positional[0] : call?.args.keywords.get('name');
}

/** The string that names a field's column explicitly: `Column("name", …)` or `sa_column_kwargs={"name": …}`. */
function columnNameNode(field: PyField, dbName: string): PyNode | undefined {
  let found: PyNode | undefined;
  if (!field.value) return undefined;
  walk(field.value, (node) => {
    if (found || node.type !== 'String' || stringValue(node) !== dbName) return;
    const parent = node.parent;
    const call = parent?.type === 'ArgList' ? parent.parent : null;
    // The first positional argument of `Column(...)`, or the value of "name" in a dict.
    if (call && asCall(call)?.name?.endsWith('Column') && parent!.children[0] === node) found = node;
    else if (parent?.type === 'DictionaryExpression') {
      const at = parent.children.indexOf(node);
      if (at % 2 === 1 && stringValue(parent.children[at - 1]) === 'name') found = node;
    }
  });
  return found;
}

/**
 * The edits that rename a table: its `__tablename__` string and the `foreign_key="old.col"` strings of
 * the file that point at it; null when a reference to it cannot be rewritten (`ForeignKey(...)` inside a
 * Column, a `ForeignKeyConstraint`), so that no fix leaves a dangling reference.
 */
function tableRename(model: PyModel, table: PyTable, name: string, expected: string): TextEdit[] | null {
  const edits: TextEdit[] = [{ ...replaceString(EDIT_RECORDER, table.nameNode!, expected) }];
  let blocked = false;
  walk(model.ast, (node) => {
    if (node.type !== 'String' || node === table.nameNode) return;
    const value = stringValue(node);
    if (value === undefined || !value.startsWith(`${name}.`)) return;
    const rest = value.slice(name.length + 1);
    if (!/^[\w$]+$/u.test(rest)) return;
    if (isForeignKeyString(node) && node.parent?.parent?.type === 'CallExpression' && asCall(node.parent.parent)?.name?.endsWith('Field')) {
      edits.push(replaceString(EDIT_RECORDER, node, `${expected}.${rest}`));
    } else blocked = true;
  });
  return blocked ? null : edits;
}

export const pythonSnakeCase: PyRule<MessageIds, Options> = (context, _sourceCode, [options]) => {
  const allowCamelCaseKeys = options.allowCamelCaseKeys === true;
  const suggestExported = options.exportedKeyRenames !== 'fix';
  const suggestDatabase = options.databaseRenames !== 'fix';
  return {
    'Script:exit'() {
      const model = getPyModel(context);
      const pending: EditReport<MessageIds>[] = [];
      /** Fields of a base class several tables share: reported once. */
      const seen = new Set<PyField | PyNode>();
      // EditReport is shared with the Drizzle side; ESLint reads a Python node's `loc` as it reads an ESTree node's.
      const node = (n: PyNode): TSESTree.Node => n as unknown as TSESTree.Node;

      function checkString(nameNode: PyNode, name: string, messageId: MessageIds, data: Record<string, string>, subject: string, edits?: TextEdit[] | null): void {
        if (isSnakeCase(name)) return;
        const expected = toSnakeCase(name);
        if (!isSnakeCase(expected)) {
          pending.push({ node: node(nameNode), messageId: 'unconvertible', data: { subject }, edits: null, suggestion: null });
          return;
        }
        const planned = edits === undefined ? [replaceString(EDIT_RECORDER, nameNode, expected)] : edits;
        const suggest = suggestDatabase && (messageId === 'tableName' || messageId === 'columnName');
        pending.push({ node: node(nameNode), messageId, data: { ...data, name, expected }, edits: suggest ? null : planned, suggestion: suggest ? planned : null });
      }

      function checkColumn(table: PyTable, column: PyColumn, field: PyField): void {
        const { key } = column;
        const label = pyOwnerLabel(column);
        const keyOk = isSnakeCase(key) || (allowCamelCaseKeys && isCamelCase(key));
        if (!keyOk) {
          const expected = toSnakeCase(key);
          if (!isSnakeCase(expected)) {
            pending.push({ node: node(field.keyNode), messageId: 'unconvertible', data: { subject: `Column key "${key}" of ${label}` }, edits: null, suggestion: null });
          } else {
            const plan = planFieldRename(model, table, key, expected);
            pending.push({ node: node(field.keyNode), messageId: 'columnKey', data: { key, table: label, expected }, ...fixOrSuggest(plan, suggestExported, suggestDatabase) });
          }
        }
        const dbName = column.dbName;
        if (dbName === null || isSnakeCase(dbName)) return;
        const nameNode = column.hasNameArg ? columnNameNode(field, dbName) : undefined;
        if (nameNode) {
          checkString(nameNode, dbName, 'columnName', { key, table: label }, `Database name "${dbName}" of column "${key}" in ${label}`);
        } else if (keyOk && !column.hasNameArg) {
          // A camelCase key (allowed) is also the column's name: naming the column is the user's choice of form.
          const expected = toSnakeCase(dbName);
          pending.push(
            isSnakeCase(expected)
              ? { node: node(field.keyNode), messageId: 'derivedColumnName', data: { key, table: label, name: dbName, expected }, edits: null, suggestion: null }
              : { node: node(field.keyNode), messageId: 'unconvertible', data: { subject: `Database name "${dbName}" of column "${key}" in ${label}` }, edits: null, suggestion: null },
          );
        }
      }

      for (const table of withPyColumnSets(model)) {
        if (table.name !== null && table.nameNode && stringValue(table.nameNode) === table.name && !isSnakeCase(table.name)) {
          const expected = toSnakeCase(table.name);
          checkString(table.nameNode, table.name, 'tableName', {}, `Table name "${table.name}"`, isSnakeCase(expected) ? tableRename(model, table, table.name, expected) : null);
        }
        for (const column of table.columns) {
          const field = column.field;
          if (!field || seen.has(field)) continue;
          seen.add(field);
          checkColumn(table, column, field);
        }
        const argsLabel = pyTableArgsLabel(table);
        for (const index of table.indexes) {
          const nameNode = indexNameNode(index);
          // Entries a base class holds are checked once, for every table that inherits them.
          if (!nameNode || index.name === null || stringValue(nameNode) !== index.name || seen.has(index.node)) continue;
          seen.add(index.node);
          const kind = index.kind === 'index' && index.unique ? 'Unique index' : KIND_LABELS[index.kind];
          checkString(nameNode, index.name, 'constraintName', { kind, table: argsLabel }, `${kind} name "${index.name}" of ${argsLabel}`);
        }
      }

      // Renames reach across the file: overlapping fixes carry each other's edits, so one pass applies all.
      for (const { edits, suggestion, ...problem } of mergeReports(pending)) {
        context.report({
          ...problem,
          fix: edits && ((fixer) => applyEdits(fixer, edits)),
          suggest: suggestion && [
            { messageId: problem.messageId === 'columnKey' ? 'renameKey' : 'renameInDatabase', data: problem.data, fix: (fixer) => applyEdits(fixer, suggestion) },
          ],
        });
      }
    },
  };
};

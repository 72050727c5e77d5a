import type { TSESTree } from '@typescript-eslint/utils';
import { isStaticString, staticString } from '../model/ast.js';
import { ColumnReports, hasModifier, ownerLabel, tableLabel } from '../model/describe.js';
import { isCamelCase, isSnakeCase, toSnakeCase } from '../model/names.js';
import { getSchema, withColumnSets } from '../model/schema.js';
import type { ColumnModel, ExtraEntryKind, TableModel } from '../model/table.js';
import { applyEdits, databaseRenamesSchema, exportedKeyRenamesSchema, fixOrSuggest, planColumnRename, replaceName, mergeReports, type EditReport } from '../fix/rename.js';
import { pythonSnakeCase } from '../python/rules/snake-case.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds =
  | 'tableName'
  | 'columnKey'
  | 'columnName'
  | 'derivedColumnName'
  | 'constraintName'
  | 'unconvertible'
  | 'renameKey'
  | 'renameInDatabase';

export type Options = [{ allowCamelCaseKeys?: boolean; databaseRenames?: 'suggestion' | 'fix'; exportedKeyRenames?: 'suggestion' | 'fix' }];

const KIND_LABELS: Partial<Record<ExtraEntryKind, string>> = {
  index: 'Index',
  uniqueIndex: 'Unique index',
  unique: 'Unique constraint',
  primaryKey: 'Primary key',
  foreignKey: 'Foreign key',
  check: 'Check constraint',
  policy: 'Policy',
  crudPolicy: 'Policy',
};

export default createRule<Options, MessageIds>({
  name: 'snake-case',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Enforce snake_case names for tables, columns, indexes, constraints and policies',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    languages: ['js/js', 'data-modeling/python'],
    schema: [
      {
        type: 'object',
        properties: {
          allowCamelCaseKeys: {
            type: 'boolean',
            description:
              'Accept camelCase column keys (`createdAt: timestamp("created_at")`) while still requiring snake_case database names.',
          },
          databaseRenames: databaseRenamesSchema,
          exportedKeyRenames: exportedKeyRenamesSchema,
        },
        additionalProperties: false,
      },
    ],
    messages: {
      tableName: 'Table name "{{name}}" is not snake_case; name the table "{{expected}}".',
      columnKey: 'Column key "{{key}}" of {{table}} is not snake_case; rename it to "{{expected}}".',
      columnName: 'Database name "{{name}}" of column "{{key}}" in {{table}} is not snake_case; use "{{expected}}".',
      derivedColumnName:
        'Column "{{key}}" of {{table}} has no name argument, so its database name is "{{name}}", which is not snake_case; name it "{{expected}}".',
      constraintName: '{{kind}} name "{{name}}" of {{table}} is not snake_case; use "{{expected}}".',
      unconvertible:
        '{{subject}} is not snake_case; use lower-case ASCII letters, digits and underscores, starting with a letter.',
      renameKey: 'Rename key "{{key}}" to "{{expected}}" and its references in this file.',
      renameInDatabase: 'Rename "{{name}}" to "{{expected}}"; a migration renames it in the database.',
    },
    defaultOptions: [{ allowCamelCaseKeys: false, databaseRenames: 'suggestion', exportedKeyRenames: 'suggestion' }],
  },
  create(context, [options]) {
    if (isPythonSourceCode(context.sourceCode)) return pythonSnakeCase(context, context.sourceCode, [options]);
    const allowCamelCaseKeys = options.allowCamelCaseKeys === true;
    const suggestExported = options.exportedKeyRenames !== 'fix';
    const suggestDatabase = options.databaseRenames !== 'fix';
    const sourceCode = context.sourceCode;

    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const pending: EditReport<MessageIds>[] = [];
        // A column or a name that several tables share (a spread object) is reported once.
        const reports = new ColumnReports();

        /** Queues a report for a name written as a string: the fix rewrites the string. */
        function checkString(
          node: TSESTree.Node,
          name: string,
          messageId: MessageIds,
          data: Record<string, string>,
          subject: string,
        ): void {
          if (isSnakeCase(name)) return;
          const expected = toSnakeCase(name);
          if (!isSnakeCase(expected)) {
            pending.push({ node, messageId: 'unconvertible', data: { subject }, edits: null, suggestion: null });
            return;
          }
          const edits = [replaceName(node, expected, sourceCode)];
          // A table or column name is where the data lives: renaming it is a migration drizzle-kit asks about.
          const suggest = suggestDatabase && (messageId === 'tableName' || messageId === 'columnName');
          pending.push({ node, messageId, data: { ...data, name, expected }, edits: suggest ? null : edits, suggestion: suggest ? edits : null });
        }

        function checkColumn(table: TableModel, column: ColumnModel): void {
          const key = column.key;
          if (key === null) return;
          // The checks of a column are the same in every table that shares it (its names, its unique
          // constraint's name): made once.
          if (!reports.first(column, 'column')) return;
          // The owner's label (`table "x"`, `column set "x"`) is built for a report only: most columns have none.
          const keyOk = isSnakeCase(key) || (allowCamelCaseKeys && isCamelCase(key));
          if (!keyOk) {
            const expected = toSnakeCase(key);
            if (!isSnakeCase(expected)) {
              pending.push({
                node: column.keyNode,
                messageId: 'unconvertible',
                data: { subject: `Column key "${key}" of ${ownerLabel(column)}` },
                edits: null,
                suggestion: null,
              });
            } else {
              const plan = planColumnRename(sourceCode, schema, { column, key: expected });
              pending.push({ node: column.keyNode, messageId: 'columnKey', data: { key, table: ownerLabel(column), expected }, ...fixOrSuggest(plan, suggestExported, suggestDatabase) });
            }
          }
          if (column.nameArg && column.dbName !== null) {
            if (!isSnakeCase(column.dbName)) checkString(column.nameArg, column.dbName, 'columnName', { key, table: ownerLabel(column) }, `Database name "${column.dbName}" of column "${key}" in ${ownerLabel(column)}`);
          } else if (keyOk && column.builderCall && !column.hasNameArg && column.dbName !== null && !isSnakeCase(column.dbName)) {
            // The key is accepted but the casing keeps it as the database name (camelCase keys, camelCase.table).
            const name = column.dbName;
            const expected = toSnakeCase(name);
            const plan = isSnakeCase(expected) ? planColumnRename(sourceCode, schema, { column, key, dbName: expected }) : null;
            pending.push(
              isSnakeCase(expected)
                ? { node: column.keyNode, messageId: 'derivedColumnName', data: { key, table: ownerLabel(column), name, expected }, ...fixOrSuggest(plan, suggestExported, suggestDatabase) }
                : { node: column.keyNode, messageId: 'unconvertible', data: { subject: `Database name "${name}" of column "${key}" in ${ownerLabel(column)}` }, edits: null, suggestion: null },
            );
          }
          // A column-level unique constraint can be named: `.unique("users_email_key")`.
          if (!hasModifier(column, 'unique')) return;
          for (let m = 0, modifiers = column.modifiers; m < modifiers.length; m++) {
            const modifier = modifiers[m]!;
            if (modifier.name !== 'unique') continue;
            const nameArg = modifier.call.arguments[0];
            const name = staticString(nameArg);
            if (!nameArg || name === null || isSnakeCase(name)) continue;
            checkString(nameArg, name, 'constraintName', { kind: 'Unique constraint', table: ownerLabel(column) }, `Unique constraint name "${name}" of ${ownerLabel(column)}`);
          }
        }

        // The file's tables, then the column sets it exports that none of them spreads.
        for (let t = 0, tables = withColumnSets(schema); t < tables.length; t++) {
          const table = tables[t]!;
          if (table.name !== null && !isSnakeCase(table.name) && isStaticString(table.nameNode)) {
            checkString(table.nameNode, table.name, 'tableName', {}, `Table name "${table.name}"`);
          }
          for (let c = 0, columns = table.columns; c < columns.length; c++) checkColumn(table, columns[c]!);
          const entries = table.extra && table.extra !== 'unknown' ? table.extra.entries : [];
          for (let e = 0; e < entries.length; e++) {
            const entry = entries[e]!;
            const kind = KIND_LABELS[entry.kind];
            if (!kind || !entry.nameNode || entry.name === null || isSnakeCase(entry.name)) continue;
            const label = `table "${tableLabel(table)}"`;
            checkString(entry.nameNode, entry.name, 'constraintName', { kind, table: label }, `${kind} name "${entry.name}" of ${label}`);
          }
          for (let p = 0, policies = table.policies; p < policies.length; p++) {
            const policy = policies[p]!;
            if (policy.source !== 'link' || policy.name === null || isSnakeCase(policy.name) || !isStaticString(policy.nameNode)) continue;
            const label = `table "${tableLabel(table)}"`;
            checkString(policy.nameNode, policy.name, 'constraintName', { kind: 'Policy', table: label }, `Policy name "${policy.name}" of ${label}`);
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
  },
});

import { ColumnReports, ownerLabel } from '../model/describe.js';
import { emailAddressName } from '../model/names.js';
import { getSchema, withColumnSets } from '../model/schema.js';
import { applyEdits, databaseRenamesSchema, exportedKeyRenamesSchema, fixOrSuggest, keyForDbName, planColumnRename, mergeReports, type EditReport } from '../fix/rename.js';
import { pythonEmailAddressName } from '../python/rules/email-address-name.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'emailAddress' | 'renameColumn';
export type Options = [{ databaseRenames?: 'suggestion' | 'fix'; exportedKeyRenames?: 'suggestion' | 'fix' }];

export default createRule<Options, MessageIds>({
  name: 'email-address-name',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Enforce the name `email_address` for email columns',
      recommended: 'recommended',
    },
    fixable: 'code',
    hasSuggestions: true,
    languages: ['js/js', 'data-modeling/python'],
    schema: [
      {
        type: 'object',
        properties: {
          databaseRenames: databaseRenamesSchema,
          exportedKeyRenames: exportedKeyRenamesSchema,
        },
        additionalProperties: false,
      },
    ],
    messages: {
      emailAddress: 'Column "{{name}}" of {{table}} holds an email address; the standard names it "{{expected}}".',
      renameColumn:
        'Rename column "{{name}}" to "{{expected}}" (key "{{key}}"), with its references in this file; a migration renames the database column.',
    },
    defaultOptions: [{ databaseRenames: 'suggestion', exportedKeyRenames: 'suggestion' }],
  },
  create(context, [options]) {
    if (isPythonSourceCode(context.sourceCode)) return pythonEmailAddressName(context, context.sourceCode, [options]);
    const suggestExported = options.exportedKeyRenames !== 'fix';
    const suggestDatabase = options.databaseRenames !== 'fix';
    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const pending: EditReport<MessageIds>[] = [];
        const reports = new ColumnReports();
        // The file's tables, then the column sets it exports that none of them spreads.
        for (let t = 0, tables = withColumnSets(schema); t < tables.length; t++) {
          const table = tables[t]!;
          for (let c = 0, columns = table.columns; c < columns.length; c++) {
            const column = columns[c]!;
            const name = column.dbName;
            if (name === null || column.key === null) continue;
            const expected = emailAddressName(column.builder, name);
            if (expected === null) continue;
            // Not when the table has (or may have, in a part the plugin cannot see) a column of that name.
            if (!table.lacks(expected)) continue;
            // A column spread into several tables is written once: reported once.
            if (!reports.first(column, 'emailAddress')) continue;
            const key = keyForDbName(column, expected) ?? column.key;
            const plan = planColumnRename(context.sourceCode, schema, { column, key, dbName: expected });
            pending.push({
              node: column.keyNode,
              messageId: 'emailAddress',
              data: { name, table: ownerLabel(column), expected, key },
              ...fixOrSuggest(plan, suggestExported, suggestDatabase),
            });
          }
        }
        // Renames reach across the file: overlapping fixes carry each other's edits, so one pass applies all.
        for (const { edits, suggestion, ...problem } of mergeReports(pending)) {
          context.report({
            ...problem,
            fix: edits && ((fixer) => applyEdits(fixer, edits)),
            suggest: suggestion && [{ messageId: 'renameColumn', data: problem.data, fix: (fixer) => applyEdits(fixer, suggestion) }],
          });
        }
      },
    };
  },
});

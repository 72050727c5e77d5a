import { ColumnReports, ownerLabel } from '../model/describe.js';
import { toSnakeCase } from '../model/names.js';
import { getSchema } from '../model/schema.js';
import { applyEdits, databaseRenamesSchema, exportedKeyRenamesSchema, fixOrSuggest, keyForDbName, planColumnRename, mergeReports, type EditReport } from '../fix/rename.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'emailAddress' | 'renameColumn';
export type Options = [{ databaseRenames?: 'suggestion' | 'fix'; exportedKeyRenames?: 'suggestion' | 'fix' }];

/** Builders of columns that can hold an address: text types and custom types (`citext`). */
const TEXT_BUILDERS = new Set(['text', 'varchar', 'char', 'customType']);

/** Tested before the word split, without making a lower-cased copy of every name. */
const MENTIONS_EMAIL = /email/iu;

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
    const suggestExported = options.exportedKeyRenames !== 'fix';
    const suggestDatabase = options.databaseRenames !== 'fix';
    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const pending: EditReport<MessageIds>[] = [];
        const reports = new ColumnReports();
        for (let t = 0, tables = schema.tables; t < tables.length; t++) {
          const table = tables[t]!;
          for (let c = 0, columns = table.columns; c < columns.length; c++) {
            const column = columns[c]!;
            const name = column.dbName;
            if (name === null || column.key === null || !TEXT_BUILDERS.has(column.builder ?? '')) continue;
            // The last word is "email" only when the name holds it: most names need no conversion.
            if (!MENTIONS_EMAIL.test(name)) continue;
            const snake = toSnakeCase(name);
            if (snake !== 'email' && !snake.endsWith('_email')) continue;
            const expected = `${snake}_address`;
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

import type { TSESLint } from '@typescript-eslint/utils';
import { ColumnReports, ownerLabel } from '../model/describe.js';
import { isSnakeCase, listPrefixes, readsNaturally, splitWords, toSnakeCase } from '../model/names.js';
import { getSchema, withColumnSets } from '../model/schema.js';
import { applyEdits, keyForDbName, planColumnRename } from '../fix/rename.js';
import { pythonBooleanPrefix } from '../python/rules/boolean-prefix.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'missingPrefix' | 'addPrefix';
export type Options = [{ prefixes?: string[] }];

const DEFAULT_PREFIXES = ['is_', 'has_', 'can_'];

/** True when `name` starts with one of the prefixes (a loop: no closure per boolean column). */
function startsWithAny(name: string, prefixes: readonly string[]): boolean {
  for (let i = 0; i < prefixes.length; i++) if (name.startsWith(prefixes[i]!)) return true;
  return false;
}

export default createRule<Options, MessageIds>({
  name: 'boolean-prefix',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require boolean column names to start with `is_`, `has_` or `can_`',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    languages: ['js/js', 'data-modeling/python'],
    schema: [
      {
        type: 'object',
        properties: {
          prefixes: {
            type: 'array',
            items: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
            minItems: 1,
            uniqueItems: true,
            description: 'The prefixes a boolean column name may start with (compared with its snake_case form).',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      missingPrefix:
        'Boolean column "{{name}}" of {{table}} does not start with {{prefixes}}; name it for the question it answers.',
      addPrefix: 'Rename column "{{name}}" to "{{expected}}" (key "{{key}}"), with its references in this file.',
    },
    defaultOptions: [{ prefixes: DEFAULT_PREFIXES }],
  },
  create(context, [options]) {
    const prefixes = options.prefixes ?? DEFAULT_PREFIXES;
    if (isPythonSourceCode(context.sourceCode)) return pythonBooleanPrefix(context, context.sourceCode, [{ prefixes }]);
    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const reports = new ColumnReports();
        // The file's tables, then the column sets it exports that none of them spreads.
        for (let t = 0, tables = withColumnSets(schema); t < tables.length; t++) {
          const table = tables[t]!;
          for (let c = 0, columns = table.columns; c < columns.length; c++) {
            const column = columns[c]!;
            const name = column.dbName;
            if (column.builder !== 'boolean' || name === null || column.key === null) continue;
            const snake = toSnakeCase(name);
            if (startsWithAny(snake, prefixes)) continue;
            // A column spread into several tables is written once: reported once.
            if (!reports.first(column, 'missingPrefix')) continue;
            const words = splitWords(snake);
            const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
            for (const prefix of prefixes) {
              const expected = `${prefix}${snake}`;
              if (!isSnakeCase(expected) || !readsNaturally(prefix, words) || !table.lacks(expected)) continue;
              const key = keyForDbName(column, expected) ?? column.key;
              const plan = planColumnRename(context.sourceCode, schema, { column, key, dbName: expected });
              if (!plan) continue;
              suggest.push({
                messageId: 'addPrefix',
                data: { name, expected, key },
                fix: (fixer) => applyEdits(fixer, plan.edits),
              });
            }
            context.report({
              node: column.keyNode,
              messageId: 'missingPrefix',
              data: { name, table: ownerLabel(column), prefixes: listPrefixes(prefixes) },
              suggest,
            });
          }
        }
      },
    };
  },
});

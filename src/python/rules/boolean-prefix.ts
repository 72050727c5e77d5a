/**
 * boolean-prefix on SQLModel models: a `bool` field (or `sa_type=Boolean`) starts with `is_`, `has_` or
 * `can_`; suggestions add the prefixes that read naturally, renaming the field with its uses in the file.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { applyEdits } from '../../fix/rename.js';
import { isSnakeCase, listPrefixes, readsNaturally, splitWords, toSnakeCase } from '../../model/names.js';
import type { MessageIds, Options } from '../../rules/boolean-prefix.js';
import { planFieldRename } from '../fix.js';
import { getPyModel, withPyColumnSets, type PyField } from '../model.js';
import { at, type PyRule, pyOwnerLabel } from './context.js';

/** `options.prefixes` is resolved by the rule (its default applied). */
export const pythonBooleanPrefix: PyRule<MessageIds, Options> = (context, _sourceCode, [options]) => ({
  'Script:exit'() {
    const prefixes = options.prefixes ?? [];
    const model = getPyModel(context);
    /** A field of a base class several tables share: reported once. */
    const seen = new Set<PyField>();
    for (const table of withPyColumnSets(model)) {
      for (const column of table.columns) {
        const field = column.field;
        const name = column.dbName;
        if (column.builder !== 'boolean' || !field || name === null || seen.has(field)) continue;
        const snake = toSnakeCase(name);
        if (prefixes.some((prefix) => snake.startsWith(prefix))) continue;
        seen.add(field);
        const words = splitWords(snake);
        const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
        for (const prefix of prefixes) {
          const expected = `${prefix}${snake}`;
          if (!isSnakeCase(expected) || !readsNaturally(prefix, words) || !table.lacks(expected)) continue;
          const plan = column.key === name ? planFieldRename(model, table, column.key, expected) : null;
          if (!plan) continue;
          suggest.push({ messageId: 'addPrefix', data: { name, expected, key: expected }, fix: (fixer) => applyEdits(fixer, plan.edits) });
        }
        context.report({
          ...at(field.keyNode),
          messageId: 'missingPrefix',
          data: { name, table: pyOwnerLabel(column), prefixes: listPrefixes(prefixes) },
          suggest,
        });
      }
    }
  },
});

/**
 * email-address-name on SQLModel models: a `str` (or `EmailStr`, `Text`, ...) field named `email` or
 * `*_email` is `email_address` / `*_email_address`; the rename follows the field's uses in the file.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { applyEdits, fixOrSuggest, mergeReports, type EditReport } from '../../fix/rename.js';
import { emailAddressName } from '../../model/names.js';
import type { MessageIds, Options } from '../../rules/email-address-name.js';
import { planFieldRename } from '../fix.js';
import { getPyModel, withPyColumnSets, type PyField } from '../model.js';
import { pyOwnerLabel, type PyRule } from './context.js';

export const pythonEmailAddressName: PyRule<MessageIds, Options> = (context, _sourceCode, [options]) => ({
  'Script:exit'() {
    const suggestExported = options.exportedKeyRenames !== 'fix';
    const suggestDatabase = options.databaseRenames !== 'fix';
    const model = getPyModel(context);
    const pending: EditReport<MessageIds>[] = [];
    /** A field of a base class several tables share: reported once. */
    const seen = new Set<PyField>();
    // A mixin that tables of other files inherit is checked here too: no rename (those files use the name).
    for (const table of withPyColumnSets(model)) {
      for (const column of table.columns) {
        const field = column.field;
        const name = column.dbName;
        if (!field || name === null || seen.has(field)) continue;
        const expected = emailAddressName(column.builder, name);
        // Not when the table has (or may have, in a base the plugin cannot read) a column of that name.
        if (expected === null || !table.lacks(expected)) continue;
        seen.add(field);
        // The key follows the column name when they are the same (`planFieldRename` renames only those).
        const key = column.key === name ? expected : column.key;
        const plan = column.key === name ? planFieldRename(model, table, column.key, expected) : null;
        pending.push({
          // EditReport is shared with the Drizzle side; ESLint reads a Python node's `loc` as an ESTree node's.
          node: field.keyNode as unknown as TSESTree.Node,
          messageId: 'emailAddress',
          data: { name, table: pyOwnerLabel(column), expected, key },
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
});

import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { ColumnReports, columnLabel, ownerLabel, tableLabel, tableReportNode } from '../model/describe.js';
import { nearMissColumn, toCamelCase } from '../model/names.js';
import { getSchema } from '../model/schema.js';
import { SOFT_DELETE_COLUMN } from '../model/soft-delete.js';
import type { ColumnModel, ImportedColumn, ModifierModel, TableModel } from '../model/table.js';
import { insertColumns, standardColumnPlace } from '../fix/columns.js';
import { removeModifier } from '../fix/modifiers.js';
import { applyEdits, nearMissRename } from '../fix/rename.js';
import { compileNamePatterns, namePatternsSchema } from '../util/name-patterns.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { requireSoftDeletePython } from '../python/rules/require-soft-delete.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'missing' | 'nearMiss' | 'renameColumn' | 'flag' | 'notNull' | 'notTimestamp' | 'setAutomatically' | 'removeModifier';
export type Options = [{ tables?: string[] }];

/** Modifiers that give the column a value without anyone deleting the row. */
const AUTOMATIC = new Set(['default', 'defaultNow', '$default', '$defaultFn', '$onUpdate', '$onUpdateFn']);

function isAutomatic(modifier: ModifierModel): boolean {
  if (!AUTOMATIC.has(modifier.name)) return false;
  const [argument] = modifier.call.arguments;
  // `.default(null)` sets nothing.
  return !(modifier.name === 'default' && argument?.type === AST_NODE_TYPES.Literal && argument.value === null);
}

/** From the modifier's name to the end of its call: `notNull()`. */
function modifierLoc(modifier: ModifierModel): TSESTree.SourceLocation {
  return { start: modifier.property.loc.start, end: modifier.call.loc.end };
}

/** `deletedAt` when the table keys its timestamps in camelCase (`updatedAt: timestamp("updated_at")`). */
function newColumnKey(table: TableModel): string {
  const sibling = table.column('updated_at') ?? table.column('created_at');
  const camel = toCamelCase(SOFT_DELETE_COLUMN);
  return sibling?.dbName && sibling.key === toCamelCase(sibling.dbName) && sibling.key !== sibling.dbName ? camel : SOFT_DELETE_COLUMN;
}

export default createRule<Options, MessageIds>({
  name: 'require-soft-delete',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require a nullable `deleted_at` timestamp column for soft deletes',
      recommended: 'strict',
    },
    fixable: 'code',
    languages: ['js/js', 'data-modeling/python'],
    hasSuggestions: true,
    schema: [
      {
        type: 'object',
        properties: {
          tables: namePatternsSchema(
            'Tables that must have the column, by database or variable name; an entry written `/…/flags` is a regular expression. Default: every table.',
          ),
        },
        additionalProperties: false,
      },
    ],
    messages: {
      // What the standard wants is named per stack: `deleted_at: timestamp("deleted_at")`, `timestamp()`, `.defaultNow()`... for Drizzle.
      missing: 'Table "{{table}}" has no "deleted_at" column; add {{form}} so that rows are soft-deleted and can be restored.',
      nearMiss: 'Column "{{name}}" of {{table}} is the standard "deleted_at" column spelled otherwise; name it "deleted_at".',
      renameColumn:
        'Rename column "{{name}}" to "deleted_at" (key "{{key}}"), with its references in this file; a migration renames the database column.',
      flag: 'Column "{{name}}" of {{table}} is a boolean soft-delete flag; the standard marks deleted rows with a nullable timestamp "deleted_at" (replacing the flag is a data migration, so there is no automatic fix).',
      notNull:
        'Column "deleted_at" of {{table}} is NOT NULL; it must be nullable, because NULL is what marks a row that is not deleted.',
      notTimestamp:
        'Column "{{column}}" of {{table}} is {{built}}; a soft-delete column must be {{timestamp}} (changing it is a data migration, so there is no automatic fix).',
      setAutomatically: 'Column "deleted_at" of {{table}} is set by {{setter}}; rows would be marked deleted without anyone deleting them.',
      removeModifier: 'Remove {{setter}}.',
    },
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const applies = options.tables ? compileNamePatterns(options.tables, 'tables') : () => true;
    if (isPythonSourceCode(context.sourceCode)) return requireSoftDeletePython(applies)(context, context.sourceCode, [options]);
    const sourceCode = context.sourceCode;

    /** Checks a deleted_at column that is there: a timestamp, nullable, set by the app (not automatically). */
    function checkPresent(reports: ColumnReports, column: ColumnModel | ImportedColumn): void {
      // A helper or custom type: cannot tell; a column from another module: reported there.
      if (column.builder === null || column.origin === 'imported') return;
      if (column.builder !== 'timestamp') {
        if (!reports.first(column, 'notTimestamp')) return;
        context.report({
          node: column.keyNode,
          messageId: 'notTimestamp',
          data: { table: ownerLabel(column), column: columnLabel(column), built: `built with ${column.builder}()`, timestamp: 'timestamp()' },
        });
        return;
      }
      for (let m = 0, modifiers = column.modifiers; m < modifiers.length; m++) {
        const modifier = modifiers[m]!;
        if (!reports.first(column, 'modifier', modifier.call)) continue;
        if (modifier.name === 'notNull') {
          context.report({
            loc: modifierLoc(modifier),
            messageId: 'notNull',
            data: { table: ownerLabel(column) },
            fix: (fixer) => removeModifier(fixer, sourceCode, modifier),
          });
        } else if (isAutomatic(modifier)) {
          context.report({
            loc: modifierLoc(modifier),
            messageId: 'setAutomatically',
            data: { table: ownerLabel(column), setter: `\`.${modifier.name}()\`` },
            suggest: [
              {
                messageId: 'removeModifier',
                data: { setter: `\`.${modifier.name}()\`` },
                fix: (fixer) => removeModifier(fixer, sourceCode, modifier),
              },
            ],
          });
        }
      }
    }

    return {
      'Program:exit'() {
        const schema = getSchema(context);
        // A column spread into several tables is written once: report its problems once.
        const reports = new ColumnReports();
        for (let t = 0, tables = schema.tables; t < tables.length; t++) {
          const table = tables[t]!;
          if (!applies(table.name, table.variableName)) continue;
          const label = tableLabel(table);
          const column = table.column(SOFT_DELETE_COLUMN);
          if (!column) {
            if (!table.lacks(SOFT_DELETE_COLUMN)) continue;
            // `deleted`, `deletedOn`: the column is there, spelled otherwise; a boolean one is a flag.
            const near = nearMissColumn(table, SOFT_DELETE_COLUMN);
            if (near) {
              if (!reports.first(near, 'nearMiss')) continue;
              const flag = near.builder === 'boolean';
              const rename = flag ? null : nearMissRename(sourceCode, schema, near, SOFT_DELETE_COLUMN);
              const data = { table: ownerLabel(near), name: columnLabel(near), key: rename?.key ?? '' };
              context.report({
                node: near.keyNode,
                messageId: flag ? 'flag' : 'nearMiss',
                data,
                suggest: rename && [{ messageId: 'renameColumn', data, fix: (fixer) => applyEdits(fixer, rename.edits) }],
              });
              continue;
            }
            const after = standardColumnPlace(table, SOFT_DELETE_COLUMN);
            context.report({
              node: tableReportNode(table),
              messageId: 'missing',
              data: { table: label, form: '`deleted_at: timestamp("deleted_at")`' },
              fix: (fixer: TSESLint.RuleFixer) =>
                insertColumns(fixer, sourceCode, schema, table, [{ key: newColumnKey(table), builder: 'timestamp', dbName: SOFT_DELETE_COLUMN, chain: '' }], after),
            });
            continue;
          }
          checkPresent(reports, column);
        }
        // The column sets the file exports (and none of its tables spreads): a deleted_at there is
        // checked here, where it is written; with the `tables` option, which tables spread it is unknown.
        for (let s = 0, sets = options.tables ? [] : schema.columnSets; s < sets.length; s++) {
          const column = sets[s]!.column(SOFT_DELETE_COLUMN);
          if (column) checkPresent(reports, column);
        }
      },
    };
  },
});

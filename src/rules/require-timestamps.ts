import type { TSESLint } from '@typescript-eslint/utils';
import { columnLabel, hasModifier, sqlText, tableLabel, tableReportNode } from '../model/describe.js';
import { getSchema } from '../model/schema.js';
import type { ColumnModel, TableModel } from '../model/table.js';
import { appendToColumn, insertColumns, type NewColumn } from '../fix/columns.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'missing' | 'notTimestamp' | 'missingModifier' | 'missingOnUpdate';
export type Options = [{ onUpdate?: boolean }];

const TIMESTAMP_COLUMNS = ['created_at', 'updated_at'] as const;
const TIMESTAMP_BUILDERS = new Set(['timestamp']);

/** `.defaultNow()`, or `.default(sql\`now()\`)` / `.default(sql\`CURRENT_TIMESTAMP\`)`. */
function hasNowDefault(column: ColumnModel): boolean {
  return column.modifiers.some((m) => {
    if (m.name === 'defaultNow') return true;
    if (m.name !== 'default') return false;
    const text = sqlText(m.call.arguments[0])?.trim().toLowerCase();
    return text === 'now()' || text === 'current_timestamp' || text === 'current_timestamp()';
  });
}

/** `$onUpdate` for the column's mode: `mode: "string"` columns take an ISO string, not a Date. */
function onUpdateCall(column: ColumnModel | null, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const mode = column?.configArg?.properties.find(
    (p) => p.type === 'Property' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'mode',
  );
  const isString = mode?.type === 'Property' && sourceCode.getText(mode.value).replace(/["'`]/gu, '') === 'string';
  return isString ? '.$onUpdate(() => new Date().toISOString())' : '.$onUpdate(() => new Date())';
}

function hasOnUpdate(column: ColumnModel): boolean {
  return hasModifier(column, '$onUpdate', '$onUpdateFn');
}

export default createRule<Options, MessageIds>({
  name: 'require-timestamps',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `created_at` and `updated_at` timestamp columns with `defaultNow()` and `notNull()`',
      recommended: 'recommended',
      strictOptions: [{ onUpdate: true }],
    },
    fixable: 'code',
    schema: [
      {
        type: 'object',
        properties: {
          onUpdate: {
            type: 'boolean',
            description: 'Also require `updated_at` to carry `$onUpdate(() => new Date())`.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      missing: 'Table "{{table}}" has no "{{column}}" column; add a timestamp column "{{column}}" with `.defaultNow().notNull()`.',
      notTimestamp:
        'Column "{{column}}" of table "{{table}}" is built with {{builder}}(); it must be timestamp() (changing it is a data migration, so there is no automatic fix).',
      missingModifier: 'Column "{{column}}" of table "{{table}}" lacks {{modifiers}}.',
      missingOnUpdate:
        'Column "updated_at" of table "{{table}}" lacks `.$onUpdate(...)` to set it on every update; `defaultNow()` only sets it on insert.',
    },
    defaultOptions: [{ onUpdate: false }],
  },
  create(context, [options]) {
    const requireOnUpdate = options.onUpdate === true;

    /** The modifiers a column lacks; `column` may be a sibling whose config a new column copies. */
    function modifiersFor(name: string, column: ColumnModel | null, isNew = false): string {
      const chain: string[] = [];
      if (isNew || !column || !hasNowDefault(column)) chain.push('.defaultNow()');
      if (isNew || !column || !hasModifier(column, 'notNull', 'primaryKey')) chain.push('.notNull()');
      if (requireOnUpdate && name === 'updated_at' && (isNew || !column || !hasOnUpdate(column))) chain.push(onUpdateCall(column, context.sourceCode));
      return chain.join('');
    }

    function checkPresent(table: TableModel, column: ColumnModel): void {
      if (column.builder === null) return; // a helper or custom type: cannot tell
      const name = column.dbName ?? '';
      const data = { table: tableLabel(table), column: columnLabel(column), builder: column.builder };
      if (!TIMESTAMP_BUILDERS.has(column.builder)) {
        context.report({ node: column.keyNode, messageId: 'notTimestamp', data });
        return;
      }
      const missing: string[] = [];
      if (!hasNowDefault(column)) missing.push('.defaultNow()');
      if (!hasModifier(column, 'notNull', 'primaryKey')) missing.push('.notNull()');
      // Every append lands at the same place, so each fix writes all of them: one pass fixes the column.
      const chain = modifiersFor(name, column);
      if (missing.length > 0) {
        context.report({
          node: column.keyNode,
          messageId: 'missingModifier',
          data: { table: data.table, column: data.column, modifiers: missing.map((m) => `\`${m}\``).join(' and ') },
          fix: (fixer) => appendToColumn(fixer, column, chain),
        });
      }
      if (requireOnUpdate && name === 'updated_at' && !hasOnUpdate(column)) {
        context.report({
          node: column.keyNode,
          messageId: 'missingOnUpdate',
          data,
          fix: (fixer) => appendToColumn(fixer, column, chain),
        });
      }
    }

    return {
      'Program:exit'() {
        const schema = getSchema(context);
        for (const table of schema.tables) {
          const absent: string[] = [];
          for (const name of TIMESTAMP_COLUMNS) {
            const column = table.column(name);
            if (column) checkPresent(table, column);
            else if (table.lacks(name)) absent.push(name);
          }
          if (absent.length === 0) continue;
          // One fix inserts every missing column, so the first report carries it and the second one
          // carries the same edit: ESLint applies it once.
          const columns: NewColumn[] = absent.map((name) => ({
            key: name,
            builder: 'timestamp',
            dbName: name,
            chain: modifiersFor(name, sharedTimestamp(table, context.sourceCode), true),
          }));
          const fix = (fixer: TSESLint.RuleFixer) =>
            insertColumns(fixer, context.sourceCode, schema, table, columns, 'end');
          for (const name of absent) {
            context.report({
              node: tableReportNode(table),
              messageId: 'missing',
              data: { table: tableLabel(table), column: name },
              fix,
            });
          }
        }
      },
    };
  },
});

/**
 * The timestamp column whose config new timestamp columns copy (see `columnSource`): the table's
 * timestamps when they all share one config, else null.
 */
function sharedTimestamp(table: TableModel, sourceCode: Readonly<TSESLint.SourceCode>): ColumnModel | null {
  const timestamps = table.columns.filter((c) => c.builder === 'timestamp' && c.builderCall);
  const first = timestamps[0];
  if (!first?.configArg) return null;
  const text = sourceCode.getText(first.configArg);
  return timestamps.every((c) => c.configArg && sourceCode.getText(c.configArg) === text) ? first : null;
}

import type { TSESLint } from '@typescript-eslint/utils';
import { ColumnReports, columnLabel, hasModifier, isStringMode, ownerLabel, sqlText, tableLabel, tableReportNode } from '../model/describe.js';
import { nearMissColumn } from '../model/names.js';
import { getSchema } from '../model/schema.js';
import type { ColumnModel, TableModel } from '../model/table.js';
import { appendToColumn, insertColumns, sharedConfigColumn, standardColumnPlace, type NewColumn } from '../fix/columns.js';
import { applyEdits, nearMissRename } from '../fix/rename.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { requireTimestampsPython } from '../python/rules/require-timestamps.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'missing' | 'nearMiss' | 'renameColumn' | 'notTimestamp' | 'missingModifier' | 'missingOnUpdate';
export type Options = [{ onUpdate?: boolean }];

const TIMESTAMP_COLUMNS = ['created_at', 'updated_at'] as const;
const TIMESTAMP_BUILDERS = new Set(['timestamp']);

/** `.defaultNow()`, or `.default(sql\`now()\`)` / `.default(sql\`CURRENT_TIMESTAMP\`)`. */
function hasNowDefault(column: ColumnModel): boolean {
  if (hasModifier(column, 'defaultNow')) return true;
  if (!hasModifier(column, 'default')) return false; // no list of links made for the common answers
  return column.modifiers.some((m) => {
    if (m.name === 'defaultNow') return true;
    if (m.name !== 'default') return false;
    const text = sqlText(m.call.arguments[0])?.trim().toLowerCase();
    return text === 'now()' || text === 'current_timestamp' || text === 'current_timestamp()';
  });
}

/** `$onUpdate` for a column configured like `config`: `mode: "string"` columns take an ISO string, not a Date. */
function onUpdateCall(config: ColumnModel | null): string {
  return config && isStringMode(config) ? '.$onUpdate(() => new Date().toISOString())' : '.$onUpdate(() => new Date())';
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
    languages: ['js/js', 'data-modeling/python'],
    hasSuggestions: true,
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
      // What the standard wants is named per stack: `.defaultNow().notNull()`, `timestamp()`, `.$onUpdate(...)` for Drizzle.
      missing: 'Table "{{table}}" has no "{{column}}" column; add a timestamp column "{{column}}" with {{form}}.',
      nearMiss: 'Column "{{name}}" of {{table}} is the standard "{{column}}" column spelled otherwise; name it "{{column}}".',
      renameColumn:
        'Rename column "{{name}}" to "{{column}}" (key "{{key}}"), with its references in this file; a migration renames the database column.',
      notTimestamp:
        'Column "{{column}}" of {{table}} is {{built}}; it must be {{timestamp}} (changing it is a data migration, so there is no automatic fix).',
      missingModifier: 'Column "{{column}}" of {{table}} lacks {{modifiers}}.',
      missingOnUpdate: 'Column "updated_at" of {{table}} lacks {{onUpdate}} to set it on every update; {{defaultNow}} only sets it on insert.',
    },
    defaultOptions: [{ onUpdate: false }],
  },
  create(context, [options]) {
    if (isPythonSourceCode(context.sourceCode)) return requireTimestampsPython(context, context.sourceCode, [options]);
    const requireOnUpdate = options.onUpdate === true;

    /** What the timestamp column `name` lacks; a new column (`column` null) lacks everything. */
    function needs(name: string, column: ColumnModel | null): { now: boolean; notNull: boolean; onUpdate: boolean } {
      return {
        now: !column || !hasNowDefault(column),
        notNull: !column || !hasModifier(column, 'notNull', 'primaryKey'),
        onUpdate: requireOnUpdate && name === 'updated_at' && (!column || !hasOnUpdate(column)),
      };
    }

    /** The modifier calls for what a column needs, written for the config it gets from `config`. */
    function lacking(need: ReturnType<typeof needs>, config: ColumnModel | null): { base: string[]; onUpdate: string | null } {
      const base: string[] = [];
      if (need.now) base.push('.defaultNow()');
      if (need.notNull) base.push('.notNull()');
      return { base, onUpdate: need.onUpdate ? onUpdateCall(config) : null };
    }

    /**
     * Checks the column found for the standard name `name` (its own database name may be spelled
     * otherwise). A column shared by several tables is reported once, at its definition.
     */
    function checkPresent(reports: ColumnReports, table: TableModel, name: string, column: ColumnModel): void {
      if (column.builder === null) return; // a helper or custom type: cannot tell
      if (!TIMESTAMP_BUILDERS.has(column.builder)) {
        if (reports.first(column, 'notTimestamp'))
          context.report({
            node: column.keyNode,
            messageId: 'notTimestamp',
            data: { table: ownerLabel(column), column: columnLabel(column), built: `built with ${column.builder}()`, timestamp: 'timestamp()' },
          });
        return;
      }
      // The common case, a compliant column, is decided without building the needs.
      if (hasNowDefault(column) && hasModifier(column, 'notNull', 'primaryKey') && !(requireOnUpdate && name === 'updated_at' && !hasOnUpdate(column))) return;
      const need = needs(name, column);
      const data = { table: ownerLabel(column), column: columnLabel(column) };
      const { base: missing, onUpdate } = lacking(need, column);
      // Every append lands at the same place, so each fix writes all of them: one pass fixes the column.
      const chain = [...missing, onUpdate ?? ''].join('');
      if (missing.length > 0 && reports.first(column, 'missingModifier')) {
        context.report({
          node: column.keyNode,
          messageId: 'missingModifier',
          data: { table: data.table, column: data.column, modifiers: missing.map((m) => `\`${m}\``).join(' and ') },
          fix: (fixer) => appendToColumn(fixer, column, chain),
        });
      }
      if (onUpdate && reports.first(column, 'missingOnUpdate')) {
        context.report({
          node: column.keyNode,
          messageId: 'missingOnUpdate',
          data: { table: data.table, onUpdate: '`.$onUpdate(...)`', defaultNow: '`defaultNow()`' },
          fix: (fixer) => appendToColumn(fixer, column, chain),
        });
      }
    }

    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const reports = new ColumnReports();
        for (let t = 0, tables = schema.tables; t < tables.length; t++) {
          const table = tables[t]!;
          // Made at the first absent column: a compliant table has none.
          let absent: (typeof TIMESTAMP_COLUMNS)[number][] | null = null;
          // Indexed: the loop runs for every table, in a listener the JIT may not have compiled yet.
          for (let n = 0; n < TIMESTAMP_COLUMNS.length; n++) {
            const name = TIMESTAMP_COLUMNS[n]!;
            const column = table.column(name);
            if (column) {
              // A column from another module is checked in the module that writes it.
              if (column.origin === 'local') checkPresent(reports, table, name, column);
              continue;
            }
            if (!table.lacks(name)) continue;
            // `updated`, `modifiedAt`: the column is there, spelled otherwise (a boolean `updated` is not it).
            const near = nearMissColumn(table, name);
            if (!near || near.builder === 'boolean') {
              (absent ??= []).push(name);
              continue;
            }
            // A near-miss column spread into several tables is written once: reported once.
            if (!reports.first(near, 'nearMiss')) continue;
            const rename = nearMissRename(context.sourceCode, schema, near, name);
            const data = { table: ownerLabel(near), column: name, name: columnLabel(near), key: rename?.key ?? '' };
            context.report({
              node: near.keyNode,
              messageId: 'nearMiss',
              data,
              suggest: rename && [{ messageId: 'renameColumn', data, fix: (fixer) => applyEdits(fixer, rename.edits) }],
            });
          }
          if (absent === null) continue;
          // One fix inserts every missing column, so the first report carries it and the second one
          // carries the same edit: ESLint applies it once.
          const config = sharedConfigColumn(table, 'timestamp', context.sourceCode);
          const columns: NewColumn[] = absent.map((name) => {
            const { base, onUpdate } = lacking(needs(name, null), config);
            return { key: name, builder: 'timestamp', dbName: name, chain: [...base, onUpdate ?? ''].join('') };
          });
          const fix = (fixer: TSESLint.RuleFixer) =>
            insertColumns(fixer, context.sourceCode, schema, table, columns, standardColumnPlace(table, absent[0]!));
          for (const name of absent) {
            context.report({
              node: tableReportNode(table),
              messageId: 'missing',
              data: { table: tableLabel(table), column: name, form: '`.defaultNow().notNull()`' },
              fix,
            });
          }
        }
        // The column sets the file exports (and none of its tables spreads): their timestamp columns are
        // checked here, where they are written; a set need not have both.
        for (let s = 0, sets = schema.columnSets; s < sets.length; s++) {
          const set = sets[s]!;
          for (let n = 0; n < TIMESTAMP_COLUMNS.length; n++) {
            const name = TIMESTAMP_COLUMNS[n]!;
            const column = set.column(name);
            if (column?.origin === 'local') checkPresent(reports, set, name, column);
          }
        }
      },
    };
  },
});


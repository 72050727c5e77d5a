/**
 * require-timestamps on SQLModel models: `created_at` and `updated_at`, typed `datetime`, not Optional,
 * with a now default: `created_at: datetime = Field(default_factory=datetime.utcnow)`, as the standard
 * writes them.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { hasModifier } from '../../model/describe.js';
import { nearMissOf } from '../../model/names.js';
import { canRenameField, editField, ensureImports, insertFields, preferredQuote, renameField } from '../fix.js';
import { getPyModel, type PyColumn, type PyModel, type PyTable, standardColumn } from '../model.js';
import { nodeText, type PyNode } from '../parse.js';
import { at, type PyRule, pyOwnerLabel, pyTableLabel } from './context.js';

type MessageIds = 'missing' | 'nearMiss' | 'renameColumn' | 'notTimestamp' | 'missingModifier' | 'missingOnUpdate';
type Options = [{ onUpdate?: boolean }];

const TIMESTAMP_COLUMNS = ['created_at', 'updated_at'] as const;

/** How a Python message names what the standard wants (the Drizzle wording is in the rule's TypeScript half). */
export const PYTHON_TIMESTAMP_WORDING = {
  form: '`Field(default_factory=datetime.utcnow)`',
  timestamp: 'datetime',
  now: '`default_factory=datetime.utcnow`',
  notNull: 'a non-Optional type',
  onUpdate: '`sa_column_kwargs={"onupdate": ...}`',
  defaultNow: '`default_factory`',
} as const;

export const requireTimestampsPython: PyRule<MessageIds, Options> = (context, sourceCode, [options]) => ({
  'Script:exit'() {
    const model = getPyModel(context);
    const text = sourceCode.text;
    const requireOnUpdate = options?.onUpdate === true;
    const reported = new Set<string>();
    /** A problem of a shared mixin field is reported once, at the field. */
    const first = (node: PyNode, problem: string): boolean => {
      const key = `${node.range[0]}:${problem}`;
      if (reported.has(key)) return false;
      reported.add(key);
      return true;
    };

    for (const table of model.tables) {
      const absent: string[] = [];
      for (const name of TIMESTAMP_COLUMNS) {
        const column = standardColumn(table, name);
        if (column) {
          if (column.field) checkPresent(name, column);
          continue;
        }
        if (!table.lacks(name)) continue;
        const near = table.columns.find((c) => c.dbName !== null && nearMissOf(c.dbName) === name);
        if (!near || near.builder === 'boolean') {
          absent.push(name);
          continue;
        }
        if (!near.field || !first(near.field.keyNode, 'nearMiss')) continue;
        const data = { table: pyOwnerLabel(near), column: name, name: near.dbName ?? near.key, key: name };
        context.report({
          ...at(near.field.keyNode),
          messageId: 'nearMiss',
          data,
          suggest: canRenameField(table, near.key, name)
            ? [{ messageId: 'renameColumn', data, fix: (fixer) => renameField(fixer, model, table, near.key, name) }]
            : [],
        });
      }
      if (absent.length === 0) continue;
      const fix = (fixer: TSESLint.RuleFixer) => insertTimestamps(fixer, text, model, table, absent, requireOnUpdate);
      for (const name of absent) {
        context.report({
          ...at(table.cls.nameNode),
          messageId: 'missing',
          data: { table: pyTableLabel(table), column: name, form: PYTHON_TIMESTAMP_WORDING.form },
          fix,
        });
      }
    }
    // A mixin that tables of other files inherit: its present timestamp fields, not the absent ones (a
    // mixin need not have every column).
    for (const set of model.columnSets) {
      for (const name of TIMESTAMP_COLUMNS) {
        const column = standardColumn(set, name);
        if (column?.field) checkPresent(name, column);
      }
    }

    function checkPresent(name: string, column: PyColumn): void {
      const field = column.field!;
      if (column.builder === null) return;
      const data = { table: pyOwnerLabel(column), column: column.dbName ?? column.key };
      if (column.builder !== 'timestamp') {
        if (first(field.keyNode, 'notTimestamp'))
          context.report({
            ...at(field.keyNode),
            messageId: 'notTimestamp',
            data: { ...data, built: `typed ${nodeText(field.annotation)}`, timestamp: PYTHON_TIMESTAMP_WORDING.timestamp },
          });
        return;
      }
      const needNow = !hasModifier(column, 'defaultNow');
      const needNotNull = !hasModifier(column, 'notNull', 'primaryKey') && !column.nullableUnknown;
      const needOnUpdate = requireOnUpdate && name === 'updated_at' && !hasModifier(column, '$onUpdate');
      // One fix writes everything the field lacks, reported with each message: one pass fixes the field.
      const fix = (fixer: TSESLint.RuleFixer) => fixTimestamp(fixer, text, model, column, needNow, needNotNull, needOnUpdate);
      if ((needNow || needNotNull) && first(field.keyNode, 'missingModifier')) {
        const lacks = [needNow ? PYTHON_TIMESTAMP_WORDING.now : null, needNotNull ? PYTHON_TIMESTAMP_WORDING.notNull : null].filter(Boolean);
        context.report({ ...at(field.keyNode), messageId: 'missingModifier', data: { ...data, modifiers: lacks.join(' and ') }, fix });
      }
      if (needOnUpdate && first(field.keyNode, 'missingOnUpdate')) {
        context.report({
          ...at(field.keyNode),
          messageId: 'missingOnUpdate',
          data: { table: data.table, onUpdate: PYTHON_TIMESTAMP_WORDING.onUpdate, defaultNow: PYTHON_TIMESTAMP_WORDING.defaultNow },
          fix,
        });
      }
    }
  },
});

/**
 * Gives a timestamp field what it lacks: `default_factory=datetime.utcnow` (first), not Optional, and
 * `sa_column_kwargs={"onupdate": datetime.utcnow}` (last; not when it has `sa_column_kwargs` already).
 */
function fixTimestamp(
  fixer: TSESLint.RuleFixer,
  text: string,
  model: PyModel,
  column: PyColumn,
  now: boolean,
  notNull: boolean,
  onUpdate: boolean,
): TSESLint.RuleFix[] | null {
  if (onUpdate && column.field?.fieldArgs?.keywords.has('sa_column_kwargs')) return null;
  const imports = ensureImports(fixer, text, model, [
    { module: 'datetime', name: 'datetime' },
    { module: 'sqlmodel', name: 'Field' },
  ]);
  if (!imports) return null;
  const dt = imports.refs.get('datetime.datetime')!;
  const q = preferredQuote(model);
  const edits = editField(fixer, text, model, column, {
    required: notNull,
    defaultFactory: now ? `${dt}.utcnow` : undefined,
    fieldRef: imports.refs.get('sqlmodel.Field'),
    append: onUpdate ? `sa_column_kwargs={${q}onupdate${q}: ${dt}.utcnow}` : undefined,
  });
  return edits && [...imports.fixes, ...edits];
}

/** The lines of new timestamp fields, with the imports they need; one fix inserts every absent one. */
function insertTimestamps(
  fixer: TSESLint.RuleFixer,
  text: string,
  model: PyModel,
  table: PyTable,
  absent: readonly string[],
  onUpdate: boolean,
): TSESLint.RuleFix[] | null {
  const imports = ensureImports(fixer, text, model, [
    { module: 'datetime', name: 'datetime' },
    { module: 'sqlmodel', name: 'Field' },
  ]);
  if (!imports) return null;
  const dt = imports.refs.get('datetime.datetime')!;
  const field = imports.refs.get('sqlmodel.Field')!;
  const lines = absent.map((name) => {
    const update = onUpdate && name === 'updated_at' ? `, sa_column_kwargs={"onupdate": ${dt}.utcnow}` : '';
    return { key: name, line: `${name}: ${dt} = ${field}(default_factory=${dt}.utcnow${update})` };
  });
  const fields = insertFields(fixer, text, table, lines, model.settings.tenantColumn);
  return fields && [...imports.fixes, ...fields];
}

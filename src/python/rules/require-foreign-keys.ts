/**
 * require-foreign-keys on SQLModel models: an `_id` field whose table is in the schema set declares
 * `foreign_key="<table>.id"` (or a `ForeignKeyConstraint` in `__table_args__`), and the tenant column
 * references the root table. The judgments are the Drizzle side's; see src/python/foreign-keys.ts for
 * the schema set.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { MessageIds, Options } from '../../rules/require-foreign-keys.js';
import { compileNamePatterns } from '../../util/name-patterns.js';
import { appendFieldOption, preferredQuote, replaceString } from '../fix.js';
import { isPyForeignKeyCandidate, knownTables, pyForeignKeysOf, type PyTableForeignKey } from '../foreign-keys.js';
import { targetTableNames } from '../../model/foreign-keys.js';
import { getPyModel, rootForeignKey, type PyColumn, type PyModel, type PyTable } from '../model.js';
import { at, type PyRule, pyOwnerLabel } from './context.js';

/** How a Python message names the way to declare a foreign key (the Drizzle wording is in the rule's TypeScript half). */
export const PYTHON_WORDING = { how: '`foreign_key="<table>.id"` to its Field or a ForeignKeyConstraint to `__table_args__`' } as const;

/** A fix that adds `foreign_key="<target>"` to the field (see `appendFieldOption`). */
function addForeignKey(fixer: TSESLint.RuleFixer, text: string, model: PyModel, column: PyColumn, target: string): TSESLint.RuleFix[] | null {
  const q = preferredQuote(model);
  return appendFieldOption(fixer, text, model, column, 'foreign_key', `${q}${target}${q}`);
}

export const pythonRequireForeignKeys: PyRule<MessageIds, Options> = (context, sourceCode, [options]) => {
  const ignored = compileNamePatterns(options.ignore ?? [], 'ignore');
  return {
    'Script:exit'() {
      const model = getPyModel(context);
      const text = sourceCode.text;
      const { tenantColumn, rootTables } = model.settings;
      /** A field of a same-file base class shared by several tables: reported once. */
      const reported = new Set<string>();
      const once = (column: PyColumn, problem: string): boolean => {
        const key = `${column.field?.statement.range[0] ?? column.key}:${problem}`;
        if (column.field?.owner !== column.table.cls && reported.has(key)) return false;
        reported.add(key);
        return true;
      };

      /** The root table's id as a `foreign_key` string would name it, for messages and suggestions. */
      function rootLabel(table: PyTable): string {
        return rootForeignKey(model, table) ?? rootTables.map((root) => `${root}.id`).join(' or ');
      }

      /** True when the target is the root table's id, false when it is something else, null when unknown. */
      function isRootId(target: { table: string; column: string }): boolean | null {
        if (!rootTables.includes(target.table)) return false;
        const root = knownTables(model).get(target.table);
        if (root?.primaryKey) return target.column === root.primaryKey;
        return target.column === 'id' ? true : null;
      }

      function checkTenant(table: PyTable, column: PyColumn, keys: PyTableForeignKey[], complete: boolean): void {
        let single: PyTableForeignKey | null = null;
        for (const key of keys) {
          const position = key.columns.indexOf(column);
          if (position === -1) continue;
          const target = key.targets[position] ?? null;
          if (!target || isRootId(target) !== false) return; // references the root, or the plugin cannot tell
          if (key.columns.length === 1) single = key;
        }
        const field = column.field;
        if (!field) return; // a column from another file: reported there
        const data = { table: pyOwnerLabel(column), column: column.dbName ?? column.key, root: rootLabel(table) };
        const rootRef = rootForeignKey(model, table);
        if (single) {
          const target = single.targets[0]!;
          const node = field.fieldArgs?.keywords.get('foreign_key');
          if (!once(column, 'tenantWrongTarget')) return;
          context.report({
            ...at(node ?? field.keyNode),
            messageId: 'tenantWrongTarget',
            data: { ...data, target: `${target.table}.${target.column}` },
            suggest:
              rootRef && node?.type === 'String'
                ? [{ messageId: 'suggestReference', data: { target: rootRef }, fix: (fixer) => replaceString(fixer, node, rootRef) }]
                : [],
          });
          return;
        }
        if (!complete || !once(column, 'tenantMissing')) return;
        context.report({
          ...at(field.keyNode),
          messageId: 'tenantMissing',
          data,
          suggest: rootRef ? [{ messageId: 'suggestReference', data: { target: rootRef }, fix: (fixer) => addForeignKey(fixer, text, model, column, rootRef) }] : [],
        });
      }

      /** Tables named after the column, as `foreign_key` strings: `user_id` -> `users.id`. */
      function candidatesFor(table: PyTable, column: PyColumn): string[] {
        const known = knownTables(model);
        const out: string[] = [];
        for (const name of targetTableNames(column.dbName!)) {
          const target = known.get(name);
          // Not the table itself: a self-reference is the user's call (a parent, a previous version).
          if (!target || (target.local && name === table.name)) continue;
          out.push(`${name}.${target.primaryKey ?? 'id'}`);
        }
        return out;
      }

      for (const table of model.tables) {
        const { keys, complete } = pyForeignKeysOf(table);
        const tenant = table.isRoot || rootTables.length === 0 ? undefined : table.column(tenantColumn);
        for (const column of table.columns) {
          if (column.dbName === null || ignored(column.dbName, column.key)) continue;
          if (column === tenant) {
            checkTenant(table, column, keys, complete);
            continue;
          }
          const field = column.field;
          if (!field || !complete || keys.some((k) => k.columns.includes(column)) || !isPyForeignKeyCandidate(model, table, column)) continue;
          if (!once(column, 'missing')) continue;
          const shared = field.owner !== table.cls;
          context.report({
            ...at(field.keyNode),
            messageId: 'missing',
            data: { table: pyOwnerLabel(column), column: column.dbName, how: PYTHON_WORDING.how },
            suggest: shared
              ? []
              : candidatesFor(table, column).map((target) => ({
                  messageId: 'suggestReference' as const,
                  data: { target },
                  fix: (fixer: TSESLint.RuleFixer) => addForeignKey(fixer, text, model, column, target),
                })),
          });
        }
      }
    },
  };
};

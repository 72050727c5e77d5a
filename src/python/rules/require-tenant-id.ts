/**
 * require-tenant-id on SQLModel models: every table class but the root tables has
 * `tenant_id: UUID = Field(foreign_key="tenants.id", index=True)`, not Optional.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { hasModifier } from '../../model/describe.js';
import { editField, ensureImports, insertFields, preferredQuote } from '../fix.js';
import { getPyModel, rootForeignKey, type PyColumn, type PyModel, type PyTable, standardColumn } from '../model.js';
import { nodeText, type PyNode } from '../parse.js';
import { at, pyOwnerLabel, pyTableLabel, type PyRule } from './context.js';

type MessageIds = 'missing' | 'nullable' | 'notUuid';

/** How a Python message names the fix (the Drizzle wording is in the rule's TypeScript half). */
export const PYTHON_WORDING = { notNull: 'make it non-Optional', uuid: 'UUID' } as const;

export const requireTenantIdPython: PyRule<MessageIds> = (context, sourceCode) => ({
  'Script:exit'() {
    const model = getPyModel(context);
    const { tenantColumn, rootTables } = model.settings;
    const text = sourceCode.text;
    // A column of a same-file mixin shared by several tables is reported once, at its definition.
    const reported = new Set<PyNode>();
    for (const table of model.tables) {
      if (table.isRoot) continue;
      const column = standardColumn(table, tenantColumn);
      if (!column) {
        if (!table.lacks(tenantColumn)) continue;
        context.report({
          ...at(table.cls.nameNode),
          messageId: 'missing',
          data: { table: pyTableLabel(table), column: tenantColumn, roots: rootTables.join(', ') || 'none' },
          fix: (fixer) => insertTenantColumn(fixer, text, model, table),
        });
        continue;
      }
      checkPresent(column);
    }
    // A mixin that tables of other files inherit: its present tenant field, not an absent one (a mixin
    // need not have every column).
    for (const set of model.columnSets) {
      const column = standardColumn(set, tenantColumn);
      if (column) checkPresent(column);
    }

    /** A present tenant field: a uuid, not null. */
    function checkPresent(column: PyColumn): void {
      const field = column.field;
      // An unreadable type: cannot tell; a column from another file: reported there.
      if (column.builder === null || !field || reported.has(field.statement)) return;
      const data = { table: pyOwnerLabel(column), column: column.dbName ?? column.key };
      if (column.builder !== 'uuid') {
        reported.add(field.statement);
        context.report({
          ...at(field.keyNode),
          messageId: 'notUuid',
          data: { ...data, built: `typed ${nodeText(field.annotation)}`, uuid: PYTHON_WORDING.uuid },
        });
      } else if (!hasModifier(column, 'notNull', 'primaryKey') && !column.nullableUnknown) {
        reported.add(field.statement);
        context.report({
          ...at(field.keyNode),
          messageId: 'nullable',
          data: { ...data, notNull: PYTHON_WORDING.notNull },
          fix: (fixer) => editField(fixer, text, model, column, { required: true }),
        });
      }
    }
  },
});

function insertTenantColumn(fixer: TSESLint.RuleFixer, text: string, model: PyModel, table: PyTable): TSESLint.RuleFix[] | null {
  const imports = ensureImports(fixer, text, model, [
    { module: 'uuid', name: 'UUID' },
    { module: 'sqlmodel', name: 'Field' },
  ]);
  if (!imports) return null;
  const q = preferredQuote(model);
  const target = rootForeignKey(model, table);
  const options = `${target ? `foreign_key=${q}${target}${q}, ` : ''}index=True`;
  const line = `${model.settings.tenantColumn}: ${imports.refs.get('uuid.UUID')} = ${imports.refs.get('sqlmodel.Field')}(${options})`;
  const fields = insertFields(fixer, text, table, [{ key: model.settings.tenantColumn, line }], model.settings.tenantColumn);
  return fields && [...imports.fixes, ...fields];
}

import { ColumnReports, columnLabel, hasModifier, ownColumn, ownerLabel, rootTableIdColumn, rootTableRef, tableLabel, tableReportNode } from '../model/describe.js';
import { getSchema } from '../model/schema.js';
import type { ColumnModel, ImportedColumn } from '../model/table.js';
import { appendToColumn, insertColumns } from '../fix/columns.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { requireTenantIdPython } from '../python/rules/require-tenant-id.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'missing' | 'nullable' | 'notUuid';

export default createRule<[], MessageIds>({
  name: 'require-tenant-id',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a non-null uuid tenant column on every tenant-scoped table',
      recommended: 'recommended',
    },
    fixable: 'code',
    languages: ['js/js', 'data-modeling/python'],
    schema: [],
    messages: {
      missing:
        'Table "{{table}}" has no "{{column}}" column; every table except the root tables ({{roots}}) belongs to a tenant.',
      // The fix and the type are named per stack: `add .notNull()` / `built with text()` / `uuid()` for Drizzle.
      nullable: 'Tenant column "{{column}}" of {{table}} is nullable; {{notNull}} so that every row belongs to a tenant.',
      notUuid:
        'Tenant column "{{column}}" of {{table}} is {{built}}; it must be {{uuid}} (changing it is a data migration, so there is no automatic fix).',
    },
  },
  create(context) {
    if (isPythonSourceCode(context.sourceCode)) return requireTenantIdPython(context, context.sourceCode, []);

    /** Checks a tenant column that is there: a uuid, not null. */
    function checkPresent(reports: ColumnReports, column: ColumnModel | ImportedColumn): void {
      // A helper or custom type: cannot tell; a column from another module: reported there.
      if (column.builder === null || column.origin === 'imported') return;
      if (column.builder !== 'uuid') {
        if (reports.first(column, 'notUuid'))
          context.report({
            node: column.keyNode,
            messageId: 'notUuid',
            data: { table: ownerLabel(column), column: columnLabel(column), built: `built with ${column.builder}()`, uuid: 'uuid()' },
          });
      } else if (!hasModifier(column, 'notNull', 'primaryKey') && reports.first(column, 'nullable')) {
        context.report({
          node: column.keyNode,
          messageId: 'nullable',
          data: { table: ownerLabel(column), column: columnLabel(column), notNull: 'add .notNull()' },
          fix: (fixer) => appendToColumn(fixer, column, '.notNull()'),
        });
      }
    }

    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const { tenantColumn, rootTables } = schema.settings;
        // A tenant column shared by several tables (a spread object) is reported once, at its definition.
        const reports = new ColumnReports();
        for (let t = 0, tables = schema.tables; t < tables.length; t++) {
          const table = tables[t]!;
          if (table.isRoot) continue;
          const column = table.column(tenantColumn);
          if (!column) {
            if (!table.lacks(tenantColumn)) continue;
            const reference = rootTableRef(schema, table);
            const id = ownColumn(table.column('id'));
            context.report({
              node: tableReportNode(table),
              messageId: 'missing',
              data: { table: tableLabel(table), column: tenantColumn, roots: rootTables.join(', ') || 'none' },
              fix: (fixer) =>
                insertColumns(
                  fixer,
                  context.sourceCode,
                  schema,
                  table,
                  [
                    {
                      key: tenantColumn,
                      builder: 'uuid',
                      dbName: tenantColumn,
                      chain: `.notNull()${reference ? `.references(() => ${reference})` : ''}`,
                      refersTo: reference ? [rootTableIdColumn(schema, table)].filter((c) => c !== null) : [],
                    },
                  ],
                  id ?? 'start',
                ),
            });
            continue;
          }
          checkPresent(reports, column);
        }
        // The column sets the file exports (and none of its tables spreads): a tenant column there is
        // checked here, where it is written.
        for (let s = 0, sets = schema.columnSets; s < sets.length; s++) {
          const column = sets[s]!.column(tenantColumn);
          if (column) checkPresent(reports, column);
        }
      },
    };
  },
});

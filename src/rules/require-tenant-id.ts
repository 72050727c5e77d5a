import { columnLabel, hasModifier, rootTableIdColumn, rootTableRef, tableLabel, tableReportNode } from '../model/describe.js';
import { getSchema } from '../model/schema.js';
import { appendToColumn, insertColumns } from '../fix/columns.js';
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
    schema: [],
    messages: {
      missing:
        'Table "{{table}}" has no "{{column}}" column; every table except the root tables ({{roots}}) belongs to a tenant.',
      nullable:
        'Tenant column "{{column}}" of table "{{table}}" is nullable; add .notNull() so that every row belongs to a tenant.',
      notUuid:
        'Tenant column "{{column}}" of table "{{table}}" is built with {{builder}}(); it must be uuid() (changing it is a data migration, so there is no automatic fix).',
    },
  },
  create(context) {
    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const { tenantColumn, rootTables } = schema.settings;
        for (let t = 0, tables = schema.tables; t < tables.length; t++) {
          const table = tables[t]!;
          if (table.isRoot) continue;
          const column = table.column(tenantColumn);
          if (!column) {
            if (!table.lacks(tenantColumn)) continue;
            const reference = rootTableRef(schema, table);
            const id = table.column('id');
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
          if (column.builder === null) continue; // a helper or custom type: cannot tell
          const data = { table: tableLabel(table), column: columnLabel(column), builder: column.builder };
          if (column.builder !== 'uuid') {
            context.report({ node: column.keyNode, messageId: 'notUuid', data });
          } else if (!hasModifier(column, 'notNull', 'primaryKey')) {
            context.report({
              node: column.keyNode,
              messageId: 'nullable',
              data,
              fix: (fixer) => appendToColumn(fixer, column, '.notNull()'),
            });
          }
        }
      },
    };
  },
});

import { ColumnReports, columnLabel, hasModifier, ownerLabel, tableLabel, tableReportNode } from '../model/describe.js';
import { getSchema } from '../model/schema.js';
import type { ColumnModel, ImportedColumn, TableModel } from '../model/table.js';
import { appendToColumn, insertColumns } from '../fix/columns.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { requireUuidPrimaryKeyPython } from '../python/rules/require-uuid-primary-key.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'missing' | 'notUuid' | 'notPrimaryKey' | 'noDefault' | 'otherPrimaryKey';

/** True when the extra config declares `primaryKey({ columns: [t.id] })` on exactly this column. */
function isPrimaryKeyInExtra(table: TableModel, column: ColumnModel): boolean {
  if (table.extra === null || table.extra === 'unknown') return false;
  return table.extra.entries.some((e) => e.kind === 'primaryKey' && e.columns.length === 1 && e.columns[0] === column);
}

/** A primary key on other columns: a column's `.primaryKey()` or a `primaryKey()` entry. */
function otherPrimaryKey(table: TableModel, id: ColumnModel | undefined): ColumnModel | 'composite' | null {
  const column = table.columns.find((c) => c !== id && hasModifier(c, 'primaryKey'));
  if (column) return column;
  if (table.extra !== null && table.extra !== 'unknown') {
    const entry = table.extra.entries.find((e) => e.kind === 'primaryKey' && !(e.columns.length === 1 && id && e.columns[0] === id));
    if (entry) return 'composite';
  }
  return null;
}

export default createRule<[], MessageIds>({
  name: 'require-uuid-primary-key',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require an `id` uuid primary key generated with `defaultRandom()`',
      recommended: 'recommended',
    },
    fixable: 'code',
    languages: ['js/js', 'data-modeling/python'],
    schema: [],
    messages: {
      // What the standard wants is named per stack: `uuid("id").primaryKey().defaultRandom()`, `uuid()`... for Drizzle.
      missing: 'Table "{{table}}" has no "id" column; add {{form}} as its first column.',
      otherPrimaryKey:
        'Table "{{table}}" has no "id" column; its primary key is {{primaryKey}}, so an `id` uuid primary key cannot be added automatically.',
      notUuid:
        'Primary key "{{column}}" of {{table}} is {{built}}; it must be {{uuid}} (changing it is a data migration, so there is no automatic fix).',
      notPrimaryKey: 'Column "id" of {{table}} is not the primary key; add {{primaryKey}}.',
      noDefault: 'Column "id" of {{table}} has no generated default; add {{defaultRandom}} so that inserts get a random uuid.',
    },
  },
  create(context) {
    /**
     * Checks an id column that is there: a uuid, the key, with a generated default. Whether a column set's
     * id is the key may be the extra config of a table that spreads it, which the set cannot see: `ofTable`
     * is false for a set, and its key is not asked for.
     */
    function checkPresent(reports: ColumnReports, table: TableModel, id: ColumnModel | ImportedColumn, ofTable: boolean): void {
      // A helper or custom type: cannot tell; a column from another module: reported there.
      if (id.builder === null || id.origin === 'imported') return;
      if (id.builder !== 'uuid') {
        if (reports.first(id, 'notUuid'))
          context.report({
            node: id.keyNode,
            messageId: 'notUuid',
            data: { table: ownerLabel(id), column: columnLabel(id), built: `built with ${id.builder}()`, uuid: 'uuid()' },
          });
        return;
      }
      // With another primary key declared, adding a second one would not compile into valid SQL.
      const needsKey = ofTable && !hasModifier(id, 'primaryKey') && !isPrimaryKeyInExtra(table, id);
      const keyFixable = needsKey && !otherPrimaryKey(table, id);
      const needsDefault = !hasModifier(id, 'defaultRandom', 'default', '$defaultFn', '$default', 'generatedAlwaysAs');
      // Both appends land at the same place, so each fix writes both: one pass fixes the column.
      const chain = `${keyFixable ? '.primaryKey()' : ''}${needsDefault ? '.defaultRandom()' : ''}`;
      if (needsKey && reports.first(id, 'notPrimaryKey')) {
        context.report({
          node: id.keyNode,
          messageId: 'notPrimaryKey',
          data: { table: ownerLabel(id), primaryKey: '`.primaryKey()`' },
          fix: keyFixable ? (fixer) => appendToColumn(fixer, id, chain) : null,
        });
      }
      if (needsDefault && reports.first(id, 'noDefault')) {
        context.report({
          node: id.keyNode,
          messageId: 'noDefault',
          data: { table: ownerLabel(id), defaultRandom: '`.defaultRandom()`' },
          fix: (fixer) => appendToColumn(fixer, id, chain),
        });
      }
    }

    if (isPythonSourceCode(context.sourceCode)) return requireUuidPrimaryKeyPython(context, context.sourceCode, []);
    return {
      'Program:exit'() {
        const schema = getSchema(context);
        // An id shared by several tables (a spread object) is reported once, at its definition.
        const reports = new ColumnReports();
        for (let t = 0, tables = schema.tables; t < tables.length; t++) {
          const table = tables[t]!;
          const id = table.column('id');
          if (!id) {
            if (!table.lacks('id')) continue;
            const other = otherPrimaryKey(table, undefined);
            if (other) {
              context.report({
                node: tableReportNode(table),
                messageId: 'otherPrimaryKey',
                data: {
                  table: tableLabel(table),
                  primaryKey: other === 'composite' ? 'declared in the extra config' : `"${columnLabel(other)}"`,
                },
              });
              continue;
            }
            context.report({
              node: tableReportNode(table),
              messageId: 'missing',
              data: { table: tableLabel(table), form: '`id: uuid("id").primaryKey().defaultRandom()`' },
              fix: (fixer) =>
                insertColumns(
                  fixer,
                  context.sourceCode,
                  schema,
                  table,
                  [{ key: 'id', builder: 'uuid', dbName: 'id', chain: '.primaryKey().defaultRandom()' }],
                  'start',
                ),
            });
            continue;
          }
          checkPresent(reports, table, id, true);
        }
        // The column sets the file exports (and none of its tables spreads): an id there is checked here,
        // where it is written, for what the column alone says.
        for (let s = 0, sets = schema.columnSets; s < sets.length; s++) {
          const id = sets[s]!.column('id');
          if (id) checkPresent(reports, sets[s]!, id, false);
        }
      },
    };
  },
});

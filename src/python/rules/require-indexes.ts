/**
 * require-indexes on SQLModel models: the tenant column and every foreign-key column lead an index
 * (`index=True`, `unique=True`, the one `primary_key=True` field, or the first column of an `Index` /
 * `UniqueConstraint` / `PrimaryKeyConstraint` in `__table_args__`). The fix adds `index=True` to the
 * table's own fields; composite foreign keys, and fields of base classes (shared with other tables),
 * are reported without a fix.
 */
import { hasModifier } from '../../model/describe.js';
import { Coverage } from '../../model/index-coverage.js';
import type { MessageIds } from '../../rules/require-indexes.js';
import { appendFieldOption } from '../fix.js';
import { isPyForeignKeyCandidate, pyForeignKeysOf } from '../foreign-keys.js';
import { getPyModel, type PyColumn, type PyTable } from '../model.js';
import type { PyNode } from '../parse.js';
import { at, type PyRule, pyTableLabel } from './context.js';

interface Requirement {
  columns: PyColumn[];
  messageId: MessageIds;
  node: PyNode;
}

/** The columns an index starts with, up to the first it cannot name. */
function leadingColumns(table: PyTable, names: readonly (string | null)[]): PyColumn[] {
  const out: PyColumn[] = [];
  for (const name of names) {
    const column = name === null ? undefined : table.column(name);
    if (!column) break;
    out.push(column);
  }
  return out;
}

/** What the table's indexes cover. Several `primary_key=True` fields make one composite key, in field order. */
function coverageOf(table: PyTable, tenant: PyColumn | undefined): Coverage<PyColumn> {
  const primaryKey = table.columns.filter((c) => hasModifier(c, 'primaryKey'));
  const coverage = new Coverage<PyColumn>(tenant, (c) => c.index || hasModifier(c, 'unique') || (primaryKey.length === 1 && primaryKey[0] === c));
  if (primaryKey.length > 1) coverage.add(primaryKey);
  for (const index of table.indexes) coverage.add(leadingColumns(table, index.columns));
  return coverage;
}

/** Where a column's problem is reported: its field in the table's class, else the class name (a base brings it). */
function columnNode(table: PyTable, column: PyColumn): PyNode {
  return column.field?.owner === table.cls ? column.field.keyNode : table.cls.nameNode;
}

export const pythonRequireIndexes: PyRule<MessageIds> = (context, sourceCode) => ({
  'Script:exit'() {
    const model = getPyModel(context);
    const text = sourceCode.text;
    const { tenantColumn } = model.settings;
    for (const table of model.tables) {
      // `__table_args__` the plugin cannot read may hold the indexes: stay silent.
      if (!table.tableArgsComplete) continue;
      const tenant = table.isRoot ? undefined : table.column(tenantColumn);
      const coverage = coverageOf(table, tenant);
      const missing: Requirement[] = [];
      if (tenant && !coverage.coversColumn(tenant)) missing.push({ columns: [tenant], messageId: 'tenantColumn', node: columnNode(table, tenant) });
      const { keys } = pyForeignKeysOf(table);
      for (const column of table.columns) {
        if (column === tenant) continue;
        const singleKey = keys.some((k) => k.columns.length === 1 && k.columns[0] === column);
        if (!singleKey && !isPyForeignKeyCandidate(model, table, column)) continue;
        // A column of a composite key, and of no key of its own, is served by the index of that key.
        if (!singleKey && keys.some((k) => k.columns.length > 1 && k.columns.includes(column))) continue;
        if (!coverage.coversColumn(column)) missing.push({ columns: [column], messageId: 'foreignKeyColumn', node: columnNode(table, column) });
      }
      for (const key of keys) {
        if (key.kind !== 'constraint' || key.columns.length < 2 || coverage.covers(key.columns)) continue;
        missing.push({ columns: key.columns, messageId: 'compositeForeignKey', node: key.node! });
      }
      for (const requirement of missing) {
        const [column] = requirement.columns;
        const own = requirement.columns.length === 1 && column!.field?.owner === table.cls;
        context.report({
          ...at(requirement.node),
          messageId: requirement.messageId,
          data: {
            table: pyTableLabel(table),
            column: column!.dbName ?? column!.key,
            columns: requirement.columns.map((c) => c.dbName ?? c.key).join(', '),
          },
          fix: own ? (fixer) => appendFieldOption(fixer, text, model, column!, 'index', 'True') : null,
        });
      }
    }
  },
});

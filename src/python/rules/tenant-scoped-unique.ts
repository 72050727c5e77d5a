/**
 * tenant-scoped-unique on SQLModel models: on a table with a non-null tenant column, `unique=True` on a
 * field, and a `UniqueConstraint` (or `Index(..., unique=True)`) in `__table_args__` without the tenant
 * column, apply across all tenants. The judgment of which values are unique by nature is the Drizzle
 * side's (src/model/unique.ts).
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { hasModifier } from '../../model/describe.js';
import { isUniqueByNatureFacts, scopedUniqueName } from '../../model/unique.js';
import type { MessageIds } from '../../rules/tenant-scoped-unique.js';
import { ensureImports, insertFields, preferredQuote, removeKeyword, replaceString } from '../fix.js';
import { pyForeignKeysOf } from '../foreign-keys.js';
import { getPyModel, type PyColumn, type PyIndex, type PyModel, type PyTable } from '../model.js';
import { asCall, child, nodeText, stringValue, type PyNode } from '../parse.js';
import { at, type PyRule, pyOwnerLabel, pyTableArgsLabel } from './context.js';

/** The `unique=True` keyword of a field: in its `Field(...)`, or in its `sa_column=Column(...)`; with the call. */
function uniqueKeyword(column: PyColumn): { call: PyNode; name: PyNode; value: PyNode } | null {
  const field = column.field;
  const fieldCall = field?.value;
  if (!field?.fieldArgs || !fieldCall) return null;
  const column_ = field.fieldArgs.keywords.get('sa_column');
  const call = column_ ? column_ : fieldCall;
  const args = asCall(call)?.args;
  const name = args?.keywordNames.get('unique');
  const value = args?.keywords.get('unique');
  return name && value && nodeText(value) === 'True' ? { call, name, value } : null;
}

/**
 * Adds an entry to the class's `__table_args__` tuple (before a trailing options dict, making a lone
 * options dict a tuple), or writes
 * `__table_args__ = (entry,)` among the fields; null for a form it cannot extend safely.
 */
function addTableArg(fixer: TSESLint.RuleFixer, text: string, model: PyModel, table: PyTable, entry: string): TSESLint.RuleFix[] | null {
  // Inherited entries: a base's tuple is every inheriting table's, and one written here would replace it.
  if (table.tableArgsInherited) return null;
  const statement = table.tableArgs;
  if (!statement) return insertFields(fixer, text, table, [{ key: '__table_args__', line: `__table_args__ = (${entry},)` }], model.settings.tenantColumn);
  if (table.cls.node.range[0] > statement.range[0] || statement.range[1] > table.cls.node.range[1]) return null;
  const value = statement.children[statement.children.length - 1]!;
  // `{"schema": …}` alone: the options dict goes last in a tuple.
  if (value.type === 'DictionaryExpression') return [fixer.insertTextBeforeRange(value.range, `(${entry}, `), fixer.insertTextAfterRange(value.range, ')')];
  if (value.type !== 'TupleExpression' && value.type !== 'ParenthesizedExpression') return null;
  const items = value.children;
  const last = items[items.length - 1];
  if (!last) return null;
  const options = last.type === 'DictionaryExpression' ? last : null;
  if (options) return [fixer.insertTextBeforeRange(options.range, `${entry}, `)];
  // `(A)` is A alone: a parenthesized single entry is not a tuple; `(A,)` and `(A, B)` are.
  if (value.type === 'ParenthesizedExpression') return [fixer.insertTextBeforeRange(last.range, '('), fixer.insertTextAfterRange(last.range, `, ${entry})`)];
  return [fixer.insertTextAfterRange(last.range, `, ${entry}`)];
}

export const pythonTenantScopedUnique: PyRule<MessageIds> = (context, sourceCode) => ({
  'Script:exit'() {
    const model = getPyModel(context);
    const text = sourceCode.text;
    const { tenantColumn } = model.settings;
    const reported = new Set<PyNode>();
    for (const table of model.tables) {
      // One without a non-null tenant column is the business of require-tenant-id.
      if (table.isRoot) continue;
      const tenant = table.column(tenantColumn);
      if (!tenant || !hasModifier(tenant, 'notNull', 'primaryKey')) continue;
      const { keys } = pyForeignKeysOf(table);
      const primaryKeys = table.columns.filter((c) => hasModifier(c, 'primaryKey'));
      const byNature = (column: PyColumn): boolean =>
        isUniqueByNatureFacts(
          column,
          keys.some((k) => k.columns.includes(column)) ||
            (primaryKeys.length > 1 && primaryKeys.includes(column)) ||
            table.indexes.some((i) => i.kind === 'primaryKey' && column.dbName !== null && i.columns.includes(column.dbName)),
          table.name ?? table.cls.name,
        );
      for (const column of table.columns) {
        if (column.builder === null || column === tenant || !hasModifier(column, 'unique') || byNature(column)) continue;
        const field = column.field;
        if (!field) continue; // a column from another file: reported there
        const keyword = uniqueKeyword(column);
        const node = keyword?.name ?? field.keyNode;
        if (reported.has(node)) continue;
        reported.add(node);
        const name = column.dbName === null || table.name === null ? null : scopedUniqueName(table.name, tenantColumn, [column.dbName]);
        const q = preferredQuote(model);
        const code = name && `UniqueConstraint(${q}${tenantColumn}${q}, ${q}${column.dbName}${q}, name=${q}${name}${q})`;
        const canScope = keyword && code && field.owner === table.cls && tenant.dbName !== null;
        context.report({
          loc: keyword ? { start: keyword.name.loc.start, end: keyword.value.loc.end } : field.keyNode.loc,
          messageId: 'columnUnique',
          data: { table: pyOwnerLabel(column), column: column.dbName ?? column.key, tenantColumn },
          suggest: canScope
            ? [
                {
                  messageId: 'scopeColumn',
                  data: { code, place: '`__table_args__`' },
                  fix(fixer) {
                    const removal = removeKeyword(fixer, text, keyword.call, 'unique');
                    const imports = ensureImports(fixer, text, model, [{ module: 'sqlalchemy', name: 'UniqueConstraint' }]);
                    if (!removal || !imports) return null;
                    const ref = imports.refs.get('sqlalchemy.UniqueConstraint')!;
                    const added = addTableArg(fixer, text, model, table, code.replace(/^UniqueConstraint/u, ref));
                    return added && [removal, ...imports.fixes, ...added];
                  },
                },
              ]
            : [],
        });
      }
      for (const index of table.indexes) {
        if (index.kind === 'primaryKey' || !index.unique || index.columns.length === 0 || reported.has(index.node)) continue;
        const columns = index.columns.map((name) => (name === null ? undefined : table.column(name)));
        // A column the plugin cannot name may be the tenant column (or an expression): silent.
        if (columns.some((c) => c === undefined)) continue;
        const known = columns as PyColumn[];
        if (known.some((c) => c === tenant || byNature(c))) continue;
        const kind = index.kind === 'unique' ? 'constraint' : 'index';
        // A base class's entry is reported once, and not rewritten: every table that inherits it has it.
        reported.add(index.node);
        const own = table.tableArgsOwner === table.cls;
        context.report({
          ...at(index.node),
          messageId: 'constraintUnique',
          data: { table: pyTableArgsLabel(table), kind, columns: known.map((c) => c.dbName ?? c.key).join(', '), tenantColumn },
          suggest: own ? constraintSuggestion(table, index, known, tenantColumn, kind) : [],
        });
      }
    }
  },
});

/** Adds the tenant column first and names the constraint (`UniqueConstraint("tenant_id", "slug", name="…")`). */
function constraintSuggestion(table: PyTable, index: PyIndex, columns: PyColumn[], tenantColumn: string, kind: string): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
  const call = asCall(index.node);
  if (!call || table.name === null || columns.some((c) => c.dbName === null)) return [];
  const name = scopedUniqueName(table.name, tenantColumn, columns.map((c) => c.dbName!));
  const firstColumn = index.kind === 'index' ? call.args.positional[1] : call.args.positional[0];
  if (firstColumn?.type !== 'String') return [];
  const q = /^[rRuU]?(["'])/u.exec(nodeText(firstColumn))![1]!;
  const nameNode = index.kind === 'index' ? call.args.positional[0] : call.args.keywords.get('name');
  if (nameNode && stringValue(nameNode) === undefined) return [];
  const argList = child(index.node, 'ArgList')!;
  const lastArg = argList.children[argList.children.length - 1]!;
  return [
    {
      messageId: 'scopeConstraint',
      data: { tenantColumn, kind, name },
      fix(fixer) {
        const fixes = [fixer.insertTextBeforeRange(firstColumn.range, `${q}${tenantColumn}${q}, `)];
        if (nameNode) fixes.push(replaceString(fixer, nameNode, name));
        else fixes.push(fixer.insertTextAfterRange(lastArg.range, `, name=${q}${name}${q}`));
        return fixes;
      },
    },
  ];
}

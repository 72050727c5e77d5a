import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { propertyName, staticString, unwrap } from '../model/ast.js';
import { ColumnReports, columnLabel, hasModifier, ownerLabel, tableLabel } from '../model/describe.js';
import { PG_CORE } from '../model/find-tables.js';
import { foreignKeysOf } from '../model/foreign-keys.js';
import { toCamelCase } from '../model/names.js';
import { getSchema } from '../model/schema.js';
import type { ColumnModel, ExtraConfigModel, ExtraEntryModel, ModifierModel, SchemaModel, TableModel } from '../model/table.js';
import { addExtraEntry } from '../fix/extra-config.js';
import { quote, quoteOf } from '../fix/format.js';
import { ensureImport } from '../fix/imports.js';
import { removeModifier } from '../fix/modifiers.js';
import { isUniqueByNatureFacts, scopedUniqueName } from '../model/unique.js';
import { pythonTenantScopedUnique } from '../python/rules/tenant-scoped-unique.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'columnUnique' | 'constraintUnique' | 'scopeColumn' | 'scopeConstraint';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;

/** See `isUniqueByNatureFacts`: a column of a foreign key or of a primary key entry is unique by nature. */
function isUniqueByNature(table: TableModel, column: ColumnModel): boolean {
  let inKey = false;
  const keys = foreignKeysOf(table).keys;
  for (let k = 0; k < keys.length && !inKey; k++) if (keys[k]!.columns.includes(column)) inKey = true;
  const extra = table.extra;
  if (!inKey && extra && extra !== 'unknown') {
    for (let e = 0, entries = extra.entries; e < entries.length; e++) {
      const entry = entries[e]!;
      if (entry.kind === 'primaryKey' && entry.columns.includes(column)) inKey = true;
    }
  }
  return isUniqueByNatureFacts(column, inKey, table.name ?? table.variableName);
}

/** The name the suggestion gives the constraint: Drizzle's own default for these columns. */
function constraintName(table: TableModel, tenantColumn: string, columns: string[]): string | null {
  return table.name === null ? null : scopedUniqueName(table.name, tenantColumn, columns);
}

/** `.unique(name, { nulls: "not distinct" })`: true / false, or null when the config cannot be read. */
function nullsNotDistinct(modifier: ModifierModel): boolean | null {
  const config = modifier.call.arguments[1];
  if (!config) return false;
  if (config.type !== AST_NODE_TYPES.ObjectExpression) return null;
  let result = false;
  for (const property of config.properties) {
    if (property.type !== AST_NODE_TYPES.Property || propertyName(property) === null) return null;
    if (propertyName(property) !== 'nulls') continue;
    const value = staticString(property.value);
    if (value === null) return null;
    result = value === 'not distinct';
  }
  return result;
}

/** How the extra config refers to a column (`t.tenant_id`, or a destructured local), or null. */
function extraRef(extra: ExtraConfigModel, key: string): string | null {
  if (extra.paramName) return IDENTIFIER.test(key) ? `${extra.paramName}.${key}` : `${extra.paramName}[${JSON.stringify(key)}]`;
  return extra.paramLocals?.get(key) ?? null;
}

export default createRule<[], MessageIds>({
  name: 'tenant-scoped-unique',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require unique constraints and unique indexes of tenant-scoped tables to include the tenant column',
      recommended: 'strict',
    },
    hasSuggestions: true,
    languages: ['js/js', 'data-modeling/python'],
    schema: [],
    messages: {
      columnUnique:
        'Column "{{column}}" of {{table}} is unique across all tenants, which blocks the same value in two tenants and tells one tenant what another has stored; make it unique together with "{{tenantColumn}}".',
      constraintUnique:
        'Unique {{kind}} on ({{columns}}) of {{table}} does not include "{{tenantColumn}}": it applies across all tenants, which blocks the same value in two tenants and tells one tenant what another has stored.',
      // Where the constraint goes is named per stack: the table's extra config (Drizzle), `__table_args__` (SQLModel).
      scopeColumn: 'Replace it with `{{code}}` in {{place}}.',
      scopeConstraint: 'Add "{{tenantColumn}}" to the {{kind}} and name it "{{name}}".',
    },
  },
  create(context) {
    if (isPythonSourceCode(context.sourceCode)) return pythonTenantScopedUnique(context, context.sourceCode, []);
    const sourceCode = context.sourceCode;

    /** Suggestion for a column's `.unique()`: remove it and add a tenant-scoped `unique()` to the extra config. */
    function columnSuggestion(
      schema: SchemaModel,
      table: TableModel,
      column: ColumnModel,
      modifier: ModifierModel,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const tenantColumn = schema.settings.tenantColumn;
      const tenant = table.column(tenantColumn);
      const nulls = nullsNotDistinct(modifier);
      const name = column.dbName === null ? null : constraintName(table, tenantColumn, [column.dbName]);
      if (!tenant?.key || !column.key || !column.dbName || !name || nulls === null || column.viaSpread || !IDENTIFIER.test(column.key)) return [];
      const tenantKey = tenant.key;
      const columnKey = column.key;
      const q = quoteOf(table, sourceCode);
      const chain = nulls ? '.nullsNotDistinct()' : '';
      const param = table.extra && table.extra !== 'unknown' && table.extra.paramName ? table.extra.paramName : 't';
      return [
        {
          messageId: 'scopeColumn',
          data: { code: `unique(${quote(name, q)}).on(${param}.${tenantKey}, ${param}.${columnKey})${chain}`, place: "the table's extra config" },
          fix(fixer) {
            const removal = removeModifier(fixer, sourceCode, modifier);
            const imported = ensureImport(fixer, sourceCode, schema, PG_CORE, 'unique');
            if (!removal || !imported) return null;
            const entry = addExtraEntry(
              fixer,
              sourceCode,
              schema,
              table,
              (ref) => {
                const a = ref(tenantKey);
                const b = ref(columnKey);
                return a && b ? `${imported.ref}(${quote(name, q)}).on(${a}, ${b})${chain}` : null;
              },
              toCamelCase(`${column.dbName}_unique`),
            );
            if (!entry) return null;
            return [removal, ...(imported.fix ? [imported.fix] : []), ...entry];
          },
        },
      ];
    }

    /** Suggestion for a `unique()` / `uniqueIndex()` entry: add the tenant column first, and name it. */
    function entrySuggestion(
      schema: SchemaModel,
      table: TableModel,
      extra: ExtraConfigModel,
      entry: ExtraEntryModel,
      columns: ColumnModel[],
      kind: string,
    ): TSESLint.SuggestionReportDescriptor<MessageIds>[] {
      const tenantColumn = schema.settings.tenantColumn;
      const tenant = table.column(tenantColumn);
      const dbNames = columns.map((c) => c.dbName);
      if (!tenant?.key || !entry.baseCall || dbNames.some((n) => n === null)) return [];
      const name = constraintName(table, tenantColumn, dbNames as string[]);
      const ref = extraRef(extra, tenant.key);
      const on = entry.chain.find((link) => link.name === 'on' || link.name === 'onOnly');
      const using = entry.chain.find((link) => link.name === 'using');
      const firstColumn = on ? on.call.arguments[0] : using?.call.arguments[1];
      if (!name || !ref || !firstColumn) return [];
      const baseCall = entry.baseCall;
      const nameNode = entry.nameNode;
      // A name given by an expression stays; a literal name is replaced; a name-less call gets one.
      if (!nameNode && baseCall.arguments.length > 0) return [];
      const q = quoteOf(table, sourceCode);
      return [
        {
          messageId: 'scopeConstraint',
          data: { tenantColumn, kind, name },
          fix(fixer) {
            const fixes = [fixer.insertTextBefore(firstColumn, `${ref}, `)];
            if (nameNode) fixes.push(fixer.replaceText(nameNode, quote(name, q)));
            else {
              const close = sourceCode.getLastToken(baseCall);
              if (close?.value !== ')') return null;
              fixes.push(fixer.insertTextBefore(close, quote(name, q)));
            }
            return fixes;
          },
        },
      ];
    }

    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const tenantColumn = schema.settings.tenantColumn;
        const reports = new ColumnReports();
        for (let t = 0, tables = schema.tables; t < tables.length; t++) {
          const table = tables[t]!;
          // A table is tenant-scoped when it has the tenant column; one without it (or whose tenant column
          // cannot be seen) is the business of require-tenant-id.
          // A nullable tenant column lets rows belong to no tenant (shared rows), among which only a global
          // unique holds: the table is the business of require-tenant-id first.
          if (table.isRoot) continue;
          const tenant = table.column(tenantColumn);
          if (!tenant || !hasModifier(tenant, 'notNull', 'primaryKey')) continue;
          const label = tableLabel(table);
          for (let c = 0, columns = table.columns; c < columns.length; c++) {
            const column = columns[c]!;
            if (column.builder === null || column === tenant) continue;
            // Whether the column is unique by nature is asked of the few columns with `.unique()` only.
            let byNature: boolean | undefined;
            if (!hasModifier(column, 'unique')) continue;
            for (let m = 0, modifiers = column.modifiers; m < modifiers.length; m++) {
              const modifier = modifiers[m]!;
              if (modifier.name !== 'unique') continue;
              if ((byNature ??= isUniqueByNature(table, column))) break;
              if (!reports.first(column, 'columnUnique', modifier.call)) continue;
              context.report({
                loc: { start: modifier.property.loc.start, end: modifier.call.loc.end },
                messageId: 'columnUnique',
                data: { table: ownerLabel(column), column: columnLabel(column), tenantColumn },
                suggest: columnSuggestion(schema, table, column, modifier),
              });
            }
          }
          const extra = table.extra;
          if (!extra || extra === 'unknown') continue;
          for (let e = 0, entries = extra.entries; e < entries.length; e++) {
            const entry = entries[e]!;
            if ((entry.kind !== 'unique' && entry.kind !== 'uniqueIndex') || entry.columnsUnknown || entry.columns.length === 0) continue;
            if (entry.columns.some((c) => c === null)) continue; // an expression: it may involve the tenant column
            const columns = entry.columns as ColumnModel[];
            if (columns.some((c) => c === tenant || isUniqueByNature(table, c))) continue;
            const kind = entry.kind === 'unique' ? 'constraint' : 'index';
            context.report({
              node: unwrap(entry.node),
              messageId: 'constraintUnique',
              data: { table: `table "${label}"`, kind, columns: columns.map((c) => columnLabel(c)).join(', '), tenantColumn },
              suggest: entrySuggestion(schema, table, extra, entry, columns, kind),
            });
          }
        }
      },
    };
  },
});

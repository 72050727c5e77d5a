import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { addExtraEntries } from '../fix/extra-config.js';
import { quote, quoteOf } from '../fix/format.js';
import { ensureImport } from '../fix/imports.js';
import { columnLabel, ownColumn, tableLabel } from '../model/describe.js';
import { PG_CORE } from '../model/find-tables.js';
import { columnReportNode, foreignKeyColumnsNode, foreignKeysOf, isForeignKeyCandidate, keyPosition, type ForeignKeyModel } from '../model/foreign-keys.js';
import { toCamelCase, toSnakeCase } from '../model/names.js';
import { getSchema } from '../model/schema.js';
import type { ColumnModel, ExtraEntryModel, SchemaModel, TableModel } from '../model/table.js';
import { Coverage } from '../model/index-coverage.js';
import { pythonRequireIndexes } from '../python/rules/require-indexes.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { createRule } from '../util/create-rule.js';

export type MessageIds = 'tenantColumn' | 'foreignKeyColumn' | 'compositeForeignKey';

/** Entries that create an index whose leading columns serve lookups. */
const INDEX_KINDS = new Set<ExtraEntryModel['kind']>(['index', 'uniqueIndex', 'unique', 'primaryKey']);

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/u;

/** Postgres' identifier length limit (NAMEDATALEN - 1), for ASCII names. */
const MAX_IDENTIFIER = 63;

/** Columns that must lead an index together, and where a missing index is reported. */
interface Requirement {
  columns: ColumnModel[];
  messageId: MessageIds;
  node: TSESTree.Node;
}

/** The columns an index entry starts with, up to the first position that is not a plain column. */
function leadingColumns(entry: ExtraEntryModel): ColumnModel[] {
  const end = entry.columns.indexOf(null);
  return (end === -1 ? entry.columns : entry.columns.slice(0, end)) as ColumnModel[];
}

/** True when a single-column foreign key of the table is on `column`. */
function hasSingleKey(keys: readonly ForeignKeyModel[], column: ColumnModel): boolean {
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    if ((key.kind === 'inline' || key.columns.length === 1) && keyPosition(key, column) === 0) return true;
  }
  return false;
}

/** True when `column` is one of the columns of a composite foreign key of the table. */
function inCompositeKey(keys: readonly ForeignKeyModel[], column: ColumnModel): boolean {
  for (let k = 0; k < keys.length; k++) if (keys[k]!.columns.length > 1 && keys[k]!.columns.includes(column)) return true;
  return false;
}

const NO_ENTRIES: readonly ExtraEntryModel[] = Object.freeze([]);

const NOTHING_MISSING: readonly Requirement[] = Object.freeze([]);

export default createRule<[], MessageIds>({
  name: 'require-indexes',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require an index on the tenant column and on every foreign-key column',
      recommended: 'recommended',
    },
    fixable: 'code',
    languages: ['js/js', 'data-modeling/python'],
    schema: [],
    messages: {
      tenantColumn:
        'Tenant column "{{column}}" of table "{{table}}" is not covered by an index; every query under row-level security filters on it, so add an index that leads with it.',
      foreignKeyColumn:
        'Foreign-key column "{{column}}" of table "{{table}}" is not covered by an index; add one that leads with it, so that joins and cascading deletes do not scan the table.',
      compositeForeignKey:
        'Foreign key ({{columns}}) of table "{{table}}" is not covered by an index that leads with these columns (in any order); add one, so that joins and cascading deletes do not scan the table.',
    },
  },
  create(context) {
    if (isPythonSourceCode(context.sourceCode)) return pythonRequireIndexes(context, context.sourceCode, []);
    const sourceCode = context.sourceCode;

    /**
     * The requirements of a table that its indexes do not cover, in report order: the tenant column,
     * then columns in order (single-column foreign keys and `_id` columns), then composite foreign keys.
     * Allocates only for what is missing: most tables of a schema miss nothing.
     */
    function missingRequirements(schema: SchemaModel, table: TableModel, tenant: ColumnModel | undefined, coverage: Coverage<ColumnModel>): readonly Requirement[] {
      let missing: Requirement[] | null = null;
      if (tenant && !coverage.coversColumn(tenant)) {
        missing = [{ columns: [tenant], messageId: 'tenantColumn', node: columnReportNode(tenant) }];
      }
      const keys = foreignKeysOf(table).keys;
      for (let c = 0, columns = table.columns; c < columns.length; c++) {
        const column = columns[c]!;
        if (column === tenant) continue;
        const singleKey = hasSingleKey(keys, column);
        if (!(singleKey || isForeignKeyCandidate(schema, table, column))) continue;
        // A column of a composite foreign key, and of no key of its own, is served by the index of that key:
        // the composite requirement below stands for it.
        if (!singleKey && inCompositeKey(keys, column)) continue;
        if (!coverage.coversColumn(column)) (missing ??= []).push({ columns: [column], messageId: 'foreignKeyColumn', node: columnReportNode(column) });
      }
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k]!;
        if (key.kind !== 'entry' || key.columns.length < 2 || coverage.covers(key.columns)) continue;
        (missing ??= []).push({ columns: key.columns, messageId: 'compositeForeignKey', node: foreignKeyColumnsNode(key.entry) });
      }
      return missing ?? NOTHING_MISSING;
    }

    /** Index names taken in the file, per Postgres schema (index names are unique within a schema). */
    function takenNames(schema: SchemaModel): Map<string | null, Set<string>> {
      const taken = new Map<string | null, Set<string>>();
      for (const table of schema.tables) {
        const names = taken.get(table.schemaName) ?? new Set<string>();
        taken.set(table.schemaName, names);
        if (table.name) names.add(table.name);
        if (!table.extra || table.extra === 'unknown') continue;
        for (const entry of table.extra.entries) if (entry.name) names.add(entry.name);
      }
      return taken;
    }

    /** True when the extra config can refer to every column (plain keys, and a parameter that names them). */
    function canRefer(table: TableModel, columns: ColumnModel[]): boolean {
      const extra = table.extra;
      return columns.every((column) => {
        if (column.key === null || !IDENTIFIER.test(column.key)) return false;
        if (extra === null || extra === 'unknown' || extra.paramName !== null) return true;
        // `() => [...]`: the fix names the parameter
        if (extra.paramLocals === null) return extra.fn.params.length === 0;
        return extra.paramLocals.has(column.key);
      });
    }

    /** The table's quote style, else that of the file's `drizzle-orm/pg-core` import. */
    function quoteFor(table: TableModel, schema: SchemaModel): string {
      const literals = [table.nameNode, ...table.columns.map((c) => c.nameArg)];
      if (literals.some((node) => node?.type === AST_NODE_TYPES.Literal)) return quoteOf(table, sourceCode);
      const source = schema.pgCore.declaration?.source;
      return source && sourceCode.getText(source).startsWith("'") ? "'" : '"';
    }

    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const { tenantColumn } = schema.settings;
        // Needed only to name a planned index: found at the first table that misses one.
        let taken: Map<string | null, Set<string>> | null = null;
        for (let t = 0, tables = schema.tables; t < tables.length; t++) {
          const table = tables[t]!;
          const extra = table.extra;
          // An extra config the plugin cannot read may hold the indexes: stay silent.
          if (extra === 'unknown' || (extra && !extra.complete)) continue;
          // A tenant column from another module: its index entries name it through `t`, which the model
          // does not map to imported columns, so the table is judged as before (without a tenant column).
          const tenant = table.isRoot ? undefined : ownColumn(table.column(tenantColumn));
          const coverage = new Coverage(tenant);
          let readable = true;
          for (let e = 0, entries = extra ? extra.entries : NO_ENTRIES; e < entries.length; e++) {
            const entry = entries[e]!;
            if (!INDEX_KINDS.has(entry.kind)) continue;
            if (entry.columnsUnknown) readable = false;
            else coverage.add(leadingColumns(entry));
          }
          if (!readable) continue;
          const missing = missingRequirements(schema, table, tenant, coverage);
          if (missing.length === 0) continue;

          // One fix per table that adds every missing index, so that reports on the same table do not
          // overlap and one --fix pass completes the table. An index added for a composite key may
          // already cover its leading column, so composite keys are planned first.
          const planned: ColumnModel[][] = [];
          const base = table.name ?? (table.variableName ? toSnakeCase(table.variableName) : null);
          const ordered = [...missing.filter((r) => r.columns.length > 1), ...missing.filter((r) => r.columns.length === 1)];
          for (const requirement of ordered) {
            if (base === null || !canRefer(table, requirement.columns) || coverage.covers(requirement.columns)) continue;
            planned.push(requirement.columns);
            coverage.add(requirement.columns);
          }
          // Written in report order: the tenant column first, then the table's columns.
          const position = (columns: ColumnModel[]): number => missing.findIndex((r) => r.columns === columns);
          planned.sort((a, b) => position(a) - position(b));
          taken ??= takenNames(schema);
          const names = taken.get(table.schemaName) ?? new Set<string>();
          const quoteChar = quoteFor(table, schema);
          const additions = planned.map((columns) => {
            const stem = `${base}_${columns.map((c) => c.dbName ?? toSnakeCase(c.key!)).join('_')}`;
            // Postgres cuts identifiers at 63 bytes; cut the stem instead, so that the suffix stays.
            const named = (suffix: string): string => `${stem.slice(0, MAX_IDENTIFIER - suffix.length)}${suffix}`;
            let name = named('_idx');
            for (let n = 2; names.has(name); n++) name = named(`_idx${n}`);
            names.add(name);
            return { columns, name, objectKey: toCamelCase(`${columns.map((c) => c.key!).join('_')}_idx`) };
          });
          const fix = (fixer: TSESLint.RuleFixer): TSESLint.RuleFix[] | null => {
            const index = ensureImport(fixer, sourceCode, schema, PG_CORE, 'index');
            if (!index) return null;
            const edits = addExtraEntries(
              fixer,
              sourceCode,
              schema,
              table,
              additions.map(({ columns, name, objectKey }) => ({
                objectKey,
                identity: { kind: 'index', name, columns },
                entry: (ref) => {
                  const refs = columns.map((c) => ref(c.key!));
                  return refs.every((r) => r !== null) ? `${index.ref}(${quote(name, quoteChar)}).on(${refs.join(', ')})` : null;
                },
              })),
            );
            if (!edits) return null;
            return index.fix ? [index.fix, ...edits] : edits;
          };

          for (const requirement of missing) {
            // Requirements that were missing and are covered now are covered by the planned indexes.
            const fixed = planned.length > 0 && coverage.covers(requirement.columns);
            context.report({
              node: requirement.node,
              messageId: requirement.messageId,
              data: {
                table: tableLabel(table),
                column: columnLabel(requirement.columns[0]!),
                columns: requirement.columns.map(columnLabel).join(', '),
              },
              fix: fixed ? fix : null,
            });
          }
        }
      },
    };
  },
});

import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { appendToColumn } from '../fix/columns.js';
import { propertyName, unwrap } from '../model/ast.js';
import { ColumnReports, columnLabel, ownerLabel, rootTableRef, tableLabel } from '../model/describe.js';
import {
  columnReportNode,
  foreignKeyColumnsNode,
  foreignKeysOf,
  importedIdentifiers,
  importedNames,
  isForeignKeyCandidate,
  pluralOf,
  type ForeignKeyModel,
  keyPosition,
} from '../model/foreign-keys.js';
import { toSnakeCase } from '../model/names.js';
import { resolveTableReference } from '../model/references.js';
import { exportedTableName, getRelations, type RelationColumn } from '../model/relations.js';
import { getSchema } from '../model/schema.js';
import type { ColumnModel, SchemaModel, TableModel } from '../model/table.js';
import { pythonRequireForeignKeys } from '../python/rules/require-foreign-keys.js';
import { isPythonSourceCode } from '../python/source-code.js';
import { createRule } from '../util/create-rule.js';
import { compileNamePatterns, namePatternsSchema } from '../util/name-patterns.js';

export type MessageIds = 'missing' | 'tenantMissing' | 'tenantWrongTarget' | 'missingRelation' | 'suggestReference';
export type Options = [{ ignore?: string[]; requireRelations?: boolean }];

/** How a Drizzle message names the way to declare a foreign key (the Python wording is in src/python/rules). */
export const DRIZZLE_WORDING = { how: '`.references(() => <table>.id)` or a foreignKey() entry' } as const;


/** `users.id`, `users["id"]`: how this file refers to a table's id column. */
function idRef(variable: string, table: TableModel | null): string {
  const key = table?.column('id')?.key ?? 'id';
  return /^[A-Za-z_$][\w$]*$/u.test(key) ? `${variable}.${key}` : `${variable}[${JSON.stringify(key)}]`;
}

/** Tables in scope by the names a column could point at them with, built once per file. */
interface TargetIndex {
  /** Table name and snake_case variable name -> tables of this file (in file order) that have an id. */
  tables: Map<string, TableModel[]>;
  /** snake_case local name -> names imported from non-Drizzle modules. */
  imported: Map<string, string[]>;
}

const targetIndexes = new WeakMap<SchemaModel, TargetIndex>();

function targetIndex(schema: SchemaModel, sourceCode: Readonly<TSESLint.SourceCode>): TargetIndex {
  let index = targetIndexes.get(schema);
  if (index) return index;
  index = { tables: new Map(), imported: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (!list) map.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  for (const table of schema.tables) {
    if (!table.variableName || table.lacks('id')) continue;
    if (table.name !== null) add(index.tables, table.name, table);
    add(index.tables, toSnakeCase(table.variableName), table);
  }
  for (const local of importedNames(sourceCode)) add(index.imported, toSnakeCase(local), local);
  targetIndexes.set(schema, index);
  return index;
}

/** True when one of the foreign keys includes the column. */
function inSomeKey(keys: readonly ForeignKeyModel[], column: ColumnModel): boolean {
  for (let k = 0; k < keys.length; k++) if (keyPosition(keys[k]!, column) !== -1) return true;
  return false;
}

export default createRule<Options, MessageIds>({
  name: 'require-foreign-keys',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require `_id` columns to declare their foreign key, and the tenant column to reference the root table',
      recommended: 'recommended',
    },
    hasSuggestions: true,
    languages: ['js/js', 'data-modeling/python'],
    schema: [
      {
        type: 'object',
        properties: {
          ignore: namePatternsSchema(
            'Column names (database names or keys, or "/regexp/" patterns) that hold ids from outside the database, such as "stripe_customer_id"; they need no foreign key.',
          ),
          requireRelations: {
            type: 'boolean',
            description:
              'Also require every declared foreign key to be named by a `relations()` / `defineRelations()` entry, for teams that use Drizzle relational queries.',
          },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      missing:
        'Column "{{column}}" of {{table}} ends in "_id" but declares no foreign key; add {{how}} (or list the column in the `ignore` option if it holds an id from outside the database).',
      tenantMissing:
        'Tenant column "{{column}}" of {{table}} has no foreign key to the root table ({{root}}); add one, so that every row belongs to an existing tenant.',
      tenantWrongTarget:
        'Tenant column "{{column}}" of {{table}} references {{target}}; it must reference the root table ({{root}}).',
      missingRelation:
        'Foreign key ({{columns}}) of table "{{table}}" has no relation; name these columns in a relations() or defineRelations() entry, so that relational queries can follow it.',
      suggestReference: 'Reference {{target}}.',
    },
    defaultOptions: [{ ignore: [], requireRelations: false }],
  },
  create(context, [options]) {
    if (isPythonSourceCode(context.sourceCode)) return pythonRequireForeignKeys(context, context.sourceCode, [options]);
    const sourceCode = context.sourceCode;
    const ignored = compileNamePatterns(options.ignore ?? [], 'ignore');
    const isIgnored = (column: ColumnModel): boolean => ignored(column.dbName, column.key);

    /**
     * Targets to suggest: what a relation pairs the column with, then the tables in scope whose name
     * matches the column (`user_id` -> `users` or `user`).
     */
    function candidatesFor(schema: SchemaModel, table: TableModel, column: ColumnModel): string[] {
      const stem = toSnakeCase(column.dbName!).slice(0, -'_id'.length);
      const names = new Set([stem, pluralOf(stem)]);
      // What the file's relations say the column points at comes first; not the table itself, whose
      // self-reference needs a type annotation (`(): AnyPgColumn => ...`) a suggestion cannot write.
      const related = [...(getRelations(context).targets.get(column) ?? []), ...relatedElsewhere(schema, table, column)];
      const targets = related.filter((target) => !target.startsWith(`${table.variableName}.`) && !target.startsWith(`${table.variableName}[`));
      const index = targetIndex(schema, sourceCode);
      for (const name of names) {
        for (const other of index.tables.get(name) ?? []) {
          if (other !== table && other.variableName) targets.push(idRef(other.variableName, other));
        }
      }
      for (const name of names) for (const local of index.imported.get(name) ?? []) targets.push(idRef(local, null));
      return [...new Set(targets)];
    }

    /**
     * What the relations of the schema set's other modules pair the column with, as this file names the
     * target table: a table of the file, or one it imports (`users.id`). Targets it does not import are left out.
     */
    function relatedElsewhere(schema: SchemaModel, table: TableModel, column: ColumnModel): string[] {
      const project = schema.project;
      const others = project?.relations();
      if (!project || !others || others.targets.length === 0 || column.key === null) return [];
      const name = table.exported ? exportedTableName(table) : null;
      if (name === null) return [];
      const out: string[] = [];
      for (const [from, to] of others.targets) {
        if (from.module !== project.file || from.name !== name || from.key !== column.key || !/^[A-Za-z_$][\w$]*$/u.test(to.key)) continue;
        let local: string | null = null;
        if (to.module === project.file) local = schema.tables.find((other) => other.exported && exportedTableName(other) === to.name)?.variableName ?? null;
        else {
          for (const identifier of importedIdentifiers(sourceCode)) {
            const found = project.tableExport(identifier, sourceCode);
            if (found?.module === to.module && found.name === to.name) local = identifier.name;
          }
        }
        if (local !== null) out.push(`${local}.${to.key}`);
      }
      return out;
    }

    /** The root table's id as this file can name it, for messages (`tenants.id`). */
    function rootLabel(schema: SchemaModel, table: TableModel): string {
      return rootTableRef(schema, table) ?? schema.settings.rootTables.map((root) => `${root}.id`).join(' or ');
    }

    /** True when `target` is the root table's id, false when it is something else, null when unknown. */
    function isRootId(schema: SchemaModel, target: TSESTree.Expression): boolean | null {
      const expression = unwrap(target);
      if (expression.type !== AST_NODE_TYPES.MemberExpression) return null;
      const key = propertyName(expression);
      const reference = resolveTableReference(sourceCode, schema, expression.object);
      if (reference.kind === 'defined') {
        if (!reference.table.isRoot) return false;
        const id = reference.table.column('id');
        if (id) return key === id.key;
        return reference.table.columnsComplete ? false : null;
      }
      if (reference.kind === 'imported') {
        const roots = schema.settings.rootTables;
        if (!roots.includes(reference.name) && !roots.includes(reference.local)) return null;
        return key === 'id' ? true : null;
      }
      return null;
    }

    /**
     * The tenant column needs a foreign key to the root table's id. A composite key that also holds it
     * (`(tenant_id, user_id) -> users(tenant_id, id)`, which keeps references inside one tenant) does
     * not count, and does not hurt.
     */
    function checkTenant(
      schema: SchemaModel,
      reports: ColumnReports,
      table: TableModel,
      column: ColumnModel,
      keys: ForeignKeyModel[],
      complete: boolean,
    ): void {
      // Most tables reference the root: found before anything is allocated for a report.
      let wrong: { key: ForeignKeyModel; target: TSESTree.Expression }[] | null = null;
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k]!;
        const position = keyPosition(key, column);
        if (position === -1) continue;
        const target = key.targets[position] ?? null;
        if (!target || isRootId(schema, target) !== false) return; // references the root, or the plugin cannot tell
        (wrong ??= []).push({ key, target });
      }
      const verdicts = wrong ?? [];
      const data = { table: ownerLabel(column), column: columnLabel(column), root: rootLabel(schema, table) };
      const rootRef = rootTableRef(schema, table);
      const single = verdicts.filter((v) => v.key.columns.length === 1);
      for (const { target } of single) {
        // An inline key of a shared column is one target, in its definition: reported once.
        if (!reports.first(column, 'tenantWrongTarget', target)) continue;
        context.report({
          node: target,
          messageId: 'tenantWrongTarget',
          data: { table: data.table, column: data.column, root: data.root, target: sourceCode.getText(target) },
          suggest: rootRef
            ? [{ messageId: 'suggestReference', data: { target: rootRef }, fix: (fixer: TSESLint.RuleFixer) => fixer.replaceText(target, rootRef) }]
            : [],
        });
      }
      if (single.length > 0 || !complete || !reports.first(column, 'tenantMissing')) return;
      context.report({
        node: column.keyNode,
        messageId: 'tenantMissing',
        data,
        suggest:
          rootRef && !column.viaSpread
            ? [{ messageId: 'suggestReference', data: { target: rootRef }, fix: (fixer) => appendToColumn(fixer, column, `.references(() => ${rootRef})`) }]
            : [],
      });
    }

    return {
      'Program:exit'() {
        const schema = getSchema(context);
        const { tenantColumn, rootTables } = schema.settings;
        // A column shared by several tables (a spread object) is reported once, at its definition, where
        // `.references()` would be added for all of them.
        const reports = new ColumnReports();
        for (let t = 0, tables = schema.tables; t < tables.length; t++) {
          const table = tables[t]!;
          const { keys, complete } = foreignKeysOf(table);
          const tenant = table.isRoot || rootTables.length === 0 ? undefined : table.column(tenantColumn);
          for (let c = 0, columns = table.columns; c < columns.length; c++) {
            const column = columns[c]!;
            if (column.dbName === null || isIgnored(column)) continue;
            if (column === tenant) {
              checkTenant(schema, reports, table, column, keys, complete);
              continue;
            }
            if (!complete || inSomeKey(keys, column) || !isForeignKeyCandidate(schema, table, column) || !reports.first(column, 'missing')) continue;
            const targets = column.viaSpread ? [] : candidatesFor(schema, table, column);
            context.report({
              node: column.keyNode,
              messageId: 'missing',
              data: { table: ownerLabel(column), column: columnLabel(column), how: DRIZZLE_WORDING.how },
              suggest: targets.map((target) => ({
                messageId: 'suggestReference' as const,
                data: { target },
                fix: (fixer: TSESLint.RuleFixer) => appendToColumn(fixer, column, `.references(() => ${target})`),
              })),
            });
          }
        }
        if (options.requireRelations) checkRelations(schema);
      },
    };

    /**
     * Every declared foreign key is named by a relation, when the file or the other modules of its
     * schema set declare relations, and all of them can be read.
     */
    function checkRelations(schema: SchemaModel): void {
      const relations = getRelations(context);
      // The schema set's other modules: null when the set is unknown (then only this file's relations count).
      const others = schema.project?.relations() ?? null;
      if (!relations.present && !others?.present) return;
      // Relations partly unreadable, here or in the set: the plugin cannot tell.
      if (!relations.complete || (others !== null && !others.complete)) return;
      const file = schema.project?.file;
      for (let t = 0, tables = schema.tables; t < tables.length; t++) {
        const table = tables[t]!;
        // How the other modules name this table's columns: by this module and the table's exported name.
        const exported = others !== null && others.lists.length > 0 && table.exported ? exportedTableName(table) : null;
        const named = (column: ColumnModel, list: readonly RelationColumn[]): boolean =>
          list.some((ref) => ref.key === column.key && ref.name === exported && ref.module === file);
        for (let k = 0, keys = foreignKeysOf(table).keys; k < keys.length; k++) {
          const key = keys[k]!;
          if (key.columns.some(isIgnored)) continue;
          if (relations.columnLists.some((list) => key.columns.every((column) => list.includes(column)))) continue;
          if (exported !== null && others!.lists.some((list) => key.columns.every((column) => named(column, list)))) continue;
          context.report({
            node: key.kind === 'inline' ? columnReportNode(key.columns[0]) : foreignKeyColumnsNode(key.entry),
            messageId: 'missingRelation',
            data: { table: tableLabel(table), columns: key.columns.map(columnLabel).join(', ') },
          });
        }
      }
    }
  },
});

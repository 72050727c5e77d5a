import * as fs from 'node:fs';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { Casing, DataModelingSettings } from '../settings.js';
import { columnData } from '../model/columns.js';
import { referenceTarget } from '../model/foreign-keys.js';
import { toSnakeCase } from '../model/names.js';
import { readPolicy } from '../model/extra-config.js';
import { linksOf, meaningsOf, type Meaning } from '../model/find-tables.js';
import { analyzePolicy, COMMANDS } from '../model/rls.js';
import { buildSchema, columnSetObject, readColumnSet } from '../model/schema.js';
import { readSqlExport, type SqlExport } from '../model/sql.js';
import { readRelations, type RelationColumn } from '../model/relations.js';
import type { ColumnData, LinkedPolicy, TableModel } from '../model/table.js';
import { fileVersion, FileCache, forgetVersions } from './file-version.js';
import { clearKeptParses, parseModule } from './parse.js';
import type { FileProject } from './project.js';

/**
 * What one project module provides to the files that import it, as plain data: no syntax node is kept,
 * so a summary costs memory in proportion to the facts, not to the file.
 */
export interface ModuleSummary {
  path: string;
  /** Exported name -> what it is. */
  exports: Map<string, ExportFact>;
  /** Modules of `export * from "…"` (null when unresolved: then any name may come from there). */
  stars: (string | null)[];
  /** `pgPolicy(...).link(table)` calls of this module. */
  links: LinkData[];
  /** Names of the tables this module defines (database names, and variable names). */
  tableNames: string[];
  /** Database names of the tables this module's tenant columns reference (`.references(() => tenants.id)`). */
  tenantTargets: string[];
  /** The relations this module declares (`relations()`, `defineRelations()`), or null when it declares none. */
  relations: RelationsData | null;
}

export type { RelationColumn };

/** Relations as plain data: the columns they name, by their table's defining module and exported name. */
export interface RelationsData {
  /** The column lists the relations name (`fields`, `references`, `from`, `to`, `.through()`). */
  lists: RelationColumn[][];
  /** Column -> what a relation pairs it with (`fields[i]` -> `references[i]`, `from` -> `to`). */
  targets: [RelationColumn, RelationColumn][];
  /** False when some relation could not be read, or names a table whose module is unknown. */
  complete: boolean;
}

export type ExportFact =
  | { kind: 'table'; table: TableData }
  | { kind: 'columns'; set: ColumnSetData }
  /** A table factory, a `pgSchema` object, an enum or custom builder. */
  | { kind: 'meaning'; meaning: Meaning }
  /** A `sql` fragment, or a function that returns one (a policy condition helper). */
  | { kind: 'sql'; sql: SqlExport }
  /** `export { x as y } from "./m"`, an imported name exported again; `name` `*` is the module's namespace. */
  | { kind: 'reexport'; module: string | null; name: string }
  | { kind: 'other' };

export interface TableData {
  module: string;
  name: string | null;
  variableName: string | null;
  casing: Casing;
  /** Every known column (own and imported), with its database name. */
  columns: (ColumnData & { dbName: string | null })[];
  columnsComplete: boolean;
  implicitColumns: string[];
}

export interface ColumnSetData {
  module: string;
  columns: ColumnData[];
  complete: boolean;
}

export interface LinkData {
  /** The linked table as this module names it: its module and exported name (or local table). */
  target: { module: string | null; name: string };
  policy: LinkedPolicy;
}

interface CacheEntry {
  /** The settings a summary depends on (see `settingsKey`). */
  settings: string;
  summary: ModuleSummary | null;
}

const settingsKeys = new WeakMap<DataModelingSettings, string>();

/**
 * What of the settings a summary depends on: names and casing, not `rootTables` (which only says which
 * tables are roots, a judgement the linted file makes), so that settings that differ only there share
 * summaries.
 */
export function settingsKey(settings: DataModelingSettings): string {
  let key = settingsKeys.get(settings);
  if (key === undefined) {
    key = JSON.stringify([settings.casing, settings.tenantColumn, settings.tenantSetting, settings.tableFactories]);
    settingsKeys.set(settings, key);
  }
  return key;
}

/**
 * Absolute path -> summary, kept for the process (the editor's server, a CLI run).
 *
 * The file ESLint is linting does not feed this cache with the model it built: that model is of the
 * text ESLint was given, which in an editor is the unsaved buffer, while the files that import it see
 * what is on disk (as TypeScript and drizzle-kit do); a summary made from the buffer would be keyed by
 * the disk's modification time and outlive the buffer. In a CLI run, each imported file is parsed
 * once: the parse made for its summary is kept, and handed to ESLint when it lints the same text
 * (src/project/parse.ts), so ESLint does not parse it again.
 */
const cache = new FileCache<CacheEntry>();
/** Modules being summarised: an import cycle ends here (the inner import is unknown). */
const inProgress = new Set<string>();

/** Parse counts per path, for tests and the benchmark: every module is parsed at most once per version. */
export const parseCounts = new Map<string, number>();

/**
 * The summary of a project module, from the cache when the file's modification time and size are those
 * summarised (asked of the disk once per turn of the event loop: see `fileVersion`). Null when the file cannot be read or parsed, or is being summarised (a cycle).
 */
export function summarize(file: string, settings: DataModelingSettings, makeProject: (file: string) => FileProject): ModuleSummary | null {
  const version = fileVersion(file);
  if (!version) return null;
  const cached = cache.get(file, version);
  const key = settingsKey(settings);
  if (cached && cached.settings === key) return cached.summary;
  if (inProgress.has(file)) return null;
  inProgress.add(file);
  let summary: ModuleSummary | null = null;
  try {
    const text = fs.readFileSync(file, 'utf8');
    parseCounts.set(file, (parseCounts.get(file) ?? 0) + 1);
    let sourceCode: Readonly<TSESLint.SourceCode> | null = null;
    try {
      sourceCode = parseModule(file, text, true);
    } catch {
      sourceCode = null; // a syntax error: nothing known
    }
    try {
      if (sourceCode) summary = summarizeSource(file, sourceCode, settings, makeProject(file));
    } catch {
      summary = null; // a shape the model does not expect: the module stays unknown, the linted file is not hurt
    }
  } finally {
    inProgress.delete(file);
  }
  cache.set(file, version, { settings: key, summary });
  return summary;
}

/** True while `file` is being summarised (an import cycle has reached it). */
export function isSummarizing(file: string): boolean {
  return inProgress.has(file);
}

/** Forgets every summary (tests). */
export function clearSummaries(): void {
  cache.clear();
  forgetVersions();
  parseCounts.clear();
  clearKeptParses();
}

function summarizeSource(file: string, sourceCode: Readonly<TSESLint.SourceCode>, settings: DataModelingSettings, project: FileProject): ModuleSummary {
  const schema = buildSchema(sourceCode, settings, project, true);
  const scopeManager = sourceCode.scopeManager as TSESLint.Scope.ScopeManager;
  const summary: ModuleSummary = { path: file, exports: new Map(), stars: [], links: [], tableNames: [], tenantTargets: [], relations: null };
  const tableData = new Map<TableModel, TableData>();
  const dataOf = (table: TableModel): TableData => {
    let data = tableData.get(table);
    if (!data) tableData.set(table, (data = toTableData(file, table)));
    return data;
  };
  for (const table of schema.tables) {
    if (table.name !== null) summary.tableNames.push(table.name);
    if (table.variableName !== null) summary.tableNames.push(toSnakeCase(table.variableName));
  }
  const meanings = meaningsOf(sourceCode.ast);
  /** Local variable -> exported name, for links to local tables. */
  const exportedAs = new Map<TSESLint.Scope.Variable, string>();

  const factOf = (variable: TSESLint.Scope.Variable | undefined, init: TSESTree.Node | null | undefined): ExportFact => {
    if (!variable) return OTHER;
    const table = schema.tableByVariable.get(variable);
    if (table) return { kind: 'table', table: dataOf(table) };
    const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type === 'ImportBinding') {
      const declaration = def.parent as TSESTree.ImportDeclaration;
      const module = project.resolve(declaration.source.value);
      const specifier = def.node;
      const name =
        specifier.type === AST_NODE_TYPES.ImportSpecifier
          ? specifier.imported.type === AST_NODE_TYPES.Identifier
            ? specifier.imported.name
            : specifier.imported.value
          : specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier
            ? 'default'
            : '*';
      return { kind: 'reexport', module, name };
    }
    const meaning = meanings?.ofVariable(variable);
    if (meaning && (meaning.kind === 'tableFn' || meaning.kind === 'schemaObj' || meaning.kind === 'casingObj' || meaning.kind === 'builder')) {
      return { kind: 'meaning', meaning };
    }
    const object = columnSetObject(init);
    if (object) {
      const set = readColumnSet(object, sourceCode, settings, project, meanings);
      if (set) return { kind: 'columns', set: { module: file, columns: set.columns, complete: set.complete } };
    }
    const sql = readSqlExport(sourceCode, init, project);
    if (sql) return { kind: 'sql', sql };
    return OTHER;
  };

  for (const statement of sourceCode.ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportAllDeclaration) {
      const module = project.resolve(statement.source.value);
      if (statement.exported) summary.exports.set(exportName(statement.exported), { kind: 'reexport', module, name: '*' });
      else summary.stars.push(module);
      continue;
    }
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) {
      const declaration = statement.declaration;
      if (declaration.type === AST_NODE_TYPES.Identifier) {
        const variable = scopeManager.globalScope?.childScopes[0]?.set.get(declaration.name);
        if (variable) {
          summary.exports.set('default', factOf(variable, initOf(variable)));
          exportedAs.set(variable, 'default');
        }
      }
      continue;
    }
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.exportKind === 'type') continue;
    if (statement.source) {
      const module = project.resolve(statement.source.value);
      for (const specifier of statement.specifiers) {
        summary.exports.set(exportName(specifier.exported), { kind: 'reexport', module, name: exportName(specifier.local) });
      }
      continue;
    }
    const declaration = statement.declaration;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier) continue;
        const variable = scopeManager.getDeclaredVariables(declarator)[0];
        summary.exports.set(declarator.id.name, factOf(variable, declaration.kind === 'const' ? declarator.init : null));
        if (variable) exportedAs.set(variable, declarator.id.name);
      }
    } else if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id) {
      const variable = scopeManager.getDeclaredVariables(declaration)[0];
      summary.exports.set(declaration.id.name, factOf(variable, declaration));
    } else if (!declaration) {
      for (const specifier of statement.specifiers) {
        if (specifier.exportKind === 'type' || specifier.local.type !== AST_NODE_TYPES.Identifier) continue;
        const variable = findModuleVariable(scopeManager, specifier.local.name);
        const name = exportName(specifier.exported);
        summary.exports.set(name, factOf(variable, variable ? initOf(variable) : null));
        if (variable) exportedAs.set(variable, name);
      }
    }
  }

  // The tables tenant columns reference: the schema set's tenants root, unless the settings name one.
  for (const table of [...schema.tables, ...schema.columnSets]) {
    const column = table.columns.find((c) => c.dbName === settings.tenantColumn);
    const modifier = column?.modifiers.find((m) => m.name === 'references');
    const target = modifier ? referenceTarget(modifier) : null;
    const object = target?.type === AST_NODE_TYPES.MemberExpression ? target.object : null;
    if (object?.type !== AST_NODE_TYPES.Identifier) continue;
    const variable = findModuleVariable(scopeManager, object.name);
    const local = variable ? schema.tableByVariable.get(variable) : undefined;
    let name: string | null = local ? local.name : null;
    if (!local && variable) {
      const fact = factOf(variable, null);
      if (fact.kind === 'reexport' && fact.name !== '*') {
        const found = project.exportOf(fact.module, fact.name);
        if (found?.fact.kind === 'table') name = found.fact.table.name;
      }
    }
    if (name !== null && !summary.tenantTargets.includes(name)) summary.tenantTargets.push(name);
  }

  const relations = readRelations(sourceCode, schema);
  if (relations.present) {
    summary.relations = { lists: relations.refLists, targets: relations.refTargets, complete: relations.complete && relations.refsComplete };
  }

  // Links: `pgPolicy(...).link(tasks)`, whether `tasks` is a table of this module or an imported one.
  for (const link of linksOf(sourceCode.ast)) {
    const variable = findModuleVariable(scopeManager, link.target.name);
    if (!variable) continue;
    let target: LinkData['target'] | null = null;
    let table: TableModel | undefined = schema.tableByVariable.get(variable);
    if (table) {
      const name = exportedAs.get(variable);
      target = name === undefined ? null : { module: file, name };
    } else {
      const fact = factOf(variable, null);
      if (fact.kind === 'reexport' && fact.name !== '*') target = { module: fact.module, name: fact.name };
    }
    if (!target) continue;
    if (!table) {
      const found = project.exportOf(target.module, target.name);
      table = stubTable(link.target.name, variable, found?.fact.kind === 'table' ? found.fact.table : null);
    }
    const policy = readPolicy(link.policyCall, 'pgPolicy', 'link');
    const isolation = { table, column: settings.tenantColumn, setting: settings.tenantSetting };
    const facts = analyzePolicy(sourceCode, isolation, policy, project);
    summary.links.push({
      target,
      policy: {
        name: policy.name,
        module: file,
        isolates: COMMANDS.filter((command) => facts.isolates.has(command)),
        unknown: COMMANDS.filter((command) => facts.unknown.has(command)),
      },
    });
  }
  return summary;
}

const OTHER: ExportFact = Object.freeze({ kind: 'other' });

function exportName(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === AST_NODE_TYPES.Identifier ? node.name : node.value;
}

function findModuleVariable(scopeManager: TSESLint.Scope.ScopeManager, name: string): TSESLint.Scope.Variable | undefined {
  const global = scopeManager.globalScope;
  const module = global?.childScopes.find((scope) => scope.type === 'module');
  return module?.set.get(name) ?? global?.set.get(name);
}

function initOf(variable: TSESLint.Scope.Variable): TSESTree.Node | null {
  const def = variable.defs.length === 1 ? variable.defs[0] : undefined;
  if (!def) return null;
  if (def.node.type === AST_NODE_TYPES.VariableDeclarator) return def.node.parent.kind === 'const' ? def.node.init : null;
  if (def.node.type === AST_NODE_TYPES.FunctionDeclaration) return def.node;
  return null;
}

function toTableData(file: string, table: TableModel): TableData {
  const columns: TableData['columns'] = [];
  for (const column of table.columns) columns.push({ ...columnData(column), dbName: column.dbName });
  for (const column of table.importedColumns) columns.push({ ...column.data, dbName: column.dbName });
  return {
    module: file,
    name: table.name,
    variableName: table.variableName,
    casing: table.casing,
    columns,
    columnsComplete: table.columnsComplete,
    implicitColumns: table.implicitColumns,
  };
}

/**
 * The table a policy module links to, as that module sees it: a name and a variable, and the database
 * names of its columns when its module's summary is known (`${tasks.tenant_id}` in a condition, or
 * passed to a condition helper, is then that column). Otherwise a condition that interpolates its
 * columns reads as unknown, so the policy counts as one the plugin cannot read, never as a missing one.
 */
function stubTable(name: string, variable: TSESLint.Scope.Variable, data: TableData | null): TableModel {
  const columnByKey = (key: string) => {
    const column = data?.columns.find((c) => c.key === key);
    return column ? { dbName: column.dbName } : undefined;
  };
  return {
    name: data?.name ?? null,
    variableName: name,
    variable,
    extra: null,
    columns: [],
    importedColumns: [],
    columnByKey,
    column: () => undefined,
  } as unknown as TableModel;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type * as TS from 'typescript';
import { unwrap } from '../model/ast.js';
import type { Meaning } from '../model/find-tables.js';
import type { SqlExport } from '../model/sql.js';
import type { LinkedPolicy } from '../model/table.js';
import type { DataModelingSettings } from '../settings.js';
import { casingIsSet, rootTablesAreSet } from '../settings.js';
import { readDrizzleConfig, schemaFiles, type DrizzleConfig } from './drizzle-config.js';
import { versionTurn } from './file-version.js';
import { findNearest, isProjectSource, loadTypeScript, resolveModule } from './resolve.js';
import {
  isSummarizing,
  settingsKey,
  summarize,
  type ColumnSetData,
  type ExportFact,
  type ModuleSummary,
  type RelationColumn,
  type RelationsData,
  type TableData,
} from './summary.js';

const CONFIG_NAMES = ['drizzle.config.ts', 'drizzle.config.mts', 'drizzle.config.js', 'drizzle.config.mjs', 'drizzle.config.json'];

/**
 * A file's place in its project: what its imports name, and the schema set (the files drizzle-kit
 * reads) it belongs to. Made per linted file; the summaries it reads are cached for the process.
 */
export class FileProject {
  /** specifier -> resolved module, for this file. */
  private readonly resolved = new Map<string, string | null>();
  /** Summaries read while linting this file: each module is checked against the disk once per file. */
  private readonly summaries: Map<string, ModuleSummary | null>;

  /** The summaries this file has read (shared with a project made for the same file). */
  get summariesRead(): Map<string, ModuleSummary | null> {
    return this.summaries;
  }

  constructor(
    readonly file: string,
    readonly settings: DataModelingSettings,
    private readonly program: TS.Program | null,
    private readonly config: DrizzleConfig | null,
    /** ESLint's working directory, which the `schema` setting is relative to. */
    private readonly cwd: string,
    summaries?: Map<string, ModuleSummary | null>,
    /**
     * True for the project of a module being summarised: it answers what its imports name, never
     * facts of the schema set (those are the linted file's, and reading the set from inside a summary
     * would summarise modules half-way through their own summaries).
     */
    private readonly nested = false,
  ) {
    this.summaries = summaries ?? new Map();
  }

  /** The project module a specifier names, or null (a package, a missing file, no TypeScript). */
  resolve(specifier: string): string | null {
    let module = this.resolved.get(specifier);
    if (module === undefined) {
      module = isDrizzle(specifier) ? null : resolveModule(specifier, this.file, this.program);
      this.resolved.set(specifier, module);
    }
    return module;
  }

  summary(module: string): ModuleSummary | null {
    let summary = this.summaries.get(module);
    if (summary === undefined) {
      summary = summarize(module, this.settings, (file) => new FileProject(file, this.settings, null, this.config, this.cwd, this.summaries, true));
      // A module being summarised (an import cycle) is unknown only to its inner import.
      if (summary !== null || !isSummarizing(module)) this.summaries.set(module, summary);
    }
    return summary;
  }

  /** Answers of `exportOf` for the linted file (module, name). */
  private readonly exports = new Map<string, ReturnType<FileProject['exportOf']>>();

  /** What `name` exported by `module` is, following re-exports and `export *` to its definition. */
  exportOf(module: string | null, name: string, depth = 0): { module: string; name: string; fact: ExportFact } | null {
    if (module === null || depth > 32) return null;
    if (depth === 0 && !this.nested) {
      // The linted file's project reads each module's summary once, so an answer holds for the file.
      const key = `${module}\0${name}`;
      let found = this.exports.get(key);
      if (found === undefined) this.exports.set(key, (found = this.exportOf(module, name, 1)));
      return found;
    }
    const summary = this.summary(module);
    if (!summary) return null;
    const fact = summary.exports.get(name);
    if (fact) {
      if (fact.kind === 'reexport' && fact.name !== '*') return this.exportOf(fact.module, fact.name, depth + 1);
      return { module, name, fact };
    }
    if (name === 'default') return null;
    for (const star of summary.stars) {
      const found = this.exportOf(star, name, depth + 1);
      if (found) return found;
    }
    return null;
  }

  /** The meaning (table factory, schema object, builder) of a name imported from `specifier`. */
  meaningOf(specifier: string, name: string): Meaning | null {
    const found = this.exportOf(this.resolve(specifier), name);
    return found?.fact.kind === 'meaning' ? found.fact.meaning : null;
  }

  /** What an expression of this file names through its imports: `x`, `ns.x`, `x()`, `ns.x()`. */
  private importedExport(expression: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): ReturnType<FileProject['exportOf']> {
    let node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.CallExpression) node = unwrap(node.callee as TSESTree.Expression);
    let member: string | null = null;
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
      member = node.property.name;
      node = unwrap(node.object);
    }
    if (node.type !== AST_NODE_TYPES.Identifier) return null;
    const variable = findVariable(sourceCode, node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (def?.type !== 'ImportBinding') return null;
    const declaration = def.parent as TSESTree.ImportDeclaration;
    if (declaration.importKind === 'type') return null;
    const specifier = def.node;
    const module = this.resolve(declaration.source.value);
    if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) return member === null ? null : this.exportOf(module, member);
    if (specifier.type !== AST_NODE_TYPES.ImportDefaultSpecifier && specifier.type !== AST_NODE_TYPES.ImportSpecifier) return null;
    const name =
      specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier
        ? 'default'
        : specifier.imported.type === AST_NODE_TYPES.Identifier
          ? specifier.imported.name
          : specifier.imported.value;
    const found = this.exportOf(module, name);
    if (member === null || !found) return found;
    // `import { schema } from "./index"` with `export * as schema from "./tables"`: schema.users
    if (found.fact.kind === 'reexport' && found.fact.name === '*') return this.exportOf(found.fact.module, member);
    return null;
  }

  /** The column set a spread argument names (`timestamps`, `tenantId()`, `h.timestamps`), or null. */
  columnSet(expression: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): ColumnSetData | null {
    const found = this.importedExport(expression, sourceCode);
    return found?.fact.kind === 'columns' ? found.fact.set : null;
  }

  /**
   * The `sql` condition an expression names through the file's imports: a fragment (`isolation`,
   * `rls.isolation`) or a call of a helper (`isolation(t)`), or null.
   */
  sql(expression: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): SqlExport | null {
    const node = unwrap(expression);
    const found = this.importedExport(node, sourceCode);
    if (found?.fact.kind !== 'sql') return null;
    return (node.type === AST_NODE_TYPES.CallExpression) === (found.fact.sql.params !== null) ? found.fact.sql : null;
  }

  /** The table an expression names through the file's imports (`users`, `schema.users`), or null. */
  table(expression: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): TableData | null {
    const found = this.importedExport(expression, sourceCode);
    return found?.fact.kind === 'table' ? found.fact.table : null;
  }

  /** The table an expression names through the file's imports, with the module and name that define it. */
  tableExport(expression: TSESTree.Expression, sourceCode: Readonly<TSESLint.SourceCode>): { module: string; name: string; table: TableData } | null {
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.CallExpression) return null;
    const found = this.importedExport(node, sourceCode);
    return found?.fact.kind === 'table' ? { module: found.module, name: found.name, table: found.fact.table } : null;
  }

  /**
   * The relations the other modules of the schema set declare (`relations()`, `defineRelations()`), and
   * the relations files beside it (see `relationFiles`), by the tables' defining module and exported
   * name; null when the set is unknown. `complete` is false when a module of the set cannot be read, or
   * declares relations the plugin cannot fully read.
   */
  relations(): (RelationsData & { present: boolean }) | null {
    if (this.setRelations === undefined) {
      const facts = this.setFacts();
      let relations: (RelationsData & { present: boolean }) | null = null;
      if (facts) {
        // The relations files beside the set are listed again in each turn of the event loop, as the
        // set's modules are checked: a relations file added beside the schema is seen at the next lint.
        if (facts.relationFilesChecked !== versionTurn()) {
          const files = relationFiles(facts.modules);
          if (facts.relationFiles?.join('\0') !== files.join('\0')) {
            facts.relationFiles = files;
            facts.relationModules = undefined;
          }
          facts.relationFilesChecked = versionTurn();
        }
        if (!facts.relationModules) {
          // The modules that declare relations, or cannot be read (null).
          const declaring: { module: string; relations: RelationsData | null }[] = [];
          for (const module of new Set([...facts.modules, ...facts.relationFiles!])) {
            const summary = this.summary(module);
            if (!summary || summary.relations) declaring.push({ module, relations: summary?.relations ?? null });
          }
          facts.relationModules = declaring;
          this.noteRead(facts);
        }
        const lists: RelationColumn[][] = [];
        const targets: [RelationColumn, RelationColumn][] = [];
        let complete = true;
        let present = false;
        for (const { module, relations: declared } of facts.relationModules) {
          if (module === this.file) continue; // this file's relations are read from its own model
          if (!declared) {
            complete = false;
            continue;
          }
          present = true;
          lists.push(...declared.lists);
          targets.push(...declared.targets);
          if (!declared.complete) complete = false;
        }
        relations = { present, lists, targets, complete };
      }
      this.setRelations = relations;
    }
    return this.setRelations;
  }

  private setRelations: (RelationsData & { present: boolean }) | null | undefined;

  /**
   * The policies other files of the schema set link to this file's table `variableName` (exported under
   * that name). Null when the schema set is unknown, or the table is not exported: then a link may exist.
   */
  linkedPolicies(variableName: string): LinkedPolicy[] | null {
    const facts = this.setFacts();
    if (!facts) return null;
    if (!facts.links) {
      // Every link of the schema set, by the module and exported name of its table: one pass over the set.
      const links = new Map<string, Map<string, LinkedPolicy[]>>();
      for (const module of facts.modules) {
        const summary = this.summary(module);
        if (!summary) continue;
        for (const link of summary.links) {
          const target = link.target.module === module ? { module, name: link.target.name } : this.exportOf(link.target.module, link.target.name);
          if (!target) continue;
          let byName = links.get(target.module);
          if (!byName) links.set(target.module, (byName = new Map()));
          let policies = byName.get(target.name);
          if (!policies) byName.set(target.name, (policies = []));
          policies.push(link.policy);
        }
      }
      facts.links = links;
      this.noteRead(facts);
    }
    // This file's own links are read from its model (of the text being linted), not from its summary.
    return (facts.links.get(this.file)?.get(variableName) ?? []).filter((policy) => policy.module !== this.file);
  }

  /** True when a table of this database or variable name is defined in the schema set; null when the set is unknown. */
  hasTable(name: string): boolean | null {
    const facts = this.setFacts();
    if (!facts) return null;
    if (facts.tableNames === undefined) {
      let names: Set<string> | null = new Set();
      for (const module of facts.modules) {
        const summary = this.summary(module);
        if (summary === null) {
          names = null; // a file that cannot be read may define it
          break;
        }
        for (const table of summary.tableNames) names.add(table);
      }
      facts.tableNames = names;
      this.noteRead(facts);
    }
    return facts.tableNames === null ? null : facts.tableNames.has(name);
  }

  /** The database names of the tables the schema set's tenant columns reference; null when the set is unknown. */
  tenantTargets(): readonly string[] | null {
    const facts = this.setFacts();
    if (!facts) return null;
    if (!facts.tenantTargets) {
      const targets: string[] = [];
      for (const module of facts.modules) {
        for (const name of this.summary(module)?.tenantTargets ?? []) if (!targets.includes(name)) targets.push(name);
      }
      facts.tenantTargets = targets;
      this.noteRead(facts);
    }
    return facts.tenantTargets;
  }

  /**
   * The schema set's modules: the files drizzle-kit is given, and the modules they re-export (drizzle-kit
   * imports `schema: "./src/schema/index.ts"` and sees what its `export *` brings).
   */
  schemaSet(): readonly string[] | null {
    return this.setFacts()?.modules ?? null;
  }

  /**
   * What this file's schema set is as a whole, shared by every file linted against the same set and
   * settings: made once, and made again when a summary it was drawn from is no longer the module's.
   */
  private setFacts(): SetFacts | null {
    if (this.nested) return null;
    if (this.facts !== undefined) return this.facts;
    const files = this.schemaFiles();
    if (files === null) return (this.facts = null);
    let bySettings = setFactsCache.get(files);
    if (!bySettings) setFactsCache.set(files, (bySettings = new Map()));
    const key = settingsKey(this.settings);
    let facts = bySettings.get(key);
    if (facts && facts.checked !== versionTurn()) {
      // The disk may have changed since the facts were checked: each summary read must still be current.
      for (const [module, summary] of facts.read) {
        if (this.summary(module) !== summary) {
          facts = undefined;
          break;
        }
      }
      if (facts) facts.checked = versionTurn();
    }
    if (!facts) {
      const set = new Set(files);
      for (const module of set) {
        const summary = this.summary(module);
        if (!summary) continue;
        for (const star of summary.stars) if (star !== null) set.add(star);
        for (const fact of summary.exports.values()) if (fact.kind === 'reexport' && fact.module !== null) set.add(fact.module);
      }
      facts = { modules: [...set], read: new Map(), checked: versionTurn() };
      this.noteRead(facts);
      bySettings.set(key, facts);
    }
    return (this.facts = facts);
  }

  /** This file's answer of `setFacts`. */
  private facts: SetFacts | null | undefined;

  /** Records the summaries this file has read as what the set's facts are drawn from (a superset is safe: a change only remakes them). */
  private noteRead(facts: SetFacts): void {
    for (const [module, summary] of this.summaries) facts.read.set(module, summary);
  }

  /** The files the schema set names: from the `schema` setting, else the nearest drizzle.config. */
  private schemaFiles(): readonly string[] | null {
    if (this.settings.schema !== null) {
      if (this.configured === undefined) {
        const key = `${this.cwd}\0${this.settings.schema.join('\0')}`;
        if (!settingSets.has(key)) settingSets.set(key, schemaFiles(this.cwd, this.settings.schema));
        this.configured = settingSets.get(key)!;
      }
      return this.configured;
    }
    if (!this.config) return null;
    return this.config.files();
  }

  private configured: readonly string[] | null | undefined;
}

/** `relations.ts`, `schema.relations.ts`, `db-relations.mts`: the names relations modules go by. */
const RELATIONS_FILE = /(?:^|[.\-_])relations\.(?:[cm]?ts|[cm]?js)$/iu;

/**
 * The relations modules beside a schema set: in the folders of its files and their parents, a file
 * named like `relations.ts` or a `relations/index.ts`. drizzle-kit does not read relations, so projects
 * that keep them apart (drizzle-orm 1.0's `defineRelations(schema, …)` in `db/relations.ts`, next to
 * `db/schema.ts` or above `db/schema/`) do not name them in drizzle.config.
 */
function relationFiles(set: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const file of set) {
    const folder = path.dirname(file);
    folders.add(folder);
    folders.add(path.dirname(folder));
  }
  const files: string[] = [];
  for (const folder of folders) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isFile() && RELATIONS_FILE.test(entry.name) && !entry.name.includes('.d.')) files.push(path.join(folder, entry.name));
      else if (entry.isDirectory() && entry.name === 'relations') {
        for (const index of ['index.ts', 'index.mts', 'index.js', 'index.mjs']) {
          const file = path.join(folder, entry.name, index);
          if (fs.existsSync(file)) files.push(file);
        }
      }
    }
  }
  return files;
}

function isDrizzle(specifier: string): boolean {
  return specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/');
}

function findVariable(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable) return variable;
  }
  return null;
}

/** What a schema set is as a whole, drawn from the summaries of its modules. */
interface SetFacts {
  /** The modules of the set (see `schemaSet`). */
  modules: readonly string[];
  /** module -> the summary the facts were drawn from (null: unreadable). */
  read: Map<string, ModuleSummary | null>;
  /** The `versionTurn()` in which `read` was last found current. */
  checked: number;
  tableNames?: Set<string> | null;
  tenantTargets?: string[];
  /** module -> exported name -> the policies the set links to that table. */
  links?: Map<string, Map<string, LinkedPolicy[]>>;
  /** The relations files beside the set (see `relationFiles`), and the `versionTurn()` they were listed in. */
  relationFiles?: string[];
  relationFilesChecked?: number;
  /** The modules of the set and its relations files that declare relations, or cannot be read (null). */
  relationModules?: { module: string; relations: RelationsData | null }[];
}

/** The schema set's files (a drizzle.config's list, or a `schema` setting's) -> summary settings key -> the set's facts. */
const setFactsCache = new WeakMap<readonly string[], Map<string, SetFacts>>();

/** The files of each `schema` setting, listed once per process (as a drizzle.config's are, until it changes). */
const settingSets = new Map<string, readonly string[] | null>();

/** settings object -> drizzle.config casing -> the settings with that casing (one object per pair). */
const withCasing = new WeakMap<DataModelingSettings, DataModelingSettings>();

/**
 * The project of a linted file, or null when it has none: its path is not a project source file on
 * disk (`<input>`, a virtual file), or TypeScript is absent. The settings it carries take the `casing`
 * of the nearest drizzle.config when the settings do not set one.
 */
export function projectOf(
  filename: string,
  cwd: string,
  settings: DataModelingSettings,
  program: TS.Program | null | undefined,
): FileProject | null {
  if (!path.isAbsolute(filename) || !isProjectSource(filename) || !loadTypeScript() || !fs.existsSync(filename)) return null;
  const configFile = findNearest(path.dirname(filename), CONFIG_NAMES);
  const config = configFile ? readDrizzleConfig(configFile) : null;
  let effective = settings;
  if (config?.casing && config.casing !== settings.casing && !casingIsSet(settings)) {
    effective = withCasing.get(settings) ?? { ...settings, casing: config.casing };
    withCasing.set(settings, effective);
  }
  const project = new FileProject(filename, effective, program ?? null, config, cwd);
  if (rootTablesAreSet(settings)) return project;
  // The tenants root is the table the schema set's tenant columns reference, when that is one table
  // other than the default (a schema whose tenants are `organizations`).
  const roots = project.tenantTargets();
  if (roots === null || roots.length !== 1 || effective.rootTables.includes(roots[0]!)) return project;
  let byRoot = withRoots.get(effective);
  if (!byRoot) withRoots.set(effective, (byRoot = new Map()));
  let rooted = byRoot.get(roots[0]!);
  if (!rooted) byRoot.set(roots[0]!, (rooted = { ...effective, rootTables: [roots[0]!] }));
  return new FileProject(filename, rooted, program ?? null, config, cwd, project.summariesRead);
}

/** settings -> tenants root -> the settings with that root (one object per pair, so caches keyed by settings hold). */
const withRoots = new WeakMap<DataModelingSettings, Map<string, DataModelingSettings>>();

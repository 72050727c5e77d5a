/**
 * Settings shared by every rule, read from `settings["data-modeling"]` in the flat config.
 * They describe the project (what the tenant column is called, which tables are roots, how Drizzle
 * names columns), not the taste of one rule, so they live in one place.
 */
import { REPO_URL } from './util/create-rule.js';

export type Casing = 'preserve' | 'snake_case' | 'camelCase';

export interface TableFactorySetting {
  /** Local name of a function that defines a table (imported from a project module or declared here). */
  name: string;
  /** Database names of columns the factory adds by itself (a `tenantTable` wrapper that adds `tenant_id`). */
  columns?: string[];
}

export interface DataModelingSettings {
  /** Database name of the tenant column. Default `tenant_id`. */
  tenantColumn: string;
  /** Database names (or variable names) of root tables that are not tenant-scoped. Default `["tenants"]`. */
  rootTables: string[];
  /** The Drizzle `casing` in effect for builders without a name argument. Default `preserve`. */
  casing: 'preserve' | 'snake_case';
  /** Extra table-factory names: creators and wrappers imported from project modules. */
  tableFactories: TableFactorySetting[];
  /** The Postgres setting that carries the current tenant, read by RLS policies. Default `app.tenant_id`. */
  tenantSetting: string;
  /**
   * Postgres schemas whose tables the app does not create or migrate, besides Supabase's own
   * (`SUPABASE_SCHEMAS`); the rules skip their tables. Default `[]`.
   */
  externalSchemas: string[];
  /**
   * The schema set, as drizzle.config's `schema` (paths, folders or globs relative to the working
   * directory); null to read it from the nearest drizzle.config. Default null.
   */
  schema: string[] | null;
  /**
   * The Alembic versions folder(s) (paths relative to the working directory), as `version_locations`;
   * null to read them from the nearest `alembic.ini` above a migration. Default null.
   */
  alembic: string[] | null;
}

/** Schemas Supabase creates and migrates itself: an app's Drizzle schema declares their tables only to refer to them. */
export const SUPABASE_SCHEMAS: readonly string[] = Object.freeze(['auth', 'storage', 'vault', 'realtime', 'extensions']);

export const SETTINGS_KEY = 'data-modeling';

export const DEFAULT_SETTINGS: Readonly<DataModelingSettings> = Object.freeze({
  tenantColumn: 'tenant_id',
  rootTables: ['tenants'],
  casing: 'preserve',
  tableFactories: [],
  tenantSetting: 'app.tenant_id',
  externalSchemas: [],
  schema: null,
  alembic: null,
});

/** Settings that set `casing` themselves (a drizzle.config's casing does not override them). */
const casingSet = new WeakSet<DataModelingSettings>();

/** True when the user's settings set `casing`; otherwise the nearest drizzle.config's casing applies. */
export function casingIsSet(settings: DataModelingSettings): boolean {
  return casingSet.has(settings);
}

/** Settings that list `rootTables` themselves (the schema set's tenant references do not override them). */
const rootTablesSet = new WeakSet<DataModelingSettings>();

/** True when the user's settings set `rootTables`; otherwise the table tenant columns reference is the root. */
export function rootTablesAreSet(settings: DataModelingSettings): boolean {
  return rootTablesSet.has(settings);
}

/**
 * The root table that tenant columns reference: the only root table, or, among several, the one named
 * after the tenant column (`workspace_id` -> `workspaces` or `workspace`, `tenant_id` -> `tenants`). Null
 * when that cannot be told (`rootTables: ["tenants", "users"]` with `tenantColumn: "org_id"`): fixes then
 * write no reference rather than point the tenant column at whichever root the file happens to see.
 */
export function tenantRootTable(settings: Pick<DataModelingSettings, 'rootTables' | 'tenantColumn'>): string | null {
  const roots = settings.rootTables;
  if (roots.length <= 1) return roots[0] ?? null;
  const base = settings.tenantColumn.replace(/_?id$/iu, '').toLowerCase();
  if (base === '') return null;
  const names = [base, `${base}s`, `${base}es`, base.endsWith('y') ? `${base.slice(0, -1)}ies` : null];
  return roots.find((root) => names.includes(root.toLowerCase())) ?? null;
}

const KNOWN_KEYS = new Set(Object.keys(DEFAULT_SETTINGS));

/**
 * A mistake in `settings["data-modeling"]`. ESLint has no schema for plugin settings, so the first rule
 * that reads them throws this, and ESLint stops the run as it does for its own configuration errors.
 * The ESLint CLI prints a thrown error's `stack` (after "Oops! Something went wrong!"), with the file
 * and the rule that happened to read the settings appended to `message`. This error's `stack` is its
 * own text and a link to the settings' docs: a configuration error has no useful stack, and no rule or
 * file is to blame.
 */
export class SettingsError extends Error {
  constructor(message: string) {
    super(`eslint-plugin-data-modeling: invalid settings["${SETTINGS_KEY}"]: ${message}`);
    this.name = 'SettingsError';
    Object.defineProperty(this, 'stack', {
      value: `${this.message}\nSee ${REPO_URL}#settings for the settings and their values.`,
      writable: true,
      configurable: true,
    });
  }
}

const parsed = new WeakMap<object, DataModelingSettings>();

/** Reads and validates the shared settings; the result is cached per settings object. */
export function readSettings(allSettings: Readonly<Record<string, unknown>> | undefined): DataModelingSettings {
  const raw = allSettings?.[SETTINGS_KEY];
  if (raw === undefined) return DEFAULT_SETTINGS;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new SettingsError(`expected an object, got ${describe(raw)}.`);
  }
  const cached = parsed.get(raw);
  if (cached) return cached;
  const settings = validate(raw as Record<string, unknown>);
  parsed.set(raw, settings);
  return settings;
}

function validate(raw: Record<string, unknown>): DataModelingSettings {
  for (const key of Object.keys(raw)) {
    if (!KNOWN_KEYS.has(key)) {
      const near = nearestKey(key);
      throw new SettingsError(`unknown key "${key}"${near ? `; did you mean "${near}"?` : ';'} The known keys are ${[...KNOWN_KEYS].join(', ')}.`);
    }
  }
  const out: DataModelingSettings = { ...DEFAULT_SETTINGS };
  if (raw.tenantColumn !== undefined) out.tenantColumn = identifier('tenantColumn', raw.tenantColumn);
  if (raw.tenantSetting !== undefined) {
    const value = raw.tenantSetting;
    if (typeof value !== 'string' || !/^[A-Za-z_][\w]*\.[A-Za-z_][\w.]*$/u.test(value)) {
      throw new SettingsError(`"tenantSetting" must be a dotted Postgres setting name such as "app.tenant_id", got ${describe(value)}.`);
    }
    out.tenantSetting = value;
  }
  if (raw.rootTables !== undefined) {
    if (!Array.isArray(raw.rootTables)) throw new SettingsError(`"rootTables" must be an array of table names, got ${describe(raw.rootTables)}.`);
    out.rootTables = raw.rootTables.map((name, i) => identifier(`rootTables[${i}]`, name));
    rootTablesSet.add(out);
  }
  if (raw.externalSchemas !== undefined) {
    if (!Array.isArray(raw.externalSchemas)) {
      throw new SettingsError(`"externalSchemas" must be an array of Postgres schema names, got ${describe(raw.externalSchemas)}.`);
    }
    out.externalSchemas = raw.externalSchemas.map((name, i) => schemaName(`externalSchemas[${i}]`, name));
  }
  if (raw.casing !== undefined) {
    if (raw.casing !== 'preserve' && raw.casing !== 'snake_case') {
      throw new SettingsError(`"casing" must be "preserve" or "snake_case" (Drizzle's casing option), got ${describe(raw.casing)}.`);
    }
    out.casing = raw.casing;
    casingSet.add(out);
  }
  if (raw.schema !== undefined) {
    const value = raw.schema;
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.length === 0 || !list.every((entry) => typeof entry === 'string' && entry.length > 0)) {
      throw new SettingsError(`"schema" must be a path, folder or glob, or a non-empty array of them (as in drizzle.config), got ${describe(value)}.`);
    }
    out.schema = list as string[];
  }
  if (raw.alembic !== undefined) {
    const value = raw.alembic;
    const list = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(list) || list.length === 0 || !list.every((entry) => typeof entry === 'string' && entry.length > 0)) {
      throw new SettingsError(`"alembic" must be the Alembic versions folder, or a non-empty array of them (as version_locations), got ${describe(value)}.`);
    }
    out.alembic = list as string[];
  }
  if (raw.tableFactories !== undefined) {
    if (!Array.isArray(raw.tableFactories)) {
      throw new SettingsError(`"tableFactories" must be an array of names or { name, columns } objects, got ${describe(raw.tableFactories)}.`);
    }
    out.tableFactories = raw.tableFactories.map((entry, i) => factory(i, entry));
  }
  return out;
}

function factory(i: number, entry: unknown): TableFactorySetting {
  if (typeof entry === 'string') return { name: identifier(`tableFactories[${i}]`, entry) };
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw new SettingsError(`"tableFactories[${i}]" must be a name or a { name, columns } object, got ${describe(entry)}.`);
  }
  const record = entry as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== 'name' && key !== 'columns') {
      throw new SettingsError(`"tableFactories[${i}]" has unknown key "${key}"; use "name" and "columns".`);
    }
  }
  const name = identifier(`tableFactories[${i}].name`, record.name);
  if (record.columns === undefined) return { name };
  if (!Array.isArray(record.columns)) {
    throw new SettingsError(`"tableFactories[${i}].columns" must be an array of column names, got ${describe(record.columns)}.`);
  }
  return { name, columns: record.columns.map((c, j) => identifier(`tableFactories[${i}].columns[${j}]`, c)) };
}

/** A Postgres schema name as `pgSchema()` takes it: any non-empty string (a quoted identifier may hold anything). */
function schemaName(path: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new SettingsError(`"${path}" must be a schema name, got ${describe(value)}.`);
  }
  return value;
}

function identifier(path: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z_$][\w$]*$/u.test(value)) {
    throw new SettingsError(`"${path}" must be an identifier-like name, got ${describe(value)}.`);
  }
  return value;
}

/** The known key a misspelt one most likely means: same letters ignoring case, or at most two edits away. */
function nearestKey(key: string): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const known of KNOWN_KEYS) {
    const d = known.toLowerCase() === key.toLowerCase() ? 0 : editDistance(known, key);
    if (d < bestDistance) [best, bestDistance] = [known, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

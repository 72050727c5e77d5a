/**
 * A tenant-isolation probe for any schema already in a database, whoever made it (Alembic, SQLModel,
 * drizzle-kit): it reads the tables from the catalog, seeds one row for tenant A and one for tenant B
 * in each (as the owner, which row-level security does not stop), then acts as the non-owner role
 * `app_user` with the tenant setting of A, in transactions that are rolled back, and records what A
 * could see and change. `isolationProblems(report)` says, table by table, where B's rows leaked.
 *
 * The checks are those of tests/integration/rls.test.ts: A sees only its rows; inserting a row of B
 * fails with a row-level-security error; updating or deleting B's rows affects none; moving a row of
 * A to B fails; A can still update its own row.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { asRole, quoteIdent, quoteLiteral } from './drizzle.js';

export const TENANT_A = '00000000-0000-4000-8000-00000000000a';
export const TENANT_B = '00000000-0000-4000-8000-00000000000b';
const TENANT_C = '00000000-0000-4000-8000-00000000000c';

export interface ProbeOptions {
  /** The tenant column (settings' `tenantColumn`). Default `tenant_id`. */
  tenantColumn?: string;
  /** Root tables, keyed by their `id` (settings' `rootTables`). Default `["tenants"]`. */
  rootTables?: string[];
  /** The setting policies read (settings' `tenantSetting`). Default `app.tenant_id`. */
  tenantSetting?: string;
  /** Tables the probe leaves alone (shared lookups): not reported as unscoped. */
  ignore?: string[];
  /** The role to act as (default `app_user`). */
  role?: string;
}

/** What a statement did: the number of rows it affected, or the message of the error it raised. */
export type Outcome = number | { error: string };

export interface TableView {
  /** `relrowsecurity` of the table. */
  rls: boolean;
  /** Tenant values of the rows A can see, sorted. */
  visible: string[];
  insertB: Outcome;
  updateB: Outcome;
  deleteB: Outcome;
  /** `UPDATE … SET tenant_id = B` on A's row; null for root tables. */
  moveAToB: Outcome | null;
  updateOwn: Outcome;
}

export interface IsolationReport {
  tables: Record<string, TableView>;
  /** Tables with neither the tenant column nor a root's place, which the probe cannot scope. */
  unscoped: string[];
}

interface Column {
  name: string;
  type: string;
  /** `format_type` of the column, for casts. */
  formatted: string;
  required: boolean;
  enumLabel: string | null;
  ref: { table: string; column: string } | null;
}

interface Table {
  name: string;
  rls: boolean;
  /** The column holding the tenant: the tenant column, or `id` for a root table. */
  key: string;
  root: boolean;
  columns: Column[];
}

/** Probes every table of the public schema (but alembic_version) as tenant A. */
export async function probeTenantIsolation(db: PGlite, options: ProbeOptions = {}): Promise<IsolationReport> {
  const tenantColumn = options.tenantColumn ?? 'tenant_id';
  const rootTables = options.rootTables ?? ['tenants'];
  const ignore = new Set(options.ignore ?? []);
  const all = await readTables(db);
  const unscoped: string[] = [];
  const tables: Table[] = [];
  for (const [name, { rls, columns }] of all) {
    if (ignore.has(name)) continue;
    const root = rootTables.includes(name) && columns.some((c) => c.name === 'id');
    const key = root ? 'id' : columns.some((c) => c.name === tenantColumn) ? tenantColumn : null;
    if (key === null) unscoped.push(name);
    else tables.push({ name, rls, key, root, columns });
  }
  const ordered = referencedFirst(tables);
  for (const table of ordered) {
    for (const tenant of [TENANT_A, TENANT_B]) await db.query(await insertStatement(db, table, tenant, tenantColumn));
  }
  const settings = { [options.tenantSetting ?? 'app.tenant_id']: TENANT_A };
  const as = <T>(fn: (tx: Transaction) => Promise<T>) => asRole(db, settings, fn, options.role ? { role: options.role } : {});
  const attempt = async (statement: string): Promise<Outcome> => {
    try {
      await as(async (tx) => {
        const result = await tx.query(statement);
        throw new RolledBack(result.affectedRows ?? 0);
      });
      throw new Error('unreachable');
    } catch (error) {
      if (error instanceof RolledBack) return error.affected;
      return { error: (error as Error).message };
    }
  };
  const report: IsolationReport = { tables: {}, unscoped: unscoped.sort() };
  for (const table of ordered) {
    const t = quoteIdent(table.name);
    const k = quoteIdent(table.key);
    const where = (tenant: string) => `WHERE ${k} = ${quoteLiteral(tenant)}`;
    report.tables[table.name] = {
      rls: table.rls,
      visible: await as(async (tx) => (await tx.query<{ v: string }>(`SELECT DISTINCT ${k}::text AS v FROM ${t} ORDER BY 1`)).rows.map((r) => r.v)),
      insertB: await attempt(await insertStatement(db, table, table.root ? TENANT_C : TENANT_B, tenantColumn)),
      updateB: await attempt(`UPDATE ${t} SET ${k} = ${k} ${where(TENANT_B)}`),
      deleteB: await attempt(`DELETE FROM ${t} ${where(TENANT_B)}`),
      moveAToB: table.root ? null : await attempt(`UPDATE ${t} SET ${k} = ${quoteLiteral(TENANT_B)} ${where(TENANT_A)}`),
      updateOwn: await attempt(`UPDATE ${t} SET ${k} = ${k} ${where(TENANT_A)}`),
    };
  }
  return report;
}

class RolledBack extends Error {
  constructor(readonly affected: number) {
    super('rolled back');
  }
}

const RLS_ERROR = /row-level security/u;

/** Where tenant A reached tenant B's rows (empty when every probed table isolates), one line each. */
export function isolationProblems(report: IsolationReport): string[] {
  const problems = report.unscoped.map((table) => `${table}: no tenant column, so no tenant isolation`);
  const isError = (outcome: Outcome | null) => typeof outcome === 'object' && outcome !== null && RLS_ERROR.test(outcome.error);
  const show = (outcome: Outcome | null) => (typeof outcome === 'number' ? `affected ${outcome} row(s)` : outcome === null ? '' : `raised: ${outcome.error}`);
  for (const [table, view] of Object.entries(report.tables)) {
    if (!view.rls) problems.push(`${table}: row-level security is not enabled`);
    if (view.visible.join() !== TENANT_A) problems.push(`${table}: tenant A sees the rows of ${view.visible.join(', ') || 'no tenant'}`);
    if (!isError(view.insertB)) problems.push(`${table}: tenant A inserting a row of another tenant ${show(view.insertB)}`);
    if (view.updateB !== 0) problems.push(`${table}: tenant A updating tenant B's rows ${show(view.updateB)}`);
    if (view.deleteB !== 0) problems.push(`${table}: tenant A deleting tenant B's rows ${show(view.deleteB)}`);
    // A move that reached no row is no leak (a table A cannot see at all is reported by `visible`).
    if (view.moveAToB !== null && view.moveAToB !== 0 && !isError(view.moveAToB)) problems.push(`${table}: tenant A moving its row to tenant B ${show(view.moveAToB)}`);
    if (view.updateOwn !== 1) problems.push(`${table}: tenant A updating its own row ${show(view.updateOwn)} (expected 1)`);
  }
  return problems;
}

async function readTables(db: PGlite): Promise<Map<string, { rls: boolean; columns: Column[] }>> {
  const { rows } = await db.query<{
    table: string;
    rls: boolean;
    column: string;
    type: string;
    formatted: string;
    required: boolean;
    enum_label: string | null;
    ref_table: string | null;
    ref_column: string | null;
  }>(`
    SELECT c.relname AS table, c.relrowsecurity AS rls, a.attname AS column, t.typname AS type,
           format_type(a.atttypid, a.atttypmod) AS formatted,
           a.attnotnull AND NOT a.atthasdef AND a.attidentity = '' AND a.attgenerated = '' AS required,
           (SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = a.atttypid ORDER BY e.enumsortorder LIMIT 1) AS enum_label,
           (SELECT rc.relname FROM pg_constraint k JOIN pg_class rc ON rc.oid = k.confrelid
             WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.conkey = ARRAY[a.attnum] LIMIT 1) AS ref_table,
           (SELECT ra.attname FROM pg_constraint k JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
             WHERE k.conrelid = c.oid AND k.contype = 'f' AND k.conkey = ARRAY[a.attnum] LIMIT 1) AS ref_column
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      JOIN pg_type t ON t.oid = a.atttypid
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'alembic_version'
     ORDER BY c.relname, a.attnum`);
  const tables = new Map<string, { rls: boolean; columns: Column[] }>();
  for (const row of rows) {
    let table = tables.get(row.table);
    if (!table) tables.set(row.table, (table = { rls: row.rls, columns: [] }));
    table.columns.push({
      name: row.column,
      type: row.type,
      formatted: row.formatted,
      required: row.required,
      enumLabel: row.enum_label,
      ref: row.ref_table && row.ref_column ? { table: row.ref_table, column: row.ref_column } : null,
    });
  }
  return tables;
}

/** Tables in an order that seeds referenced tables first (cycles keep their given order). */
function referencedFirst(tables: Table[]): Table[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: Table[] = [];
  const visit = (table: Table, path: Set<string>) => {
    if (done.has(table.name) || path.has(table.name)) return;
    path.add(table.name);
    for (const column of table.columns) {
      const target = column.ref && byName.get(column.ref.table);
      if (target) visit(target, path);
    }
    done.add(table.name);
    out.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return out;
}

let serial = 0;

/**
 * An INSERT of one row of `tenant` into `table`: the tenant key, references to the same tenant's
 * rows (looked up now, as the owner, so the statement also works as tenant A), and a value for every
 * other column that must have one.
 */
async function insertStatement(db: PGlite, table: Table, tenant: string, tenantColumn: string): Promise<string> {
  const names: string[] = [];
  const values: string[] = [];
  for (const column of table.columns) {
    let value: string | null;
    if (column.name === table.key) value = quoteLiteral(tenant);
    else if (column.ref) value = await referenceValue(db, column, tenant, tenantColumn);
    else if (column.required) value = sampleValue(table.name, column);
    else continue;
    if (value === null) continue;
    names.push(quoteIdent(column.name));
    values.push(`${value}::${column.formatted}`);
  }
  return `INSERT INTO ${quoteIdent(table.name)} (${names.join(', ')}) VALUES (${values.join(', ')})`;
}

async function referenceValue(db: PGlite, column: Column, tenant: string, tenantColumn: string): Promise<string | null> {
  const { table, column: target } = column.ref!;
  const owned = await db.query<{ v: string }>(
    `SELECT ${quoteIdent(target)}::text AS v FROM ${quoteIdent(table)} ORDER BY (${quoteIdent(target)}::text = $1) DESC,
       (to_jsonb(${quoteIdent(table)}) ->> $2 = $1) DESC LIMIT 1`,
    [tenant, tenantColumn],
  );
  const value = owned.rows[0]?.v;
  if (value !== undefined) return quoteLiteral(value);
  if (!column.required) return null;
  throw new Error(`Tenant probe: no row of ${table} to reference from ${column.name}`);
}

function sampleValue(table: string, column: Column): string {
  serial += 1;
  if (column.enumLabel !== null) return quoteLiteral(column.enumLabel);
  switch (column.type) {
    case 'uuid':
      return 'gen_random_uuid()';
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'citext':
      return quoteLiteral(`${column.name.slice(0, 1)}${serial}`);
    case 'int2':
    case 'int4':
    case 'int8':
    case 'numeric':
    case 'float4':
    case 'float8':
      return String(serial);
    case 'bool':
      return 'false';
    case 'timestamp':
    case 'timestamptz':
    case 'date':
    case 'time':
    case 'timetz':
      return 'now()';
    case 'interval':
      return `'1 day'`;
    case 'json':
    case 'jsonb':
      return `'{}'`;
    case 'bytea':
      return `'\\x00'`;
    default:
      if (column.type.startsWith('_')) return `'{}'`;
      throw new Error(`Tenant probe: no sample value for ${table}.${column.name} of type ${column.formatted}`);
  }
}

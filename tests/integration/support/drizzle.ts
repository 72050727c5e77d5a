/**
 * Integration-test support: run in-memory Drizzle schema sources through the
 * real TypeScript compiler, the real drizzle-kit migration generator and a real
 * (embedded, WASM) PostgreSQL.
 *
 * - `typecheck(files)`  — type-checks sources against node_modules/drizzle-orm.
 * - `generateSql(files)` — SQL that `drizzle-kit generate` would write for a
 *   fresh database (drizzle-kit's programmatic API, same diff engine as the CLI).
 * - `withDatabase(sql, fn)` — a fresh PGlite with the migration applied and a
 *   non-owner, non-superuser role (`app_user`) that RLS applies to.
 * - `asTenant(db, tenantId, fn)` — runs `fn` in a transaction as `app_user`
 *   with `app.tenant_id` set (transaction-local).
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { PGlite, type Transaction } from '@electric-sql/pglite';
import ts from 'typescript';
import type * as DrizzleKit from 'drizzle-kit/api';

/** Repository root (holds package.json and node_modules). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** In-memory source files: relative file name (posix, e.g. `db/schema.ts`) -> source text. */
export type SourceFiles = Readonly<Record<string, string>>;

// ---------------------------------------------------------------------------
// typecheck
// ---------------------------------------------------------------------------

export interface TypecheckResult {
  ok: boolean;
  /** `file:line:col - error TSxxxx: message`, file relative to the virtual root. */
  diagnostics: string[];
}

export interface TypecheckOptions {
  /** Merged over the defaults (strict, ESNext + Bundler resolution, noEmit, skipLibCheck). */
  compilerOptions?: ts.CompilerOptions;
}

/**
 * Virtual directory the in-memory files live in. It is never created on disk;
 * it sits inside the project so bare imports (`drizzle-orm/pg-core`) resolve to
 * the project's node_modules like they would for a real schema file.
 */
const VIRTUAL_ROOT = path.join(PROJECT_ROOT, 'tests', '.tmp-typecheck-virtual');

/** The directory `typecheck()`'s files seem to live in: the `baseUrl` of a `paths` mapping among them. */
export const TYPECHECK_ROOT = VIRTUAL_ROOT;

const DEFAULT_COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts'],
  types: [],
  skipLibCheck: true,
  esModuleInterop: true,
  isolatedModules: true,
  noUnusedLocals: false,
  allowImportingTsExtensions: true,
};

/** Parsed library/declaration files, shared by every typecheck() call in this worker. */
const libSourceFileCache = new Map<string, ts.SourceFile>();
let previousProgram: ts.Program | undefined;

function toVirtualPath(name: string): string {
  const normalized = path.posix.normalize(name.replace(/\\/g, '/'));
  if (normalized.startsWith('../') || path.posix.isAbsolute(normalized)) {
    throw new Error(`In-memory file names must be relative and inside the root: ${name}`);
  }
  return path.join(VIRTUAL_ROOT, normalized);
}

function formatDiagnostic(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const category = ts.DiagnosticCategory[diagnostic.category].toLowerCase();
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const fileName = diagnostic.file.fileName.startsWith(VIRTUAL_ROOT + path.sep)
      ? path.relative(VIRTUAL_ROOT, diagnostic.file.fileName).split(path.sep).join('/')
      : path.relative(PROJECT_ROOT, diagnostic.file.fileName);
    return `${fileName}:${line + 1}:${character + 1} - ${category} TS${diagnostic.code}: ${message}`;
  }
  return `${category} TS${diagnostic.code}: ${message}`;
}

/**
 * Type-checks in-memory TypeScript files against the real drizzle-orm in the
 * project's node_modules. One program per call; parsed `.d.ts` files are cached
 * across calls, so after the first call (~1-2 s) a check takes a few hundred ms.
 */
export function typecheck(files: SourceFiles, options: TypecheckOptions = {}): TypecheckResult {
  const compilerOptions: ts.CompilerOptions = {
    ...DEFAULT_COMPILER_OPTIONS,
    ...options.compilerOptions,
    noEmit: true,
  };
  const virtualFiles = new Map<string, string>();
  for (const [name, text] of Object.entries(files)) {
    virtualFiles.set(toVirtualPath(name), text);
  }
  const virtualDirectories = new Set<string>();
  for (const fileName of virtualFiles.keys()) {
    for (let dir = path.dirname(fileName); dir.startsWith(VIRTUAL_ROOT); dir = path.dirname(dir)) {
      virtualDirectories.add(dir);
    }
  }

  const base = ts.createCompilerHost(compilerOptions, true);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (fileName) => virtualFiles.has(fileName) || (!isVirtual(fileName) && base.fileExists(fileName)),
    readFile: (fileName) => virtualFiles.get(fileName) ?? (isVirtual(fileName) ? undefined : base.readFile(fileName)),
    directoryExists: (dir) =>
      virtualDirectories.has(dir) || (!isVirtual(dir) && (base.directoryExists?.(dir) ?? ts.sys.directoryExists(dir))),
    getDirectories: (dir) => (isVirtual(dir) ? [] : (base.getDirectories?.(dir) ?? [])),
    realpath: (p) => (isVirtual(p) ? p : (base.realpath?.(p) ?? p)),
    writeFile: () => {},
    getSourceFile: (fileName, languageVersionOrOptions, onError) => {
      const text = virtualFiles.get(fileName);
      if (text !== undefined) {
        return ts.createSourceFile(fileName, text, languageVersionOrOptions, true);
      }
      const cacheKey = `${fileName}\0${JSON.stringify(languageVersionOrOptions)}`;
      let sourceFile = libSourceFileCache.get(cacheKey);
      if (!sourceFile) {
        sourceFile = base.getSourceFile(fileName, languageVersionOrOptions, onError);
        if (sourceFile) libSourceFileCache.set(cacheKey, sourceFile);
      }
      return sourceFile;
    },
  };

  const program = ts.createProgram({
    rootNames: [...virtualFiles.keys()],
    options: compilerOptions,
    host,
    ...(previousProgram ? { oldProgram: previousProgram } : {}),
  });
  previousProgram = program;
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  return { ok: errors.length === 0, diagnostics: diagnostics.map(formatDiagnostic) };
}

function isVirtual(fileName: string): boolean {
  return fileName === VIRTUAL_ROOT || fileName.startsWith(VIRTUAL_ROOT + path.sep);
}

// ---------------------------------------------------------------------------
// generateSql
// ---------------------------------------------------------------------------

export interface GenerateSqlOptions {
  /** Same as drizzle.config `casing` (applies to name-less column builders). */
  casing?: 'snake_case' | 'camelCase';
  /** Same as drizzle.config `schemaFilter`. */
  schemaFilter?: string[];
}

/** What drizzle-kit puts between statements in a generated migration file. */
export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

/**
 * Where transpiled schema modules are written (deleted again after import).
 * Under node_modules so that Node resolves `drizzle-orm` natively and vitest
 * externalizes them: schema, drizzle-orm and drizzle-kit share one module
 * instance, exactly like with the CLI.
 */
const MODULE_CACHE_DIR = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'data-modeling-integration');

type DrizzleKitApi = typeof DrizzleKit;
let drizzleKitApi: Promise<DrizzleKitApi> | undefined;

/**
 * Returns the SQL migration that `drizzle-kit generate` (0.31) writes for the
 * schema when the database is empty: the statements joined by
 * `--> statement-breakpoint\n`, in the same order as the CLI.
 *
 * `entry` is the schema module (or modules) whose exports are the schema, like
 * drizzle.config `schema`; defaults to the only file, else `schema.ts`.
 */
export async function generateSql(
  files: SourceFiles,
  entry?: string | readonly string[],
  options: GenerateSqlOptions = {},
): Promise<string> {
  const statements = await generateSqlStatements(files, entry, options);
  return statements.join(`${STATEMENT_BREAKPOINT}\n`);
}

/** Like `generateSql`, but returns the individual statements. */
export async function generateSqlStatements(
  files: SourceFiles,
  entry?: string | readonly string[],
  options: GenerateSqlOptions = {},
): Promise<string[]> {
  const exports = await importSchemaModules(files, entry);
  drizzleKitApi ??= import('drizzle-kit/api');
  const { generateDrizzleJson, generateMigration } = await drizzleKitApi;
  const empty = generateDrizzleJson({});
  const current = generateDrizzleJson(exports, empty.id, options.schemaFilter, options.casing);
  return generateMigration(empty, current);
}

function defaultEntries(files: SourceFiles): string[] {
  const names = Object.keys(files);
  if (names.length === 1) return names;
  const schema = names.find((name) => /^schema\.(?:[cm]?ts|tsx)$/.test(name));
  if (schema) return [schema];
  throw new Error(`generateSql: pass the entry file; got several files: ${names.join(', ')}`);
}

/**
 * Transpiles the in-memory files to ESM (.mjs) in a temp directory, imports the
 * entry modules natively and returns their merged exports (module namespace
 * keys are sorted, which matches the CLI's table order).
 */
export async function importSchemaModules(
  files: SourceFiles,
  entry?: string | readonly string[],
): Promise<Record<string, unknown>> {
  const entries = entry === undefined ? defaultEntries(files) : typeof entry === 'string' ? [entry] : [...entry];
  const names = new Set(Object.keys(files).map((name) => path.posix.normalize(name.replace(/\\/g, '/'))));
  const dir = path.join(MODULE_CACHE_DIR, randomUUID());
  try {
    for (const [rawName, source] of Object.entries(files)) {
      const name = path.posix.normalize(rawName.replace(/\\/g, '/'));
      const output = transpileToEsm(name, source, names);
      const target = path.join(dir, outputName(name));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, output);
    }
    const merged: Record<string, unknown> = {};
    for (const entryName of entries) {
      const normalized = path.posix.normalize(entryName.replace(/\\/g, '/'));
      if (!names.has(normalized)) throw new Error(`generateSql: entry ${entryName} is not one of the files`);
      const url = pathToFileURL(path.join(dir, outputName(normalized))).href;
      const namespace = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
      for (const [key, value] of Object.entries(namespace)) {
        if (!Object.values(merged).includes(value)) merged[`${normalized}:${key}`] = value;
      }
    }
    return merged;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function outputName(name: string): string {
  return name.replace(/\.(?:[cm]?[jt]sx?)$/, '') + '.mjs';
}

/** Maps a relative import in `fromFile` to the in-memory file it means, if any. */
function resolveRelative(fromFile: string, specifier: string, names: ReadonlySet<string>): string | undefined {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  const stem = target.replace(/\.(?:[cm]?js|jsx)$/, '');
  const candidates = [
    target,
    `${stem}.ts`,
    `${stem}.tsx`,
    `${stem}.mts`,
    `${stem}.js`,
    `${stem}.mjs`,
    `${target}/index.ts`,
    `${target}/index.js`,
  ];
  return candidates.find((candidate) => names.has(candidate));
}

function transpileToEsm(fileName: string, source: string, names: ReadonlySet<string>): string {
  const rewrite = (specifier: string): string => {
    if (!specifier.startsWith('./') && !specifier.startsWith('../')) return specifier;
    const resolved = resolveRelative(fileName, specifier, names);
    if (!resolved) return specifier;
    let relative = path.posix.relative(path.posix.dirname(fileName), outputName(resolved));
    if (!relative.startsWith('.')) relative = `./${relative}`;
    return relative;
  };
  const rewriteSpecifiers: ts.TransformerFactory<ts.SourceFile> = (context) => {
    const { factory } = context;
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        return factory.updateImportDeclaration(
          node,
          node.modifiers,
          node.importClause,
          factory.createStringLiteral(rewrite(node.moduleSpecifier.text)),
          node.attributes,
        );
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        return factory.updateExportDeclaration(
          node,
          node.modifiers,
          node.isTypeOnly,
          node.exportClause,
          factory.createStringLiteral(rewrite(node.moduleSpecifier.text)),
          node.attributes,
        );
      }
      if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments.length > 0 &&
        ts.isStringLiteral(node.arguments[0]!)
      ) {
        const [first, ...rest] = node.arguments;
        return factory.updateCallExpression(node, node.expression, node.typeArguments, [
          factory.createStringLiteral(rewrite((first as ts.StringLiteral).text)),
          ...rest,
        ]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return (sourceFile) => ts.visitNode(sourceFile, visit) as ts.SourceFile;
  };
  const result = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      sourceMap: false,
      inlineSourceMap: false,
    },
    transformers: { after: [rewriteSpecifiers] },
  });
  const syntaxErrors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntaxErrors.length > 0) {
    throw new Error(`generateSql: cannot transpile ${fileName}:\n${syntaxErrors.map(formatDiagnostic).join('\n')}`);
  }
  return result.outputText;
}

// ---------------------------------------------------------------------------
// PGlite
// ---------------------------------------------------------------------------

/** The non-superuser, non-owner role that `asTenant` switches to. RLS applies to it. */
export const APP_ROLE = 'app_user';

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Splits a drizzle-kit migration into statements (like drizzle's migrator does). */
export function splitStatements(sql: string): string[] {
  return sql
    .split(STATEMENT_BREAKPOINT)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/** Applies a migration (statement by statement, so an error names its statement). */
export async function applyMigration(db: PGlite, sql: string | readonly string[]): Promise<void> {
  const statements = typeof sql === 'string' ? splitStatements(sql) : sql.flatMap(splitStatements);
  for (const statement of statements) {
    try {
      await db.exec(statement);
    } catch (error) {
      throw new Error(`Migration statement failed: ${(error as Error).message}\n${statement}`, { cause: error });
    }
  }
}

/**
 * Grants `role` USAGE on every user schema and DML on every table/sequence in
 * them (call again after creating more tables by hand).
 */
export async function grantAppRole(db: PGlite, role: string = APP_ROLE): Promise<void> {
  const r = quoteLiteral(quoteIdent(role));
  await db.exec(`DO $grant$
DECLARE s text;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
  LOOP
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %s', s, ${r});
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %s', s, ${r});
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %s', s, ${r});
  END LOOP;
END
$grant$;`);
}

interface Template {
  dataDir: Blob;
  /** The instance the template was dumped from, handed to the first caller. */
  spare: PGlite | undefined;
}

let templatePromise: Promise<Template> | undefined;

/** Creating a PGlite cluster costs 2-5 s; loading a dumped one ~0.5 s. */
function getTemplate(): Promise<Template> {
  templatePromise ??= (async () => {
    const db = await PGlite.create();
    await db.exec(`CREATE ROLE ${quoteIdent(APP_ROLE)} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;`);
    const dataDir = await db.dumpDataDir('none');
    return { dataDir, spare: db };
  })();
  return templatePromise;
}

/** A fresh database (role `app_user` exists, nothing else). Close it when done. */
export async function createDatabase(): Promise<PGlite> {
  const template = await getTemplate();
  const spare = template.spare;
  if (spare) {
    template.spare = undefined;
    return spare;
  }
  return PGlite.create({ loadDataDir: template.dataDir });
}

export interface WithDatabaseOptions {
  /** Grant `app_user` access to all tables after the migration (default true). */
  grant?: boolean;
}

/**
 * Runs `fn` against a fresh embedded PostgreSQL with `sql` (a drizzle-kit
 * migration, split on `--> statement-breakpoint`) applied, then closes it.
 * The connection is the superuser `postgres` (bypasses RLS); use `asTenant`
 * to query as `app_user`.
 */
export async function withDatabase<T>(
  sql: string | readonly string[],
  fn: (db: PGlite) => Promise<T>,
  options: WithDatabaseOptions = {},
): Promise<T> {
  const db = await createDatabase();
  try {
    await applyMigration(db, sql);
    if (options.grant ?? true) await grantAppRole(db);
    return await fn(db);
  } finally {
    await db.close();
  }
}

export interface AsRoleOptions {
  /** Role to `SET LOCAL ROLE` to (default `app_user`). */
  role?: string;
}

/**
 * Runs `fn` inside a transaction as `role` with the given settings applied
 * transaction-locally (`set_config(name, value, true)`, i.e. `SET LOCAL`).
 * Throwing from `fn` rolls back.
 */
export async function asRole<T>(
  db: PGlite,
  settings: Readonly<Record<string, string>>,
  fn: (tx: Transaction) => Promise<T>,
  options: AsRoleOptions = {},
): Promise<T> {
  return db.transaction(async (tx) => {
    for (const [name, value] of Object.entries(settings)) {
      await tx.query('SELECT set_config($1, $2, true)', [name, value]);
    }
    await tx.exec(`SET LOCAL ROLE ${quoteIdent(options.role ?? APP_ROLE)};`);
    return fn(tx);
  });
}

/** `asRole` with `app.tenant_id` set to `tenantId`. */
export function asTenant<T>(
  db: PGlite,
  tenantId: string,
  fn: (tx: Transaction) => Promise<T>,
  options: AsRoleOptions = {},
): Promise<T> {
  return asRole(db, { 'app.tenant_id': tenantId }, fn, options);
}

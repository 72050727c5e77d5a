/**
 * Integration-test support for the Python side: real SQLModel and Alembic, in a virtual environment
 * the tests make themselves, against a real Postgres (PGlite, served over a TCP socket).
 *
 * - `ensureVenv()` — the virtual environment of tests/python/requirements.txt (exact pins), made under
 *   node_modules/.cache/ on first use and reused while the pins, the Python and the platform are the
 *   same (a hash stamp). No Python, or no `venv`/`ensurepip`, is an error that says what to install:
 *   these tests fail, they never skip.
 * - `runPython(code | { file }, options)` — the venv's interpreter, asynchronously (the socket server
 *   lives in this process and must keep serving while Python runs).
 * - `withPostgres(fn)` — a fresh PGlite (with the non-owner role `app_user`) served on 127.0.0.1, and a
 *   `postgresql+psycopg://` URL for SQLAlchemy.
 * - `syntaxErrors(files)` — CPython's parser on every `.py` file (one process for them all).
 * - `importModels(files)`, `createAll(pg, files)` — import SQLModel modules; run
 *   `SQLModel.metadata.create_all`.
 * - `alembicFiles(versions, models)`, `alembic(pg, dir, ...args)`, `proveHistory(pg, versions)` — an
 *   Alembic history in a temp project (alembic.ini + alembic/env.py + alembic/versions/), upgraded to
 *   head, probed for tenant isolation (support/tenant-probe.ts), downgraded to base, and what the
 *   downgrade left behind (`leftovers`).
 * - `proveStepwise(pg, versions)` — one revision up at a time, then one down at a time: which
 *   downgrade did not give back the schema from before its upgrade (`schemaSnapshot`).
 * - `writeProject(files | { dir })`, `readProject(dir)` — between these helpers and files on disk (what
 *   `fixProject` in support/eslint.ts fixes).
 *
 * Why PGlite over @electric-sql/pglite-socket (measured on 2026-11-30, Node 20, Python 3.11.7):
 * - psycopg 3.3.9 (binary), psycopg2-binary 2.9.13 and pg8000 1.31.6 each connect through SQLAlchemy
 *   2.1.9, create a table and read it back over the socket (0.14-0.28 s a run); no Postgres server
 *   binary is needed, and the TypeScript tests already use PGlite, so both stacks meet one database.
 * - The package pins its peer `@electric-sql/pglite` to exactly 0.5.14 (and seven extension packages
 *   of ~1 MB in all); the project has 0.5.16, so `npm install` fails with ERESOLVE. package.json's
 *   `overrides` points that peer at the project's own PGlite; the socket code uses only
 *   `execProtocolRawStream`, `runExclusive` and `isInTransaction`, which 0.5.16 has.
 * - PGlite is one Postgres backend: every connection shares one session. The server accepts one
 *   connection at a time (a second one at once fails with psycopg's "server closed the connection
 *   unexpectedly"; SQLAlchemy here uses `NullPool`), and after each Python process the session is reset
 *   (`DISCARD ALL`): without it the next process fails with `DuplicatePreparedStatement: prepared
 *   statement "_pg3_0" already exists` (psycopg prepares a query on its 5th run), and a `SET ROLE` would
 *   carry over (python-real.test.ts proves both).
 *
 * Call `ensureVenv()` in a `beforeAll` with `VENV_TIMEOUT_MS`: the first run creates the venv (measured:
 * 14-18 s on a quiet machine, `python -m venv` 7 s and pip install without a cache 10.6 s of it; 37-42 s
 * at load average 14 on 2 cores), later runs only check the stamp (0.1-0.6 s).
 */
import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createDatabase, grantAppRole, PROJECT_ROOT, type SourceFiles } from './drizzle.js';
import { probeTenantIsolation, type ProbeOptions, type IsolationReport } from './tenant-probe.js';

/** The pinned requirements of the Python tests. */
export const REQUIREMENTS = path.join(PROJECT_ROOT, 'tests', 'python', 'requirements.txt');

/** Where the virtual environment lives: gitignored, and gone with `npm ci` like the rest of node_modules. */
export const VENV_ROOT = path.join(PROJECT_ROOT, 'node_modules', '.cache', 'data-modeling-python');

const VENV_DIR = path.join(VENV_ROOT, 'venv');
const STAMP = 'data-modeling-stamp.txt';
const LOCK_DIR = path.join(VENV_ROOT, 'venv.lock');
const BIN = process.platform === 'win32' ? 'Scripts' : 'bin';
const EXE = process.platform === 'win32' ? 'python.exe' : 'python';

/** The oldest Python the pinned packages install on (their Requires-Python: sqlmodel 0.0.50 and SQLAlchemy 2.1 need 3.11). */
const MIN_PYTHON: readonly [number, number] = [3, 11];

/**
 * How pip installs the requirements: wheels only, so a platform without one fails at once instead of
 * compiling pydantic-core's Rust. Checked with `pip download --only-binary=:all:`: every compiled pin has
 * wheels for CPython 3.12-3.14 on manylinux x86_64, 3.12 on macOS arm64, Windows amd64 and
 * manylinux_2_28 aarch64 (psycopg-binary has no manylinux_2_17 aarch64 wheel: glibc 2.28+ is needed there).
 */
const PIP_INSTALL = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off', '--only-binary=:all:', '-r', REQUIREMENTS];

/** A `beforeAll` timeout that covers creating the venv on a slow machine. */
export const VENV_TIMEOUT_MS = 600_000;

export interface Venv {
  /** The venv's interpreter. */
  python: string;
  /** How long `ensureVenv` took in this process: creating and installing, or only checking the stamp. */
  ms: number;
  /** True when this call created the environment. */
  created: boolean;
}

export interface EnsureVenvOptions {
  /** The Python to build the venv with; default `$DATA_MODELING_PYTHON`, else `python3` (`python` on Windows). */
  python?: string;
}

let venvPromise: Promise<Venv> | undefined;

/**
 * The virtual environment of tests/python/requirements.txt, made once and reused across runs; concurrent
 * test workers wait for one another (a lock directory) instead of building it twice.
 */
export function ensureVenv(options: EnsureVenvOptions = {}): Promise<Venv> {
  if (options.python !== undefined) return buildVenv(options.python);
  venvPromise ??= buildVenv(process.env.DATA_MODELING_PYTHON || (process.platform === 'win32' ? 'python' : 'python3'));
  return venvPromise;
}

async function buildVenv(basePython: string): Promise<Venv> {
  const started = performance.now();
  const stamp = venvStamp(basePython);
  const python = path.join(VENV_DIR, BIN, EXE);
  if (readStamp(VENV_DIR) === stamp) return { python, ms: performance.now() - started, created: false };
  await acquireLock();
  try {
    if (readStamp(VENV_DIR) === stamp) return { python, ms: performance.now() - started, created: false };
    const building = path.join(VENV_ROOT, `venv.building-${process.pid}`);
    rmSync(building, { recursive: true, force: true });
    await run(basePython, ['-m', 'venv', building], 'create the virtual environment');
    await run(
      path.join(building, BIN, EXE),
      PIP_INSTALL,
      `install ${path.relative(PROJECT_ROOT, REQUIREMENTS)}`,
    );
    writeFileSync(path.join(building, STAMP), stamp);
    // Only `python -m …` is run from the venv, so it works after the move (console scripts would not).
    rmSync(VENV_DIR, { recursive: true, force: true });
    renameSync(building, VENV_DIR);
    return { python, ms: performance.now() - started, created: true };
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/** What the venv is made of: the requirements, and which Python on which platform made it. */
function venvStamp(basePython: string): string {
  const probe = spawnSync(
    basePython,
    ['-c', 'import sys, venv, ensurepip; print(sys.version_info[0], sys.version_info[1], sys.version, sys.executable, sep="\\n")'],
    { encoding: 'utf8' },
  );
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : probe.stderr.trim().split('\n').at(-1);
    throw new Error(
      `The Python integration tests need Python ${MIN_PYTHON.join('.')}+ with the venv module, and "${basePython}" ` +
        `cannot provide it (${why}). Install Python 3 with venv (Debian/Ubuntu: apt-get install python3 python3-venv), ` +
        'or point $DATA_MODELING_PYTHON at one. These tests do not skip without Python: they prove the plugin\'s Python fixes.',
    );
  }
  const [major, minor, version, executable] = probe.stdout.trim().split('\n');
  if (Number(major) < MIN_PYTHON[0] || (Number(major) === MIN_PYTHON[0] && Number(minor) < MIN_PYTHON[1])) {
    throw new Error(`The Python integration tests need Python ${MIN_PYTHON.join('.')}+; "${basePython}" is ${version}.`);
  }
  return createHash('sha256')
    .update([readFileSync(REQUIREMENTS, 'utf8'), ...PIP_INSTALL, version, executable, process.platform, process.arch].join('\0'))
    .digest('hex');
}

function readStamp(venv: string): string | undefined {
  try {
    return existsSync(path.join(venv, BIN, EXE)) ? readFileSync(path.join(venv, STAMP), 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

async function run(command: string, args: string[], what: string): Promise<void> {
  const result = await spawnProcess(command, args, { env: { ...process.env, PIP_NO_INPUT: '1' }, timeoutMs: VENV_TIMEOUT_MS }).catch(
    (error: Error) => ({ code: null, stdout: '', stderr: error.message, ms: 0 }),
  );
  if (result.code !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`Could not ${what} (${command} ${args.join(' ')}): exit ${result.code}\n${output}`);
  }
}

/** A lock directory holding the owner's pid; a lock whose owner is gone is taken over. */
async function acquireLock(): Promise<void> {
  mkdirSync(VENV_ROOT, { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!lockOwnerAlive()) {
      rmSync(LOCK_DIR, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${LOCK_DIR} (another test process building the venv)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function lockOwnerAlive(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(LOCK_DIR, 'pid'), 'utf8'));
  } catch {
    return true; // the owner is between mkdir and writing its pid
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ---------------------------------------------------------------------------
// runPython
// ---------------------------------------------------------------------------

export interface RunPythonOptions {
  /** Working directory; also first on `PYTHONPATH`, so its modules import. Default the project root. */
  cwd?: string;
  /** Extra environment variables. */
  env?: Record<string, string>;
  /** Arguments after the code or file. */
  args?: string[];
  /** Throw when the exit code is not 0 (default true). */
  check?: boolean;
  /** Default 120 s. */
  timeoutMs?: number;
}

export interface PythonResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs Python code (`python -c`), a file (`{ file }`) or a module (`{ module }`) with the venv's interpreter. */
export async function runPython(
  program: string | { file: string } | { module: string },
  options: RunPythonOptions = {},
): Promise<PythonResult> {
  const { python } = await ensureVenv();
  const cwd = options.cwd ?? PROJECT_ROOT;
  const head = typeof program === 'string' ? ['-c', program] : 'file' in program ? [program.file] : ['-m', program.module];
  const env = {
    ...process.env,
    PYTHONPATH: cwd,
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONNOUSERSITE: '1',
    PYTHONUNBUFFERED: '1',
    PYTHONIOENCODING: 'utf-8',
    ...options.env,
  };
  const result = await spawnProcess(python, [...head, ...(options.args ?? [])], { cwd, env, timeoutMs: options.timeoutMs ?? 120_000 });
  if ((options.check ?? true) && result.code !== 0) {
    const what = typeof program === 'string' ? program.split('\n').slice(0, 3).join('\n') : JSON.stringify(program);
    throw new PythonError(`Python exited with ${result.code} in ${cwd}:\n${what}\n--- stderr ---\n${result.stderr.trim()}`, result);
  }
  return result;
}

/** A Python run that failed; `result` has its output. */
export class PythonError extends Error {
  constructor(
    message: string,
    readonly result: PythonResult,
  ) {
    super(message);
  }
}

/** Runs a process without blocking the event loop (PGlite's socket server lives in this process). */
function spawnProcess(
  command: string,
  args: string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<PythonResult> {
  const started = performance.now();
  return new Promise<PythonResult>((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

// ---------------------------------------------------------------------------
// Postgres for Python
// ---------------------------------------------------------------------------

export interface PythonPostgres {
  /** SQLAlchemy URL (psycopg 3). */
  url: string;
  /** The database itself, for probes from Node (no Python connection may be open meanwhile). */
  db: PGlite;
  /** Waits until Python's connection is gone and resets the shared session (see the header). */
  reset(): Promise<void>;
}

/** Runs `fn` with a fresh database served on 127.0.0.1 (random port); stops and closes it afterwards. */
export async function withPostgres<T>(fn: (pg: PythonPostgres) => Promise<T>): Promise<T> {
  const db = await createDatabase();
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  try {
    await server.start();
    const conn = server.getServerConn(); // host:port, the port the OS gave
    const reset = async (): Promise<void> => {
      const deadline = Date.now() + 5000;
      while (server.getStats().activeConnections > 0) {
        if (Date.now() > deadline) throw new Error('A Python connection to PGlite is still open');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      if (db.isInTransaction()) await db.exec('ROLLBACK');
      await db.exec('DISCARD ALL');
    };
    return await fn({ url: `postgresql+psycopg://postgres@${conn}/postgres`, db, reset });
  } finally {
    await server.stop();
    await db.close();
  }
}

/** Runs Python with `DATABASE_URL` set to `pg`, then resets the session for whatever runs next. */
export async function runPythonOn(
  pg: PythonPostgres,
  program: Parameters<typeof runPython>[0],
  options: RunPythonOptions = {},
): Promise<PythonResult> {
  try {
    return await runPython(program, { ...options, env: { DATABASE_URL: pg.url, ...options.env } });
  } finally {
    await pg.reset();
  }
}

// ---------------------------------------------------------------------------
// Projects on disk
// ---------------------------------------------------------------------------

/** A project on disk: in-memory files (relative path -> text), or a folder to copy. */
export type PythonProject = SourceFiles | { dir: string };

/** Writes `project` into a new temp folder and returns it; remove it with `removeProject`. */
export async function writeProject(project: PythonProject, extra: SourceFiles = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'data-modeling-py-'));
  if ('dir' in project && typeof project.dir === 'string') await cp(project.dir, dir, { recursive: true });
  else await writeFiles(dir, project as SourceFiles);
  await writeFiles(dir, extra);
  return dir;
}

async function writeFiles(dir: string, files: SourceFiles): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    const target = path.join(dir, name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  }
}

export function removeProject(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

async function inProject<T>(project: PythonProject, extra: SourceFiles, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await writeProject(project, extra);
  try {
    return await fn(dir);
  } finally {
    await removeProject(dir);
  }
}

// ---------------------------------------------------------------------------
// Syntax
// ---------------------------------------------------------------------------

const CHECK_SYNTAX = `
import ast, json, pathlib
errors = {}
for path in sorted(pathlib.Path(".").rglob("*.py")):
    try:
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except SyntaxError as error:
        errors[path.as_posix()] = f"{error.msg} (line {error.lineno}, column {error.offset})"  # 1-based, as CPython counts
print("ERRORS" + json.dumps(errors))
`;

/** CPython's own parser on every `.py` file of the project, in one process: file -> syntax error (none: `{}`). */
export async function syntaxErrors(project: PythonProject): Promise<Record<string, string>> {
  return inProject(project, {}, async (cwd) => {
    const { stdout } = await runPython(CHECK_SYNTAX, { cwd });
    const line = stdout.split('\n').find((l) => l.startsWith('ERRORS'));
    if (!line) throw new Error(`No result from the syntax check:\n${stdout}`);
    return JSON.parse(line.slice('ERRORS'.length)) as Record<string, string>;
  });
}

// ---------------------------------------------------------------------------
// SQLModel
// ---------------------------------------------------------------------------

export interface ModelsOptions {
  /** Modules to import (dotted); default every `.py` file of the project but `__init__.py`s. */
  modules?: string[];
}

/** The dotted module names of a project's Python files. */
function moduleNames(project: PythonProject): string[] {
  if (!('dir' in project && typeof project.dir === 'string')) {
    return Object.keys(project)
      .filter((name) => name.endsWith('.py') && path.posix.basename(name) !== '__init__.py')
      .map((name) => name.replace(/\.py$/u, '').split('/').join('.'))
      .sort();
  }
  throw new Error('importModels/createAll: pass `modules` with a folder project');
}

const IMPORT_MODELS = `
import importlib, json, os, sys
from sqlmodel import SQLModel
for name in json.loads(os.environ["MODELS"]):
    importlib.import_module(name)
tables = {t.name: sorted(c.name for c in t.columns) for t in SQLModel.metadata.sorted_tables}
if os.environ.get("DATABASE_URL"):
    from sqlalchemy import create_engine, pool
    engine = create_engine(os.environ["DATABASE_URL"], poolclass=pool.NullPool)
    SQLModel.metadata.create_all(engine)
    engine.dispose()
print("TABLES" + json.dumps(tables))
`;

/** Table name -> its column names, as SQLModel's metadata has them. */
export type ModelTables = Record<string, string[]>;

function parseTables(result: PythonResult): ModelTables {
  const line = result.stdout.split('\n').find((l) => l.startsWith('TABLES'));
  if (!line) throw new Error(`No table list in Python's output:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(line.slice('TABLES'.length)) as ModelTables;
}

/** Imports the models with real SQLModel (no database): the tables their metadata holds. */
export async function importModels(project: PythonProject, options: ModelsOptions = {}): Promise<ModelTables> {
  const modules = options.modules ?? moduleNames(project);
  return inProject(project, {}, async (cwd) => parseTables(await runPython(IMPORT_MODELS, { cwd, env: { MODELS: JSON.stringify(modules) } })));
}

/** Imports the models and runs `SQLModel.metadata.create_all` against `pg`: the tables it made. */
export async function createAll(pg: PythonPostgres, project: PythonProject, options: ModelsOptions = {}): Promise<ModelTables> {
  const modules = options.modules ?? moduleNames(project);
  return inProject(project, {}, async (cwd) =>
    parseTables(await runPythonOn(pg, IMPORT_MODELS, { cwd, env: { MODELS: JSON.stringify(modules) } })),
  );
}

// ---------------------------------------------------------------------------
// Alembic
// ---------------------------------------------------------------------------

const ALEMBIC_INI = `[alembic]
script_location = %(here)s/alembic
path_separator = os

[loggers]
keys = root

[handlers]
keys =

[formatters]
keys =

[logger_root]
level = WARNING
handlers =
`;

/** Online migrations only, on the URL of DATABASE_URL, one connection (PGlite serves one at a time). */
const ENV_PY = `import os

from alembic import context
from sqlalchemy import create_engine, pool

engine = create_engine(os.environ["DATABASE_URL"], poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
`;

/**
 * The files of an Alembic project around `versions` (file name -> migration source, the files of an
 * `alembic/versions/` folder): alembic.ini and alembic/env.py; `models` files go beside alembic.ini.
 */
export function alembicFiles(versions: SourceFiles, models: SourceFiles = {}): SourceFiles {
  const files: Record<string, string> = { 'alembic.ini': ALEMBIC_INI, 'alembic/env.py': ENV_PY, ...models };
  for (const [name, text] of Object.entries(versions)) files[`alembic/versions/${path.posix.basename(name)}`] = text;
  return files;
}

/** Runs `alembic <args>` (python -m alembic) in `dir` against `pg`. */
export function alembic(pg: PythonPostgres, dir: string, ...args: string[]): Promise<PythonResult> {
  return runPythonOn(pg, { module: 'alembic' }, { cwd: dir, args });
}

export interface HistoryProof {
  /** Tables after `upgrade head` (without alembic_version). */
  tables: string[];
  /** The tenant-isolation probe after the upgrade. */
  isolation: IsolationReport;
  /** Alembic's last error line when `downgrade base` failed (it then rolls back: everything is left). */
  downgradeError: string | null;
  /** What `downgrade base` left: tables, views, sequences and types other than alembic_version. */
  leftAfterDowngrade: string[];
}

/**
 * Upgrades an Alembic history (`versions`: file name -> source) to head on `pg` (throws when that
 * fails), probes tenant isolation, downgrades to base, and reports what the downgrade left.
 */
export async function proveHistory(
  pg: PythonPostgres,
  versions: SourceFiles,
  options: ProbeOptions & { models?: SourceFiles } = {},
): Promise<HistoryProof> {
  return inProject(alembicFiles(versions, options.models), {}, async (dir) => {
    await alembic(pg, dir, 'upgrade', 'head');
    const tables = (await leftovers(pg.db)).filter((item) => item.startsWith('table ')).map((item) => item.slice('table '.length));
    await grantAppRole(pg.db);
    const isolation = await probeTenantIsolation(pg.db, options);
    const downgrade = await runPythonOn(pg, { module: 'alembic' }, { cwd: dir, args: ['downgrade', 'base'], check: false });
    const downgradeError = downgrade.code === 0 ? null : pythonException(downgrade);
    return { tables, isolation, downgradeError, leftAfterDowngrade: await leftovers(pg.db) };
  });
}

/** The exception line of a failed run's traceback (`sqlalchemy.exc.InternalError: (…) cannot drop table …`). */
export function pythonException(result: PythonResult): string {
  const lines = result.stderr.trim().split('\n');
  return lines.findLast((line) => /^[A-Za-z_][\w.]*(?:Error|Exception|Exit)\b/u.test(line)) ?? lines.at(-1) ?? `exit ${result.code}`;
}

/** The files under `dir` (relative posix path -> text), e.g. a fixture project to hand to the helpers above. */
export function readProject(dir: string): SourceFiles {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
  }
  return files;
}

/** Tables, views, sequences and enum/composite/domain types in user schemas, but Alembic's version table ("table x"). */
export async function leftovers(db: PGlite): Promise<string[]> {
  const { rows } = await db.query<{ item: string }>(`
    SELECT CASE c.relkind WHEN 'r' THEN 'table ' WHEN 'p' THEN 'table ' WHEN 'v' THEN 'view ' WHEN 'm' THEN 'view '
             ELSE 'sequence ' END || CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END || c.relname AS item
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
       AND c.relname <> 'alembic_version'
    UNION ALL
    SELECT 'type ' || CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END || t.typname
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE t.typtype IN ('e', 'd') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
     ORDER BY 1`);
  return rows.map((row) => row.item);
}

/**
 * What migrations make, one line each, sorted: tables with their row-level security, columns,
 * constraints, indexes, policies, views, sequences, enum and domain types, in user schemas (but
 * Alembic's alembic_version). Two snapshots are equal when a downgrade undid its upgrade.
 */
export async function schemaSnapshot(db: PGlite): Promise<string[]> {
  const { rows } = await db.query<{ line: string }>(`
    WITH rel AS (
      SELECT c.oid, c.relkind, c.relrowsecurity, c.relforcerowsecurity,
             CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END || c.relname AS name
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND c.relname <> 'alembic_version'
    )
    SELECT CASE relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' WHEN 'm' THEN 'view ' ELSE 'table ' END || name
           || CASE WHEN relkind IN ('r', 'p') THEN ' rls=' || relrowsecurity || ' force=' || relforcerowsecurity ELSE '' END AS line
      FROM rel WHERE relkind IN ('r', 'p', 'v', 'm', 'S')
    UNION ALL
    SELECT 'column ' || rel.name || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
           || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
           || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
      FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid AND a.attnum > 0 AND NOT a.attisdropped
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE rel.relkind IN ('r', 'p')
    UNION ALL
    SELECT 'constraint ' || rel.name || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid)
      FROM rel JOIN pg_constraint k ON k.conrelid = rel.oid
    UNION ALL
    SELECT 'index ' || rel.name || ' ' || pg_get_indexdef(i.indexrelid)
      FROM rel JOIN pg_index i ON i.indrelid = rel.oid
    UNION ALL
    SELECT 'policy ' || rel.name || ' ' || p.polname || ' ' || p.polcmd::text || ' ' || p.polpermissive::text
           || coalesce(' using ' || pg_get_expr(p.polqual, p.polrelid), '')
           || coalesce(' check ' || pg_get_expr(p.polwithcheck, p.polrelid), '')
      FROM rel JOIN pg_policy p ON p.polrelid = rel.oid
    UNION ALL
    SELECT 'type ' || CASE WHEN n.nspname = 'public' THEN '' ELSE n.nspname || '.' END || t.typname || ' '
           || CASE t.typtype WHEN 'e' THEN 'enum(' || (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'
                              ELSE 'domain ' || format_type(t.typbasetype, t.typtypmod) END
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE t.typtype IN ('e', 'd') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
     ORDER BY 1`);
  return rows.map((row) => row.line);
}

export interface StepProof {
  /** The revision upgraded to and downgraded from. */
  revision: string;
  /** What its downgrade did not undo: `left: …` (still there) and `lost: …` (gone, there before the upgrade). */
  notUndone: string[];
  /** Alembic's exception line when this downgrade failed (the walk stops there). */
  error: string | null;
}

/**
 * Walks a linear history up one revision at a time to head, then down one at a time to base, and
 * checks that each downgrade gives back the schema from before its upgrade (`schemaSnapshot`). Throws
 * when an upgrade fails.
 */
export async function proveStepwise(pg: PythonPostgres, versions: SourceFiles, options: { models?: SourceFiles } = {}): Promise<StepProof[]> {
  const count = Object.keys(versions).filter((name) => name.endsWith('.py')).length;
  return inProject(alembicFiles(versions, options.models), {}, async (dir) => {
    const snapshots = [await schemaSnapshot(pg.db)];
    const revisions: string[] = [];
    for (let i = 0; i < count; i++) {
      await alembic(pg, dir, 'upgrade', '+1');
      const { rows } = await pg.db.query<{ version_num: string }>('SELECT version_num FROM alembic_version');
      revisions.push(rows.map((row) => row.version_num).join(','));
      snapshots.push(await schemaSnapshot(pg.db));
    }
    const steps: StepProof[] = [];
    for (let i = count; i > 0; i--) {
      const result = await runPythonOn(pg, { module: 'alembic' }, { cwd: dir, args: ['downgrade', '-1'], check: false });
      const after = await schemaSnapshot(pg.db);
      const before = snapshots[i - 1]!;
      steps.push({
        revision: revisions[i - 1]!,
        notUndone: [...after.filter((line) => !before.includes(line)).map((line) => `left: ${line}`), ...before.filter((line) => !after.includes(line)).map((line) => `lost: ${line}`)],
        error: result.code === 0 ? null : pythonException(result),
      });
      if (result.code !== 0) break;
    }
    return steps;
  });
}

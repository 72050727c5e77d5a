/**
 * The Python project layer: mixins and base classes imported from other `.py` files.
 *
 * `from .base import TimestampMixin` resolves against the importing file's package;
 * `from app.models.base import TimestampMixin` against the package root, found by walking up from the
 * importing file to the first folder that holds `app/models/base.py` (or `app/models/base/__init__.py`),
 * which covers flat and `src/` layouts without configuration. Another file is summarised once per
 * process (its classes' fields as plain data), cached by path, modification time and size, so the editor
 * sees a saved sibling on its next lint. Whatever cannot be resolved stays unknown.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileCache, fileVersion, versionTurn } from '../project/file-version.js';
import { parsePython, type PyScript } from './parse.js';
import { classData, moduleNamesOf, qualifierFor, readClasses, readImports, type ImportBinding, type PyClassData, type PyFieldData } from './model.js';

/** The fields a base class brings, read from another file. */
export interface ImportedFields {
  fields: (PyFieldData & { module: string })[];
  complete: boolean;
  unresolved: string[];
  /** The class or one of its bases defines `__table_args__`. */
  tableArgs: boolean;
}

/** What `object` and `SQLModel` bring: no field (shared: never written to). */
const NO_FIELDS: ImportedFields = Object.freeze({ fields: [], complete: true, unresolved: [], tableArgs: false }) as ImportedFields;

/** What another Python file provides: its classes as data, and its imports (to follow re-exports). */
export interface PySummary {
  path: string;
  classes: Map<string, PyClassData>;
  imports: Map<string, { module: string; name: string | null }>;
}

/**
 * A per-process cache of one kind of summary of Python files (the classes of a module, a migration's
 * operations), by path, modification time and size: the returned function reads and parses a file again
 * only when it changed, and gives null when it cannot be read or parsed.
 */
export function summaryCache<T>(summarize: (file: string, ast: PyScript) => T): (file: string) => T | null {
  const cache = new Map<string, { mtimeMs: number; size: number; value: T | null }>();
  return (file) => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return null;
    }
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.value;
    let value: T | null = null;
    try {
      const parsed = parsePython(fs.readFileSync(file, 'utf8'));
      if (parsed.ok) value = summarize(file, parsed.ast);
    } catch {
      value = null;
    }
    cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, value });
    return value;
  };
}

const summaries = summaryCache(summaryOf);

/** The summary of a Python file, or null when it cannot be read or parsed. Cached by path+mtime+size. */
export function summarizePython(file: string): PySummary | null {
  return summaries(file);
}

function summaryOf(file: string, ast: PyScript): PySummary {
  const imports = readImports(ast);
  const classes = readClasses(ast, qualifierFor(imports, moduleNamesOf(ast, imports)));
  return {
    path: file,
    classes: new Map([...classes].map(([name, cls]) => [name, classData(cls)])),
    imports: new Map([...imports].map(([local, b]) => [local, { module: b.module, name: b.name }])),
  };
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** `a/b` -> `a/b.py` or `a/b/__init__.py`. */
function moduleFile(base: string): string | null {
  if (isFile(`${base}.py`)) return `${base}.py`;
  if (isFile(path.join(base, '__init__.py'))) return path.join(base, '__init__.py');
  return null;
}

const LIBRARIES = /^(sqlmodel|sqlalchemy|alembic|pydantic|pydantic_core|fastapi|typing|typing_extensions|uuid|datetime|decimal|enum|abc|collections|dataclasses|functools|json|os|re|sys|pathlib|ipaddress)(\.|$)/u;

export class PythonProject {
  /** module as written -> file, for this importing file. */
  private readonly resolved = new Map<string, string | null>();

  constructor(readonly file: string) {}

  /** The project file a module name denotes from this file (`.base`, `..core.db`, `app.models.base`), or null. */
  resolveModule(module: string, from: string = this.file): string | null {
    const key = `${from}\0${module}`;
    let found = this.resolved.get(key);
    if (found !== undefined) return found;
    found = null;
    const dots = /^\.*/u.exec(module)![0].length;
    // Libraries a models file imports are not project files: no need to look for them on disk.
    if (dots === 0 && LIBRARIES.test(module)) {
      this.resolved.set(key, null);
      return null;
    }
    const parts = module.slice(dots).split('.').filter(Boolean);
    if (dots > 0) {
      let dir = path.dirname(from);
      for (let i = 1; i < dots; i++) dir = path.dirname(dir);
      found = parts.length === 0 ? moduleFile(dir) : moduleFile(path.join(dir, ...parts));
    } else {
      for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
        found = moduleFile(path.join(dir, ...parts));
        if (found || path.dirname(dir) === dir) break;
      }
    }
    this.resolved.set(key, found);
    return found;
  }

  /**
   * The fields of a base class named `base` in this file (`TimestampMixin`, `base.TimestampMixin`),
   * imported through `binding`; null when the class cannot be found.
   */
  importedClassFields(binding: ImportBinding, base: string): ImportedFields | null {
    const rest = base.split('.').slice(1);
    let target: { file: string; className: string } | null = null;
    if (binding.name === null) {
      // `import app.models.base as base` + `base.TimestampMixin`
      const file = rest.length === 1 ? this.resolveModule(binding.module) : null;
      if (file) target = { file, className: rest[0]! };
    } else if (rest.length === 0) {
      // `from .base import TimestampMixin`: a class of the module, or a re-export.
      const file = this.resolveModule(binding.module);
      if (file) target = { file, className: binding.name };
    } else if (rest.length === 1) {
      // `from app.models import base` + `base.TimestampMixin`
      const file = this.resolveModule(`${binding.module}${binding.module.endsWith('.') ? '' : '.'}${binding.name}`);
      if (file) target = { file, className: rest[0]! };
    }
    return target ? this.classFields(target.file, target.className, new Set()) : null;
  }

  /** The class an import binding names (`from .tenant import Tenant`), following re-exports; null when not found. */
  importedClass(binding: ImportBinding): PyClassData | null {
    if (binding.name === null) return null;
    let file = this.resolveModule(binding.module);
    let name = binding.name;
    for (let hops = 0; file && hops < 8; hops++) {
      const summary = summarizePython(file);
      const cls = summary?.classes.get(name);
      if (cls) return cls;
      const next = summary?.imports.get(name);
      if (!summary || !next || next.name === null) return null;
      file = this.resolveModule(next.module, summary.path);
      name = next.name;
    }
    return null;
  }

  /** A class's fields, its bases' first, following bases and re-exports across files. */
  private classFields(file: string, className: string, seen: Set<string>): ImportedFields | null {
    const key = `${file}#${className}`;
    if (seen.has(key) || seen.size > 32) return null;
    seen.add(key);
    const summary = summarizePython(file);
    if (!summary) return null;
    const cls = summary.classes.get(className);
    if (!cls) {
      const reexport = summary.imports.get(className);
      if (!reexport || reexport.name === null) return null;
      const next = this.resolveModule(reexport.module, file);
      return next ? this.classFields(next, reexport.name, seen) : null;
    }
    const out: ImportedFields = { fields: [], complete: true, unresolved: [], tableArgs: cls.tableArgs };
    for (const base of [...cls.bases].reverse()) {
      const inherited = this.baseOf(summary, base, seen);
      if (!inherited) {
        out.complete = false;
        out.unresolved.push(base ?? '(expression)');
        continue;
      }
      out.fields.push(...inherited.fields);
      out.unresolved.push(...inherited.unresolved);
      if (!inherited.complete) out.complete = false;
      if (inherited.tableArgs) out.tableArgs = true;
    }
    for (const f of cls.fields) {
      const field = { ...f, module: file };
      const at = out.fields.findIndex((g) => g.key === f.key);
      if (at >= 0) out.fields[at] = field;
      else out.fields.push(field);
    }
    return out;
  }

  private baseOf(summary: PySummary, base: string | null, seen: Set<string>): ImportedFields | null {
    if (base === null) return null;
    if (summary.classes.has(base) && !summary.imports.has(base)) return this.classFields(summary.path, base, seen);
    const head = base.split('.')[0]!;
    const binding = summary.imports.get(head);
    if (!binding) return base === 'object' ? NO_FIELDS : null;
    if (/^sqlmodel(\.main)?$/u.test(binding.module) && binding.name === 'SQLModel') return NO_FIELDS;
    if (binding.name === null && (base === 'sqlmodel.SQLModel' || base === 'sqlmodel.main.SQLModel')) return NO_FIELDS;
    const target = this.baseTarget(summary, base);
    return target ? this.classFields(target.file, target.className, seen) : null;
  }

  /**
   * Where a base expression of a summarised file points: a class of that file, or a class name in the
   * module an import names (which may re-export it); null for an expression or a module not found.
   */
  private baseTarget(summary: PySummary, base: string | null): { file: string; className: string } | null {
    if (base === null) return null;
    if (summary.classes.has(base) && !summary.imports.has(base)) return { file: summary.path, className: base };
    const binding = summary.imports.get(base.split('.')[0]!);
    if (!binding) return null;
    const rest = base.split('.').slice(1);
    const module = binding.name === null ? binding.module : rest.length ? `${binding.module}.${binding.name}` : binding.module;
    const className = binding.name === null || rest.length ? rest[0] : binding.name;
    if (!className || rest.length > 1) return null;
    const file = this.resolveModule(module, summary.path);
    return file ? { file, className } : null;
  }

  /**
   * The classes among `names`, all of this file, that a table class (`table=True`) of another file of
   * the project inherits, directly or through other bases: the mixins whose fields are columns of
   * tables defined elsewhere. The project is the Python source root of this file (see `sourceRoot`);
   * when it cannot be listed, none is found.
   */
  inheritedByTables(names: readonly string[]): Set<string> {
    const found = new Set<string>();
    const files = tableFiles(sourceRoot(this.file));
    if (!files) return found;
    const wanted = new Set(names);
    for (const other of files) {
      if (other === this.file) continue;
      const summary = summarizePython(other);
      if (!summary) continue;
      for (const cls of summary.classes.values()) {
        if (cls.table) this.ancestorsIn(summary, cls, wanted, found, new Set());
        if (found.size === wanted.size) return found;
      }
    }
    return found;
  }

  /** Adds to `found` the classes of this file among `wanted` that `cls` inherits, following bases and re-exports. */
  private ancestorsIn(summary: PySummary, cls: PyClassData, wanted: Set<string>, found: Set<string>, seen: Set<string>): void {
    for (const base of cls.bases) {
      let target = this.baseTarget(summary, base);
      for (let hops = 0; target && hops < 8; hops++) {
        const key = `${target.file}#${target.className}`;
        if (seen.has(key) || seen.size > 64) break;
        seen.add(key);
        const next = summarizePython(target.file);
        const nextClass = next?.classes.get(target.className);
        if (next && nextClass) {
          if (target.file === this.file && wanted.has(target.className)) found.add(target.className);
          this.ancestorsIn(next, nextClass, wanted, found, seen);
          break;
        }
        // A re-export (`from .mixins import TenantMixin` in `__init__.py`): follow it.
        const reexport = next?.imports.get(target.className);
        if (!next || !reexport || reexport.name === null) break;
        const file = this.resolveModule(reexport.module, next.path);
        target = file ? { file, className: reexport.name } : null;
      }
    }
  }
}

/**
 * The folder the imports of `file`'s package start from: the parent of its top package folder (the
 * last folder up that holds an `__init__.py`), or the file's own folder outside a package.
 */
export function sourceRoot(file: string): string {
  let dir = path.dirname(file);
  if (!isFile(path.join(dir, '__init__.py'))) return dir;
  while (path.dirname(dir) !== dir && isFile(path.join(path.dirname(dir), '__init__.py'))) dir = path.dirname(dir);
  return path.dirname(dir);
}

/** Folders never searched for models: environments, caches, builds, version control, migrations. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', '.venv', 'env', 'build', 'dist', 'versions', 'migrations']);
/** A source root with more Python files than this is not searched (the answer stays: none found). */
const MAX_PYTHON_FILES = 5000;

/** source root -> its Python files that may declare a table, as listed in one turn of the event loop. */
const tableFileLists = new Map<string, { turn: number; files: string[] | null }>();
/** file -> whether its text may declare a table (`table=True`), by version. */
const declaresTables = new FileCache<boolean>();

/**
 * The Python files under a source root whose text may declare a table class, listed once per turn of
 * the event loop (see src/project/file-version.ts), so the editor sees a new or saved sibling on the
 * next lint; null when the root holds too many files to search.
 */
function tableFiles(root: string): string[] | null {
  const turn = versionTurn();
  const cached = tableFileLists.get(root);
  if (cached?.turn === turn) return cached.files;
  const all: string[] = [];
  const walk = (dir: string): boolean => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    // A virtual environment is not the project's code.
    if (entries.some((e) => e.name === 'pyvenv.cfg')) return true;
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') || SKIPPED_FOLDERS.has(entry.name)) continue;
        if (!walk(path.join(dir, entry.name))) return false;
      } else if (entry.isFile() && entry.name.endsWith('.py')) {
        if (all.length >= MAX_PYTHON_FILES) return false;
        all.push(path.join(dir, entry.name));
      }
    }
    return true;
  };
  let files: string[] | null = null;
  if (walk(root)) {
    files = [];
    for (const file of all) {
      const version = fileVersion(file);
      if (!version) continue;
      let may = declaresTables.get(file, version);
      if (may === undefined) {
        let text = '';
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch {
          text = '';
        }
        may = /\btable\s*=\s*True\b/u.test(text);
        declaresTables.set(file, version, may);
      }
      if (may) files.push(file);
    }
  }
  tableFileLists.set(root, { turn, files });
  return files;
}

/** The Python project of a linted file. */
export function pythonProjectOf(file: string, _cwd?: string): PythonProject {
  return new PythonProject(file);
}

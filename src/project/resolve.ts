import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TS from 'typescript';

/**
 * Module resolution as TypeScript does it, with TypeScript's own `resolveModuleName`: relative
 * specifiers (`./columns.js` meaning `columns.ts`), folder index files, `paths` and `baseUrl` from the
 * nearest tsconfig (its `extends` followed), and workspace packages (a symlinked `node_modules` entry
 * resolves to its real path). TypeScript is an optional peer dependency, loaded at the first import of
 * a project file; without it every import is unknown.
 */

let typescript: typeof TS | null | undefined;

/** TypeScript, or null when it is not installed. */
export function loadTypeScript(): typeof TS | null {
  if (typescript === undefined) {
    try {
      typescript = createRequire(import.meta.url)('typescript') as typeof TS;
    } catch {
      typescript = null;
    }
  }
  return typescript;
}

/** The extensions of project source files the plugin summarises. */
const SOURCE_FILE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/u;

/** True for a project source file: a TypeScript or JavaScript module, not a declaration file, not in node_modules. */
export function isProjectSource(file: string): boolean {
  return SOURCE_FILE.test(file) && !/\.d\.[cm]?ts$/u.test(file) && !file.split(path.sep).includes('node_modules');
}

interface CompilerSetup {
  options: TS.CompilerOptions;
  cache: TS.ModuleResolutionCache;
}

/** Options for files under no tsconfig: resolution as a bundler does it, which also maps `.js` to `.ts`. */
let defaultSetup: CompilerSetup | undefined;

/** tsconfig path -> its compiler options (with `extends` followed) and a resolution cache. */
const setups = new Map<string, CompilerSetup>();
/** directory -> the nearest tsconfig.json at or above it, or null. */
const nearestConfig = new Map<string, string | null>();

function findUp(dir: string, names: readonly string[], memo: Map<string, string | null>): string | null {
  const known = memo.get(dir);
  if (known !== undefined) return known;
  let found: string | null = null;
  for (const name of names) {
    const candidate = path.join(dir, name);
    if (fs.existsSync(candidate)) {
      found = candidate;
      break;
    }
  }
  if (found === null) {
    const parent = path.dirname(dir);
    found = parent === dir ? null : findUp(parent, names, memo);
  }
  memo.set(dir, found);
  return found;
}

/** The nearest file of one of `names` at or above `dir` (cached per directory and name list). */
export function findNearest(dir: string, names: readonly string[]): string | null {
  const key = names.join('|');
  let memo = nearestMemos.get(key);
  if (!memo) nearestMemos.set(key, (memo = new Map()));
  return findUp(dir, names, memo);
}

const nearestMemos = new Map<string, Map<string, string | null>>();

function setupFor(ts: typeof TS, fromFile: string): CompilerSetup {
  const config = findUp(path.dirname(fromFile), ['tsconfig.json'], nearestConfig);
  if (config === null) {
    return (defaultSetup ??= makeSetup(ts, {
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      allowJs: true,
    }));
  }
  let setup = setups.get(config);
  if (!setup) {
    let options: TS.CompilerOptions = { allowJs: true, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext };
    const read = ts.readConfigFile(config, (file) => ts.sys.readFile(file));
    if (!read.error) {
      // Only the options matter here: no file list is read (`include` may match thousands of files).
      const parsed = ts.parseJsonConfigFileContent({ ...read.config, files: [], include: [] }, ts.sys, path.dirname(config), undefined, config);
      options = { ...parsed.options, allowJs: true };
      if (options.moduleResolution === undefined) {
        options.moduleResolution = ts.ModuleResolutionKind.Bundler;
        options.module ??= ts.ModuleKind.ESNext;
      }
    }
    setups.set(config, (setup = makeSetup(ts, options)));
  }
  return setup;
}

function makeSetup(ts: typeof TS, options: TS.CompilerOptions): CompilerSetup {
  return { options, cache: ts.createModuleResolutionCache(process.cwd(), (name) => name, options) };
}

/**
 * The project source file `specifier` names from `fromFile`, or null when it names no project source
 * file (a package that ships no source, a declaration file, a file that does not exist) or TypeScript
 * is absent.
 */
export function resolveModule(specifier: string, fromFile: string, program?: TS.Program | null): string | null {
  const ts = loadTypeScript();
  if (!ts) return null;
  const resolved = program ? resolvedByProgram(ts, program, fromFile, specifier) : undefined;
  if (resolved !== undefined) return projectSource(resolved);
  // Without a Program, the answer depends on the importing file's folder only (its tsconfig, and where
  // relative specifiers start), as TypeScript's resolution cache keeps it: each folder asks once.
  const key = `${path.dirname(fromFile)}\0${specifier}`;
  let module = resolvedInFolder.get(key);
  if (module === undefined) {
    const setup = setupFor(ts, fromFile);
    const found = ts.resolveModuleName(specifier, fromFile, setup.options, ts.sys, setup.cache).resolvedModule?.resolvedFileName;
    module = found === undefined ? null : projectSource(found);
    resolvedInFolder.set(key, module);
  }
  return module;
}

/** The Program's internal lookups of the resolutions it made (TypeScript 5.3 and later; not in its public types). */
interface ProgramResolutions {
  getResolvedModuleFromModuleSpecifier?: (specifier: TS.StringLiteralLike, file: TS.SourceFile) => TS.ResolvedModuleWithFailedLookupLocations | undefined;
  getResolvedModule?: (file: TS.SourceFile, name: string, mode: TS.ResolutionMode) => TS.ResolvedModuleWithFailedLookupLocations | undefined;
}

/**
 * Typed linting: the file the Program resolved `specifier` of `fromFile` to, when the Program holds
 * that file. The Program keeps each resolution under the import's resolution mode, so the import
 * declaration is found to ask with it.
 *
 * typescript-eslint's isolated Program is not asked. In a single run (`CI=true`, or the CLI without
 * `--fix`) with `parserOptions.project`, a file parsed a second time in the process (each pass of
 * `--fix` through the API, a second lint) gets one: the file alone, on a host where every path
 * "exists", so it answers every specifier with its first candidate path (`@/db/columns` from
 * `src/db/schema/` is `src/db/schema/@/db/columns.ts`). Its `noResolve` option tells it apart.
 */
function resolvedByProgram(ts: typeof TS, program: TS.Program, fromFile: string, specifier: string): string | undefined {
  // An isolated Program resolves nothing (`noResolve`), whatever it answers.
  if (program.getCompilerOptions().noResolve) return undefined;
  const sourceFile = program.getSourceFile(fromFile);
  if (!sourceFile) return undefined;
  const lookups = program as TS.Program & ProgramResolutions;
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
    const usage = statement.moduleSpecifier;
    if (!usage || !ts.isStringLiteral(usage) || usage.text !== specifier) continue;
    const resolution =
      typeof lookups.getResolvedModuleFromModuleSpecifier === 'function'
        ? lookups.getResolvedModuleFromModuleSpecifier(usage, sourceFile)
        : lookups.getResolvedModule?.(sourceFile, specifier, ts.getModeForUsageLocation(sourceFile, usage, program.getCompilerOptions()));
    const file = resolution?.resolvedModule?.resolvedFileName;
    return file !== undefined && program.getSourceFile(file) ? file : undefined;
  }
  return undefined;
}

/** folder of the importing file + specifier -> the project source file it names, or null. */
const resolvedInFolder = new Map<string, string | null>();

function projectSource(resolved: string): string | null {
  const file = path.resolve(resolved);
  return isProjectSource(file) ? file : null;
}

/** Forgets every tsconfig read (tests that rewrite one). */
export function clearResolutionCaches(): void {
  resolvedInFolder.clear();
  setups.clear();
  nearestConfig.clear();
  nearestMemos.clear();
  defaultSetup = undefined;
}

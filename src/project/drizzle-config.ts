import * as fs from 'node:fs';
import * as path from 'node:path';
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { staticString, unwrap, propertyName } from '../model/ast.js';
import { fileVersion, FileCache, forgetVersions } from './file-version.js';
import { parseModule } from './parse.js';
import { isProjectSource, loadTypeScript } from './resolve.js';

/** What the plugin reads of a drizzle.config: the schema set and the casing, read statically. */
export interface DrizzleConfig {
  path: string;
  /** The `schema` entries as written (paths, folders, globs), or null when not readable. */
  schema: string[] | null;
  casing: 'snake_case' | 'preserve' | null;
  /** The schema set's files (absolute paths), listed at the first call; null when `schema` is unreadable. */
  files(): readonly string[] | null;
}

const configs = new FileCache<DrizzleConfig | null>();

/**
 * Reads a drizzle.config statically: `export default defineConfig({...})`, `export default {...}`,
 * or a `const config = {...}` exported by default (JSON: the object). The file is never executed:
 * a `schema` that is not a string literal or an array of them leaves the schema set unknown.
 */
export function readDrizzleConfig(file: string): DrizzleConfig | null {
  const version = fileVersion(file);
  if (!version) return null;
  const cached = configs.get(file, version);
  if (cached !== undefined) return cached;
  let config: DrizzleConfig | null = null;
  try {
    const text = fs.readFileSync(file, 'utf8');
    const values = file.endsWith('.json') ? jsonValues(text) : moduleValues(file, text);
    if (values) {
      const dir = path.dirname(file);
      const schema = values.schema;
      const casing = values.casing === 'snake_case' || values.casing === 'preserve' ? values.casing : null;
      let listed: readonly string[] | null | undefined;
      config = {
        path: file,
        schema,
        casing,
        files: () => (listed === undefined ? (listed = schema ? schemaFiles(dir, schema) : null) : listed),
      };
    }
  } catch {
    config = null;
  }
  configs.set(file, version, config);
  return config;
}

interface ConfigValues {
  schema: string[] | null;
  casing: string | null;
}

function jsonValues(text: string): ConfigValues | null {
  const value = JSON.parse(text) as Record<string, unknown>;
  if (typeof value !== 'object' || value === null) return null;
  const schema = typeof value.schema === 'string' ? [value.schema] : Array.isArray(value.schema) && value.schema.every((s) => typeof s === 'string') ? (value.schema as string[]) : null;
  return { schema, casing: typeof value.casing === 'string' ? value.casing : null };
}

function moduleValues(file: string, text: string): ConfigValues | null {
  const program = parseModule(file, text, true).ast;
  let object: TSESTree.ObjectExpression | null = null;
  const constants = new Map<string, TSESTree.Expression>();
  for (const statement of program.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === AST_NODE_TYPES.VariableDeclaration && declaration.kind === 'const') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.init) constants.set(declarator.id.name, declarator.init);
      }
    }
  }
  const configObject = (expression: TSESTree.Node): TSESTree.ObjectExpression | null => {
    let node = unwrap(expression as TSESTree.Expression);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const value = constants.get(node.name);
      if (!value) return null;
      node = unwrap(value);
    }
    // defineConfig({...})
    if (node.type === AST_NODE_TYPES.CallExpression && node.arguments[0]) node = unwrap(node.arguments[0] as TSESTree.Expression);
    return node.type === AST_NODE_TYPES.ObjectExpression ? node : null;
  };
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration) object = configObject(statement.declaration);
  }
  if (!object) return null;
  const values: ConfigValues = { schema: null, casing: null };
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property) continue;
    const key = propertyName(property);
    let value = unwrap(property.value as TSESTree.Expression);
    if (value.type === AST_NODE_TYPES.Identifier && constants.has(value.name)) value = unwrap(constants.get(value.name)!);
    if (key === 'schema') {
      const single = staticString(value);
      if (single !== null) values.schema = [single];
      else if (value.type === AST_NODE_TYPES.ArrayExpression) {
        const items = value.elements.map((element) => (element && element.type !== AST_NODE_TYPES.SpreadElement ? staticString(element) : null));
        values.schema = items.every((item): item is string => item !== null) ? items : null;
      }
    } else if (key === 'casing') {
      values.casing = staticString(value);
    }
  }
  return values;
}

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];

/**
 * The files of a schema set: each entry a file, a folder (every source file under it) or a glob,
 * relative to `dir`. Globs are matched by TypeScript's `sys.readDirectory`, the matcher tsconfig's
 * `include` uses (`*`, `**`, `?`): the plugin needs no glob library of its own.
 */
export function schemaFiles(dir: string, entries: readonly string[]): readonly string[] | null {
  const ts = loadTypeScript();
  if (!ts) return null;
  const files = new Set<string>();
  for (const entry of entries) {
    const absolute = path.resolve(dir, entry);
    let stat: fs.Stats | null = null;
    try {
      stat = fs.statSync(absolute);
    } catch {
      stat = null;
    }
    if (stat?.isFile()) {
      files.add(absolute);
      continue;
    }
    const matched = stat?.isDirectory()
      ? ts.sys.readDirectory(absolute, EXTENSIONS, ['**/node_modules'], ['**/*'])
      : ts.sys.readDirectory(dir, EXTENSIONS, ['**/node_modules'], [entry]);
    for (const file of matched) files.add(path.resolve(file));
  }
  return [...files].filter(isProjectSource).sort();
}

/** Forgets every config read (tests). */
export function clearDrizzleConfigs(): void {
  configs.clear();
  forgetVersions();
}

import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { PG_CORE } from '../model/find-tables.js';
import type { ImportInfo, SchemaModel } from '../model/table.js';
import { lineIndent, startsLine } from './format.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface ImportedName {
  /** How to refer to the export in code (`uuid`, `pg.uuid`). */
  ref: string;
  /** The edit that adds the import, or null when it is already there. */
  fix: TSESLint.RuleFix | null;
}

/**
 * Makes a named export of `module` available: reuses an existing import (or namespace), or adds the
 * name to the module's import declaration, or adds a new declaration after the last import. Returns
 * null when the name is taken by something else in the module scope, so a fix would change meaning.
 */
export function ensureImport(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  schema: SchemaModel,
  module: string,
  name: string,
): ImportedName | null {
  const info = importsOf(schema, module, sourceCode);
  const local = info.named.get(name);
  if (local) return { ref: local, fix: null };
  if (info.namespace) return { ref: `${info.namespace}.${name}`, fix: null };
  if (schema.moduleNames.has(name)) return null;
  const declaration = info.declaration;
  if (declaration) {
    const specifiers = declaration.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === AST_NODE_TYPES.ImportSpecifier);
    if (specifiers.length > 0) return { ref: name, fix: addSpecifier(fixer, sourceCode, declaration, specifiers, name) };
  }
  const quote = firstImportQuote(sourceCode);
  const text = `import { ${name} } from ${quote}${module}${quote}${usesSemicolons(sourceCode) ? ';' : ''}`;
  const imports = sourceCode.ast.body.filter((s) => s.type === AST_NODE_TYPES.ImportDeclaration);
  const lastImport = imports[imports.length - 1];
  if (lastImport) return { ref: name, fix: fixer.insertTextAfter(lastImport, `\n${text}`) };
  return { ref: name, fix: fixer.insertTextBeforeRange([0, 0], `${text}\n`) };
}

/** The name a specifier imports: `b` in `{ b as c }`. */
function importedName(specifier: TSESTree.ImportSpecifier): string {
  return specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
}

export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const ignoringCase = (a: string, b: string): number => byCodePoint(a.toLowerCase(), b.toLowerCase()) || byCodePoint(a, b);

/**
 * Adds `name` to a named import list the way the list is written: at its sorted place when the list is
 * sorted (by code point, or ignoring case; two names or more tell), else last; on a line of its own in
 * a list written one name a line; keeping the list's trailing comma or its absence.
 */
function addSpecifier(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  declaration: TSESTree.ImportDeclaration,
  specifiers: TSESTree.ImportSpecifier[],
  name: string,
): TSESLint.RuleFix {
  const names = specifiers.map(importedName);
  const order = names.length < 2 ? null : [byCodePoint, ignoringCase].find((compare) => names.every((n, i) => i === 0 || compare(names[i - 1]!, n) <= 0));
  const at = order ? names.findIndex((n) => order(name, n) < 0) : -1;
  const onePerLine = specifiers.every((s, i) => i === 0 || s.loc.start.line > specifiers[i - 1]!.loc.end.line) && startsLine(specifiers[0]!, sourceCode);
  const before = specifiers[at];
  // A comment in the list may belong to a name: insert last, where it separates nothing.
  const hasComments = sourceCode.getCommentsInside(declaration).length > 0;
  if (before && !hasComments) {
    if (!onePerLine) return fixer.insertTextBefore(before, `${name}, `);
    const lineStart = sourceCode.getIndexFromLoc({ line: before.loc.start.line, column: 0 });
    return fixer.insertTextAfterRange([lineStart, lineStart], `${lineIndent(before, sourceCode)}${name},\n`);
  }
  const last = specifiers[specifiers.length - 1]!;
  const after = sourceCode.getTokenAfter(last)!;
  const separator = onePerLine ? `\n${lineIndent(last, sourceCode)}` : ' ';
  // `{ a, b, }` keeps its trailing comma; `{ a, b }` gets `, name`.
  if (after.value === ',') return fixer.insertTextAfter(after, `${separator}${name},`);
  return fixer.insertTextAfter(last, `,${separator}${name}`);
}

/**
 * Whether the file ends its statements with semicolons: most of its top-level statements that may
 * take one (imports, exports, declarations, expressions) do. A file that tells nothing gets them.
 */
export function usesSemicolons(sourceCode: SourceCode): boolean {
  let withSemicolon = 0;
  let without = 0;
  for (const statement of sourceCode.ast.body) {
    const node =
      statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.declaration ? statement.declaration : statement;
    const takesOne =
      node.type === AST_NODE_TYPES.ImportDeclaration ||
      node.type === AST_NODE_TYPES.VariableDeclaration ||
      node.type === AST_NODE_TYPES.ExpressionStatement ||
      node.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      node.type === AST_NODE_TYPES.TSTypeAliasDeclaration ||
      (node.type === AST_NODE_TYPES.ExportDefaultDeclaration && !node.declaration.type.endsWith('Declaration'));
    if (!takesOne) continue;
    if (sourceCode.getLastToken(node)?.value === ';') withSemicolon++;
    else without++;
  }
  return withSemicolon >= without;
}

function importsOf(schema: SchemaModel, module: string, sourceCode: SourceCode): ImportInfo {
  if (module === PG_CORE) return schema.pgCore;
  if (module === 'drizzle-orm') return schema.drizzleOrm;
  // Other modules (drizzle-orm/neon) are rare in fixes: read them on demand.
  const info: ImportInfo = { declaration: null, named: new Map(), namespace: null };
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || statement.source.value !== module || statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) info.namespace = specifier.local.name;
      else if (specifier.type === AST_NODE_TYPES.ImportSpecifier && specifier.importKind !== 'type') {
        const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
        info.named.set(imported, specifier.local.name);
        info.declaration ??= statement;
      }
    }
  }
  return info;
}

function firstImportQuote(sourceCode: SourceCode): string {
  const first = sourceCode.ast.body.find((s) => s.type === AST_NODE_TYPES.ImportDeclaration);
  return first && sourceCode.getText(first.source).startsWith("'") ? "'" : '"';
}

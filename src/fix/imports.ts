import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { PG_CORE } from '../model/find-tables.js';
import type { ImportInfo, SchemaModel } from '../model/table.js';

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
    const lastSpecifier = specifiers[specifiers.length - 1];
    if (lastSpecifier) {
      const after = sourceCode.getTokenAfter(lastSpecifier)!;
      // `{ a, b, }` keeps its trailing comma; `{ a, b }` gets `, name`.
      if (after.value === ',') return { ref: name, fix: fixer.insertTextAfter(after, ` ${name},`) };
      const multiline = after.loc.start.line !== lastSpecifier.loc.end.line;
      const indent = multiline ? (/^\s*/u.exec(sourceCode.lines[lastSpecifier.loc.start.line - 1] ?? '')?.[0] ?? '  ') : '';
      return { ref: name, fix: fixer.insertTextAfter(lastSpecifier, multiline ? `,\n${indent}${name}` : `, ${name}`) };
    }
  }
  const quote = firstImportQuote(sourceCode);
  const text = `import { ${name} } from ${quote}${module}${quote};`;
  const imports = sourceCode.ast.body.filter((s) => s.type === AST_NODE_TYPES.ImportDeclaration);
  const lastImport = imports[imports.length - 1];
  if (lastImport) return { ref: name, fix: fixer.insertTextAfter(lastImport, `\n${text}`) };
  return { ref: name, fix: fixer.insertTextBeforeRange([0, 0], `${text}\n`) };
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

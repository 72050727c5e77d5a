import { createRequire } from 'node:module';
import { parseForESLint } from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

type SourceCodeClass = new (config: {
  text: string;
  ast: TSESTree.Program;
  parserServices?: unknown;
  scopeManager?: unknown;
  visitorKeys?: unknown;
}) => TSESLint.SourceCode;

let SourceCode: SourceCodeClass | undefined;

/**
 * Parses a project file with the parser the presets use, into an ESLint `SourceCode` (scopes, tokens,
 * node parents) that the per-file model reads as it reads the linted file. Throws on a syntax error.
 */
export function parseModule(file: string, text: string): Readonly<TSESLint.SourceCode> {
  const result = parseForESLint(text, {
    filePath: file,
    range: true,
    loc: true,
    tokens: true,
    comment: true,
    ecmaVersion: 'latest',
    sourceType: 'module',
    ecmaFeatures: { jsx: /\.[jt]sx$/u.test(file) },
  });
  setParents(result.ast as TSESTree.Node, result.visitorKeys as unknown as Record<string, readonly string[]>);
  // ESLint is a peer dependency, loaded by whoever runs this rule.
  SourceCode ??= (createRequire(import.meta.url)('eslint') as { SourceCode: SourceCodeClass }).SourceCode;
  return new SourceCode({
    text,
    ast: result.ast as TSESTree.Program,
    parserServices: result.services,
    scopeManager: result.scopeManager,
    visitorKeys: result.visitorKeys,
  });
}

/** Sets `parent` on every node, as ESLint's traversal does for the linted file. */
function setParents(root: TSESTree.Node, keys: Record<string, readonly string[]>): void {
  const stack: TSESTree.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const key of keys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (const child of value) {
          if (child && typeof child === 'object' && 'type' in child) {
            (child as unknown as { parent: TSESTree.Node }).parent = node;
            stack.push(child as TSESTree.Node);
          }
        }
      } else if (value && typeof value === 'object' && 'type' in value) {
        (value as unknown as { parent: TSESTree.Node }).parent = node;
        stack.push(value as TSESTree.Node);
      }
    }
  }
}

import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import type { ModifierModel } from '../model/table.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/**
 * Removes one call of a column's modifier chain, with the dot and any line break before it:
 * `timestamp("deleted_at").notNull()` -> `timestamp("deleted_at")`. Returns null when a comment sits in
 * the removed text (it would be lost) or the call is not a plain `object.name(...)`.
 */
export function removeModifier(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, modifier: ModifierModel): TSESLint.RuleFix | null {
  const callee = modifier.call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property !== modifier.property) return null;
  const range: [number, number] = [callee.object.range[1], modifier.call.range[1]];
  // Closing parentheses of a wrapped object, `(x as T).notNull()`, stay.
  const firstToken = sourceCode.getTokenAfter(callee.object, { includeComments: true });
  if (firstToken?.value === ')') return null;
  if (sourceCode.getAllComments().some((c) => c.range[0] >= range[0] && c.range[1] <= range[1])) return null;
  return fixer.removeRange(range);
}

/**
 * What the Python half of a rule receives: the rule's own context (typed for the rule's messages by
 * typescript-eslint's RuleCreator) and the Python SourceCode, which `isPythonSourceCode` told apart.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import type { PyNode, SourceLocation } from '../parse.js';
import type { PythonSourceCode } from '../source-code.js';

export type PyRuleContext<MessageIds extends string, Options extends readonly unknown[] = []> = Readonly<
  TSESLint.RuleContext<MessageIds, Options>
>;

export interface PyRule<MessageIds extends string, Options extends readonly unknown[] = []> {
  (context: PyRuleContext<MessageIds, Options>, sourceCode: PythonSourceCode, options: Options): TSESLint.RuleListener;
}

/** The `loc` of a report on a Python node (Python nodes are not ESTree nodes, so rules report by location). */
export function at(node: PyNode): { loc: SourceLocation } {
  return { loc: node.loc };
}

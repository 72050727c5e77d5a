/**
 * The SourceCode of a Python file, on `@eslint/plugin-kit`'s TextSourceCodeBase (as @eslint/json and
 * @eslint/css build theirs): comments, disable directives and inline config from `#` comments, and the
 * traversal ESLint runs rules on.
 */
import { ConfigCommentParser, Directive, TextSourceCodeBase, VisitNodeStep } from '@eslint/plugin-kit';
import type { FileProblem, RulesConfig, SourceLocation } from '@eslint/core';
import type { PyComment, PyNode, PyScript } from './parse.js';

/** Python's line endings: `\r\n`, `\n` and a lone `\r`. */
export const LINE_ENDING = /\r\n|[\r\n]/u;

const INLINE_CONFIG = /^\s*eslint(?:-enable|-disable(?:(?:-next)?-line)?)?(?:\s|$)/u;

const commentParser = new ConfigCommentParser();

export class PythonSourceCode extends TextSourceCodeBase<{
  LangOptions: Record<string, never>;
  RootNode: PyScript;
  SyntaxElementWithLoc: PyNode | PyComment;
  ConfigNode: PyComment;
}> {
  /** Tells a Python SourceCode from another language's (see {@link isPythonSourceCode}). */
  readonly language = 'python' as const;
  readonly comments: PyComment[];
  readonly visitorKeys: Record<string, string[]>;

  constructor({ text, ast, visitorKeys }: { text: string; ast: PyScript; visitorKeys: Record<string, string[]> }) {
    super({ text, ast, lineEndingPattern: LINE_ENDING });
    this.comments = ast.comments;
    this.visitorKeys = visitorKeys;
  }

  override getParent(node: PyNode | PyComment): PyNode | undefined {
    return 'parent' in node ? (node.parent ?? undefined) : undefined;
  }

  /** The comments that may hold configuration (`# eslint-disable-next-line ...`, `# eslint rule: 2`). */
  getInlineConfigNodes(): PyComment[] {
    return this.comments.filter((c) => INLINE_CONFIG.test(c.value));
  }

  getDisableDirectives(): { problems: FileProblem[]; directives: Directive[] } {
    const problems: FileProblem[] = [];
    const directives: Directive[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (!directive) continue;
      const { label, value, justification } = directive;
      if (label === 'eslint-disable' || label === 'eslint-enable' || label === 'eslint-disable-next-line' || label === 'eslint-disable-line') {
        const type = label.slice('eslint-'.length) as 'disable' | 'enable' | 'disable-next-line' | 'disable-line';
        directives.push(new Directive({ type, node: comment, value, justification }));
      }
    }
    return { problems, directives };
  }

  applyInlineConfig(): { configs: { config: { rules: RulesConfig }; loc: SourceLocation }[]; problems: FileProblem[] } {
    const configs: { config: { rules: RulesConfig }; loc: SourceLocation }[] = [];
    const problems: FileProblem[] = [];
    for (const comment of this.getInlineConfigNodes()) {
      const directive = commentParser.parseDirective(comment.value);
      if (directive?.label !== 'eslint') continue;
      const result = commentParser.parseJSONLikeConfig(directive.value);
      if (result.ok) configs.push({ config: { rules: result.config }, loc: comment.loc });
      else problems.push({ ruleId: null, message: result.error.message, loc: comment.loc });
    }
    return { configs, problems };
  }

  /** Depth-first, every node entered (phase 1) then left (phase 2), as ESLint's JavaScript traversal. */
  override *traverse(): Iterable<VisitNodeStep> {
    const stack: [PyNode, number][] = [[this.ast, 0]];
    yield new VisitNodeStep({ target: this.ast, phase: 1, args: [this.ast, null] });
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const [node, index] = top;
      if (index < node.children.length) {
        top[1]++;
        const next = node.children[index]!;
        yield new VisitNodeStep({ target: next, phase: 1, args: [next, node] });
        stack.push([next, 0]);
      } else {
        stack.pop();
        yield new VisitNodeStep({ target: node, phase: 2, args: [node, node.parent] });
      }
    }
  }
}

/** Whether a rule runs on a Python file (the rule context's `sourceCode` is the Python one). */
export function isPythonSourceCode(sourceCode: unknown): sourceCode is PythonSourceCode {
  return sourceCode instanceof PythonSourceCode;
}

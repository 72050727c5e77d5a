import * as tsParser from '@typescript-eslint/parser';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { forgetScopeManager } from '../model/find-tables.js';

type ParseResult = ReturnType<typeof tsParser.parseForESLint>;

/**
 * Parses of project files read from disk (for their summaries), kept until ESLint parses the same file
 * with the same text and options: then the presets' parser (`parser` below) hands ESLint this result
 * instead of parsing the file a second time, and forgets it. A file is parsed once per version that
 * way, whichever asks first. An unsaved editor buffer differs from the disk's text, and is parsed.
 */
const kept = new Map<string, { text: string; jsx: boolean; result: ParseResult; at: number }>();
let keptChars = 0;
/**
 * At most this much source text is kept waiting, about 1,400 tables (a parse holds some 200 bytes per
 * character of source); the parse of a file beyond it is not kept.
 */
const KEPT_LIMIT = 1024 * 1024;
/**
 * A kept parse ESLint has not asked for within this time is dropped: an editor lints the open files
 * only, and the parses of the others would wait for ever. A CLI run asks for each file in turn.
 */
const KEPT_MS = 30_000;
let sweeper: ReturnType<typeof setInterval> | undefined;

function sweep(): void {
  const now = Date.now();
  for (const [file, entry] of kept) {
    if (now - entry.at < KEPT_MS) continue;
    kept.delete(file);
    keptChars -= entry.text.length;
  }
  if (kept.size === 0) stopSweeping();
}

function stopSweeping(): void {
  if (sweeper !== undefined) clearInterval(sweeper);
  sweeper = undefined;
}

/**
 * Parses a project file with the parser the presets use, into what the per-file model reads of the
 * linted file's `SourceCode`: the text, the AST (with node parents), the scopes, `getScope` and
 * `getText`. Throws on a syntax error. With `keep`, the parse is kept for ESLint's own parse of the
 * file (see `kept`); the caller must not have changed it (the model only reads a parse and sets
 * `parent`, as ESLint does).
 */
export function parseModule(file: string, text: string, keep = false): Readonly<TSESLint.SourceCode> {
  const jsx = /\.[jt]sx$/u.test(file);
  const result = tsParser.parseForESLint(text, {
    filePath: file,
    range: true,
    loc: true,
    tokens: true,
    comment: true,
    ecmaVersion: 'latest',
    sourceType: 'module',
    ecmaFeatures: { jsx },
  });
  setParents(result.ast as TSESTree.Node, result.visitorKeys as unknown as Record<string, readonly string[]>);
  if (keep) {
    const previous = kept.get(file);
    if (previous) keptChars -= previous.text.length;
    kept.delete(file);
    if (keptChars + text.length <= KEPT_LIMIT) {
      kept.set(file, { text, jsx, result, at: Date.now() });
      keptChars += text.length;
      if (sweeper === undefined) {
        sweeper = setInterval(sweep, KEPT_MS / 3);
        sweeper.unref(); // never keeps the process alive
      }
    }
  }
  return new ModuleSource(text, result) as unknown as Readonly<TSESLint.SourceCode>;
}

/**
 * A parsed project module as the model reads it. ESLint's `SourceCode` would also index the lines and
 * tokens, which no summary reads, and ESLint makes its own from a kept parse when it lints the file.
 */
class ModuleSource {
  readonly ast: TSESTree.Program;
  readonly scopeManager: TSESLint.Scope.ScopeManager;
  readonly parserServices: ParseResult['services'];
  readonly visitorKeys: ParseResult['visitorKeys'];
  private readonly scopes = new WeakMap<TSESTree.Node, TSESLint.Scope.Scope>();

  constructor(
    readonly text: string,
    result: ParseResult,
  ) {
    this.ast = result.ast as TSESTree.Program;
    this.scopeManager = result.scopeManager as unknown as TSESLint.Scope.ScopeManager;
    this.parserServices = result.services;
    this.visitorKeys = result.visitorKeys;
  }

  /** The text of a node, or of the module. */
  getText(node?: TSESTree.Node): string {
    return node ? this.text.slice(node.range[0], node.range[1]) : this.text;
  }

  /** The innermost scope of a node, as `SourceCode#getScope` finds it. */
  getScope(node: TSESTree.Node): TSESLint.Scope.Scope {
    let scope = this.scopes.get(node);
    if (scope) return scope;
    // The Program's scope is the global one, not the module scope inside it.
    const inner = node.type !== 'Program';
    for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
      const found = this.scopeManager.acquire(current, inner);
      if (found) {
        scope = found.type === 'function-expression-name' ? found.childScopes[0]! : found;
        break;
      }
    }
    scope ??= this.scopeManager.scopes[0]!;
    this.scopes.set(node, scope);
    return scope;
  }
}

/**
 * Sets `parent` on every node, as ESLint's traversal does for the linted file. An index loop over a
 * plain stack, and a node told by its `type` string: this walks every node of every module read.
 */
function setParents(root: TSESTree.Node, keys: Record<string, readonly string[]>): void {
  const stack: TSESTree.Node[] = [root];
  let size = 1;
  while (size > 0) {
    const node = stack[--size]!;
    const nodeKeys = keys[node.type];
    if (nodeKeys === undefined) continue;
    for (let k = 0; k < nodeKeys.length; k++) {
      const value = (node as unknown as Record<string, unknown>)[nodeKeys[k]!];
      if (value === null || typeof value !== 'object') continue;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          const child = value[i] as { type?: unknown; parent: TSESTree.Node } | null;
          if (child !== null && typeof child === 'object' && typeof child.type === 'string') {
            child.parent = node;
            stack[size++] = child as unknown as TSESTree.Node;
          }
        }
      } else if (typeof (value as { type?: unknown }).type === 'string') {
        (value as { parent: TSESTree.Node }).parent = node;
        stack[size++] = value as TSESTree.Node;
      }
    }
  }
}

/** Parser options that change nothing in the result (ESLint sets them all; the parser ignores `ecmaVersion`). */
const NEUTRAL = new Set(['filePath', 'range', 'loc', 'tokens', 'comment', 'ecmaVersion', 'eslintVisitorKeys', 'eslintScopeManager']);

/** True when ESLint's options for a file give the parse `parseModule` made of it. */
function sameOptions(options: Record<string, unknown>, jsx: boolean): boolean {
  for (const [key, value] of Object.entries(options)) {
    if (NEUTRAL.has(key) || value === undefined) continue;
    if (key === 'sourceType') {
      if (value !== 'module') return false;
    } else if (key === 'ecmaFeatures') {
      if (typeof value !== 'object' || value === null) return false;
      for (const [feature, on] of Object.entries(value)) {
        if (feature === 'jsx' ? Boolean(on) !== jsx : on !== undefined && on !== false) return false;
      }
    } else return false; // `project`, `lib`, `jsxPragma`, …: a parse of its own
  }
  return options.sourceType === 'module';
}

/**
 * The presets' parser: `@typescript-eslint/parser`, except that a file the plugin has already parsed
 * from disk (see `kept`) is not parsed again when ESLint's text and options are those of that parse.
 */
export const parser = {
  meta: { name: 'eslint-plugin-data-modeling/parser', version: tsParser.version },
  version: tsParser.version,
  parseForESLint(text: string, options?: Record<string, unknown>): ParseResult {
    const file = options?.filePath;
    const entry = typeof file === 'string' ? kept.get(file) : undefined;
    if (entry) {
      kept.delete(file as string);
      keptChars -= entry.text.length;
      if (entry.text === text && sameOptions(options!, entry.jsx)) {
        // ESLint adds its globals to this scope manager: what the model counted in it is recounted.
        forgetScopeManager(entry.result.scopeManager as unknown as TSESLint.Scope.ScopeManager);
        return entry.result;
      }
    }
    return tsParser.parseForESLint(text, options as tsParser.ParserOptions);
  },
  parse(text: string, options?: Record<string, unknown>): ParseResult['ast'] {
    return tsParser.parseForESLint(text, options as tsParser.ParserOptions).ast;
  },
};

/** Forgets the kept parses (tests). */
export function clearKeptParses(): void {
  kept.clear();
  keptChars = 0;
  stopSweeping();
}

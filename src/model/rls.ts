import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import type { FileProject } from '../project/project.js';
import { staticString } from './ast.js';
import { readSql, type SqlToken } from './sql.js';
import type { PolicyModel, TableModel } from './table.js';

type SourceCode = Readonly<TSESLint.SourceCode>;
type Tokens = readonly SqlToken[];

/** The commands a row-level security policy can apply to (`for: "all"` is all four). */
export type Command = 'select' | 'insert' | 'update' | 'delete';
export const COMMANDS: readonly Command[] = ['select', 'insert', 'update', 'delete'];

/** What a policy condition (`using`, `withCheck`, crudPolicy's `read` / `modify`) does, as far as the file shows. */
export type ConditionKind =
  | 'isolates' // compares the tenant column with the tenant setting (and nothing it is OR-ed with)
  | 'true' // always true: every row
  | 'other' // readable, but neither of the above
  | 'unknown' // a helper call, a parameter, an imported fragment…
  | 'absent'; // no condition: the policy grants no row for this command

/** What isolates a table's tenants: its tenant column (`id` for a root table) against a Postgres setting. */
export interface TenantTarget {
  table: TableModel;
  /** Database name of the column that holds the tenant id. */
  column: string;
  /** The setting that carries the current tenant (`app.tenant_id`). */
  setting: string;
}

export interface AlwaysTrue {
  /** The option whose condition is always true (`using`, `withCheck`, `read`, `modify`). */
  option: string;
  node: TSESTree.Expression;
  /** The commands for which that option lets every row through. */
  commands: Command[];
}

/** A set of the four commands, held as bits: each policy's facts hold two, and a schema has thousands of policies. */
export class CommandSet implements Iterable<Command> {
  private bits = 0;

  add(command: Command): void {
    this.bits |= COMMAND_BITS[command];
  }

  has(command: Command): boolean {
    return (this.bits & COMMAND_BITS[command]) !== 0;
  }

  *[Symbol.iterator](): Iterator<Command> {
    for (const command of COMMANDS) if (this.has(command)) yield command;
  }
}

const COMMAND_BITS: Readonly<Record<Command, number>> = { select: 1, insert: 2, update: 4, delete: 8 };

export interface PolicyFacts {
  policy: PolicyModel;
  /** Commands for which this permissive policy limits rows to the current tenant. */
  isolates: CommandSet;
  /** Commands this policy may grant in a way the plugin cannot read. */
  unknown: CommandSet;
  /** For a permissive policy that applies to every role: the first always-true condition. */
  alwaysTrue: AlwaysTrue | null;
  /**
   * For a permissive policy, whatever roles it applies to: the always-true conditions. Postgres ORs
   * permissive policies, so these let their roles past any tenant policy.
   */
  opens: AlwaysTrue[];
}

function isPunct(token: SqlToken | undefined, value: string): boolean {
  return token?.type === 'punct' && token.value === value;
}

function isKeyword(token: SqlToken | undefined, value: string): boolean {
  return token?.type === 'word' && !token.quoted && token.value === value;
}

/** True when a word token names `name` the way Postgres resolves it (unquoted words are folded to lower case). */
function namesIdentifier(token: SqlToken | undefined, name: string): boolean {
  return token?.type === 'word' && token.value === (token.quoted ? name : name.toLowerCase());
}

/** Index of the parenthesis that closes the one at `open`, or -1. */
function closing(tokens: Tokens, open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return -1;
}

/** Top-level (depth 0) positions of tokens that match. */
function topLevel(tokens: Tokens, match: (token: SqlToken) => boolean): number[] {
  const out: number[] = [];
  let depth = 0;
  for (const [i, token] of tokens.entries()) {
    if (isPunct(token, '(')) depth++;
    else if (isPunct(token, ')')) depth--;
    else if (depth === 0 && match(token)) out.push(i);
  }
  return out;
}

function split(tokens: Tokens, keyword: string): Tokens[] {
  const parts: Tokens[] = [];
  let start = 0;
  for (const i of topLevel(tokens, (t) => isKeyword(t, keyword))) {
    parts.push(tokens.slice(start, i));
    start = i + 1;
  }
  parts.push(tokens.slice(start));
  return parts;
}

/** Words that continue an expression after a type name: `x::uuid or y` is not a cast of the whole. */
const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'is', 'isnull', 'notnull', 'in', 'like', 'ilike', 'similar', 'between', 'collate', 'at', 'escape', 'overlaps', 'any', 'all', 'some']);

/** A type name after `::`: `uuid`, `pg_catalog.text`, `character varying(36)`, `text[]`. */
function isTypeName(tokens: Tokens): boolean {
  return (
    tokens[0]?.type === 'word' &&
    tokens.every(
      (t) =>
        (t.type === 'word' && (t.quoted || !OPERATOR_WORDS.has(t.value))) ||
        t.type === 'number' ||
        ['.', '(', ')', '[', ']'].some((p) => isPunct(t, p)),
    )
  );
}

/**
 * Removes what does not change which value an operand stands for: enclosing parentheses, a trailing
 * `::type` cast, `cast(x as type)`; for the setting side also `(select x)` and `nullif(x, '')`.
 */
function peel(input: Tokens, setting: boolean): Tokens {
  let tokens = input;
  for (;;) {
    const before = tokens;
    if (tokens.length >= 2 && isPunct(tokens[0], '(') && closing(tokens, 0) === tokens.length - 1) tokens = tokens.slice(1, -1);
    const casts = topLevel(tokens, (t) => isPunct(t, '::'));
    const cast = casts[casts.length - 1];
    if (cast !== undefined && cast > 0 && isTypeName(tokens.slice(cast + 1))) tokens = tokens.slice(0, cast);
    if (isKeyword(tokens[0], 'cast') && isPunct(tokens[1], '(') && closing(tokens, 1) === tokens.length - 1) {
      const inner = tokens.slice(2, -1);
      const as = topLevel(inner, (t) => isKeyword(t, 'as'));
      const last = as[as.length - 1];
      if (last !== undefined) tokens = inner.slice(0, last);
    }
    if (setting && isKeyword(tokens[0], 'select') && topLevel(tokens, (t) => isKeyword(t, 'from')).length === 0) tokens = tokens.slice(1);
    if (setting && isKeyword(tokens[0], 'nullif') && isPunct(tokens[1], '(') && closing(tokens, 1) === tokens.length - 1) {
      const args = tokens.slice(2, -1);
      const commas = topLevel(args, (t) => isPunct(t, ','));
      if (commas.length === 1) tokens = args.slice(0, commas[0]);
    }
    if (tokens === before) return tokens;
  }
}

/** `tenant_id`, `"tenant_id"`, `users.tenant_id`, `"app"."users"."tenant_id"`. */
function isColumn(tokens: Tokens, target: TenantTarget): boolean {
  if (tokens.length !== 1 && tokens.length !== 3 && tokens.length !== 5) return false;
  for (let i = 1; i < tokens.length; i += 2) if (!isPunct(tokens[i], '.')) return false;
  if (!namesIdentifier(tokens[tokens.length - 1], target.column)) return false;
  const qualifier = tokens[tokens.length - 3];
  return !qualifier || target.table.name === null || namesIdentifier(qualifier, target.table.name);
}

/** `current_setting('app.tenant_id')`, with `missing_ok` or `pg_catalog.` */
function isSetting(tokens: Tokens, target: TenantTarget): boolean {
  let rest = tokens;
  if (isKeyword(rest[0], 'pg_catalog') && isPunct(rest[1], '.')) rest = rest.slice(2);
  if (!isKeyword(rest[0], 'current_setting') || !isPunct(rest[1], '(') || closing(rest, 1) !== rest.length - 1) return false;
  const args = rest.slice(2, -1);
  const commas = topLevel(args, (t) => isPunct(t, ','));
  if (commas.length > 1) return false;
  const name = peel(commas.length === 1 ? args.slice(0, commas[0]) : args, false);
  if (name.length !== 1 || name[0]?.type !== 'string' || name[0].value.toLowerCase() !== target.setting.toLowerCase()) return false;
  if (commas.length === 0) return true;
  const missingOk = peel(args.slice(commas[0]! + 1), false);
  return missingOk.length === 1 && (isKeyword(missingOk[0], 'true') || isKeyword(missingOk[0], 'false'));
}

/** `<column> = <setting>` or `<setting> = <column>`. */
function isTenantComparison(tokens: Tokens, target: TenantTarget): boolean {
  const equals = topLevel(tokens, (t) => isPunct(t, '='));
  if (equals.length !== 1) return false;
  const left = tokens.slice(0, equals[0]);
  const right = tokens.slice(equals[0]! + 1);
  return (
    (isColumn(peel(left, false), target) && isSetting(peel(right, true), target)) ||
    (isSetting(peel(left, true), target) && isColumn(peel(right, false), target))
  );
}

/**
 * Classifies SQL condition tokens: always true, or limited to the tenant (a top-level conjunct compares
 * the tenant column with the setting, and no top-level OR widens it), or something else.
 */
export function classifySql(tokens: Tokens, target: TenantTarget): Exclude<ConditionKind, 'unknown' | 'absent'> {
  let memo = classified.get(tokens);
  if (!memo) {
    memo = { qualified: tokens.some((token) => isPunct(token, '.')), kinds: new Map() };
    classified.set(tokens, memo);
  }
  // Keyed by column, then setting, then (only for a qualified column, `users.tenant_id`) the table's
  // name: maps of strings the settings hold, so that a lookup builds no key.
  let bySetting = memo.kinds.get(target.column);
  if (!bySetting) memo.kinds.set(target.column, (bySetting = new Map()));
  let byTable = bySetting.get(target.setting);
  if (!byTable) bySetting.set(target.setting, (byTable = new Map()));
  const table = memo.qualified ? target.table.name : '';
  let kind = byTable.get(table);
  if (kind === undefined) {
    kind = classifyTokens(tokens, target);
    byTable.set(table, kind);
  }
  return kind;
}

/**
 * Classifications by token list: `readSql` gives the same (memoised) list for the same condition text,
 * which a schema repeats on every table. Keyed weakly by the list, so it holds nothing about any file.
 */
const classified = new WeakMap<
  Tokens,
  { qualified: boolean; kinds: Map<string, Map<string, Map<string | null, Exclude<ConditionKind, 'unknown' | 'absent'>>>> }
>();

function classifyTokens(tokens: Tokens, target: TenantTarget): Exclude<ConditionKind, 'unknown' | 'absent'> {
  const body = peel(tokens, false);
  if (body.length === 1 && isKeyword(body[0], 'true')) return 'true';
  if (split(body, 'or').length > 1) return 'other';
  return split(body, 'and').some((conjunct) => isTenantComparison(peel(conjunct, false), target)) ? 'isolates' : 'other';
}

/**
 * Classifies a condition option: a `sql` template (through constants, and with the file's project
 * through fragments and helpers other modules export), or crudPolicy's `true` / `false` / `null`.
 */
export function classifyCondition(
  sourceCode: SourceCode,
  target: TenantTarget,
  node: TSESTree.Expression | undefined,
  project: FileProject | null = null,
): ConditionKind {
  if (!node) return 'absent';
  if (node.type === AST_NODE_TYPES.Literal) {
    if (node.value === true) return 'true';
    if (node.value === null) return 'absent';
    return node.value === false ? 'other' : 'unknown';
  }
  if (node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined') return 'absent';
  const tokens = readSql(sourceCode, target.table, node, project);
  return tokens ? classifySql(tokens, target) : 'unknown';
}

/** True when a policy's `to` (crudPolicy's `role`) includes every role: absent, `"public"`, or a list with it. */
export function appliesToEveryone(node: TSESTree.Expression | undefined): boolean {
  if (!node) return true;
  if (node.type === AST_NODE_TYPES.ArrayExpression) return node.elements.some((element) => staticString(element) === 'public');
  return staticString(node) === 'public';
}

/** Combines the conditions that one command must pass through (one or two). */
function combine(a: ConditionKind, b: ConditionKind = a): ConditionKind {
  if (a === 'absent' || b === 'absent') return 'absent';
  if (a === 'other' || b === 'other' || a === 'true' || b === 'true') return 'other';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'isolates';
}

/** The openings of a policy that opens nothing (shared: replaced, never written to). */
const NO_OPENINGS: AlwaysTrue[] = Object.freeze([]) as unknown as AlwaysTrue[];

/** Records what a condition does for one command in the facts of a policy. */
function record(facts: PolicyFacts, command: Command, kind: ConditionKind, permissive: boolean | null): void {
  if (kind === 'isolates' && permissive === true) facts.isolates.add(command);
  else if (kind === 'unknown' || (kind === 'isolates' && permissive === null)) facts.unknown.add(command);
}

/** What one policy does for the tenant target: which commands it isolates, which are unknown, whether it opens every row. */
export function analyzePolicy(sourceCode: SourceCode, target: TenantTarget, policy: PolicyModel, project: FileProject | null = null): PolicyFacts {
  const facts: PolicyFacts = { policy, isolates: new CommandSet(), unknown: new CommandSet(), alwaysTrue: null, opens: NO_OPENINGS };
  if (policy.optionsUnknown) {
    for (const command of COMMANDS) facts.unknown.add(command);
    return facts;
  }
  if (policy.kind === 'crudPolicy') {
    // crudPolicy writes permissive policies: `read` for select, `modify` for insert, update and delete.
    const read = classifyCondition(sourceCode, target, policy.option('read'), project);
    const modify = classifyCondition(sourceCode, target, policy.option('modify'), project);
    record(facts, 'select', read, true);
    for (const command of ['insert', 'update', 'delete'] as const) record(facts, command, modify, true);
    if (read === 'true' || modify === 'true') {
      facts.opens = [];
      if (read === 'true') facts.opens.push({ option: 'read', node: policy.option('read')!, commands: ['select'] });
      if (modify === 'true') facts.opens.push({ option: 'modify', node: policy.option('modify')!, commands: ['insert', 'update', 'delete'] });
    }
    if (appliesToEveryone(policy.option('role'))) facts.alwaysTrue = facts.opens[0] ?? null;
    return facts;
  }

  const asNode = policy.option('as');
  const as = asNode ? staticString(asNode) : 'permissive';
  const permissive = as === 'permissive' ? true : as === 'restrictive' ? false : null;
  // Restrictive policies only narrow what permissive ones grant: they neither isolate nor open rows.
  if (permissive === false) return facts;
  const forNode = policy.option('for');
  const forValue = forNode ? staticString(forNode) : 'all';
  const commands = forValue === 'all' ? COMMANDS : COMMANDS.filter((command) => command === forValue);
  if (commands.length === 0) {
    for (const command of COMMANDS) facts.unknown.add(command);
    return facts;
  }
  const using = classifyCondition(sourceCode, target, policy.option('using'), project);
  const withCheck = classifyCondition(sourceCode, target, policy.option('withCheck'), project);
  // Postgres checks new rows with WITH CHECK, or with USING when a policy has no WITH CHECK.
  const check = withCheck === 'absent' ? using : withCheck;
  for (let i = 0; i < commands.length; i++) {
    const command = commands[i]!;
    record(facts, command, command === 'insert' ? combine(check) : command === 'update' ? combine(using, check) : combine(using), permissive);
  }
  if (permissive === true && (using === 'true' || withCheck === 'true')) {
    const opened: AlwaysTrue[] = [];
    if (using === 'true') opened.push({ option: 'using', node: policy.option('using')!, commands: commands.filter((c) => c !== 'insert') });
    if (withCheck === 'true') opened.push({ option: 'withCheck', node: policy.option('withCheck')!, commands: commands.filter((c) => c === 'insert' || c === 'update') });
    facts.opens = opened.filter((candidate) => candidate.commands.length > 0);
    if (appliesToEveryone(policy.option('to'))) facts.alwaysTrue = facts.opens[0] ?? null;
  }
  return facts;
}

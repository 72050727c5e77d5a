import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { propertyName } from '../model/ast.js';
import type { ColumnModel, ExtraEntryKind, SchemaModel, TableModel } from '../model/table.js';
import { claimKeys, withClaims } from './claims.js';
import { fitToWidth, indentUnit, insertMember, lineIndent, printWidth, startsLine } from './format.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** Refers to a column of the table inside the extra config (`table.tenant_id`), or null if it cannot. */
export type ColumnRef = (columnKey: string) => string | null;

/** One entry for `addExtraEntries`. */
export interface NewExtraEntry {
  /** Builds the entry's code from a column reference; null when it cannot be written. */
  entry: (ref: ColumnRef) => string | null;
  /** Property key for the deprecated object form (a number is appended when it is taken). */
  objectKey: string;
  /** What the entry creates, so that nothing is added twice (see `isDuplicate`). */
  identity?: EntryIdentity;
}

/** An index (or unique or primary-key constraint) or a policy that a new entry creates. */
export interface EntryIdentity {
  kind: 'index' | 'policy';
  /** Its name, unquoted; null when Drizzle names it. */
  name: string | null;
  /** The columns it covers, in order (none for a policy). */
  columns: readonly ColumnModel[];
}

/**
 * Adds an entry (an index, a policy…) to the table's extra config, in the form the table uses:
 * an element of the returned array, a property of the deprecated returned object (named `objectKey`),
 * or a new `(table) => [entry]` third argument. `entry` builds the code from a column reference.
 * Returns null when the extra config cannot be edited safely (a helper call, a destructured parameter
 * that lacks a needed column, a spread argument list).
 */
export function addExtraEntry(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  schema: SchemaModel,
  table: TableModel,
  entry: (ref: ColumnRef) => string | null,
  objectKey: string,
): TSESLint.RuleFix[] | null {
  return addExtraEntries(fixer, sourceCode, schema, table, [{ entry, objectKey }]);
}

/**
 * Adds several entries at once, in order, the way `addExtraEntry` adds one: one fix that writes them
 * all, so that reports which add to the same table do not overlap. Returns null when any entry cannot
 * be written.
 */
export function addExtraEntries(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  schema: SchemaModel,
  table: TableModel,
  entries: readonly NewExtraEntry[],
): TSESLint.RuleFix[] | null {
  if (entries.length === 0) return null;
  for (let i = 0; i < entries.length; i++) {
    const identity = entries[i]!.identity;
    if (identity && (isDuplicate(schema, table, identity) || entries.slice(0, i).some((e) => e.identity && sameEntry(e.identity, identity)))) return null;
  }
  // The keys the entries refer to are claimed, so that no rename of them lands in the same pass (claims.ts).
  const referenced = new Set<ColumnModel>();
  const build = (baseRef: ColumnRef): string[] | null => {
    const ref: ColumnRef = (key) => {
      const column = table.columnByKey(key);
      if (column) referenced.add(column);
      return baseRef(key);
    };
    const texts: string[] = [];
    for (const { entry } of entries) {
      const text = entry(ref);
      if (text === null) return null;
      texts.push(text);
    }
    return texts;
  };
  const extra = table.extra;
  if (extra === 'unknown') return null;
  if (extra === null) {
    const columnsArg = table.columnsNode;
    if (!columnsArg || table.call.arguments.length !== 2) return null;
    const param = newParamName(schema);
    let used = false;
    const texts = build((key) => {
      used = true;
      return `${param}.${key}`;
    });
    if (texts === null) return null;
    // An entry that names no column (a policy) gets `() => [...]`: an unused parameter would be reported
    // by no-unused-vars in the user's lint setup.
    const params = used ? `(${param})` : '()';
    const multiline = columnsArg.loc.start.line !== columnsArg.loc.end.line;
    const claims = claimKeys(fixer, sourceCode, referenced);
    const oneLine = `, ${params} => [${texts.join(', ')}]`;
    const lineLength = (sourceCode.lines[columnsArg.loc.end.line - 1] ?? '').length + oneLine.length;
    if (!multiline && lineLength <= printWidth(sourceCode)) return withClaims([fixer.insertTextAfter(columnsArg, oneLine)], claims);
    // Entries one step deeper than the line that closes the columns, the step its members take.
    const indent = lineIndent(sourceCode.getLastToken(columnsArg)!, sourceCode);
    const member = columnsArg.type === AST_NODE_TYPES.ObjectExpression ? columnsArg.properties[0] : undefined;
    const memberIndent = member && startsLine(member, sourceCode) ? lineIndent(member, sourceCode) : '';
    const unit = memberIndent.length > indent.length && memberIndent.startsWith(indent) ? memberIndent.slice(indent.length) : indentUnit(sourceCode);
    const inner = `${indent}${unit}`;
    const entries = texts.map((t) => fitToWidth(sourceCode, t, inner, ',', true));
    return withClaims([fixer.insertTextAfter(columnsArg, `, ${params} => [\n${inner}${entries.join(`,\n${inner}`)},\n${indent}]`)], claims);
  }
  // A config written without a parameter (`() => [policy]`) gets one when a new entry names a column.
  const paramFix = addParameter(fixer, sourceCode, schema, extra);
  let needsParam = false;
  const ref: ColumnRef = (key) => {
    if (extra.paramName) return `${extra.paramName}.${key}`;
    if (paramFix) {
      needsParam = true;
      return `${paramFix.name}.${key}`;
    }
    return extra.paramLocals?.get(key) ?? null;
  };
  // The closing bracket is claimed too: two rules' additions to one config never land in one pass, so
  // each sees the other's entry on the next pass (see `isDuplicate`).
  const close = sourceCode.getLastToken(extra.container)!;
  const withParam = (fixes: TSESLint.RuleFix[] | null): TSESLint.RuleFix[] | null =>
    fixes &&
    withClaims(needsParam && paramFix ? [paramFix.fix, ...fixes] : fixes, [
      ...claimKeys(fixer, sourceCode, referenced),
      fixer.replaceText(close, close.value),
    ]);
  if (extra.form === 'array') {
    const texts = build(ref);
    if (texts === null) return null;
    return withParam(insertMember(fixer, sourceCode, extra.container, texts, 'end'));
  }
  const container = extra.container;
  if (container.type !== AST_NODE_TYPES.ObjectExpression) return null;
  const texts = build(ref);
  if (texts === null) return null;
  const taken = new Set(container.properties.map((p) => (p.type === AST_NODE_TYPES.Property ? propertyName(p) : null)));
  const members = texts.map((text, i) => {
    const objectKey = entries[i]!.objectKey;
    let key = objectKey;
    for (let n = 2; taken.has(key); n++) key = `${objectKey}${n}`;
    taken.add(key);
    return `${key}: ${text}`;
  });
  return withParam(insertMember(fixer, sourceCode, container, members, 'end'));
}

/** Entry kinds that create an index: a new index on the same columns would duplicate it. */
const INDEX_KINDS = new Set<ExtraEntryKind>(['index', 'uniqueIndex', 'unique', 'primaryKey']);

/**
 * True when the table already has what the entry creates: an index, constraint or policy of that name
 * (index and constraint names are unique in a Postgres schema; policy names in a table), or an index on
 * the same columns in the same order. Another rule's entry added in the same pass cannot be missed: every
 * addition to a table's extra config claims its closing bracket (or, for a new config, is inserted at the
 * same place), so ESLint applies one per pass and the next pass sees it here.
 */
function isDuplicate(schema: SchemaModel, table: TableModel, identity: EntryIdentity): boolean {
  if (identity.kind === 'policy') return identity.name !== null && table.policies.some((policy) => policy.name === identity.name);
  if (identity.name !== null && entryNames(schema).get(table.schemaName)?.has(identity.name)) return true;
  const extra = table.extra;
  if (extra === null || extra === 'unknown') return false;
  return extra.entries.some((entry) => INDEX_KINDS.has(entry.kind) && sameColumns(entry.columns, identity.columns));
}

const entryNamesCache = new WeakMap<SchemaModel, Map<string | null, Set<string>>>();

/** The names of the indexes and constraints of the file's tables, per Postgres schema, read once per file. */
function entryNames(schema: SchemaModel): Map<string | null, Set<string>> {
  let names = entryNamesCache.get(schema);
  if (!names) {
    names = new Map();
    for (const table of schema.tables) {
      if (table.extra === null || table.extra === 'unknown') continue;
      for (const entry of table.extra.entries) {
        if (entry.name === null || entry.kind === 'policy' || entry.kind === 'crudPolicy') continue;
        let set = names.get(table.schemaName);
        if (!set) names.set(table.schemaName, (set = new Set()));
        set.add(entry.name);
      }
    }
    entryNamesCache.set(schema, names);
  }
  return names;
}

function sameEntry(a: EntryIdentity, b: EntryIdentity): boolean {
  return a.kind === b.kind && ((a.name !== null && a.name === b.name) || (a.kind === 'index' && sameColumns(a.columns, b.columns)));
}

function sameColumns(a: readonly (ColumnModel | null)[], b: readonly (ColumnModel | null)[]): boolean {
  return a.length > 0 && a.length === b.length && a.every((column, i) => column !== null && column === b[i]);
}

/** For a parameter-less `() => [...]` config: the edit that names its parameter, or null. */
function addParameter(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  schema: SchemaModel,
  extra: Exclude<TableModel['extra'], null | 'unknown'>,
): { name: string; fix: TSESLint.RuleFix } | null {
  if (extra.paramName || extra.paramLocals || extra.fn.params.length > 0) return null;
  const open = sourceCode.getFirstToken(extra.fn, { filter: (token) => token.value === '(' });
  const close = open && sourceCode.getTokenAfter(open);
  if (!open || close?.value !== ')') return null;
  const name = newParamName(schema);
  return { name, fix: fixer.insertTextAfter(open, name) };
}

/** The parameter name a fix gives an extra config: `table`, or `t` where `table` is a module-level name. */
function newParamName(schema: SchemaModel): string {
  return schema.moduleNames.has('table') ? 't' : 'table';
}

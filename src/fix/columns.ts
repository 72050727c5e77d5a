import { AST_NODE_TYPES, type TSESLint } from '@typescript-eslint/utils';
import { dbNameFromKey } from '../model/columns.js';
import { ownColumn } from '../model/describe.js';
import { PG_CORE } from '../model/find-tables.js';
import type { ColumnModel, SchemaModel, TableModel } from '../model/table.js';
import { claimKeys, keysThatMayBecome, withClaims } from './claims.js';
import { quote, quoteOf, insertMember } from './format.js';
import { ensureImport } from './imports.js';

type SourceCode = Readonly<TSESLint.SourceCode>;

export interface NewColumn {
  key: string;
  builder: string;
  dbName: string;
  /** Modifier chain to append, e.g. `.notNull()`. */
  chain: string;
  /** Columns the chain refers to by key (`.references(() => tenants.id)`), claimed by the fix (claims.ts). */
  refersTo?: readonly ColumnModel[];
}

export interface Edit {
  text: string;
  fixes: TSESLint.RuleFix[];
}

/**
 * The source of a new column written the way the table writes its columns: the callback parameter
 * (`t.uuid(...)`), destructured builders, or imported builders; with or without a name argument; in the
 * table's quote style. Returns null when the builder cannot be referred to safely (a name collision).
 */
export function columnSource(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  schema: SchemaModel,
  table: TableModel,
  column: NewColumn,
): Edit | null {
  const fixes: TSESLint.RuleFix[] = [];
  const style = table.builderStyle;
  let ref: string;
  if (style.kind === 'param') {
    ref = `${style.name}.${column.builder}`;
  } else if (style.kind === 'destructured') {
    const local = style.locals.get(column.builder);
    if (local) ref = local;
    else {
      if (schema.moduleNames.has(column.builder) || style.pattern.properties.some((p) => p.type === AST_NODE_TYPES.RestElement)) return null;
      const lastProperty = style.pattern.properties[style.pattern.properties.length - 1];
      if (!lastProperty) return null;
      fixes.push(fixer.insertTextAfter(lastProperty, `, ${column.builder}`));
      ref = column.builder;
    }
  } else {
    const imported = ensureImport(fixer, sourceCode, schema, PG_CORE, column.builder);
    if (!imported) return null;
    if (imported.fix) fixes.push(imported.fix);
    ref = imported.ref;
  }
  const args: string[] = [];
  if (!omitsNames(table) || dbNameFromKey(column.key, table.casing) !== column.dbName) {
    args.push(quote(column.dbName, quoteOf(table, sourceCode)));
  }
  const config = sharedConfigColumn(table, column.builder, sourceCode)?.configArg;
  if (config) args.push(sourceCode.getText(config));
  const key = /^[A-Za-z_$][\w$]*$/u.test(column.key) ? column.key : quote(column.key, quoteOf(table, sourceCode));
  return { text: `${key}: ${ref}(${args.join(', ')})${column.chain}`, fixes };
}

/** True when the table's known builders take no name argument (`uuid()`), so new ones should not. */
export function omitsNames(table: TableModel): boolean {
  const built = table.columns.filter((c) => c.builderCall !== null && c.viaSpread === null);
  return built.length > 0 && built.every((c) => !c.hasNameArg);
}

/**
 * A column whose config (`{ withTimezone: true }`) all the table's columns of that builder share, so
 * that new ones copy it; null when they have none or differ.
 */
export function sharedConfigColumn(table: TableModel, builder: string, sourceCode: SourceCode): ColumnModel | null {
  const same = table.columns.filter((c) => c.builder === builder && c.builderCall);
  const first = same[0];
  if (!first?.configArg) return null;
  const text = sourceCode.getText(first.configArg);
  return same.every((c) => c.configArg && sourceCode.getText(c.configArg) === text) ? first : null;
}

/**
 * A fix that inserts new columns into the table's own object literal: after `after` (a column of the
 * literal), first, or last. Returns null when the table already has a column of a new key or database
 * name: an object never gets a property twice. The fix claims the keys a rename could turn into a new
 * key (`updatedAt` for `updated_at`) and those the new code refers to, so that no rename of them lands
 * in the same pass (claims.ts).
 */
export function insertColumns(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  schema: SchemaModel,
  table: TableModel,
  columns: NewColumn[],
  after: ColumnModel | { before: ColumnModel } | 'start' | 'end',
): TSESLint.RuleFix[] | null {
  const object = table.columnsObject;
  if (!object) return null;
  const texts: string[] = [];
  const fixes: TSESLint.RuleFix[] = [];
  const claimed: ColumnModel[] = [];
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i]!;
    const { key, dbName } = column;
    if (table.columnByKey(key) || table.column(dbName) || columns.slice(0, i).some((c) => c.key === key || c.dbName === dbName)) return null;
    claimed.push(...keysThatMayBecome(table, key), ...(column.refersTo ?? []));
  }
  for (const column of columns) {
    const edit = columnSource(fixer, sourceCode, schema, table, column);
    if (!edit) return null;
    texts.push(edit.text);
    for (const fix of edit.fixes) if (!fixes.some((f) => f.range[0] === fix.range[0] && f.range[1] === fix.range[1] && f.text === fix.text)) fixes.push(fix);
  }
  // An anchor column must be a direct member of the literal (not one brought in by a spread).
  let anchor: Parameters<typeof insertMember>[4] = 'end';
  if (after === 'start') anchor = 'start';
  else if (after !== 'end' && 'before' in after) {
    // After the member before it, or first.
    const member = after.before.viaSpread ?? after.before.property;
    const i = object.properties.indexOf(member as (typeof object.properties)[number]);
    if (i === 0) anchor = 'start';
    else if (i > 0) anchor = object.properties[i - 1]!;
  } else if (after !== 'end') anchor = after.viaSpread ? after.viaSpread : after.property;
  if (anchor !== 'start' && anchor !== 'end' && anchor.parent !== object) anchor = 'end';
  // insertMember writes them the way the literal is laid out, and breaks one too long for the print width.
  return withClaims([...fixes, ...insertMember(fixer, sourceCode, object, texts, anchor)], claimKeys(fixer, sourceCode, claimed));
}

/** The standard columns in the standard's order, which they keep at the end of a table. */
const STANDARD_ORDER = ['created_at', 'updated_at', 'deleted_at'] as const;

/**
 * Where a missing standard column goes so that the three keep the standard's order whichever rule adds
 * which first, in one `--fix` pass or several: right after the nearest earlier one the table has
 * (`deleted_at` after `updated_at`, or after `created_at`), else right before the nearest later one
 * (`created_at` before `updated_at`), else last. Two rules that add beside the same column insert at
 * the same place, so ESLint applies one fix per pass and the other is placed next pass, beside it.
 */
export function standardColumnPlace(table: TableModel, dbName: (typeof STANDARD_ORDER)[number]): ColumnModel | { before: ColumnModel } | 'end' {
  const at = STANDARD_ORDER.indexOf(dbName);
  for (let i = at - 1; i >= 0; i--) {
    // Only a column written in this file can be an anchor: an imported one has no node to insert beside.
    const earlier = ownColumn(table.column(STANDARD_ORDER[i]!));
    if (earlier) return earlier;
  }
  for (let i = at + 1; i < STANDARD_ORDER.length; i++) {
    const later = ownColumn(table.column(STANDARD_ORDER[i]!));
    if (later) return { before: later };
  }
  return 'end';
}

/** Appends modifier calls to a column's chain: `uuid("tenant_id")` -> `uuid("tenant_id").notNull()`. */
export function appendToColumn(fixer: TSESLint.RuleFixer, column: ColumnModel, chain: string): TSESLint.RuleFix {
  return fixer.insertTextAfter(column.value, chain);
}

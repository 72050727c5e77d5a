/**
 * Fixes in Python's terms: insert a field with the class body's indentation at its place in the
 * standard's order, add imports the way the file writes them, rename a field with its same-file uses.
 * Every helper returns null where it cannot be sure the result parses and means what it should.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { byCodePoint, ignoringCase } from '../fix/imports.js';
import type { RenamePlan } from '../fix/rename.js';
import { qualifierFor, type PyColumn, type PyField, type PyModel, type PyTable } from './model.js';
import { asCall, child, dottedName, nodeText, parseImportNames, statements, stringValue, walk, type PyNode } from './parse.js';

type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;

// ---------------------------------------------------------------------------------------------------------
// Lines

/** The offset of the end of the line `offset` is on (before its line break). */
export function lineEnd(text: string, offset: number): number {
  // From `offset` on, without copying the rest of the file for every fix.
  const lineBreak = /\r\n|[\r\n]/gu;
  lineBreak.lastIndex = offset;
  const m = lineBreak.exec(text);
  return m ? m.index : text.length;
}

/** The offset of the start of the line `offset` is on. */
export function lineStart(text: string, offset: number): number {
  // A scan back to the line break: `lastIndexOf('\r')` would read back to the file's start in a file
  // without one, for every fix (quadratic over a file of many tables).
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** The indentation of a statement that starts its line (empty at the top level), or null when it does not. */
export function statementIndent(text: string, start: number): string | null {
  const indent = text.slice(lineStart(text, start), start);
  return /^[ \t]*$/u.test(indent) ? indent : null;
}

/** The file's line break (the first one it uses). */
export function eol(text: string): string {
  return /\r\n|[\r\n]/u.exec(text)?.[0] ?? '\n';
}

/**
 * The indentation of a class body's statements, or null when the body is written on the header line
 * (`class A(SQLModel, table=True): pass`) or its first statement's indentation is not plain whitespace.
 */
export function bodyIndent(text: string, body: PyNode): string | null {
  const first = statements(body)[0];
  if (!first) return null;
  const start = lineStart(text, first.range[0]);
  if (start <= body.range[0]) return null;
  const indent = text.slice(start, first.range[0]);
  return /^[ \t]+$/u.test(indent) ? indent : null;
}

// ---------------------------------------------------------------------------------------------------------
// Fields

/** The standard's order of fields: id, tenant column, the table's own fields, created_at, updated_at, deleted_at. */
export function standardRank(key: string, tenantColumn: string): number {
  if (key === 'id') return 0;
  if (key === tenantColumn) return 1;
  if (key === 'created_at') return 3;
  if (key === 'updated_at') return 4;
  if (key === 'deleted_at') return 5;
  return 2;
}

/**
 * Inserts field lines (`tenant_id: UUID = Field(...)`, without indentation) into a table class, each at
 * its place in the standard's order among the class's own fields, with the body's indentation. Returns
 * null for a class whose body is on its header line, or that already has a field of one of the keys.
 */
export function insertFields(
  fixer: Fixer,
  text: string,
  table: PyTable,
  fields: readonly { key: string; line: string }[],
  tenantColumn: string,
): Fix[] | null {
  const cls = table.cls;
  const indent = bodyIndent(text, cls.body);
  if (indent === null) return null;
  if (fields.some((f) => cls.fields.some((g) => g.key === f.key))) return null;
  const nl = eol(text);
  const own = cls.fields;
  const body = statements(cls.body);
  /** offset -> lines inserted there, in order. */
  const at = new Map<number, string[]>();
  for (const f of fields) {
    const rank = standardRank(f.key, tenantColumn);
    const before = own.filter((g) => standardRank(g.key, tenantColumn) <= rank);
    let offset: number;
    if (before.length > 0) offset = lineEnd(text, before[before.length - 1]!.statement.range[1]);
    else if (own.length > 0) {
      const firstIndex = body.indexOf(own[0]!.statement);
      const previous = firstIndex > 0 ? body[firstIndex - 1] : undefined;
      offset = lineEnd(text, previous ? previous.range[1] : cls.body.range[0]);
    } else offset = lineEnd(text, body[body.length - 1]!.range[1]);
    const list = at.get(offset) ?? [];
    list.push(f.line);
    at.set(offset, list);
  }
  return [...at].map(([offset, lines]) => fixer.insertTextAfterRange([offset, offset], lines.map((l) => `${nl}${indent}${l}`).join('')));
}

// ---------------------------------------------------------------------------------------------------------
// Imports

export interface PyImportRequest {
  module: string;
  name: string;
}

/**
 * Makes names of modules available, the way the file writes its imports: reuses `from m import n`
 * (or its alias), or `import m` as `m.n`; adds the name to the file's `from m import …` (at its sorted
 * place when the list is sorted, on its own line when the list has one name a line); or adds a
 * `from m import a, b` line after the last top-level import (after a module docstring when there is
 * none, else first). Returns the reference for each name (`UUID`, `uuid.UUID`) and the edits, or null
 * when a name is bound to something else (a fix would change meaning) or an import cannot be edited.
 */
export function ensureImports(
  fixer: Fixer,
  text: string,
  model: PyModel,
  requests: readonly PyImportRequest[],
): { refs: Map<string, string>; fixes: Fix[] } | null {
  const refs = new Map<string, string>();
  const fixes: Fix[] = [];
  const newLines = new Map<string, string[]>();
  const added = new Map<PyNode, string[]>();
  for (const { module, name } of requests) {
    const key = `${module}.${name}`;
    if (refs.has(key)) continue;
    const bindings = [...model.imports].filter(([, b]) => b.module === module);
    const direct = bindings.find(([, b]) => b.name === name);
    if (direct) {
      refs.set(key, direct[0]);
      continue;
    }
    const fromStatement = bindings.find(([, b]) => b.name !== null)?.[1].statement;
    const moduleBinding = bindings.find(([, b]) => b.name === null);
    if (!fromStatement && moduleBinding) {
      refs.set(key, `${moduleBinding[0]}.${name}`);
      continue;
    }
    if (model.moduleNames.has(name)) return null;
    refs.set(key, name);
    if (fromStatement) {
      const list = added.get(fromStatement) ?? [];
      list.push(name);
      added.set(fromStatement, list);
    } else {
      const list = newLines.get(module) ?? [];
      list.push(name);
      newLines.set(module, list);
    }
  }
  for (const [statement, names] of added) {
    const fix = addImportNames(fixer, text, statement, names);
    if (!fix) return null;
    fixes.push(...fix);
  }
  if (newLines.size > 0) {
    const nl = eol(text);
    const lines = [...newLines].map(([module, names]) => `from ${module} import ${[...names].sort(byCodePoint).join(', ')}`);
    const imports = model.ast.children.filter((s) => s.type === 'ImportStatement');
    const last = imports[imports.length - 1];
    const first = model.ast.children[0];
    if (last) {
      const offset = lineEnd(text, last.range[1]);
      fixes.push(fixer.insertTextAfterRange([offset, offset], lines.map((l) => `${nl}${l}`).join('')));
    } else if (first?.type === 'ExpressionStatement' && first.children[0]?.type === 'String') {
      const offset = lineEnd(text, first.range[1]);
      fixes.push(fixer.insertTextAfterRange([offset, offset], `${nl}${lines.map((l) => `${nl}${l}`).join('')}`));
    } else {
      fixes.push(fixer.insertTextBeforeRange([0, 0], lines.map((l) => `${l}${nl}`).join('')));
    }
  }
  return { refs, fixes };
}

function addImportNames(fixer: Fixer, text: string, statement: PyNode, names: string[]): Fix[] | null {
  const entries = parseImportNames(statement);
  if (!entries || entries.length === 0) return null;
  const written = entries.map((e) => e.name);
  const order = isSorted(written, byCodePoint) ? byCodePoint : isSorted(written, ignoringCase) ? ignoringCase : null;
  const onePerLine = entries.length > 1 && new Set(entries.map((e) => e.node.loc.start.line)).size === entries.length;
  const fixes: Fix[] = [];
  const byEntry = new Map<number, string[]>();
  for (const name of [...names].sort(order ?? (() => 0))) {
    const index = order ? entries.findIndex((e) => order(name, e.name) < 0) : -1;
    const list = byEntry.get(index) ?? [];
    list.push(name);
    byEntry.set(index, list);
  }
  for (const [index, list] of byEntry) {
    if (index >= 0) {
      const entry = entries[index]!;
      const separator = onePerLine ? `,${eol(text)}${text.slice(lineStart(text, entry.start), entry.start)}` : ', ';
      fixes.push(fixer.insertTextBeforeRange([entry.start, entry.start], list.map((n) => `${n}${separator}`).join('')));
    } else {
      const last = entries[entries.length - 1]!;
      const separator = onePerLine ? `,${eol(text)}${text.slice(lineStart(text, last.start), last.start)}` : ', ';
      fixes.push(fixer.insertTextAfterRange([last.end, last.end], list.map((n) => `${separator}${n}`).join('')));
    }
  }
  return fixes;
}

/** A list of one name counts as sorted: isort and ruff, which most Python code is formatted with, sort. */
function isSorted(names: string[], compare: (a: string, b: string) => number): boolean {
  return names.every((n, i) => i === 0 || compare(names[i - 1]!, n) <= 0);
}

// ---------------------------------------------------------------------------------------------------------
// Renames

/**
 * Renames a field of a table class with its uses in the file: `Model.field` (as in
 * `select(Model).where(Model.field == x)`), `self.field` in the class, `Model(field=…)` keywords, its
 * name in `__table_args__` indexes and constraints, and `foreign_key="table.field"` strings. Returns null
 * for a field the class does not write itself (a mixin's field is shared by other tables), and when the
 * new name is taken.
 */
export function renameField(fixer: Fixer, model: PyModel, table: PyTable, key: string, newKey: string): Fix[] | null {
  if (!canRenameField(table, key, newKey)) return null;
  const column = table.columnByKey(key)!;
  const field = column.field!;
  const fixes: Fix[] = [fixer.replaceTextRange(field.keyNode.range, newKey)];
  const className = table.cls.name;
  const renamesDbName = column.dbName === key;
  const uses = renameIndex(model);
  const candidates = [
    ...(uses.members.get(key) ?? []),
    ...(uses.calls.get(className) ?? []),
    ...(renamesDbName ? [...(uses.strings.get(key) ?? []), ...(table.name ? (uses.strings.get(`${table.name}.${key}`) ?? []) : [])] : []),
  ];
  // In the order of a walk of the file: by start, an enclosing node first.
  candidates.sort((a, b) => a.range[0] - b.range[0] || b.range[1] - a.range[1]);
  for (const node of candidates) {
    if (node.type === 'MemberExpression') {
      const [object, property] = node.children as [PyNode, PyNode];
      if (object.type !== 'VariableName') continue;
      const name = nodeText(object);
      const inClass = node.range[0] >= table.cls.node.range[0] && node.range[1] <= table.cls.node.range[1];
      if (name === className || (name === 'self' && inClass)) fixes.push(fixer.replaceTextRange(property.range, newKey));
    } else if (node.type === 'CallExpression') {
      const call = asCall(node);
      if (call?.name !== className) continue;
      const keyword = call.args.keywordNames.get(key);
      if (keyword) fixes.push(fixer.replaceTextRange(keyword.range, newKey));
    } else if (node.type === 'String' && renamesDbName) {
      const value = stringValue(node);
      if (value === undefined) continue;
      const inArgs = table.tableArgs && node.range[0] >= table.tableArgs.range[0] && node.range[1] <= table.tableArgs.range[1];
      if (inArgs && value === key && isConstraintColumn(node)) fixes.push(replaceString(fixer, node, newKey));
      else if (table.name && value === `${table.name}.${key}` && isForeignKeyString(node)) fixes.push(replaceString(fixer, node, `${table.name}.${newKey}`));
    }
  }
  return fixes;
}

/** The nodes a rename may touch, found in one walk of a file shared by every rename of it. */
interface RenameIndex {
  /** `X.name` with a plain name before the dot, by the name after it. */
  members: Map<string, PyNode[]>;
  /** Calls of a dotted name, by that name. */
  calls: Map<string, PyNode[]>;
  /** Plain string literals, by value. */
  strings: Map<string, PyNode[]>;
}

const renameIndexes = new WeakMap<PyModel, RenameIndex>();

function renameIndex(model: PyModel): RenameIndex {
  let index = renameIndexes.get(model);
  if (index) return index;
  index = { members: new Map(), calls: new Map(), strings: new Map() };
  const add = (map: Map<string, PyNode[]>, key: string, node: PyNode): void => {
    const list = map.get(key);
    if (list) list.push(node);
    else map.set(key, [node]);
  };
  const { members, calls, strings } = index;
  walk(model.ast, (node) => {
    if (node.type === 'MemberExpression' && node.children.length === 2 && node.children[1]!.type === 'PropertyName') {
      if (node.children[0]!.type === 'VariableName') add(members, nodeText(node.children[1]!), node);
    } else if (node.type === 'CallExpression') {
      const name = node.children[0] ? dottedName(node.children[0]) : undefined;
      if (name !== undefined) add(calls, name, node);
    } else if (node.type === 'String') {
      const value = stringValue(node);
      if (value !== undefined) add(strings, value, node);
    }
  });
  renameIndexes.set(model, index);
  return index;
}

/** Whether `renameField` can rename: the class writes the field itself, and the new name is free. */
export function canRenameField(table: PyTable, key: string, newKey: string): boolean {
  const field = table.columnByKey(key)?.field;
  // A mixin's field is named in the files of the tables that inherit it: not renamed from here.
  return !!field && !table.columnSet && field.owner === table.cls && !table.columns.some((c) => c.key === newKey || c.dbName === newKey);
}

/** A string that names a column in an `Index(…)`/`UniqueConstraint(…)` call (not the index's own name). */
function isConstraintColumn(node: PyNode): boolean {
  const argList = node.parent;
  const call = argList?.parent;
  if (argList?.type !== 'ArgList' || call?.type !== 'CallExpression') {
    // ForeignKeyConstraint(["a"], ["t.id"]): a string in a list argument.
    const list = node.parent;
    return list?.type === 'ArrayExpression' && list.parent?.type === 'ArgList' && list.parent.children[0] === list;
  }
  const callee = nodeText(call.children[0]!);
  const positional = argList.children.filter((c) => c.type === 'String');
  if (/(^|\.)Index$/u.test(callee)) return positional[0] !== node;
  return /(^|\.)(UniqueConstraint|PrimaryKeyConstraint)$/u.test(callee) && argList.children[argList.children.indexOf(node) - 1]?.type !== 'AssignOp';
}

export function isForeignKeyString(node: PyNode): boolean {
  const argList = node.parent;
  const keyword = argList?.children[argList.children.indexOf(node) - 2];
  if (argList?.type === 'ArgList' && keyword?.type === 'VariableName' && nodeText(keyword) === 'foreign_key') return true;
  const call = argList?.parent;
  return argList?.type === 'ArgList' && call?.type === 'CallExpression' && /(^|\.)ForeignKey$/u.test(nodeText(call.children[0]!)) && argList.children[0] === node;
}

export function replaceString(fixer: Fixer, node: PyNode, value: string): Fix {
  const raw = nodeText(node);
  const quote = /^[rRuU]?('''|"""|'|")/u.exec(raw)![1]!;
  const prefix = raw.slice(0, raw.indexOf(quote));
  return fixer.replaceTextRange(node.range, `${prefix}${quote}${value}${quote}`);
}

/** The class body statement a new `__table_args__` entry or field sits next to (for callers that need it). */
export function classStatement(table: PyTable, name: string): PyNode | undefined {
  return statements(table.cls.body).find((s) => s.type === 'AssignStatement' && s.children[0]?.type === 'VariableName' && nodeText(s.children[0]) === name && child(s, 'AssignOp'));
}

// ---------------------------------------------------------------------------------------------------------
// Rename plans (for rules that merge the renames of several reports, as the Drizzle side does)

/** A fixer whose fixes are plain edits (`{ range, text }`), so that rename plans can be merged before reporting. */
export const EDIT_RECORDER = {
  insertTextAfterRange: (range: readonly [number, number], text: string): Fix => ({ range: [range[1], range[1]], text }),
  insertTextBeforeRange: (range: readonly [number, number], text: string): Fix => ({ range: [range[0], range[0]], text }),
  replaceTextRange: (range: readonly [number, number], text: string): Fix => ({ range: [range[0], range[1]], text }),
} as unknown as Fixer;

/** True when a field names its column explicitly: `sa_column=Column("name", …)`, `sa_column_kwargs={"name": …}`. */
export function namesColumn(field: PyField): boolean {
  const kw = field.fieldArgs?.keywords;
  if (!kw) return false;
  if (stringValue(asCall(kw.get('sa_column'))?.args.positional[0]) !== undefined) return true;
  const kwargs = kw.get('sa_column_kwargs');
  return kwargs !== undefined && (kwargs.type !== 'DictionaryExpression' || kwargs.children.some((c, i) => i % 2 === 0 && stringValue(c) === 'name'));
}

/** Methods that copy fields by name between a model and other objects: a rename cannot follow them. */
const COPYING_METHODS = new Set(['model_validate', 'model_dump', 'sqlmodel_update', 'model_copy', 'from_orm', 'parse_obj', 'dict', 'model_construct', 'validate']);

/**
 * `renameField` as a plan in the Drizzle side's terms (`RenamePlan` of src/fix/rename.ts), so that
 * `fixOrSuggest` decides between fix and suggestion for both stacks:
 * - `exported` is always true: any module can import a model class and read its fields;
 * - `renamesDatabase` when the field's name is its column's name (no `sa_column=Column("name", …)` nor
 *   `sa_column_kwargs={"name": …}`): renaming it is a migration;
 * - `unfollowed` when the file reads the name where the rename cannot follow: an attribute `.key` of
 *   something other than the class (an instance: `user.email`), a keyword `key=` of another call, the
 *   name as a string outside the class's constraints, or a method that copies fields by name
 *   (`User.model_validate(user_in)`, `db_user.sqlmodel_update(data)`).
 * Null when `renameField` cannot rename (a field of a base class, a name taken), or when the column is
 * named explicitly (its constraints then name the key, which SQLAlchemy reads differently).
 */
export function planFieldRename(
  model: PyModel,
  table: PyTable,
  key: string,
  newKey: string,
): RenamePlan | null {
  const column = table.columnByKey(key);
  if (!column || column.dbName !== key || !column.field || namesColumn(column.field) || !/^[A-Za-z_]\w*$/u.test(newKey)) return null;
  const fixes = renameField(EDIT_RECORDER, model, table, key, newKey);
  if (!fixes) return null;
  const edits = fixes.map((f) => ({ range: f.range, text: f.text }));
  const covered = (node: PyNode): boolean => edits.some((e) => e.range[0] <= node.range[0] && node.range[1] <= e.range[1]);
  const uses = nameUses(model);
  const unfollowed = uses.copies || (uses.names.get(key)?.some((node) => !covered(node)) ?? false);
  return { edits, exported: true, unfollowed, renamesDatabase: true };
}

/** Where a file uses names in ways a rename must follow (found in one walk, shared by every rename plan). */
interface NameUses {
  /** `x.name` property names, keyword argument names and plain string values, by name. */
  names: Map<string, PyNode[]>;
  /** The file calls a method that copies fields by name (`model_validate`, `sqlmodel_update`...). */
  copies: boolean;
}

const nameUsesByModel = new WeakMap<PyModel, NameUses>();

function nameUses(model: PyModel): NameUses {
  let uses = nameUsesByModel.get(model);
  if (uses) return uses;
  uses = { names: new Map(), copies: false };
  const { names } = uses;
  const add = (name: string, node: PyNode): void => {
    const list = names.get(name);
    if (list) list.push(node);
    else names.set(name, [node]);
  };
  walk(model.ast, (node) => {
    if (node.type === 'PropertyName') {
      const name = nodeText(node);
      add(name, node);
      if (COPYING_METHODS.has(name) && node.parent?.parent?.type === 'CallExpression') uses!.copies = true;
    } else if (node.type === 'VariableName' && node.parent?.type === 'ArgList') {
      const next = node.parent.children[node.parent.children.indexOf(node) + 1];
      if (next?.type === 'AssignOp') add(nodeText(node), node);
    } else if (node.type === 'String') {
      const value = stringValue(node);
      if (value !== undefined) add(value, node);
    }
  });
  nameUsesByModel.set(model, uses);
  return uses;
}

/**
 * Removes a keyword argument (`default=None`) from a call's argument list with its separator; null when
 * the call does not have it or a comment sits in the way.
 */
export function removeKeyword(fixer: Fixer, text: string, call: PyNode, name: string): Fix | null {
  const argList = child(call, 'ArgList');
  const nameNode = asCall(call)?.args.keywordNames.get(name);
  if (!argList || !nameNode) return null;
  const c = argList.children;
  const index = c.indexOf(nameNode);
  const value = c[index + 2]!;
  const next = c[index + 3];
  const previous = index > 0 ? c[index - 1] : undefined;
  const range: [number, number] = next ? [nameNode.range[0], next.range[0]] : previous ? [previous.range[1], value.range[1]] : [nameNode.range[0], value.range[1]];
  if (text.slice(range[0], range[1]).includes('#')) return null;
  return fixer.removeRange(range);
}

const quotes = new WeakMap<PyModel, string>();

/** The quote the file writes strings with: that of its first plain string, else `"`. */
export function preferredQuote(model: PyModel): string {
  // Once per file: every fix of every table asks.
  let cached = quotes.get(model);
  if (cached === undefined) quotes.set(model, (cached = findPreferredQuote(model)));
  return cached;
}

function findPreferredQuote(model: PyModel): string {
  let quote: string | null = null;
  walk(model.ast, (node) => {
    if (quote === null && node.type === 'String') {
      const m = /^[rRuU]?("""|'''|"|')/u.exec(nodeText(node));
      if (m && m[1]!.length === 1) quote = m[1]!;
    }
  });
  return quote ?? '"';
}

/**
 * Edits a field in place: `required` makes it not null (`Optional[X]` / `X | None` / `Union[X, None]`
 * becomes `X`; a `None` default and `nullable=True` go); `defaultFactory` gives it
 * `default_factory=<text>` (first in `Field(...)`, or `= <fieldRef>(default_factory=...)` for a plain
 * field, where `fieldRef` is how the file names SQLModel's `Field`); `append` adds a keyword argument
 * last (`primary_key=True`). Null for the forms it cannot rewrite with certainty: `sa_column=Column(...)`, a positional
 * default, a default already set, `**kwargs`, comments in the way.
 */
export function editField(
  fixer: Fixer,
  text: string,
  model: PyModel,
  column: PyColumn,
  edit: { required?: boolean; defaultFactory?: string; fieldRef?: string; append?: string },
): Fix[] | null {
  const field = column.field;
  if (!field || column.form === 'sa_column') return null;
  const fixes: Fix[] = [];
  if (edit.required && column.optional) {
    const inner = nonOptional(field.annotation, qualifierFor(model.imports, model.moduleNames));
    if (!inner) return null;
    fixes.push(fixer.replaceTextRange(field.annotation.range, nodeText(inner)));
  }
  const value = field.value;
  if (column.form === 'plain') {
    if (value && value.type !== 'None') return edit.defaultFactory ? null : fixes.length ? fixes : null;
    const end = value ? value.range[1] : field.annotation.range[1];
    const args = [edit.defaultFactory && `default_factory=${edit.defaultFactory}`, edit.append].filter(Boolean);
    if (args.length > 0 && !edit.fieldRef) return null;
    const replacement = args.length > 0 ? ` = ${edit.fieldRef}(${args.join(', ')})` : '';
    if (args.length > 0 || (edit.required && value)) fixes.push(fixer.replaceTextRange([field.annotation.range[1], end], replacement));
    return fixes.length ? fixes : null;
  }
  const args = field.fieldArgs;
  if (!value || !args || args.spread || args.positional.length > 0) return null;
  if (edit.required) {
    for (const name of ['default', 'nullable']) {
      const option = args.keywords.get(name);
      if (!option || (name === 'default' && option.type !== 'None') || (name === 'nullable' && nodeText(option) !== 'True')) continue;
      const removal = removeKeyword(fixer, text, value, name);
      if (!removal) return null;
      fixes.push(removal);
    }
  }
  if (edit.defaultFactory) {
    const kept = args.keywords.get('default');
    if (args.keywords.has('default_factory') || (kept && !(edit.required && kept.type === 'None'))) return null;
  }
  const argList = child(value, 'ArgList')!;
  const first = argList.children[0];
  const last = argList.children[argList.children.length - 1];
  if (!first) {
    const all = [edit.defaultFactory && `default_factory=${edit.defaultFactory}`, edit.append].filter(Boolean).join(', ');
    if (all) fixes.push(fixer.insertTextAfterRange([argList.range[0], argList.range[0] + 1], all));
    return fixes.length ? fixes : null;
  }
  if (edit.defaultFactory) fixes.push(fixer.insertTextBeforeRange(first.range, `default_factory=${edit.defaultFactory}, `));
  if (edit.append) {
    // After the last argument; a `None` default removed there (`required`) ends where it ends: no fix rather than an overlap.
    if (fixes.some((f) => f.range[0] < last!.range[1] && f.range[1] >= last!.range[1] && f.range[0] !== f.range[1])) return null;
    fixes.push(fixer.insertTextAfterRange(last!.range, `, ${edit.append}`));
  }
  return fixes.length ? fixes : null;
}

/** The non-None part of `Optional[X]`, `X | None`, `Union[X, None]`, or null. */
function nonOptional(annotation: PyNode, q: (name: string | undefined) => string | null): PyNode | null {
  if (annotation.type === 'BinaryExpression') {
    const parts = annotation.children.filter((c) => c.type !== 'BitOp' && c.type !== 'None');
    return parts.length === 1 && annotation.children.length === 3 ? parts[0]! : null;
  }
  if (annotation.type === 'MemberExpression') {
    const generic = q(nodeText(annotation.children[0]!));
    const args = annotation.children.slice(1);
    if (generic === 'typing.Optional' && args.length === 1) return args[0]!;
    if (generic === 'typing.Union') {
      const rest = args.filter((a) => a.type !== 'None');
      return rest.length === 1 && args.length === 2 ? rest[0]! : null;
    }
  }
  return null;
}

/**
 * Adds a keyword option (`index=True`, `foreign_key="users.id"`) to a field: to its `Field(...)`, or as
 * one (`user_id: UUID` -> `user_id: UUID = Field(index=True)`, `= None` -> `Field(default=None, …)`,
 * importing `Field` the way the file does). An option written already is rewritten where its value is
 * `False`/`None` (`index=False` -> `index=True`). Null for a `sa_column=Column(...)` field, a field of
 * another class, and wherever `editField` cannot be sure.
 */
export function appendFieldOption(fixer: Fixer, text: string, model: PyModel, column: PyColumn, name: string, value: string): Fix[] | null {
  const field = column.field;
  if (!field || column.form === 'sa_column') return null;
  if (column.form === 'field') {
    const written = field.fieldArgs?.keywords.get(name);
    if (written) return written.type === 'None' || nodeText(written) === 'False' ? [fixer.replaceTextRange(written.range, value)] : null;
    return editField(fixer, text, model, column, { append: `${name}=${value}` });
  }
  if (field.value && field.value.type !== 'None') return null;
  const option = field.value ? `default=None, ${name}=${value}` : `${name}=${value}`;
  const imports = ensureImports(fixer, text, model, [{ module: 'sqlmodel', name: 'Field' }]);
  if (!imports) return null;
  const edit = editField(fixer, text, model, column, { append: option, fieldRef: imports.refs.get('sqlmodel.Field')! });
  return edit && [...imports.fixes, ...edit];
}

/**
 * SQLModel, as SQLModel defines it: the table classes of a Python file, their columns and the facts the
 * rules read, shared with the Drizzle side (`ColumnFacts`: key, dbName, a pg-core builder name,
 * modifier names), so that each rule states the standard once.
 *
 * - A table class is `class X(<bases>, table=True)`. Its columns are the annotated fields of the class
 *   and of its bases and mixins (same file, or another project file through project.ts), base-most
 *   first, as Pydantic collects them; `ClassVar`s, private names and `Relationship(...)` are not columns.
 * - The table name is `__tablename__`, or the lowercased class name.
 * - A field's column follows `sqlmodel.main.get_column_from_field`: `sa_column=Column(...)` replaces
 *   everything; otherwise the type comes from `sa_type` or the annotation, nullability from `nullable`,
 *   else not-null for a primary key or a non-Optional annotation.
 * - Whatever cannot be read stays unknown: an unresolved base makes the columns incomplete
 *   (`columnsComplete: false`, so `lacks()` is false); an unreadable type leaves `builder` null.
 */
import { hasModifier } from '../model/describe.js';
import { toSnakeCase } from '../model/names.js';
import type { DataModelingSettings } from '../settings.js';
import { readSettings, tenantRootTable } from '../settings.js';
import {
  asCall,
  booleanValue,
  callArguments,
  child,
  dottedName,
  nodeText,
  rootOf,
  statements,
  stringValue,
  type Arguments,
  type PyNode,
  type PyScript,
} from './parse.js';
import { pythonProjectOf, type PythonProject } from './project.js';

// ---------------------------------------------------------------------------------------------------------
// Imports

/** What a module-level name is bound to by an import. */
export interface ImportBinding {
  /** The module as written (`uuid`, `app.models.base`, `.base`). */
  module: string;
  /** The imported name (`UUID`); null when the binding is the module itself (`import uuid`). */
  name: string | null;
  /** The import statement. */
  statement: PyNode;
}

/**
 * The import bindings of a file's module-level `if TYPE_CHECKING:` blocks (`typing.TYPE_CHECKING` too):
 * names for type checkers, not bound at run time, so no fix may write code that uses them; but what they
 * name can be read (the root table of a relationship imported this way, as the FastAPI template does).
 */
export function typeCheckingImports(ast: PyScript): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  for (const statement of ast.children) {
    if (statement.type !== 'IfStatement' || !/^(?:typing\.)?TYPE_CHECKING$/u.test(nodeText(statement.children[1]!))) continue;
    for (const inner of statements(child(statement, 'Body'))) {
      if (inner.type !== 'ImportStatement') continue;
      for (const { name, local, module } of parseImport(nodeText(inner)) ?? []) out.set(local, { module, name, statement: inner });
    }
  }
  return out;
}

/** Module-level import bindings of a file: local name -> binding. */
export function readImports(ast: PyScript): Map<string, ImportBinding> {
  const out = new Map<string, ImportBinding>();
  for (const statement of ast.children) {
    if (statement.type !== 'ImportStatement') continue;
    const parsed = parseImport(nodeText(statement));
    if (!parsed) continue;
    for (const { name, local, module } of parsed) out.set(local, { module, name, statement });
  }
  return out;
}

/** An import statement's bindings, from its text: `from m import a as b, c` / `import a.b as c, d`. */
export function parseImport(text: string): { module: string; name: string | null; local: string }[] | null {
  const clean = text.replace(/#[^\n]*/gu, '').replace(/\\\r?\n/gu, ' ').replace(/[()]/gu, ' ').replace(/\s+/gu, ' ').trim();
  const from = /^from ([\w.]+|\.+) import (.+)$/u.exec(clean);
  if (from) {
    if (from[2]!.trim() === '*') return [];
    return from[2]!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((s) => {
        const [name, local] = s.split(/ as /u).map((p) => p.trim());
        return { module: from[1]!, name: name!, local: local ?? name! };
      });
  }
  const plain = /^import (.+)$/u.exec(clean);
  if (!plain) return null;
  return plain[1]!
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [module, local] = s.split(/ as /u).map((p) => p.trim());
      // `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`.
      return local ? { module: module!, name: null, local } : { module: module!.split('.')[0]!, name: null, local: module!.split('.')[0]! };
    });
}

/**
 * The fully qualified name a dotted expression denotes through the file's imports: `Field` ->
 * `sqlmodel.Field`, `sa.Column` -> `sqlalchemy.Column`, `uuid.UUID` -> `uuid.UUID`. Names not bound
 * by an import are returned as `builtins.<name>` when they are not bound in the file at all, else null.
 */
export function qualify(name: string | undefined, imports: Map<string, ImportBinding>, localNames: ReadonlySet<string>): string | null {
  if (!name) return null;
  const [head, ...rest] = name.split('.');
  const binding = imports.get(head!);
  if (binding) {
    const base = binding.name === null ? binding.module : `${binding.module}.${binding.name}`;
    return [base, ...rest].join('.');
  }
  if (localNames.has(head!)) return null;
  return rest.length === 0 ? `builtins.${head}` : null;
}

// ---------------------------------------------------------------------------------------------------------
// Facts

/** A foreign key target `"tenants.id"`. */
export interface ForeignKeyTarget {
  table: string;
  column: string;
}

/** What a field's column is, as plain data (no nodes): readable in another file's summary. */
export interface PyFieldData {
  key: string;
  /** The column name: the field name, or `Column("name", ...)` / `sa_column_kwargs={"name": ...}`. */
  dbName: string | null;
  /** The pg-core builder equivalent (`uuid`, `timestamp`, `varchar`, `text`, `boolean`, `integer`, ...), or null. */
  builder: string | null;
  /** For `timestamp`: `DateTime(timezone=True)`; false for a plain datetime; null when unknown. */
  withTimezone: boolean | null;
  /**
   * Modifier names as Drizzle's (`ColumnFacts.modifiers`, so `hasModifier` reads both): `notNull`,
   * `primaryKey`, `default`, `defaultRandom`, `defaultNow`, `$onUpdate`, `references`, `unique`.
   */
  modifiers: { name: string }[];
  /** True when nullability could not be read (a non-literal `nullable=`). */
  nullableUnknown: boolean;
  /** `foreign_key="t.id"` / `ForeignKey("t.id")`; null when none or unreadable (see `referencesUnknown`). */
  references: ForeignKeyTarget | null;
  referencesUnknown: boolean;
  /** `index=True` on the field or its Column. (Table-level indexes: see `PyTable.indexes`.) */
  index: boolean;
  /** The annotation's type, qualified (`uuid.UUID`, `datetime.datetime`, `builtins.str`), or null. */
  pythonType: string | null;
  /** The annotation is `Optional[...]` / `X | None`. */
  optional: boolean;
  /** How the column is written: `Field(...)`, `Field(sa_column=Column(...))`, or a plain default / none. */
  form: 'field' | 'sa_column' | 'plain';
}

/** A class of a file, as plain data. */
export interface PyClassData {
  name: string;
  /** The base expressions as dotted names (null for one that is not a plain name). */
  bases: (string | null)[];
  table: boolean;
  /** `__tablename__` when a string; null when absent; undefined when present but unreadable. */
  tablename: string | null | undefined;
  /** The class body assigns `__table_args__`. */
  tableArgs: boolean;
  fields: PyFieldData[];
}

/** A field written in the linted file: its facts and its nodes. */
export interface PyField extends PyFieldData {
  /** The `name: type = value` statement. */
  statement: PyNode;
  /** The field name node (where column problems are reported). */
  keyNode: PyNode;
  /** The annotation expression (after the `:`). */
  annotation: PyNode;
  /** The value, if any. */
  value: PyNode | null;
  /** The `Field(...)` call's arguments, when the value is one. */
  fieldArgs: Arguments | null;
  /** The class that declares it. */
  owner: PyClass;
}

/** A class of the linted file. */
export interface PyClass extends Omit<PyClassData, 'fields'> {
  node: PyNode;
  nameNode: PyNode;
  /** The class body (where fields are inserted). */
  body: PyNode;
  /** The `__table_args__ = …` statement of the class body, or null. */
  tableArgsNode: PyNode | null;
  fields: PyField[];
}

/** A column of a table: a field's facts, where it is written, and the table. */
export interface PyColumn extends PyFieldData {
  /** Drizzle's `ColumnFacts.hasNameArg`: whether the column names its database column explicitly. */
  hasNameArg: boolean;
  /** `local`: written in the linted file (field nodes available); `imported`: a base in another file. */
  origin: 'local' | 'imported';
  /** The field in the linted file, for `local` columns. */
  field: PyField | null;
  /** The file that writes it (absolute path), for `imported` columns. */
  module: string | null;
  /** Indexed: `index=True`, or the first column of an `Index`/`UniqueConstraint` in `__table_args__`, or the primary key. */
  indexed: boolean;
  table: PyTable;
}

export interface PyIndex {
  kind: 'index' | 'unique' | 'primaryKey';
  name: string | null;
  /** Column names, in order; null for one that is not a string. */
  columns: (string | null)[];
  unique: boolean;
  node: PyNode;
}

export interface PyForeignKey {
  columns: (string | null)[];
  targets: (ForeignKeyTarget | null)[];
  node: PyNode;
}

export interface PyTable {
  cls: PyClass;
  /** The table name: `__tablename__`, or the lowercased class name; null when `__tablename__` cannot be read. */
  name: string | null;
  /** The `__tablename__` string node, when written in the class. */
  nameNode: PyNode | null;
  schemaName: string | null;
  columns: PyColumn[];
  /** False when some columns cannot be seen: an unresolved base, an unreadable field. */
  columnsComplete: boolean;
  /** Bases whose fields could not be read (names as written). */
  unresolvedBases: string[];
  indexes: PyIndex[];
  foreignKeys: PyForeignKey[];
  /** `__table_args__`: its statement (the class's own, or a same-file base's), or null when absent. */
  tableArgs: PyNode | null;
  /** False when `__table_args__` holds something that cannot be read, or a base that cannot be read may define it. */
  tableArgsComplete: boolean;
  /**
   * The class whose `__table_args__` the table has: its own class, a base class of this file (SQLAlchemy
   * reads the attribute as Python looks it up, through the bases), or null when none is known. A table
   * whose `__table_args__` is not its own class's gets no fix that writes `__table_args__`: an entry
   * added to a base's would change every table that inherits it, and one written into the class would
   * replace the inherited entries.
   */
  tableArgsOwner: PyClass | null;
  /** True when a base (read or not) may provide `__table_args__` and the class does not write its own. */
  tableArgsInherited: boolean;
  /**
   * True for the columns of a mixin rather than a table: a class of this file that table classes of
   * other files inherit (see `PyModel.columnSets`). Its `name` is null.
   */
  columnSet: boolean;
  isRoot: boolean;
  column(dbName: string): PyColumn | undefined;
  columnByKey(key: string): PyColumn | undefined;
  /** True when no column of that name exists and the columns are fully known. */
  lacks(dbName: string): boolean;
}

export interface PyModel {
  ast: PyScript;
  settings: DataModelingSettings;
  tables: PyTable[];
  classes: Map<string, PyClass>;
  imports: Map<string, ImportBinding>;
  /** Names bound at module level (imports, classes, functions, assignments). */
  moduleNames: Set<string>;
  project: PythonProject | null;
  /**
   * The mixins of this file that table classes of other files inherit and no table of this file does,
   * each read as a table of its own fields and its bases' (`columnSet: true`): the rules that judge
   * columns one by one check them here, once, where they can be fixed.
   */
  columnSets: PyTable[];
}

// ---------------------------------------------------------------------------------------------------------
// Types

const SQLALCHEMY_MODULES = /^(sqlalchemy|sqlmodel)(\.|$)/u;

/** Python annotation types -> the pg-core builder SQLModel's column type corresponds to. */
const PYTHON_TYPES: Record<string, string> = {
  'uuid.UUID': 'uuid',
  'builtins.str': 'varchar',
  'pydantic.EmailStr': 'varchar',
  'pydantic.networks.EmailStr': 'varchar',
  'builtins.int': 'integer',
  'builtins.bool': 'boolean',
  'builtins.float': 'doublePrecision',
  'builtins.bytes': 'bytea',
  'datetime.datetime': 'timestamp',
  'datetime.date': 'date',
  'datetime.time': 'time',
  'datetime.timedelta': 'interval',
  'decimal.Decimal': 'numeric',
  'pathlib.Path': 'varchar',
  'ipaddress.IPv4Address': 'varchar',
  'ipaddress.IPv6Address': 'varchar',
};

/** SQLAlchemy / SQLModel column types (last name component) -> pg-core builder. */
const SQL_TYPES: Record<string, string> = {
  Uuid: 'uuid',
  UUID: 'uuid',
  String: 'varchar',
  VARCHAR: 'varchar',
  AutoString: 'varchar',
  Unicode: 'varchar',
  Text: 'text',
  TEXT: 'text',
  UnicodeText: 'text',
  Integer: 'integer',
  INTEGER: 'integer',
  BigInteger: 'bigint',
  BIGINT: 'bigint',
  SmallInteger: 'smallint',
  SMALLINT: 'smallint',
  Boolean: 'boolean',
  BOOLEAN: 'boolean',
  DateTime: 'timestamp',
  TIMESTAMP: 'timestamp',
  Date: 'date',
  DATE: 'date',
  Time: 'time',
  TIME: 'time',
  Interval: 'interval',
  Numeric: 'numeric',
  NUMERIC: 'numeric',
  DECIMAL: 'numeric',
  Float: 'doublePrecision',
  DOUBLE_PRECISION: 'doublePrecision',
  REAL: 'real',
  JSON: 'json',
  JSONB: 'jsonb',
  LargeBinary: 'bytea',
  BYTEA: 'bytea',
  INET: 'inet',
  CIDR: 'cidr',
};

/** Factories whose value is "now": `datetime.now`, `datetime.utcnow`, `func.now()`. */
function isNowExpression(node: PyNode | undefined, q: Qualifier, depth = 0): boolean {
  if (!node) return false;
  if (node.type === 'LambdaExpression') return isNowExpression(node.children[node.children.length - 1], q, depth);
  const name = q(dottedName(node));
  if (name === 'datetime.datetime.now' || name === 'datetime.datetime.utcnow') return true;
  const call = asCall(node);
  if (call) {
    const callee = q(call.name);
    if (callee === 'datetime.datetime.now' || callee === 'datetime.datetime.utcnow') return true;
    if (callee && /^(sqlalchemy|sqlmodel)(\.sql)?(\.expression)?\.func\.(now|current_timestamp|localtimestamp)$/u.test(callee)) return true;
    if (callee && /^(sqlalchemy|sqlmodel)(\.sql)?(\.expression)?\.text$/u.test(callee)) {
      const sql = stringValue(call.args.positional[0])?.trim().toLowerCase();
      return sql === 'now()' || sql === 'current_timestamp' || sql === "timezone('utc', now())" || sql === 'current_timestamp()';
    }
  }
  // A local helper named like one (`def utcnow(): ...`), or a module-level function that returns now.
  const local = dottedName(node);
  return local !== undefined && (/^_?(utc_?now|now_utc|now)$/u.test(local) || (depth < 2 && returnsNow(node, local, q, depth + 1)));
}

/**
 * Whether `name` is a module-level function of the node's file whose body (past a docstring) is one
 * `return` of now: `def get_datetime_utc() -> datetime: return datetime.now(timezone.utc)`, as the
 * FastAPI template writes its default factories.
 */
function returnsNow(node: PyNode, name: string, q: Qualifier, depth: number): boolean {
  for (const s of rootOf(node).children) {
    if (s.type !== 'FunctionDefinition' || nodeText(child(s, 'VariableName')!) !== name) continue;
    const body = statements(child(s, 'Body')).filter((b) => !(b.type === 'ExpressionStatement' && b.children[0]?.type === 'String'));
    const returned = body.length === 1 && body[0]!.type === 'ReturnStatement' ? body[0]!.children[1] : undefined;
    return isNowExpression(returned, q, depth);
  }
  return false;
}

function isRandomUuidExpression(node: PyNode | undefined, q: Qualifier): boolean {
  if (!node) return false;
  const name = q(dottedName(node));
  if (name === 'uuid.uuid4' || name === 'uuid.uuid7' || name === 'uuid6.uuid7' || name === 'uuid_extensions.uuid7') return true;
  const call = asCall(node);
  if (call && q(call.name) && /^(sqlalchemy|sqlmodel)(\.sql)?(\.expression)?\.(text|func\.gen_random_uuid)$/u.test(q(call.name)!)) {
    if (call.name!.endsWith('gen_random_uuid')) return true;
    const sql = stringValue(call.args.positional[0])?.trim().toLowerCase();
    return sql === 'gen_random_uuid()' || sql === 'uuid_generate_v4()';
  }
  return false;
}

export type Qualifier = (name: string | undefined) => string | null;

/** An SQLAlchemy type expression (`DateTime(timezone=True)`, `sa.Text`, `JSONB`) -> builder and timezone. */
export function sqlType(node: PyNode | undefined, q: Qualifier): { builder: string | null; withTimezone: boolean | null } {
  if (!node) return { builder: null, withTimezone: null };
  const call = asCall(node);
  const name = q(call ? call.name : dottedName(node));
  if (!name || !SQLALCHEMY_MODULES.test(name)) return { builder: null, withTimezone: null };
  const last = name.slice(name.lastIndexOf('.') + 1);
  const builder = SQL_TYPES[last] ?? null;
  if (builder !== 'timestamp' && builder !== 'time') return { builder, withTimezone: null };
  if (!call) return { builder, withTimezone: false };
  if (call.args.spread) return { builder, withTimezone: null };
  const tz = call.args.keywords.get('timezone') ?? call.args.positional[0];
  return { builder, withTimezone: tz ? (booleanValue(tz) ?? null) : false };
}

/** The annotation's type: unwraps `Optional[X]`, `X | None`, `Union[X, None]`, `Annotated[X, ...]`. */
function readAnnotation(node: PyNode | undefined, q: Qualifier): { type: string | null; optional: boolean; classVar: boolean } {
  if (!node) return { type: null, optional: false, classVar: false };
  if (node.type === 'BinaryExpression' && child(node, 'BitOp') && nodeText(child(node, 'BitOp')!) === '|') {
    const parts = node.children.filter((c) => c.type !== 'BitOp');
    const none = parts.filter((p) => p.type === 'None');
    const rest = parts.filter((p) => p.type !== 'None');
    const inner = rest.length === 1 ? readAnnotation(rest[0], q) : { type: null, optional: false, classVar: false };
    return { type: inner.type, optional: none.length > 0 || inner.optional, classVar: false };
  }
  if (node.type === 'MemberExpression' && node.children[1]?.type !== 'PropertyName') {
    const generic = q(dottedName(node.children[0]));
    const args = node.children.slice(1);
    if (generic === 'typing.Optional' && args.length === 1) return { ...readAnnotation(args[0], q), optional: true };
    if (generic === 'typing.Union') {
      const rest = args.filter((a) => a.type !== 'None');
      const inner = rest.length === 1 ? readAnnotation(rest[0], q) : { type: null, optional: false, classVar: false };
      return { type: inner.type, optional: rest.length < args.length || inner.optional, classVar: false };
    }
    if (generic === 'typing.Annotated' || generic === 'typing_extensions.Annotated') return readAnnotation(args[0], q);
    if (generic === 'typing.ClassVar') return { type: null, optional: false, classVar: true };
    return { type: null, optional: false, classVar: false };
  }
  if (node.type === 'VariableName' && nodeText(node) === 'ClassVar') return { type: null, optional: false, classVar: true };
  if (node.type === 'None') return { type: null, optional: true, classVar: false };
  return { type: q(dottedName(node)), optional: false, classVar: false };
}

// ---------------------------------------------------------------------------------------------------------
// Fields

function isSqlModelName(name: string | null, what: string): boolean {
  return name === `sqlmodel.${what}` || name === `sqlmodel.main.${what}`;
}

function isSqlAlchemyName(name: string | null, what: string): boolean {
  return name !== null && SQLALCHEMY_MODULES.test(name) && name.endsWith(`.${what}`);
}

function foreignKeyTarget(node: PyNode | undefined): ForeignKeyTarget | null {
  const value = stringValue(node);
  const m = value === undefined ? null : /^(?:[\w$]+\.)?([\w$]+)\.([\w$]+)$/u.exec(value);
  return m ? { table: m[1]!, column: m[2]! } : null;
}

function dictEntries(node: PyNode | undefined): Map<string, PyNode> | null {
  if (node?.type !== 'DictionaryExpression') return null;
  const out = new Map<string, PyNode>();
  const c = node.children;
  for (let i = 0; i < c.length; i += 2) {
    const key = stringValue(c[i]);
    if (key === undefined || !c[i + 1]) return null;
    out.set(key, c[i + 1]!);
  }
  return out;
}

/** The facts of an annotated field, or null when it is not a column (ClassVar, private, Relationship). */
function readField(statement: PyNode, q: Qualifier): { data: PyFieldData; keyNode: PyNode; annotation: PyNode; value: PyNode | null; fieldArgs: Arguments | null } | null {
  const keyNode = statement.children[0];
  const typeDef = child(statement, 'TypeDef');
  if (keyNode?.type !== 'VariableName' || !typeDef || typeDef !== statement.children[1]) return null;
  const key = nodeText(keyNode);
  if (key.startsWith('_') || key === 'model_config') return null;
  const annotation = typeDef.children[0]!;
  const ann = readAnnotation(annotation, q);
  if (ann.classVar) return null;
  const value = statement.children[2]?.type === 'AssignOp' ? (statement.children[3] ?? null) : null;
  const call = asCall(value ?? undefined);
  const callee = call ? q(call.name) : null;
  if (isSqlModelName(callee, 'Relationship')) return null;
  const data: PyFieldData = {
    key,
    dbName: key,
    builder: ann.type ? (PYTHON_TYPES[ann.type] ?? null) : null,
    withTimezone: ann.type === 'datetime.datetime' || ann.type === 'datetime.time' ? false : null,
    modifiers: [],
    nullableUnknown: false,
    references: null,
    referencesUnknown: false,
    index: false,
    pythonType: ann.type,
    optional: ann.optional,
    form: 'plain',
  };
  const modifiers = new Set<string>();
  let fieldArgs: Arguments | null = null;
  if (call && isSqlModelName(callee, 'Field')) {
    fieldArgs = call.args;
    const kw = call.args.keywords;
    const column = asCall(kw.get('sa_column'));
    if (kw.has('sa_column')) {
      data.form = 'sa_column';
      readColumn(data, column && isSqlAlchemyName(q(column.name), 'Column') ? column.args : null, q, modifiers);
    } else {
      data.form = 'field';
      readFieldOptions(data, call.args, q, modifiers);
    }
  } else if (call && isSqlAlchemyName(callee, 'Column')) {
    // A bare Column as the value is not SQLModel's (it is a Pydantic default): unknown.
    data.builder = null;
    data.nullableUnknown = true;
  } else {
    // A plain default (`= None`, `= True`) or none.
    const notNull = !ann.optional;
    if (notNull) modifiers.add('notNull');
    if (value && value.type !== 'None') modifiers.add('default');
  }
  data.modifiers = [...modifiers].map((name) => ({ name }));
  return { data, keyNode, annotation, value, fieldArgs };
}

/**
 * `primary_key=` and `nullable=` of a Field or Column: `primaryKey`, and `notNull` when `nullable=False`
 * or, without it, when `notNullByDefault` says so; unknown for values that are not literals and `**kwargs`.
 */
function readKeyAndNullability(data: PyFieldData, args: Arguments, modifiers: Set<string>, notNullByDefault: (primaryKey: boolean) => boolean): void {
  const kw = args.keywords;
  const primaryKey = booleanValue(kw.get('primary_key'));
  if (kw.has('primary_key') && primaryKey === undefined) data.nullableUnknown = true;
  if (primaryKey) modifiers.add('primaryKey');
  let notNull = notNullByDefault(primaryKey === true);
  if (kw.has('nullable')) {
    const nullable = booleanValue(kw.get('nullable'));
    if (nullable === undefined) data.nullableUnknown = true;
    else notNull = !nullable;
  }
  if (args.spread) data.nullableUnknown = true;
  if (notNull && !data.nullableUnknown) modifiers.add('notNull');
}

/** `Field(...)` without `sa_column`, as `get_column_from_field` reads it. */
function readFieldOptions(data: PyFieldData, args: Arguments, q: Qualifier, modifiers: Set<string>): void {
  const kw = args.keywords;
  if (kw.has('sa_type')) Object.assign(data, sqlType(kw.get('sa_type'), q));
  // SQLModel: not null for a primary key or a non-Optional annotation.
  readKeyAndNullability(data, args, modifiers, (primaryKey) => primaryKey || !data.optional);
  if (kw.has('foreign_key')) {
    data.references = foreignKeyTarget(kw.get('foreign_key'));
    if (data.references) modifiers.add('references');
    else if (kw.get('foreign_key')!.type !== 'None') data.referencesUnknown = true;
  }
  if (booleanValue(kw.get('unique'))) modifiers.add('unique');
  if (booleanValue(kw.get('index'))) data.index = true;
  const factory = kw.get('default_factory');
  const value = kw.has('default') ? kw.get('default') : args.positional[0];
  if (factory) modifiers.add(isRandomUuidExpression(factory, q) ? 'defaultRandom' : isNowExpression(factory, q) ? 'defaultNow' : 'default');
  else if (value && value.type !== 'None' && value.type !== 'Ellipsis') modifiers.add('default');
  const saKwargs = dictEntries(kw.get('sa_column_kwargs'));
  if (kw.has('sa_column_kwargs') && !saKwargs) data.nullableUnknown = true;
  if (saKwargs) readColumnKeywords(data, saKwargs, q, modifiers);
}

/** `Column(...)` (the value of `sa_column`), as SQLAlchemy reads it; null args: not a readable Column call. */
function readColumn(data: PyFieldData, args: Arguments | null, q: Qualifier, modifiers: Set<string>): void {
  if (!args) {
    data.builder = null;
    data.withTimezone = null;
    data.nullableUnknown = true;
    data.referencesUnknown = true;
    return;
  }
  const positional = [...args.positional];
  const name = stringValue(positional[0]);
  if (name !== undefined) {
    data.dbName = name;
    positional.shift();
  }
  const type = positional[0];
  const fk = positional.slice(1).map((p) => asCall(p)).find((c) => c && isSqlAlchemyName(q(c.name), 'ForeignKey'));
  const typeCall = asCall(type);
  if (type && !(typeCall && isSqlAlchemyName(q(typeCall.name), 'ForeignKey'))) Object.assign(data, sqlType(type, q));
  else {
    data.builder = null;
    data.withTimezone = null;
  }
  const kw = args.keywords;
  // SQLAlchemy: nullable defaults to `not primary_key`.
  readKeyAndNullability(data, args, modifiers, (primaryKey) => primaryKey);
  const fkCall = fk ?? (typeCall && isSqlAlchemyName(q(typeCall.name), 'ForeignKey') ? typeCall : undefined);
  if (fkCall) {
    data.references = foreignKeyTarget(fkCall.args.positional[0]);
    if (data.references) modifiers.add('references');
    else data.referencesUnknown = true;
  }
  if (booleanValue(kw.get('unique'))) modifiers.add('unique');
  if (booleanValue(kw.get('index'))) data.index = true;
  const entries = new Map<string, PyNode>();
  for (const [k, v] of kw) entries.set(k, v);
  readColumnKeywords(data, entries, q, modifiers);
}

/** `default`, `server_default`, `onupdate`, `name` of a Column or of `sa_column_kwargs`. */
function readColumnKeywords(data: PyFieldData, kw: Map<string, PyNode>, q: Qualifier, modifiers: Set<string>): void {
  const name = stringValue(kw.get('name'));
  if (name !== undefined) data.dbName = name;
  for (const key of ['server_default', 'default']) {
    const value = kw.get(key);
    if (!value || value.type === 'None') continue;
    modifiers.add(isRandomUuidExpression(value, q) ? 'defaultRandom' : isNowExpression(value, q) ? 'defaultNow' : 'default');
  }
  if (kw.has('onupdate') || kw.has('server_onupdate')) modifiers.add('$onUpdate');
}

// ---------------------------------------------------------------------------------------------------------
// Classes and tables

/** The classes of a file (module level), with their fields' facts and nodes. */
export function readClasses(ast: PyScript, q: Qualifier): Map<string, PyClass> {
  const out = new Map<string, PyClass>();
  for (let statement of ast.children) {
    if (statement.type === 'DecoratedStatement') statement = child(statement, 'ClassDefinition') ?? statement;
    if (statement.type !== 'ClassDefinition') continue;
    const nameNode = child(statement, 'VariableName');
    const body = child(statement, 'Body');
    if (!nameNode || !body) continue;
    const args = callArguments(child(statement, 'ArgList'));
    const cls: PyClass = {
      name: nodeText(nameNode),
      // `*bases`: bases that cannot be read.
      bases: [...args.positional.map((b) => dottedName(b) ?? null), ...(args.spread ? [null] : [])],
      table: booleanValue(args.keywords.get('table')) === true,
      tablename: null,
      tableArgs: false,
      tableArgsNode: null,
      fields: [],
      node: statement,
      nameNode,
      body,
    };
    for (const s of statements(body)) {
      if (s.type !== 'AssignStatement') continue;
      const first = s.children[0];
      if (first?.type === 'VariableName' && nodeText(first) === '__tablename__') {
        const value = s.children[s.children.length - 1];
        const name = stringValue(value);
        cls.tablename = name === undefined ? undefined : name;
        continue;
      }
      if (first?.type === 'VariableName' && nodeText(first) === '__table_args__') {
        cls.tableArgs = true;
        cls.tableArgsNode = s;
        continue;
      }
      const field = readField(s, q);
      if (field) cls.fields.push(Object.assign(fieldData(field.data), { statement: s, keyNode: field.keyNode, annotation: field.annotation, value: field.value, fieldArgs: field.fieldArgs, owner: cls }));
    }
    out.set(cls.name, cls);
  }
  return out;
}

/** Plain data of a class (for summaries of other files). */
export function classData(cls: PyClass): PyClassData {
  return {
    name: cls.name,
    bases: cls.bases,
    table: cls.table,
    tablename: cls.tablename,
    tableArgs: cls.tableArgs,
    fields: cls.fields.map(dataOf),
  };
}

/** Names bound at module level. */
export function moduleNamesOf(ast: PyScript, imports: Map<string, ImportBinding>): Set<string> {
  const names = new Set(imports.keys());
  for (let s of ast.children) {
    if (s.type === 'DecoratedStatement') s = s.children[s.children.length - 1] ?? s;
    if (s.type === 'ClassDefinition' || s.type === 'FunctionDefinition') {
      const n = child(s, 'VariableName');
      if (n) names.add(nodeText(n));
    } else if (s.type === 'AssignStatement' && s.children[0]?.type === 'VariableName') names.add(nodeText(s.children[0]));
  }
  return names;
}

export function qualifierFor(imports: Map<string, ImportBinding>, localNames: ReadonlySet<string>): Qualifier {
  // The same few names (`Field`, `UUID`, `DateTime`, ...) are qualified for every field of a file.
  const known = new Map<string, string | null>();
  return (name) => {
    if (!name) return null;
    let out = known.get(name);
    if (out === undefined) {
      out = qualify(name, imports, localNames);
      known.set(name, out);
    }
    return out;
  };
}

/** What a base name of the file denotes: its classes, its imports (qualified by `q`), other files. */
interface ClassLookup {
  classes: Map<string, PyClass>;
  q: Qualifier;
  imports: Map<string, ImportBinding>;
  project: PythonProject | null;
}

/** A resolved base: its fields (local with nodes, or data from another file), or null when unreadable. */
type BaseFields = { fields: (PyField | (PyFieldData & { module: string }))[]; complete: boolean; unresolved: string[] };

const NO_FIELD_BASES = new Set(['sqlmodel.SQLModel', 'sqlmodel.main.SQLModel', 'builtins.object', 'typing.Generic']);

function collectFields(
  cls: PyClass,
  lookup: ClassLookup,
  seen: Set<string>,
): BaseFields {
  const out: BaseFields = { fields: [], complete: true, unresolved: [] };
  if (seen.has(cls.name)) return out;
  seen.add(cls.name);
  // Pydantic collects fields base-most first: the last base's fields come first.
  for (const base of [...cls.bases].reverse()) {
    const inherited = baseFields(base, lookup, seen);
    out.fields.push(...inherited.fields);
    out.unresolved.push(...inherited.unresolved);
    if (!inherited.complete) out.complete = false;
  }
  for (const f of cls.fields) {
    const at = out.fields.findIndex((g) => g.key === f.key);
    if (at >= 0) out.fields[at] = f;
    else out.fields.push(f);
  }
  return out;
}

function baseFields(
  base: string | null,
  lookup: ClassLookup,
  seen: Set<string>,
): BaseFields {
  if (base === null) return { fields: [], complete: false, unresolved: ['(expression)'] };
  const { classes, q, imports, project } = lookup;
  const local = classes.get(base);
  if (local && !imports.has(base)) return collectFields(local, lookup, seen);
  const qualified = q(base);
  if (qualified && NO_FIELD_BASES.has(qualified)) return { fields: [], complete: true, unresolved: [] };
  const binding = imports.get(base.split('.')[0]!);
  const imported = binding && project ? project.importedClassFields(binding, base) : null;
  if (imported) return { fields: imported.fields, complete: imported.complete, unresolved: imported.unresolved };
  return { fields: [], complete: false, unresolved: [base] };
}

/**
 * The base class of this file whose `__table_args__` a class inherits (the first found through its bases,
 * left to right, depth first: the order Python's lookup takes outside diamond hierarchies); `unknown`
 * when a base that cannot be read, or one of another file that defines the attribute, comes first;
 * null when no base defines it.
 */
function inheritedTableArgs(
  cls: PyClass,
  lookup: ClassLookup,
  seen: Set<string>,
): PyClass | 'unknown' | null {
  const { classes, q, imports, project } = lookup;
  for (const base of cls.bases) {
    if (base === null) return 'unknown';
    const local = classes.get(base);
    if (local && !imports.has(base)) {
      if (seen.has(local.name)) continue;
      seen.add(local.name);
      if (local.tableArgsNode) return local;
      const up = inheritedTableArgs(local, lookup, seen);
      if (up !== null) return up;
      continue;
    }
    const qualified = q(base);
    if (qualified && NO_FIELD_BASES.has(qualified)) continue;
    const binding = imports.get(base.split('.')[0]!);
    const imported = binding && project ? project.importedClassFields(binding, base) : null;
    // Another file's `__table_args__` is not read here: what it holds is unknown.
    if (!imported || !imported.complete || imported.tableArgs) return 'unknown';
  }
  return null;
}

function readTableArgs(table: PyTable, statement: PyNode): void {
  table.tableArgs = statement;
  const value = statement.children[statement.children.length - 1]!;
  let items: PyNode[];
  if (value.type === 'TupleExpression' || value.type === 'ArrayExpression' || value.type === 'ParenthesizedExpression') items = value.children;
  else if (value.type === 'DictionaryExpression') items = [value];
  else {
    table.tableArgsComplete = false;
    return;
  }
  for (const item of items) {
    if (item.type === 'DictionaryExpression') {
      const entries = dictEntries(item);
      if (!entries) table.tableArgsComplete = false;
      const schema = stringValue(entries?.get('schema'));
      if (schema !== undefined) table.schemaName = schema;
      continue;
    }
    const call = asCall(item);
    const last = call?.name?.slice(call.name.lastIndexOf('.') + 1);
    if (!call || !last) {
      table.tableArgsComplete = false;
      continue;
    }
    const strings = (nodes: PyNode[]): (string | null)[] => nodes.map((n) => stringValue(n) ?? null);
    if (call.args.spread) table.tableArgsComplete = false;
    if (last === 'Index') {
      table.indexes.push({
        kind: 'index',
        name: stringValue(call.args.positional[0]) ?? null,
        columns: strings(call.args.positional.slice(1)),
        unique: booleanValue(call.args.keywords.get('unique')) === true,
        node: item,
      });
    } else if (last === 'UniqueConstraint' || last === 'PrimaryKeyConstraint') {
      table.indexes.push({
        kind: last === 'UniqueConstraint' ? 'unique' : 'primaryKey',
        name: stringValue(call.args.keywords.get('name')) ?? null,
        columns: strings(call.args.positional),
        unique: true,
        node: item,
      });
    } else if (last === 'ForeignKeyConstraint') {
      const list = (n: PyNode | undefined): PyNode[] | null => (n && (n.type === 'ArrayExpression' || n.type === 'TupleExpression') ? n.children : null);
      const columns = list(call.args.positional[0] ?? call.args.keywords.get('columns'));
      const targets = list(call.args.positional[1] ?? call.args.keywords.get('refcolumns'));
      if (!columns || !targets) table.tableArgsComplete = false;
      else table.foreignKeys.push({ columns: strings(columns), targets: targets.map((t) => foreignKeyTarget(t)), node: item });
    } else if (last !== 'CheckConstraint') {
      table.tableArgsComplete = false;
    }
  }
}

function buildTable(cls: PyClass, model: PyModel, q: Qualifier): PyTable {
  const { settings } = model;
  const lookup: ClassLookup = { classes: model.classes, q, imports: model.imports, project: model.project };
  const table: PyTable = {
    cls,
    name: cls.tablename === undefined ? null : (cls.tablename ?? cls.name.toLowerCase()),
    nameNode: null,
    schemaName: null,
    columns: [],
    columnsComplete: true,
    unresolvedBases: [],
    indexes: [],
    foreignKeys: [],
    tableArgs: null,
    tableArgsComplete: true,
    tableArgsOwner: null,
    tableArgsInherited: false,
    columnSet: false,
    isRoot: false,
    column: (dbName) => table.columns.find((c) => c.dbName === dbName),
    columnByKey: (key) => table.columns.find((c) => c.key === key),
    lacks: (dbName) => table.columnsComplete && !table.columns.some((c) => c.dbName === dbName || c.dbName === null),
  };
  for (const s of statements(cls.body)) {
    if (s.type !== 'AssignStatement' || s.children[0]?.type !== 'VariableName') continue;
    const name = nodeText(s.children[0]);
    if (name === '__tablename__') table.nameNode = s.children[s.children.length - 1]!;
  }
  if (cls.tableArgsNode) {
    table.tableArgsOwner = cls;
    readTableArgs(table, cls.tableArgsNode);
  } else {
    const inherited = inheritedTableArgs(cls, lookup, new Set([cls.name]));
    if (inherited !== null) table.tableArgsInherited = true;
    if (inherited === 'unknown') table.tableArgsComplete = false;
    else if (inherited !== null) {
      table.tableArgsOwner = inherited;
      readTableArgs(table, inherited.tableArgsNode!);
    }
  }
  const collected = collectFields(cls, lookup, new Set());
  table.columnsComplete = collected.complete;
  table.unresolvedBases = collected.unresolved;
  const firstColumns = new Set(table.indexes.map((i) => i.columns[0]).filter((c) => c != null));
  for (const f of collected.fields) {
    const local = 'statement' in f;
    table.columns.push(
      Object.assign(fieldData(f), {
        hasNameArg: f.dbName !== f.key,
        origin: local ? ('local' as const) : ('imported' as const),
        field: local ? f : null,
        module: local ? null : f.module,
        indexed: f.index || hasModifier(f, 'primaryKey', 'unique') || (f.dbName !== null && firstColumns.has(f.dbName)),
        table,
      }),
    );
  }
  table.isRoot =
    (table.name !== null && settings.rootTables.includes(table.name)) || settings.rootTables.includes(cls.name);
  return table;
}

/**
 * The table's column `dbName` of the standard (`tenant_id`, `created_at`, `id`...): the column of that
 * name, else one whose name is it in another case (`tenantId`, `createdAt`), which snake-case renames. A
 * rule checks that column and never adds `dbName` beside it: in one `--fix` pass with snake-case's
 * rename, the class would get the field twice.
 */
export function standardColumn(table: PyTable, dbName: string): PyColumn | undefined {
  return table.column(dbName) ?? table.columns.find((c) => c.dbName !== null && c.dbName !== dbName && toSnakeCase(c.dbName) === dbName);
}

/** A field's facts without its nodes. */
function dataOf(f: PyField): PyFieldData {
  return fieldData(f);
}

/**
 * A copy of a field's facts, written out key by key: object spread and rest destructuring of these
 * objects were most of the model's cost on large files. A new key of `PyFieldData` must be added here
 * (TypeScript says so for a required one).
 */
function fieldData(f: PyFieldData): PyFieldData {
  return {
    key: f.key,
    dbName: f.dbName,
    builder: f.builder,
    withTimezone: f.withTimezone,
    modifiers: f.modifiers,
    nullableUnknown: f.nullableUnknown,
    references: f.references,
    referencesUnknown: f.referencesUnknown,
    index: f.index,
    pythonType: f.pythonType,
    optional: f.optional,
    form: f.form,
  };
}

/** Builds the model of a parsed file. `file` (absolute) lets bases imported from other files resolve. */
export function buildPyModel(ast: PyScript, settings: DataModelingSettings, file: string | null, cwd?: string): PyModel {
  const imports = readImports(ast);
  const moduleNames = moduleNamesOf(ast, imports);
  // A quick exit keeps files that can declare neither a table (`table=True`) nor a mixin of one in
  // another file (a class, in a file on disk) free of reading classes.
  const mayDeclareTables = /\btable\s*=/u.test(ast.text);
  if (!mayDeclareTables && (file === null || !/^class\s/mu.test(ast.text))) {
    return { ast, settings, tables: [], classes: new Map(), imports, moduleNames, project: null, columnSets: [] };
  }
  const q = qualifierFor(imports, moduleNames);
  const classes = readClasses(ast, q);
  const model: PyModel = { ast, settings, tables: [], classes, imports, moduleNames, project: file ? pythonProjectOf(file, cwd) : null, columnSets: [] };
  for (const cls of classes.values()) if (cls.table) model.tables.push(buildTable(cls, model, q));
  model.columnSets = mixinColumnSets(model, q);
  return model;
}

/** The file's tables followed by its mixins of other files' tables, for the rules that judge columns one by one. */
export function withPyColumnSets(model: PyModel): readonly PyTable[] {
  return model.columnSets.length === 0 ? model.tables : [...model.tables, ...model.columnSets];
}

/** The mixins of the file that tables of other files inherit and none of its own tables does (see `PyModel.columnSets`). */
function mixinColumnSets(model: PyModel, q: Qualifier): PyTable[] {
  if (!model.project) return [];
  const inheritedHere = new Set<string>();
  const mark = (cls: PyClass): void => {
    for (const base of cls.bases) {
      const local = base !== null && !model.imports.has(base) ? model.classes.get(base) : undefined;
      if (!local || inheritedHere.has(local.name)) continue;
      inheritedHere.add(local.name);
      mark(local);
    }
  };
  for (const table of model.tables) mark(table.cls);
  const candidates = [...model.classes.values()].filter((cls) => !cls.table && cls.fields.length > 0 && !inheritedHere.has(cls.name));
  if (candidates.length === 0) return [];
  const mixins = model.project.inheritedByTables(candidates.map((cls) => cls.name));
  return candidates
    .filter((cls) => mixins.has(cls.name))
    .map((cls) => {
      const set = buildTable(cls, model, q);
      set.columnSet = true;
      set.name = null;
      set.isRoot = false;
      return set;
    });
}

const cache = new WeakMap<PyScript, { settings: DataModelingSettings; model: PyModel }>();

/** The SQLModel model of the Python file being linted, built once per file and shared by every rule. */
export function getPyModel(context: {
  sourceCode: { ast: unknown };
  settings?: Readonly<Record<string, unknown>>;
  physicalFilename?: string;
  cwd?: string;
}): PyModel {
  const ast = context.sourceCode.ast as PyScript;
  const settings = readSettings(context.settings);
  const cached = cache.get(ast);
  if (cached?.settings === settings) return cached.model;
  const file = context.physicalFilename && /\.pyi?$/u.test(context.physicalFilename) ? context.physicalFilename : null;
  const model = buildPyModel(ast, settings, file, context.cwd);
  cache.set(ast, { settings, model });
  return model;
}

/**
 * The `foreign_key` string for a table's tenant column (`"tenants.id"`), when the file shows the root
 * table exists with a uuid key: it is defined here, imported by name from a project file, or another
 * column of the file already references it. Null otherwise: a foreign key to a table SQLModel's
 * metadata does not hold fails at `create_all`, and one to an integer key is rejected by Postgres, so
 * a fix must not assume it.
 */
export function rootForeignKey(model: PyModel, from: PyTable): string | null {
  const root = tenantRootTable(model.settings);
  if (root !== null) {
    const defined = model.tables.find((t) => t !== from && t.isRoot && (t.name === root || t.cls.name === root) && t.name);
    if (defined) {
      const pk = defined.columns.find((c) => hasModifier(c, 'primaryKey'));
      // A uuid column cannot reference an integer key: Postgres rejects the constraint.
      return pk?.builder === 'uuid' ? `${defined.name}.${pk.dbName ?? 'id'}` : null;
    }
    for (const binding of [...model.imports.values(), ...typeCheckingImports(model.ast).values()]) {
      if (binding.name === null || !model.project) continue;
      const cls = model.project.importedClass(binding);
      if (!cls?.table) continue;
      const name = cls.tablename === undefined ? null : (cls.tablename ?? cls.name.toLowerCase());
      if (name !== root && cls.name !== root) continue;
      if (!name) continue;
      const pk = cls.fields.find((f) => hasModifier(f, 'primaryKey'));
      return pk?.builder === 'uuid' ? `${name}.${pk.dbName ?? 'id'}` : null;
    }
    for (const table of model.tables) {
      const ref = table.columns.find((c) => c.references?.table === root);
      if (ref) return `${root}.${ref.references!.column}`;
    }
  }
  return null;
}

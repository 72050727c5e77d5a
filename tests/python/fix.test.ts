import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { bodyIndent, ensureImports, insertFields, renameField } from '../../src/python/fix.js';
import { buildPyModel, type PyModel } from '../../src/python/model.js';
import { parsePython } from '../../src/python/parse.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';
import { code } from '../support/python-tester.js';

type Fix = TSESLint.RuleFix;

const fixer = {
  insertTextAfterRange: (range: readonly [number, number], text: string): Fix => ({ range: [range[1], range[1]], text }),
  insertTextBeforeRange: (range: readonly [number, number], text: string): Fix => ({ range: [range[0], range[0]], text }),
  replaceTextRange: (range: readonly [number, number], text: string): Fix => ({ range, text }),
} as unknown as TSESLint.RuleFixer;

function model(text: string): PyModel {
  const parsed = parsePython(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return buildPyModel(parsed.ast, DEFAULT_SETTINGS, null);
}

/** Applies one report's fixes, as ESLint does (they must not overlap), and checks the result parses. */
function apply(text: string, fixes: readonly Fix[] | null | undefined): string {
  if (!fixes) throw new Error('no fix');
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  let out = '';
  let at = 0;
  for (const f of sorted) {
    expect(f.range[0]).toBeGreaterThanOrEqual(at);
    out += text.slice(at, f.range[0]) + f.text;
    at = f.range[1];
  }
  out += text.slice(at);
  expect(parsePython(out).ok, out).toBe(true);
  return out;
}

const TENANT = 'tenant_id: UUID = Field(foreign_key="tenants.id", index=True)';

describe('insertFields', () => {
  it('puts a field after id, with the body indentation', () => {
    const text = code`
      class User(SQLModel, table=True):
          """A user."""
          __tablename__ = "users"

          id: UUID = Field(default_factory=uuid4, primary_key=True)  # the key
          email: str
    `;
    const m = model(text);
    expect(apply(text, insertFields(fixer, text, m.tables[0]!, [{ key: 'tenant_id', line: TENANT }], 'tenant_id'))).toBe(code`
      class User(SQLModel, table=True):
          """A user."""
          __tablename__ = "users"

          id: UUID = Field(default_factory=uuid4, primary_key=True)  # the key
          ${TENANT}
          email: str
    `);
  });

  it('puts a field before the first field when none ranks before it, keeping comments with their field', () => {
    const text = 'class User(SQLModel, table=True):\n\t__tablename__ = "users"\n\t# the address\n\temail: str\n';
    const m = model(text);
    expect(apply(text, insertFields(fixer, text, m.tables[0]!, [{ key: 'tenant_id', line: TENANT }], 'tenant_id'))).toBe(
      `class User(SQLModel, table=True):\n\t__tablename__ = "users"\n\t${TENANT}\n\t# the address\n\temail: str\n`,
    );
    const first = 'class User(SQLModel, table=True):  # users\n    email: str\n';
    expect(apply(first, insertFields(fixer, first, model(first).tables[0]!, [{ key: 'id', line: 'id: int' }], 'tenant_id'))).toBe(
      'class User(SQLModel, table=True):  # users\n    id: int\n    email: str\n',
    );
  });

  it('puts timestamps last, in the standard order, before deleted_at, in one fix', () => {
    const text = code`
      class Post(SQLModel, table=True):
          id: int = Field(primary_key=True)
          title: str = Field(
              max_length=200,
          )
          deleted_at: Optional[datetime] = None
    `;
    const fixes = insertFields(
      fixer,
      text,
      model(text).tables[0]!,
      [
        { key: 'created_at', line: 'created_at: datetime = Field(default_factory=datetime.utcnow)' },
        { key: 'updated_at', line: 'updated_at: datetime = Field(default_factory=datetime.utcnow)' },
      ],
      'tenant_id',
    );
    expect(apply(text, fixes)).toBe(code`
      class Post(SQLModel, table=True):
          id: int = Field(primary_key=True)
          title: str = Field(
              max_length=200,
          )
          created_at: datetime = Field(default_factory=datetime.utcnow)
          updated_at: datetime = Field(default_factory=datetime.utcnow)
          deleted_at: Optional[datetime] = None
    `);
  });

  it('puts a field after the last statement of a class without fields, and keeps \\r\\n', () => {
    const text = 'class Post(Base, table=True):\r\n    __tablename__ = "posts"\r\n';
    expect(apply(text, insertFields(fixer, text, model(text).tables[0]!, [{ key: 'id', line: 'id: int' }], 'tenant_id'))).toBe(
      'class Post(Base, table=True):\r\n    __tablename__ = "posts"\r\n    id: int\r\n',
    );
  });

  it('gives no fix for a body on the header line, or a key the class has', () => {
    const inline = 'class Post(SQLModel, table=True): pass\n';
    expect(insertFields(fixer, inline, model(inline).tables[0]!, [{ key: 'id', line: 'id: int' }], 'tenant_id')).toBeNull();
    expect(bodyIndent(inline, model(inline).tables[0]!.cls.body)).toBeNull();
    const text = 'class Post(SQLModel, table=True):\n    id: int\n';
    expect(insertFields(fixer, text, model(text).tables[0]!, [{ key: 'id', line: 'id: int' }], 'tenant_id')).toBeNull();
  });
});

describe('ensureImports', () => {
  const requests = [
    { module: 'uuid', name: 'UUID' },
    { module: 'uuid', name: 'uuid4' },
    { module: 'sqlmodel', name: 'Field' },
    { module: 'datetime', name: 'datetime' },
  ];

  it('reuses imports, extends a sorted from-import at its place, adds new lines after the last import', () => {
    const text = 'from sqlmodel import SQLModel, select\nfrom uuid import UUID\n\nclass A: pass\n';
    const result = ensureImports(fixer, text, model(text), requests)!;
    expect(Object.fromEntries(result.refs)).toEqual({ 'uuid.UUID': 'UUID', 'uuid.uuid4': 'uuid4', 'sqlmodel.Field': 'Field', 'datetime.datetime': 'datetime' });
    expect(apply(text, result.fixes)).toBe('from sqlmodel import Field, SQLModel, select\nfrom uuid import UUID, uuid4\nfrom datetime import datetime\n\nclass A: pass\n');
  });

  it('writes module-style references where the file imports the module', () => {
    const text = 'import uuid\nimport datetime as dt\nimport sqlmodel\n';
    const result = ensureImports(fixer, text, model(text), requests.concat([{ module: 'datetime', name: 'timezone' }]))!;
    expect(Object.fromEntries(result.refs)).toEqual({
      'uuid.UUID': 'uuid.UUID',
      'uuid.uuid4': 'uuid.uuid4',
      'sqlmodel.Field': 'sqlmodel.Field',
      'datetime.datetime': 'dt.datetime',
      'datetime.timezone': 'dt.timezone',
    });
    expect(result.fixes).toEqual([]);
  });

  it('keeps a one-name-a-line import list so, trailing comma included', () => {
    const text = 'from sqlmodel import (\n    SQLModel,\n    select,\n)\n';
    const result = ensureImports(fixer, text, model(text), [{ module: 'sqlmodel', name: 'Field' }, { module: 'sqlmodel', name: 'col' }])!;
    expect(apply(text, result.fixes)).toBe('from sqlmodel import (\n    Field,\n    SQLModel,\n    col,\n    select,\n)\n');
  });

  it('appends to an unsorted list, and reuses an alias', () => {
    const text = 'from sqlmodel import SQLModel, select, Relationship\nfrom uuid import UUID as Id\n';
    const result = ensureImports(fixer, text, model(text), [{ module: 'sqlmodel', name: 'Field' }, { module: 'uuid', name: 'UUID' }])!;
    expect(result.refs.get('uuid.UUID')).toBe('Id');
    expect(apply(text, result.fixes)).toBe('from sqlmodel import SQLModel, select, Relationship, Field\nfrom uuid import UUID as Id\n');
    // `select, SQLModel` is sorted ignoring case: the new name goes to its place.
    const caseless = 'from sqlmodel import select, SQLModel\n';
    expect(apply(caseless, ensureImports(fixer, caseless, model(caseless), [{ module: 'sqlmodel', name: 'Field' }])!.fixes)).toBe(
      'from sqlmodel import Field, select, SQLModel\n',
    );
  });

  it('adds imports after a module docstring, or first', () => {
    const doc = '"""Models."""\n\nx = 1\n';
    expect(apply(doc, ensureImports(fixer, doc, model(doc), [{ module: 'uuid', name: 'UUID' }])!.fixes)).toBe('"""Models."""\n\nfrom uuid import UUID\n\nx = 1\n');
    const bare = 'x = 1\n';
    expect(apply(bare, ensureImports(fixer, bare, model(bare), [{ module: 'uuid', name: 'uuid4' }, { module: 'uuid', name: 'UUID' }])!.fixes)).toBe(
      'from uuid import UUID, uuid4\nx = 1\n',
    );
  });

  it('gives up when the name is bound to something else', () => {
    const text = 'from sqlalchemy.dialects.postgresql import UUID\n';
    expect(ensureImports(fixer, text, model(text), [{ module: 'uuid', name: 'UUID' }])).toBeNull();
  });
});

describe('renameField', () => {
  const text = code`
    from sqlmodel import Field, SQLModel, select
    from sqlalchemy import Index

    class User(SQLModel, table=True):
        __tablename__ = "users"
        __table_args__ = (Index("ix_users_emailAddress", "emailAddress"),)
        emailAddress: str = Field(unique=True)

        def label(self) -> str:
            return self.emailAddress

    class Invite(SQLModel, table=True):
        email: str = Field(foreign_key="users.emailAddress")

    def find(session, address):
        user = User(emailAddress=address, other=1)
        return session.exec(select(User).where(User.emailAddress == address)).first()

    def elsewhere(thing):
        return thing.emailAddress
  `;

  it('renames the field and its same-file uses, and nothing else', () => {
    const m = model(text);
    expect(apply(text, renameField(fixer, m, m.tables[0]!, 'emailAddress', 'email_address'))).toBe(code`
      from sqlmodel import Field, SQLModel, select
      from sqlalchemy import Index

      class User(SQLModel, table=True):
          __tablename__ = "users"
          __table_args__ = (Index("ix_users_emailAddress", "email_address"),)
          email_address: str = Field(unique=True)

          def label(self) -> str:
              return self.email_address

      class Invite(SQLModel, table=True):
          email: str = Field(foreign_key="users.email_address")

      def find(session, address):
          user = User(email_address=address, other=1)
          return session.exec(select(User).where(User.email_address == address)).first()

      def elsewhere(thing):
          return thing.emailAddress
    `);
  });

  it('gives no rename for a mixin field, or onto a taken name', () => {
    const mixin = 'class M(SQLModel):\n    createdAt: int\nclass A(M, table=True):\n    id: int\n    created_at: int\n';
    const m = model(mixin);
    expect(renameField(fixer, m, m.tables[0]!, 'createdAt', 'created_at2')).toBeNull();
    const own = 'class A(SQLModel, table=True):\n    createdAt: int\n    created_at: int\n';
    const o = model(own);
    expect(renameField(fixer, o, o.tables[0]!, 'createdAt', 'created_at')).toBeNull();
  });
});

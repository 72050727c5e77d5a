import { describe, expect, it } from 'vitest';
import { buildPyModel, parseImport, type PyModel, type PyTable } from '../../src/python/model.js';
import { parsePython } from '../../src/python/parse.js';
import { DEFAULT_SETTINGS, type DataModelingSettings } from '../../src/settings.js';
import { code } from '../support/python-tester.js';

function model(text: string, settings: DataModelingSettings = DEFAULT_SETTINGS): PyModel {
  const parsed = parsePython(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return buildPyModel(parsed.ast, settings, null);
}

function facts(table: PyTable): Record<string, unknown> {
  return Object.fromEntries(
    table.columns.map((c) => [
      c.key,
      { dbName: c.dbName, builder: c.builder, modifiers: c.modifiers.map((x) => x.name).sort(), ...(c.withTimezone !== null ? { tz: c.withTimezone } : {}), ...(c.indexed ? { indexed: true } : {}) },
    ]),
  );
}

const HEADER = code`
  from datetime import datetime
  from typing import Optional
  from uuid import UUID, uuid4

  import sqlalchemy as sa
  from sqlalchemy import Column, DateTime, func
  from sqlmodel import Field, Relationship, SQLModel
`;

describe('SQLModel table classes', () => {
  it('finds table=True classes, their names and the standard fields with Drizzle facts', () => {
    const m = model(HEADER + code`
      class Tenant(SQLModel, table=True):
          __tablename__ = "tenants"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          name: str = Field(max_length=255)

      class User(SQLModel, table=True):
          __tablename__ = "users"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          email_address: str = Field(max_length=255, unique=True)
          is_active: bool = Field(default=True)
          created_at: datetime = Field(default_factory=datetime.utcnow)
          deleted_at: Optional[datetime] = None
          team: Optional["Team"] = Relationship(back_populates="users")

      class UserRead(SQLModel):
          id: UUID
    `);
    expect(m.tables.map((t) => [t.cls.name, t.name, t.isRoot, t.columnsComplete])).toEqual([
      ['Tenant', 'tenants', true, true],
      ['User', 'users', false, true],
    ]);
    expect(facts(m.tables[1]!)).toEqual({
      id: { dbName: 'id', builder: 'uuid', modifiers: ['defaultRandom', 'notNull', 'primaryKey'], indexed: true },
      tenant_id: { dbName: 'tenant_id', builder: 'uuid', modifiers: ['notNull', 'references'], indexed: true },
      email_address: { dbName: 'email_address', builder: 'varchar', modifiers: ['notNull', 'unique'], indexed: true },
      is_active: { dbName: 'is_active', builder: 'boolean', modifiers: ['default', 'notNull'] },
      created_at: { dbName: 'created_at', builder: 'timestamp', modifiers: ['defaultNow', 'notNull'], tz: false },
      deleted_at: { dbName: 'deleted_at', builder: 'timestamp', modifiers: [], tz: false },
    });
    const tenant = m.tables[1]!.column('tenant_id')!;
    expect(tenant.references).toEqual({ table: 'tenants', column: 'id' });
    expect(tenant.origin).toBe('local');
    expect(tenant.field!.keyNode.loc.start).toEqual({ line: 16, column: 4 });
    expect(m.tables[1]!.lacks('updated_at')).toBe(true);
    expect(m.tables[1]!.lacks('team')).toBe(true);
  });

  it('names a table without __tablename__ by its lowercased class name', () => {
    const m = model(HEADER + 'class TeamMember(SQLModel, table=True):\n    id: int | None = Field(default=None, primary_key=True)\n');
    expect(m.tables[0]!.name).toBe('teammember');
    expect(facts(m.tables[0]!)).toEqual({ id: { dbName: 'id', builder: 'integer', modifiers: ['notNull', 'primaryKey'], indexed: true } });
  });

  it('reads Optional[...], X | None, Union[X, None] and nullable=', () => {
    const m = model(HEADER + code`
      from typing import Union
      class A(SQLModel, table=True):
          a: Optional[str] = None
          b: str | None = Field(default=None, index=True)
          c: Union[str, None] = Field(default=None, nullable=False)
          d: str = Field(nullable=True)
          e: "str"
          f: str = Field(nullable=flag)
    `);
    const t = m.tables[0]!;
    expect(facts(t)).toMatchObject({
      a: { builder: 'varchar', modifiers: [] },
      b: { builder: 'varchar', modifiers: [], indexed: true },
      c: { builder: 'varchar', modifiers: ['notNull'] },
      d: { builder: 'varchar', modifiers: [] },
      e: { builder: null, modifiers: ['notNull'] },
      f: { builder: 'varchar', modifiers: [] },
    });
    expect(t.columnByKey('f')!.nullableUnknown).toBe(true);
    expect(t.columnByKey('b')!.optional).toBe(true);
  });

  it('reads sa_type, sa_column=Column(...) and sa_column_kwargs', () => {
    const m = model(HEADER + code`
      from sqlalchemy.dialects.postgresql import JSONB
      class Event(SQLModel, table=True):
          created_at: datetime = Field(sa_type=DateTime(timezone=True), sa_column_kwargs={"server_default": func.now()})
          updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False, onupdate=func.now()))
          happened_at: datetime = Field(sa_column=sa.Column("happened", sa.TIMESTAMP(timezone=False), server_default=sa.text("now()")))
          body: dict = Field(sa_type=JSONB)
          note: str = Field(sa_type=sa.Text, sa_column_kwargs={"name": "note_text"})
          owner_id: UUID = Field(sa_column=Column(sa.Uuid, sa.ForeignKey("users.id"), index=True))
          mystery: str = Field(sa_column=make_column())
    `);
    expect(facts(m.tables[0]!)).toEqual({
      created_at: { dbName: 'created_at', builder: 'timestamp', modifiers: ['defaultNow', 'notNull'], tz: true },
      updated_at: { dbName: 'updated_at', builder: 'timestamp', modifiers: ['$onUpdate', 'notNull'], tz: true },
      happened_at: { dbName: 'happened', builder: 'timestamp', modifiers: ['defaultNow'], tz: false },
      body: { dbName: 'body', builder: 'jsonb', modifiers: ['notNull'] },
      note: { dbName: 'note_text', builder: 'text', modifiers: ['notNull'] },
      owner_id: { dbName: 'owner_id', builder: 'uuid', modifiers: ['references'], indexed: true },
      mystery: { dbName: 'mystery', builder: null, modifiers: [] },
    });
    const t = m.tables[0]!;
    expect(t.columnByKey('owner_id')!.references).toEqual({ table: 'users', column: 'id' });
    expect(t.columnByKey('mystery')).toMatchObject({ nullableUnknown: true, referencesUnknown: true, form: 'sa_column' });
    expect(t.columnByKey('note')!.hasNameArg).toBe(true);
  });

  it('reads default factories: uuid4, datetime.now, a lambda, a local utcnow helper', () => {
    const m = model(code`
      import uuid
      import datetime as dt
      from datetime import timezone
      from sqlmodel import Field, SQLModel

      def utcnow():
          return dt.datetime.now(timezone.utc)

      class A(SQLModel, table=True):
          id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
          a: dt.datetime = Field(default_factory=lambda: dt.datetime.now(timezone.utc))
          b: dt.datetime = Field(default_factory=utcnow)
          c: dt.datetime = Field(default_factory=dt.datetime.utcnow)
          d: int = Field(default_factory=make_number)
    `);
    expect(facts(m.tables[0]!)).toMatchObject({
      id: { builder: 'uuid', modifiers: ['defaultRandom', 'notNull', 'primaryKey'] },
      a: { builder: 'timestamp', modifiers: ['defaultNow', 'notNull'] },
      b: { modifiers: ['defaultNow', 'notNull'] },
      c: { modifiers: ['defaultNow', 'notNull'] },
      d: { builder: 'integer', modifiers: ['default', 'notNull'] },
    });
  });

  it('leaves types it cannot name unknown: enums, local classes, shadowed builtins, names from elsewhere', () => {
    const m = model(code`
      from enum import Enum
      from sqlmodel import Field, SQLModel
      from app.types import Money
      class Status(str, Enum):
          A = "a"
      class A(SQLModel, table=True):
          id: int = Field(primary_key=True)
          status: Status
          price: Money
          tags: list[str]
    `);
    expect(m.tables[0]!.columns.map((c) => [c.key, c.builder])).toEqual([
      ['id', 'integer'],
      ['status', null],
      ['price', null],
      ['tags', null],
    ]);
  });

  it('skips ClassVar, private names, model_config and Relationship', () => {
    const m = model(HEADER + code`
      from typing import ClassVar
      class A(SQLModel, table=True):
          id: int = Field(primary_key=True)
          kind: ClassVar[str] = "a"
          _cache: dict = {}
          model_config = {"x": 1}
          children: list["B"] = Relationship()
    `);
    expect(m.tables[0]!.columns.map((c) => c.key)).toEqual(['id']);
  });

  it('reads __table_args__: Index, UniqueConstraint, ForeignKeyConstraint, schema', () => {
    const m = model(HEADER + code`
      from sqlalchemy import Index, UniqueConstraint, ForeignKeyConstraint
      class Member(SQLModel, table=True):
          __table_args__ = (
              Index("ix_member_tenant", "tenant_id", "created_at"),
              UniqueConstraint("tenant_id", "email", name="uq_member_email"),
              ForeignKeyConstraint(["team_id"], ["teams.id"]),
              {"schema": "app"},
          )
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID
          email: str
          team_id: UUID
    `);
    const t = m.tables[0]!;
    expect(t.indexes.map((i) => [i.kind, i.name, i.columns])).toEqual([
      ['index', 'ix_member_tenant', ['tenant_id', 'created_at']],
      ['unique', 'uq_member_email', ['tenant_id', 'email']],
    ]);
    expect(t.foreignKeys.map((f) => [f.columns, f.targets])).toEqual([[['team_id'], [{ table: 'teams', column: 'id' }]]]);
    expect(t.schemaName).toBe('app');
    expect(t.tableArgsComplete).toBe(true);
    expect(t.columnByKey('tenant_id')!.indexed).toBe(true);
    expect(t.columnByKey('email')!.indexed).toBe(false);
    const dynamic = model(HEADER + 'class A(SQLModel, table=True):\n    __table_args__ = make_args()\n    id: int = Field(primary_key=True)\n');
    expect(dynamic.tables[0]!.tableArgsComplete).toBe(false);
  });

  it('inherits fields from same-file bases and mixins, base-most first, overrides in place', () => {
    const m = model(HEADER + code`
      class TimestampMixin(SQLModel):
          created_at: datetime = Field(default_factory=datetime.utcnow)
          updated_at: datetime = Field(default_factory=datetime.utcnow)

      class UserBase(SQLModel):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          email: str

      class User(UserBase, TimestampMixin, table=True):
          email: str = Field(unique=True)
          name: str
    `);
    const t = m.tables[0]!;
    expect(t.columns.map((c) => [c.key, c.field!.owner.name])).toEqual([
      ['created_at', 'TimestampMixin'],
      ['updated_at', 'TimestampMixin'],
      ['id', 'UserBase'],
      ['email', 'User'],
      ['name', 'User'],
    ]);
    expect(t.columnsComplete).toBe(true);
  });

  it('records an unresolved base: the columns may be incomplete, so nothing is known to be missing', () => {
    const m = model(HEADER + code`
      from somewhere import Mystery
      class A(Mystery, table=True):
          id: int = Field(primary_key=True)
    `);
    expect(m.tables[0]!.columnsComplete).toBe(false);
    expect(m.tables[0]!.unresolvedBases).toEqual(['Mystery']);
    expect(m.tables[0]!.lacks('tenant_id')).toBe(false);
  });

  it('makes a table with an unreadable __tablename__ nameless', () => {
    const m = model(HEADER + 'class A(SQLModel, table=True):\n    __tablename__ = PREFIX + "a"\n    id: int = Field(primary_key=True)\n');
    expect(m.tables[0]!.name).toBeNull();
  });

  it('takes root tables from the settings, by table or class name', () => {
    const m = model(HEADER + 'class Org(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n', { ...DEFAULT_SETTINGS, rootTables: ['org'] });
    expect(m.tables[0]!.isRoot).toBe(true);
  });

  it('resolves names through aliases and module imports only', () => {
    const m = model(code`
      import sqlmodel as sm
      from uuid import UUID as Id
      class A(sm.SQLModel, table=True):
          id: Id = sm.Field(primary_key=True)
      class Field: pass
      class B(sm.SQLModel, table=True):
          id: int = Field(primary_key=True)
    `);
    expect(facts(m.tables[0]!)).toEqual({ id: { dbName: 'id', builder: 'uuid', modifiers: ['notNull', 'primaryKey'], indexed: true } });
    // A local class named Field is not SQLModel's: the value is a plain default.
    expect(m.tables[1]!.columns[0]!.modifiers).toEqual([{ name: 'notNull' }, { name: 'default' }]);
  });

  it('is empty for a file without tables, and never throws on odd classes', () => {
    expect(model('x = 1\n').tables).toEqual([]);
    expect(model('class A(*bases, table=True): pass\nclass B(table=True):\n    x: int\n').tables.map((t) => [t.name, t.columnsComplete])).toEqual([
      ['a', false],
      ['b', true],
    ]);
  });
});

describe('parseImport', () => {
  it('reads from-imports, aliases, parentheses and module imports', () => {
    expect(parseImport('from .base import (A as B,\n    C)  # c')).toEqual([
      { module: '.base', name: 'A', local: 'B' },
      { module: '.base', name: 'C', local: 'C' },
    ]);
    expect(parseImport('import a.b.c as d, e.f')).toEqual([
      { module: 'a.b.c', name: null, local: 'd' },
      { module: 'e', name: null, local: 'e' },
    ]);
    expect(parseImport('from x import *')).toEqual([]);
  });
});

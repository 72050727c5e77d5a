import { describe } from 'vitest';
import rule from '../../../src/rules/snake-case.js';
import { createPythonRuleTester, code } from '../../support/python-tester.js';
import { itParsesEveryOutput } from '../../support/python-outputs.js';

const ruleTester = createPythonRuleTester();

const HEADER = code`
  from uuid import UUID, uuid4

  from sqlalchemy import Column, Index, String, UniqueConstraint
  from sqlmodel import Field, SQLModel, select
`;

const valid = [
  {
    name: 'snake_case names everywhere, a class name as table name, a non-table class',
    code: HEADER + code`
      class UserAccount(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          full_name: str = Field(sa_column=Column("full_name", String))
          __table_args__ = (Index("ix_user_account_full_name", "full_name"), UniqueConstraint("full_name", name="uq_full_name"))

      class UserRead(SQLModel):
          fullName: str
    `,
  },
  {
    name: 'camelCase keys allowed when the column is named in snake_case',
    code: HEADER + code`
      class Event(SQLModel, table=True):
          __tablename__ = "events"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          occurredAt: str = Field(sa_column_kwargs={"name": "occurred_at"})
    `,
    options: [{ allowCamelCaseKeys: true }],
  },
];

const renameSource = HEADER + code`
  class User(SQLModel, table=True):
      __tablename__ = "users"
      id: UUID = Field(default_factory=uuid4, primary_key=True)
      fullName: str
      __table_args__ = (Index("ix_users_full_name", "fullName"),)

  def find(session, name):
      return session.exec(select(User).where(User.fullName == name)).first()

  def make():
      return User(fullName="Ada")
`;

const renamed = renameSource.replaceAll('fullName', 'full_name');

/** Two tables that inherit a base class's __table_args__. */
const INHERITED_INDEX = HEADER + code`
    class Owned(SQLModel):
        owner_id: UUID
        __table_args__ = (Index("ixOwner", "owner_id"),)

    class Page(Owned, table=True):
        id: UUID = Field(default_factory=uuid4, primary_key=True)

    class Post(Owned, table=True):
        id: UUID = Field(default_factory=uuid4, primary_key=True)
`;

const invalid = [
  {
    name: 'a camelCase field: its uses in the file follow; a suggestion by default (a migration, other modules)',
    code: renameSource,
    output: null,
    errors: [
      {
        messageId: 'columnKey',
        data: { key: 'fullName', table: 'table "users"', expected: 'full_name' },
        line: 8,
        column: 5,
        endLine: 8,
        endColumn: 13,
        suggestions: [{ messageId: 'renameKey', data: { key: 'fullName', table: 'table "users"', expected: 'full_name' }, output: renamed }],
      },
    ],
  },
  {
    name: 'a camelCase field as a fix when the project takes renames as fixes',
    code: renameSource,
    output: renamed,
    options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
    errors: [{ messageId: 'columnKey', line: 8, column: 5 }],
  },
  {
    name: 'an instance attribute the rename cannot follow: a suggestion even when renames are fixes',
    code: HEADER + code`
      class User(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          fullName: str

      def show(user: User) -> str:
          return user.fullName
    `,
    output: null,
    options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
    errors: [
      {
        messageId: 'columnKey',
        line: 7,
        column: 5,
        suggestions: [
          {
            messageId: 'renameKey',
            output: HEADER + code`
              class User(SQLModel, table=True):
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  full_name: str

              def show(user: User) -> str:
                  return user.fullName
            `,
          },
        ],
      },
    ],
  },
  {
    name: 'a table name, renamed with the foreign keys that point at it (a suggestion: a migration)',
    code: HEADER + code`
      class Team(SQLModel, table=True):
          __tablename__ = "TeamSpaces"
          id: UUID = Field(default_factory=uuid4, primary_key=True)

      class Member(SQLModel, table=True):
          __tablename__ = "members"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          team_id: UUID = Field(foreign_key="TeamSpaces.id")
    `,
    output: null,
    errors: [
      {
        messageId: 'tableName',
        data: { name: 'TeamSpaces', expected: 'team_spaces' },
        line: 6,
        column: 21,
        endColumn: 33,
        suggestions: [
          {
            messageId: 'renameInDatabase',
            output: HEADER + code`
              class Team(SQLModel, table=True):
                  __tablename__ = "team_spaces"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)

              class Member(SQLModel, table=True):
                  __tablename__ = "members"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  team_id: UUID = Field(foreign_key="team_spaces.id")
            `,
          },
        ],
      },
    ],
  },
  {
    name: 'index and constraint names are fixed; an explicit column name is a suggestion',
    code: HEADER + code`
      class Post(SQLModel, table=True):
          __tablename__ = "posts"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          title: str = Field(sa_column=Column('postTitle', String))
          slug: str
          __table_args__ = (Index('postsSlugIdx', 'slug', unique=True), UniqueConstraint('title', name='postsTitleKey'))
    `,
    output: HEADER + code`
      class Post(SQLModel, table=True):
          __tablename__ = "posts"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          title: str = Field(sa_column=Column('postTitle', String))
          slug: str
          __table_args__ = (Index('posts_slug_idx', 'slug', unique=True), UniqueConstraint('title', name='posts_title_key'))
    `,
    errors: [
      {
        messageId: 'columnName',
        data: { name: 'postTitle', key: 'title', table: 'table "posts"', expected: 'post_title' },
        line: 8,
        column: 41,
        suggestions: [
          {
            messageId: 'renameInDatabase',
            output: HEADER + code`
              class Post(SQLModel, table=True):
                  __tablename__ = "posts"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  title: str = Field(sa_column=Column('post_title', String))
                  slug: str
                  __table_args__ = (Index('postsSlugIdx', 'slug', unique=True), UniqueConstraint('title', name='postsTitleKey'))
            `,
          },
        ],
      },
      { messageId: 'constraintName', data: { kind: 'Unique index', name: 'postsSlugIdx', table: 'table "posts"', expected: 'posts_slug_idx' }, line: 10, column: 29 },
      { messageId: 'constraintName', data: { kind: 'Unique constraint', name: 'postsTitleKey', table: 'table "posts"', expected: 'posts_title_key' }, line: 10, column: 98 },
    ],
  },
  {
    name: 'a base class field shared by two tables: reported once, no fix (other tables share it)',
    code: HEADER + code`
      class Stamped(SQLModel):
          createdAt: str

      class A(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)

      class B(Stamped, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)

      class C(Stamped, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
    `,
    output: null,
    options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
    errors: [{ messageId: 'columnKey', data: { key: 'createdAt', table: 'class "Stamped"', expected: 'created_at' }, line: 6, column: 5, suggestions: [] }],
  },
  {
    name: 'an allowed camelCase key that is also the column name; a name that has no snake_case',
    code: HEADER + code`
      class Event(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          occurredAt: str
          größe: int
    `,
    output: null,
    options: [{ allowCamelCaseKeys: true }],
    errors: [
      { messageId: 'derivedColumnName', data: { key: 'occurredAt', table: 'table "event"', name: 'occurredAt', expected: 'occurred_at' }, line: 7, column: 5 },
      { messageId: 'unconvertible', data: { subject: 'Column key "größe" of table "event"' }, line: 8, column: 5 },
    ],
  },
  {
    name: "an index name in a base class's __table_args__ that two tables inherit: reported once, at the base",
    code: INHERITED_INDEX,
    output: INHERITED_INDEX.replace('"ixOwner"', '"ix_owner"'),
    errors: [{ messageId: 'constraintName', data: { kind: 'Index', name: 'ixOwner', table: 'class "Owned"', expected: 'ix_owner' }, line: 7, column: 29 }],
  },
];

describe('snake-case on SQLModel', () => {
  ruleTester.run('snake-case', rule as never, { valid, invalid } as never);
  itParsesEveryOutput(invalid);
});

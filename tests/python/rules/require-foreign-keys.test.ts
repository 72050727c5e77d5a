import { describe } from 'vitest';
import rule from '../../../src/rules/require-foreign-keys.js';
import { itParsesEveryOutput } from '../../support/python-outputs.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const ruleTester = createPythonRuleTester();

const HOW = '`foreign_key="<table>.id"` to its Field or a ForeignKeyConstraint to `__table_args__`';

const HEADER = code`
  from typing import Optional
  from uuid import UUID, uuid4

  from sqlalchemy import Column, ForeignKey, ForeignKeyConstraint
  from sqlmodel import Field, SQLModel

  class Tenant(SQLModel, table=True):
      __tablename__ = "tenants"
      id: UUID = Field(default_factory=uuid4, primary_key=True)

  class User(SQLModel, table=True):
      __tablename__ = "users"
      id: UUID = Field(default_factory=uuid4, primary_key=True)
      tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
`;

const valid = [
  {
    name: 'foreign keys inline, in a Column, in a ForeignKeyConstraint; an _id of no known table; the own primary key',
    code: HEADER + code`
      class Post(SQLModel, table=True):
          __tablename__ = "posts"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
          author_id: UUID = Field(foreign_key="users.id")
          editor_id: UUID = Field(sa_column=Column(ForeignKey("users.id")))
          reviewer_id: UUID
          stripe_customer_id: str
          __table_args__ = (ForeignKeyConstraint(["reviewer_id"], ["users.id"]),)

      class Profile(SQLModel, table=True):
          user_id: UUID = Field(primary_key=True, foreign_key="users.id")
          tenant_id: UUID = Field(foreign_key="tenants.id")
    `,
  },
  {
    name: 'ignored columns; a table args the plugin cannot read',
    code: HEADER + code`
      class Post(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
          user_id: UUID
          __table_args__ = make_args()

      class Log(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
          user_id: UUID
    `,
    options: [{ ignore: ['/^user_id$/'] }],
  },
];

const invalid = [
  {
    name: 'an _id column of a known table: a suggestion per table named after it, in Field(...), as a Field, after None',
    code: HEADER + code`
      class Post(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
          user_id: UUID = Field(index=True)
          owner_user_id: UUID
          editor_user_id: Optional[UUID] = None
    `,
    output: null,
    errors: [
      {
        messageId: 'missing',
        data: { table: 'table "post"', column: 'user_id', how: HOW },
        line: 18,
        column: 5,
        endColumn: 12,
        suggestions: [
          {
            messageId: 'suggestReference',
            data: { target: 'users.id' },
            output: HEADER + code`
              class Post(SQLModel, table=True):
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id")
                  user_id: UUID = Field(index=True, foreign_key="users.id")
                  owner_user_id: UUID
                  editor_user_id: Optional[UUID] = None
            `,
          },
        ],
      },
    ],
  },
  {
    name: 'a plain _id field becomes a Field; a None default stays a default',
    code: HEADER + code`
      class Post(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
          user_id: UUID
          team_id: Optional[UUID] = None

      class Team(SQLModel, table=True):
          __tablename__ = "teams"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
    `,
    output: null,
    errors: [
      {
        messageId: 'missing',
        line: 18,
        column: 5,
        suggestions: [
          {
            messageId: 'suggestReference',
            data: { target: 'users.id' },
            output: HEADER + code`
              class Post(SQLModel, table=True):
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id")
                  user_id: UUID = Field(foreign_key="users.id")
                  team_id: Optional[UUID] = None

              class Team(SQLModel, table=True):
                  __tablename__ = "teams"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id")
            `,
          },
        ],
      },
      {
        messageId: 'missing',
        data: { table: 'table "post"', column: 'team_id', how: HOW },
        line: 19,
        column: 5,
        suggestions: [
          {
            messageId: 'suggestReference',
            data: { target: 'teams.id' },
            output: HEADER + code`
              class Post(SQLModel, table=True):
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id")
                  user_id: UUID
                  team_id: Optional[UUID] = Field(default=None, foreign_key="teams.id")

              class Team(SQLModel, table=True):
                  __tablename__ = "teams"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id")
            `,
          },
        ],
      },
    ],
  },
  {
    name: 'the tenant column without a foreign key, and one to another table',
    code: HEADER + code`
      class Post(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(index=True)

      class Page(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key='users.id')
    `,
    output: null,
    errors: [
      {
        messageId: 'tenantMissing',
        data: { table: 'table "post"', column: 'tenant_id', root: 'tenants.id' },
        line: 17,
        column: 5,
        suggestions: [
          {
            messageId: 'suggestReference',
            data: { target: 'tenants.id' },
            output: HEADER + code`
              class Post(SQLModel, table=True):
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(index=True, foreign_key="tenants.id")

              class Page(SQLModel, table=True):
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key='users.id')
            `,
          },
        ],
      },
      {
        messageId: 'tenantWrongTarget',
        data: { table: 'table "page"', column: 'tenant_id', root: 'tenants.id', target: 'users.id' },
        line: 21,
        column: 41,
        endColumn: 51,
        suggestions: [
          {
            messageId: 'suggestReference',
            data: { target: 'tenants.id' },
            output: HEADER + code`
              class Post(SQLModel, table=True):
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(index=True)

              class Page(SQLModel, table=True):
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key='tenants.id')
            `,
          },
        ],
      },
    ],
  },
  {
    name: 'a link table: two primary_key fields make a composite key, so each _id is a foreign-key column',
    code: HEADER + code`
      class UserRole(SQLModel, table=True):
          tenant_id: UUID = Field(foreign_key="tenants.id")
          role_id: UUID = Field(primary_key=True)
          user_id: UUID = Field(primary_key=True)

      class Role(SQLModel, table=True):
          __tablename__ = "roles"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
    `,
    output: null,
    errors: [
      {
        messageId: 'missing',
        data: { table: 'table "userrole"', column: 'role_id', how: HOW },
        line: 17,
        column: 5,
        suggestions: [
          {
            messageId: 'suggestReference',
            data: { target: 'roles.id' },
            output: HEADER + code`
              class UserRole(SQLModel, table=True):
                  tenant_id: UUID = Field(foreign_key="tenants.id")
                  role_id: UUID = Field(primary_key=True, foreign_key="roles.id")
                  user_id: UUID = Field(primary_key=True)

              class Role(SQLModel, table=True):
                  __tablename__ = "roles"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id")
            `,
          },
        ],
      },
      {
        messageId: 'missing',
        data: { table: 'table "userrole"', column: 'user_id', how: HOW },
        line: 18,
        column: 5,
        suggestions: [
          {
            messageId: 'suggestReference',
            data: { target: 'users.id' },
            output: HEADER + code`
              class UserRole(SQLModel, table=True):
                  tenant_id: UUID = Field(foreign_key="tenants.id")
                  role_id: UUID = Field(primary_key=True)
                  user_id: UUID = Field(primary_key=True, foreign_key="users.id")

              class Role(SQLModel, table=True):
                  __tablename__ = "roles"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id")
            `,
          },
        ],
      },
    ],
  },
  {
    name: 'a sa_column field and a base-class field are reported without suggestions',
    code: HEADER + code`
      class OwnedBase(SQLModel):
          user_id: UUID

      class Post(OwnedBase, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
          editor_user_id: UUID = Field(sa_column=Column(nullable=False))

      class Page(OwnedBase, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
    `,
    output: null,
    errors: [
      { messageId: 'missing', data: { table: 'class "OwnedBase"', column: 'user_id', how: HOW }, line: 16, column: 5, suggestions: [] },
    ],
  },
];

describe('require-foreign-keys on SQLModel', () => {
  ruleTester.run('require-foreign-keys', rule as never, { valid, invalid } as never);
  itParsesEveryOutput(invalid);
});

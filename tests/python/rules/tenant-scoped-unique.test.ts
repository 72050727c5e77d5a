import { describe } from 'vitest';
import rule from '../../../src/rules/tenant-scoped-unique.js';
import { itParsesEveryOutput } from '../../support/python-outputs.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const ruleTester = createPythonRuleTester();

const HEADER = code`
  from typing import Optional
  from uuid import UUID, uuid4

  from sqlalchemy import Column, Index, String, UniqueConstraint
  from sqlmodel import Field, SQLModel
`;

const valid = [
  {
    name: 'unique with the tenant column; values unique by nature; a root table; a nullable tenant column',
    code: HEADER + code`
      class Tenant(SQLModel, table=True):
          __tablename__ = "tenants"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          slug: str = Field(unique=True)

      class User(SQLModel, table=True):
          __tablename__ = "users"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          email_address: str = Field(unique=True)
          api_token: str = Field(unique=True)
          stripe_customer_id: str = Field(unique=True)
          slug: str
          __table_args__ = (UniqueConstraint("tenant_id", "slug"), Index("ix_users_api_token", "api_token", unique=True))

      class Shared(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: Optional[UUID] = Field(default=None, foreign_key="tenants.id")
          code: str = Field(unique=True)
    `,
  },
];

const invalid = [
  {
    name: 'unique=True on a Field: the suggestion moves it into a new __table_args__ with the tenant column',
    code: HEADER + code`
      class Project(SQLModel, table=True):
          __tablename__ = "projects"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          slug: str = Field(max_length=100, unique=True)
          name: str
    `,
    output: null,
    errors: [
      {
        messageId: 'columnUnique',
        data: { table: 'table "projects"', column: 'slug', tenantColumn: 'tenant_id' },
        line: 10,
        column: 39,
        endColumn: 50,
        suggestions: [
          {
            messageId: 'scopeColumn',
            data: { code: 'UniqueConstraint("tenant_id", "slug", name="projects_tenant_id_slug_unique")', place: '`__table_args__`' },
            output: HEADER + code`
              class Project(SQLModel, table=True):
                  __tablename__ = "projects"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
                  slug: str = Field(max_length=100)
                  name: str
                  __table_args__ = (UniqueConstraint("tenant_id", "slug", name="projects_tenant_id_slug_unique"),)
            `,
          },
        ],
      },
    ],
  },
  {
    name: 'unique=True in a Column, with __table_args__ holding an options dict: the constraint goes before it',
    code: HEADER + code`
      class Project(SQLModel, table=True):
          __tablename__ = "projects"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          name: str = Field(sa_column=Column(String, unique=True, nullable=False))
          __table_args__ = ({"schema": "app"},)
    `,
    output: null,
    errors: [
      {
        messageId: 'columnUnique',
        line: 10,
        column: 48,
        suggestions: [
          {
            messageId: 'scopeColumn',
            output: HEADER + code`
              class Project(SQLModel, table=True):
                  __tablename__ = "projects"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
                  name: str = Field(sa_column=Column(String, nullable=False))
                  __table_args__ = (UniqueConstraint("tenant_id", "name", name="projects_tenant_id_name_unique"), {"schema": "app"},)
            `,
          },
        ],
      },
    ],
  },
  {
    name: 'a lone options dict in __table_args__ becomes a tuple that ends with it',
    code: HEADER + code`
      class Project(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          name: str = Field(unique=True)
          __table_args__ = {"schema": "app"}
    `,
    output: null,
    errors: [
      {
        messageId: 'columnUnique',
        data: { table: 'table "project"', column: 'name', tenantColumn: 'tenant_id' },
        line: 9,
        column: 23,
        suggestions: [
          {
            messageId: 'scopeColumn',
            output: HEADER + code`
              class Project(SQLModel, table=True):
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
                  name: str = Field()
                  __table_args__ = (UniqueConstraint("tenant_id", "name", name="project_tenant_id_name_unique"), {"schema": "app"})
            `,
          },
        ],
      },
    ],
  },
  {
    name: 'a UniqueConstraint and a unique Index without the tenant column: the suggestion adds it first and names them',
    code: HEADER + code`
      class Project(SQLModel, table=True):
          __tablename__ = "projects"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          name: str
          title: str
          __table_args__ = (UniqueConstraint('name'), Index('ix_projects_title', 'title', unique=True))
    `,
    output: null,
    errors: [
      {
        messageId: 'constraintUnique',
        data: { table: 'table "projects"', kind: 'constraint', columns: 'name', tenantColumn: 'tenant_id' },
        line: 12,
        column: 23,
        endColumn: 47,
        suggestions: [
          {
            messageId: 'scopeConstraint',
            data: { tenantColumn: 'tenant_id', kind: 'constraint', name: 'projects_tenant_id_name_unique' },
            output: HEADER + code`
              class Project(SQLModel, table=True):
                  __tablename__ = "projects"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
                  name: str
                  title: str
                  __table_args__ = (UniqueConstraint('tenant_id', 'name', name='projects_tenant_id_name_unique'), Index('ix_projects_title', 'title', unique=True))
            `,
          },
        ],
      },
      {
        messageId: 'constraintUnique',
        data: { table: 'table "projects"', kind: 'index', columns: 'title', tenantColumn: 'tenant_id' },
        line: 12,
        column: 49,
        suggestions: [
          {
            messageId: 'scopeConstraint',
            data: { tenantColumn: 'tenant_id', kind: 'index', name: 'projects_tenant_id_title_unique' },
            output: HEADER + code`
              class Project(SQLModel, table=True):
                  __tablename__ = "projects"
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
                  name: str
                  title: str
                  __table_args__ = (UniqueConstraint('name'), Index('projects_tenant_id_title_unique', 'tenant_id', 'title', unique=True))
            `,
          },
        ],
      },
    ],
  },
  {
    name: "a base class's UniqueConstraint two tables inherit: reported once, at the base, without a rewrite of the shared entry; no __table_args__ written into a table that inherits one",
    code: HEADER + code`
      class Slugged(SQLModel):
          slug: str
          __table_args__ = (UniqueConstraint("slug"),)

      class Page(Slugged, table=True):
          __tablename__ = "pages"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          title: str = Field(unique=True)

      class Post(Slugged, table=True):
          __tablename__ = "posts"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
    `,
    output: null,
    errors: [
      {
        messageId: 'constraintUnique',
        data: { table: 'class "Slugged"', kind: 'constraint', columns: 'slug', tenantColumn: 'tenant_id' },
        line: 8,
        column: 23,
        suggestions: [],
      },
      {
        messageId: 'columnUnique',
        data: { column: 'title', table: 'table "pages"', tenantColumn: 'tenant_id' },
        line: 14,
        column: 24,
        suggestions: [],
      },
    ],
  },
];

describe('tenant-scoped-unique on SQLModel', () => {
  ruleTester.run('tenant-scoped-unique', rule as never, { valid, invalid } as never);
  itParsesEveryOutput(invalid);
});

import rule from '../../../src/rules/require-tenant-id.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const HEADER = code`
  from typing import Optional
  from uuid import UUID, uuid4

  from sqlmodel import Field, SQLModel
`;

const TENANT = code`
  class Tenant(SQLModel, table=True):
      __tablename__ = "tenants"
      id: UUID = Field(default_factory=uuid4, primary_key=True)
`;

createPythonRuleTester().run('require-tenant-id', rule as never, {
  valid: [
    // the standard's form, a root table, and a class that is not a table
    HEADER +
      TENANT +
      code`
        class User(SQLModel, table=True):
            __tablename__ = "users"
            id: UUID = Field(default_factory=uuid4, primary_key=True)
            tenant_id: UUID = Field(foreign_key="tenants.id", index=True)

        class UserRead(SQLModel):
            id: UUID
      `,
    // from a same-file mixin
    HEADER +
      code`
        class TenantMixin(SQLModel):
            tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
        class Post(TenantMixin, table=True):
            id: int = Field(primary_key=True)
      `,
    // a base the plugin cannot read may hold the column
    HEADER + 'from app.mixins import Scoped\nclass Post(Scoped, table=True):\n    id: int = Field(primary_key=True)\n',
    // a type it cannot name, and a nullability it cannot read
    HEADER + 'from app.types import TenantId\nclass Post(SQLModel, table=True):\n    tenant_id: TenantId\n',
    HEADER + 'class Post(SQLModel, table=True):\n    tenant_id: UUID = Field(nullable=NULLABLE)\n',
    // a Column that is not null
    HEADER +
      'from sqlalchemy import Column, ForeignKey, Uuid\nclass Post(SQLModel, table=True):\n    tenant_id: UUID = Field(sa_column=Column(Uuid, ForeignKey("tenants.id"), nullable=False))\n',
    // settings: another tenant column and root table
    {
      code: HEADER + 'class Org(SQLModel, table=True):\n    id: int = Field(primary_key=True)\nclass Post(SQLModel, table=True):\n    org_id: UUID\n',
      settings: { 'data-modeling': { tenantColumn: 'org_id', rootTables: ['org'] } },
    },
  ],
  invalid: [
    {
      // the fix writes the standard's field after id, referencing the root table defined in the file
      code:
        HEADER +
        TENANT +
        code`
          class User(SQLModel, table=True):
              __tablename__ = "users"
              id: UUID = Field(default_factory=uuid4, primary_key=True)
              email_address: str
        `,
      output:
        HEADER +
        TENANT +
        code`
          class User(SQLModel, table=True):
              __tablename__ = "users"
              id: UUID = Field(default_factory=uuid4, primary_key=True)
              tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
              email_address: str
        `,
      errors: [{ messageId: 'missing', line: 8, column: 7, endLine: 8, endColumn: 11, data: { table: 'users', column: 'tenant_id', roots: 'tenants' } }],
    },
    {
      // no root table in sight: no foreign key (a dangling one fails create_all); imports added the file's way
      code: code`
        '''Blog models.'''
        from sqlmodel import SQLModel
        import sqlmodel


        class Post(SQLModel, table=True):
            # the title
            title: str
      `,
      output: code`
        '''Blog models.'''
        from sqlmodel import Field, SQLModel
        import sqlmodel
        from uuid import UUID


        class Post(SQLModel, table=True):
            tenant_id: UUID = Field(index=True)
            # the title
            title: str
      `,
      errors: [{ messageId: 'missing', line: 6, column: 7 }],
    },
    {
      // module-style imports are used as the file uses them; another column's reference shows the root table
      code: code`
        import uuid
        import sqlmodel

        class Post(sqlmodel.SQLModel, table=True):
            id: uuid.UUID = sqlmodel.Field(default_factory=uuid.uuid4, primary_key=True)

        class Comment(sqlmodel.SQLModel, table=True):
            id: uuid.UUID = sqlmodel.Field(default_factory=uuid.uuid4, primary_key=True)
            tenant_id: uuid.UUID = sqlmodel.Field(foreign_key='tenants.id', index=True)
      `,
      output: code`
        import uuid
        import sqlmodel

        class Post(sqlmodel.SQLModel, table=True):
            id: uuid.UUID = sqlmodel.Field(default_factory=uuid.uuid4, primary_key=True)
            tenant_id: uuid.UUID = sqlmodel.Field(foreign_key='tenants.id', index=True)

        class Comment(sqlmodel.SQLModel, table=True):
            id: uuid.UUID = sqlmodel.Field(default_factory=uuid.uuid4, primary_key=True)
            tenant_id: uuid.UUID = sqlmodel.Field(foreign_key='tenants.id', index=True)
      `,
      errors: [{ messageId: 'missing', line: 4, column: 7 }],
    },
    {
      // Optional with a None default, X | None with = None, nullable=True: made required
      code:
        HEADER +
        code`
          class A(SQLModel, table=True):
              tenant_id: Optional[UUID] = Field(default=None, foreign_key="tenants.id", index=True)
          class B(SQLModel, table=True):
              tenant_id: UUID | None = None
          class C(SQLModel, table=True):
              tenant_id: UUID = Field(
                  index=True,
                  nullable=True,
              )
        `,
      output:
        HEADER +
        code`
          class A(SQLModel, table=True):
              tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          class B(SQLModel, table=True):
              tenant_id: UUID
          class C(SQLModel, table=True):
              tenant_id: UUID = Field(
                  index=True,
              )
        `,
      errors: [
        { messageId: 'nullable', line: 6, column: 5, endColumn: 14, data: { table: 'table "a"', column: 'tenant_id', notNull: 'make it non-Optional' } },
        { messageId: 'nullable', line: 8, column: 5 },
        { messageId: 'nullable', line: 10, column: 5 },
      ],
    },
    {
      // a nullable Column: no fix (a person decides); a shared mixin's field is reported once
      code:
        HEADER +
        code`
          from sqlalchemy import Column, Uuid
          class Scoped(SQLModel):
              tenant_id: Optional[UUID] = Field(sa_column=Column(Uuid))
          class A(Scoped, table=True):
              id: int = Field(primary_key=True)
          class B(Scoped, table=True):
              id: int = Field(primary_key=True)
        `,
      output: null,
      errors: [{ messageId: 'nullable', line: 7, column: 5, data: { table: 'class "Scoped"', column: 'tenant_id', notNull: 'make it non-Optional' } }],
    },
    {
      code: HEADER + 'class Post(SQLModel, table=True):\n    tenant_id: str = Field(index=True)\n',
      output: null,
      errors: [
        {
          messageId: 'notUuid',
          line: 6,
          column: 5,
          data: { table: 'table "post"', column: 'tenant_id', built: 'typed str', uuid: 'UUID' },
        },
      ],
    },
    {
      // a body on the header line: reported, not fixed
      code: HEADER + 'class Post(SQLModel, table=True): pass\n',
      output: null,
      errors: [{ messageId: 'missing', line: 5, column: 7 }],
    },
    {
      // UUID taken by another import: no fix rather than a wrong type
      code: 'from sqlalchemy.dialects.postgresql import UUID\nfrom sqlmodel import Field, SQLModel\nclass Post(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n',
      output: null,
      errors: [{ messageId: 'missing', line: 3, column: 7 }],
    },
  ],
});

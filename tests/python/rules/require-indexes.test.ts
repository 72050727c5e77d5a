import { describe } from 'vitest';
import rule from '../../../src/rules/require-indexes.js';
import { itParsesEveryOutput } from '../../support/python-outputs.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const ruleTester = createPythonRuleTester();

const HEADER = code`
  from typing import Optional
  from uuid import UUID, uuid4

  from sqlalchemy import Column, ForeignKey, ForeignKeyConstraint, Index, UniqueConstraint
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
    name: 'index=True, unique=True, the leading column of an Index or UniqueConstraint, the second after the tenant column',
    code: HEADER + code`
      class Post(SQLModel, table=True):
          __tablename__ = "posts"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
          author_id: UUID = Field(foreign_key="users.id", index=True)
          editor_id: UUID = Field(sa_column=Column(ForeignKey("users.id"), index=True))
          reviewer_id: UUID = Field(foreign_key="users.id", unique=True)
          owner_id: UUID = Field(foreign_key="users.id")
          user_id: UUID
          __table_args__ = (Index("ix_posts_tenant_owner", "tenant_id", "owner_id"), UniqueConstraint("user_id", "id"))
    `,
  },
  {
    name: 'a composite foreign key covered in any order; the one primary-key field; table args the plugin cannot read',
    code: HEADER + code`
      class Membership(SQLModel, table=True):
          user_id: UUID = Field(primary_key=True, foreign_key="users.id")
          tenant_id: UUID = Field(index=True, foreign_key="tenants.id")
          __table_args__ = (ForeignKeyConstraint(["tenant_id", "user_id"], ["users.tenant_id", "users.id"]), Index("ix", "user_id", "tenant_id"))

      class Post(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
          __table_args__ = build_args()
    `,
  },
  {
    name: "__table_args__ inherited from a base class of the file (SQLAlchemy looks the attribute up through the bases), or perhaps from a base it cannot read",
    code: HEADER + code`
      from vendor.models import VendorBase

      class Owned(SQLModel):
          __table_args__ = (Index("ix_owner_id", "owner_id"),)

      class Audited(Owned):
          note: Optional[str] = None

      class Post(Audited, table=True):
          __tablename__ = "posts"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          owner_id: UUID = Field(foreign_key="users.id")

      class Order(VendorBase, table=True):
          __tablename__ = "orders"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          buyer_id: UUID = Field(foreign_key="users.id")
    `,
  },
];

/** A table whose __table_args__ come from a base class of the file. */
const INHERITED_ARGS = HEADER + code`
    class Owned(SQLModel):
        __table_args__ = (Index("ix_owned_owner_id", "owner_id"),)

    class Post(Owned, table=True):
        __tablename__ = "posts"
        id: UUID = Field(default_factory=uuid4, primary_key=True)
        tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
        owner_id: UUID = Field(foreign_key="users.id")
        editor_id: UUID = Field(foreign_key="users.id")
`;

const invalid = [
  {
    name: 'the tenant column and foreign-key columns: index=True added to each Field, or as a Field',
    code: HEADER + code`
      class Post(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id")
          author_id: UUID = Field(
              foreign_key="users.id",
          )
          user_id: UUID
          editor_user_id: Optional[UUID] = Field(default=None, foreign_key="users.id", index=False)
          reviewer_id: Optional[UUID] = None
    `,
    output: HEADER + code`
      class Post(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          author_id: UUID = Field(
              foreign_key="users.id", index=True,
          )
          user_id: UUID = Field(index=True)
          editor_user_id: Optional[UUID] = Field(default=None, foreign_key="users.id", index=True)
          reviewer_id: Optional[UUID] = None
    `,
    errors: [
      { messageId: 'tenantColumn', data: { table: 'post', column: 'tenant_id' }, line: 17, column: 5, endColumn: 14 },
      { messageId: 'foreignKeyColumn', data: { table: 'post', column: 'author_id' }, line: 18, column: 5 },
      { messageId: 'foreignKeyColumn', data: { table: 'post', column: 'user_id' }, line: 21, column: 5 },
      { messageId: 'foreignKeyColumn', data: { table: 'post', column: 'editor_user_id' }, line: 22, column: 5 },
    ],
  },
  {
    name: 'a link table: the second primary-key field is not indexed by the key; a composite foreign key without an index',
    code: HEADER + code`
      class Team(SQLModel, table=True):
          __tablename__ = "teams"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)

      class TeamMember(SQLModel, table=True):
          team_id: UUID = Field(foreign_key="teams.id", primary_key=True)
          user_id: UUID = Field(foreign_key="users.id", primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          user_tenant_id: UUID
          __table_args__ = (ForeignKeyConstraint(["user_id", "user_tenant_id"], ["users.id", "users.tenant_id"]),)
    `,
    output: HEADER + code`
      class Team(SQLModel, table=True):
          __tablename__ = "teams"
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)

      class TeamMember(SQLModel, table=True):
          team_id: UUID = Field(foreign_key="teams.id", primary_key=True)
          user_id: UUID = Field(foreign_key="users.id", primary_key=True, index=True)
          tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
          user_tenant_id: UUID
          __table_args__ = (ForeignKeyConstraint(["user_id", "user_tenant_id"], ["users.id", "users.tenant_id"]),)
    `,
    errors: [
      { messageId: 'foreignKeyColumn', data: { table: 'teammember', column: 'user_id' }, line: 22, column: 5 },
      {
        messageId: 'compositeForeignKey',
        data: { table: 'teammember', columns: 'user_id, user_tenant_id' },
        line: 25,
        column: 23,
      },
    ],
  },
  {
    name: 'a column a base class brings: reported at the class, without a fix (the base serves other tables)',
    code: HEADER + code`
      class TenantOwned(SQLModel):
          tenant_id: UUID = Field(foreign_key="tenants.id")

      class Post(TenantOwned, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)

      class Page(TenantOwned, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          __table_args__ = (Index("ix_page_tenant", "tenant_id"),)
    `,
    output: null,
    errors: [{ messageId: 'tenantColumn', data: { table: 'post', column: 'tenant_id' }, line: 18, column: 7, endColumn: 11 }],
  },
  {
    name: 'a base class of the file gives its __table_args__ to the table: its Index counts, and a column it leaves out is reported',
    code: INHERITED_ARGS,
    output: INHERITED_ARGS.replace('editor_id: UUID = Field(foreign_key="users.id")', 'editor_id: UUID = Field(foreign_key="users.id", index=True)'),
    errors: [{ messageId: 'foreignKeyColumn', data: { table: 'posts', column: 'editor_id' }, line: 23, column: 5 }],
  },
];

describe('require-indexes on SQLModel', () => {
  ruleTester.run('require-indexes', rule as never, { valid, invalid } as never);
  itParsesEveryOutput(invalid);
});

import { describe, expect, it } from 'vitest';
import { parsePython } from '../../src/python/parse.js';
import { fixAll, MESSY, RULES } from '../support/python-compose.js';
import { code } from '../support/python-tester.js';

const FIXED = code`
  from datetime import datetime
  from uuid import UUID, uuid4

  from sqlalchemy import DateTime, Index
  from sqlmodel import Field, SQLModel, select
  from typing import Optional


  class Tenant(SQLModel, table=True):
      __tablename__ = "tenants"
      id: UUID = Field(default_factory=uuid4, primary_key=True)
      name: str
      created_at: datetime = Field(default_factory=datetime.utcnow, sa_type=DateTime(timezone=True))
      updated_at: datetime = Field(default_factory=datetime.utcnow, sa_type=DateTime(timezone=True))
      deleted_at: Optional[datetime] = Field(default=None, sa_type=DateTime(timezone=True))


  class User(SQLModel, table=True):
      __tablename__ = "users"
      id: UUID = Field(default_factory=uuid4, primary_key=True)
      tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
      full_name: str
      email_address: str = Field(max_length=255)
      created_at: datetime = Field(default_factory=datetime.utcnow, sa_type=DateTime(timezone=True))
      updated_at: datetime = Field(default_factory=datetime.utcnow, sa_type=DateTime(timezone=True))
      deleted_at: Optional[datetime] = Field(default=None, sa_type=DateTime(timezone=True))
      __table_args__ = (Index("users_full_name_idx", "full_name"),)


  class Membership(SQLModel, table=True):
      __tablename__ = "memberships"
      team_id: UUID = Field(primary_key=True, foreign_key="users.id")
      user_id: UUID = Field(primary_key=True, foreign_key="users.id", index=True)
      tenant_id: UUID = Field(foreign_key="tenants.id", index=True)
      created_at: datetime = Field(default_factory=datetime.utcnow, sa_type=DateTime(timezone=True))
      updated_at: datetime = Field(default_factory=datetime.utcnow, sa_type=DateTime(timezone=True))
      deleted_at: Optional[datetime] = Field(default=None, sa_type=DateTime(timezone=True))


  def by_name(session, name: str):
      return session.exec(select(User).where(User.full_name == name)).first()
`;

describe('every Python rule with --fix, renames included, in one run', () => {
  it('leaves a model file that parses, the same whatever the rule order, with each fix applied once', () => {
    const outputs = [RULES, [...RULES].reverse()].map((order) => fixAll(MESSY, order));
    for (const { output, messages } of outputs) {
      expect(parsePython(output).ok, output).toBe(true);
      // Left without a fix: the link table keyed by two columns has no uuid "id" (choosing its key is a person's call).
      expect(messages.map((m) => `${m.ruleId}:${m.messageId}:${m.line}`)).toEqual(['data-modeling/require-uuid-primary-key:otherPrimaryKey:30']);
    }
    // The renames reach the query and the index; the tenant columns and the link table's second key column get
    // their index once; the standard fields are added by the other rules beside them.
    expect(outputs[0]!.output).toBe(FIXED);
    expect(outputs[1]!.output).toBe(FIXED);
  });
});

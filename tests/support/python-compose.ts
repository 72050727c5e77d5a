import { Linter } from 'eslint';
import dataModeling from '../../src/index.js';
import { code } from './python-tester.js';

/** Every rule with a Python half; the renaming rules take renames as fixes, as a project not yet deployed would. */
export const RULES = [
  'require-tenant-id',
  'require-timestamps',
  'require-uuid-primary-key',
  'require-soft-delete',
  'prefer-timestamptz',
  'snake-case',
  'email-address-name',
  'boolean-prefix',
  'require-indexes',
  'require-foreign-keys',
  'tenant-scoped-unique',
];
const RENAMES = { databaseRenames: 'fix', exportedKeyRenames: 'fix' };

export function fixAll(text: string, order: readonly string[]): { output: string; messages: Linter.LintMessage[] } {
  const rules = Object.fromEntries(order.map((r) => [`data-modeling/${r}`, ['error', ...(r === 'snake-case' || r === 'email-address-name' ? [RENAMES] : [])]]));
  const config: Linter.Config[] = [{ files: ['**/*.py'], plugins: { 'data-modeling': dataModeling as never }, language: 'data-modeling/python', rules: rules as never }];
  return new Linter().verifyAndFix(text, config, 'models.py');
}

/** A models file with a problem for every rule that has a fix. */
export const MESSY = code`
  from datetime import datetime
  from uuid import UUID, uuid4

  from sqlalchemy import DateTime, Index
  from sqlmodel import Field, SQLModel, select


  class Tenant(SQLModel, table=True):
      __tablename__ = "tenants"
      id: UUID = Field(default_factory=uuid4, primary_key=True)
      name: str


  class User(SQLModel, table=True):
      __tablename__ = "users"
      id: UUID = Field(default_factory=uuid4, primary_key=True)
      tenant_id: UUID = Field(foreign_key="tenants.id")
      fullName: str
      email: str = Field(max_length=255)
      __table_args__ = (Index("usersFullNameIdx", "fullName"),)


  class Membership(SQLModel, table=True):
      __tablename__ = "memberships"
      team_id: UUID = Field(primary_key=True, foreign_key="users.id")
      user_id: UUID = Field(primary_key=True, foreign_key="users.id")
      tenant_id: UUID = Field(foreign_key="tenants.id", index=True)


  def by_name(session, name: str):
      return session.exec(select(User).where(User.fullName == name)).first()
`;

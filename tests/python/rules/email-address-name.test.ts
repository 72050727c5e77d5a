import { describe } from 'vitest';
import rule from '../../../src/rules/email-address-name.js';
import { itParsesEveryOutput } from '../../support/python-outputs.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const ruleTester = createPythonRuleTester();

const HEADER = code`
  from uuid import UUID, uuid4

  from pydantic import EmailStr
  from sqlmodel import Field, SQLModel, select
`;

const valid = [
  {
    name: 'email_address, a non-text email column, an API schema, a table that has email_address already',
    code: HEADER + code`
      class User(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          email_address: EmailStr = Field(unique=True)
          email_verified: bool = False
          emails_sent: int = 0

      class UserCreate(SQLModel):
          email: EmailStr

      class Contact(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          email: str
          email_address: str
    `,
  },
];

const source = HEADER + code`
  class User(SQLModel, table=True):
      __tablename__ = "users"
      id: UUID = Field(default_factory=uuid4, primary_key=True)
      email: EmailStr = Field(unique=True, index=True, max_length=255)
      backup_email: str | None = None

  def by_email(session, email: str):
      return session.exec(select(User).where(User.email == email)).first()

  def new_user(email: str) -> User:
      return User(email=email)
`;

const fixed = source
  .replace('    email: EmailStr', '    email_address: EmailStr')
  .replace('User.email ==', 'User.email_address ==')
  .replace('User(email=email)', 'User(email_address=email)')
  .replace('backup_email: str', 'backup_email_address: str');

const invalid = [
  {
    name: 'email and *_email: renamed with User.email and User(email=…); a suggestion by default',
    code: source,
    output: null,
    errors: [
      {
        messageId: 'emailAddress',
        data: { name: 'email', table: 'table "users"', expected: 'email_address', key: 'email_address' },
        line: 8,
        column: 5,
        endColumn: 10,
        suggestions: [
          {
            messageId: 'renameColumn',
            data: { name: 'email', table: 'table "users"', expected: 'email_address', key: 'email_address' },
            output: source.replace('    email: EmailStr', '    email_address: EmailStr').replace('User.email ==', 'User.email_address ==').replace('User(email=email)', 'User(email_address=email)'),
          },
        ],
      },
      {
        messageId: 'emailAddress',
        data: { name: 'backup_email', table: 'table "users"', expected: 'backup_email_address', key: 'backup_email_address' },
        line: 9,
        column: 5,
        suggestions: [{ messageId: 'renameColumn', output: source.replace('backup_email: str', 'backup_email_address: str') }],
      },
    ],
  },
  {
    name: 'the same as fixes when the project takes renames as fixes: one pass renames both',
    code: source,
    output: fixed,
    options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
    errors: [
      { messageId: 'emailAddress', line: 8, column: 5 },
      { messageId: 'emailAddress', line: 9, column: 5 },
    ],
  },
  {
    name: 'a copy by name (model_validate) keeps it a suggestion; an explicitly named column is reported without a rename',
    code: HEADER + code`
      from sqlalchemy import Column, String

      class User(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          email: str
          contactEmail: str = Field(sa_column=Column("contactEmail", String))

      def create(data) -> User:
          return User.model_validate(data)
    `,
    output: null,
    options: [{ databaseRenames: 'fix', exportedKeyRenames: 'fix' }],
    errors: [
      {
        messageId: 'emailAddress',
        line: 9,
        column: 5,
        suggestions: [
          {
            messageId: 'renameColumn',
            output: HEADER + code`
              from sqlalchemy import Column, String

              class User(SQLModel, table=True):
                  id: UUID = Field(default_factory=uuid4, primary_key=True)
                  email_address: str
                  contactEmail: str = Field(sa_column=Column("contactEmail", String))

              def create(data) -> User:
                  return User.model_validate(data)
            `,
          },
        ],
      },
      { messageId: 'emailAddress', data: { name: 'contactEmail', table: 'table "user"', expected: 'contact_email_address', key: 'contactEmail' }, line: 10, column: 5, suggestions: [] },
    ],
  },
];

describe('email-address-name on SQLModel', () => {
  ruleTester.run('email-address-name', rule as never, { valid, invalid } as never);
  itParsesEveryOutput(invalid);
});

import rule from '../../../src/rules/require-uuid-primary-key.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const HEADER = code`
  from typing import Optional
  from uuid import UUID, uuid4

  from sqlmodel import Field, SQLModel
`;

createPythonRuleTester().run('require-uuid-primary-key', rule as never, {
  valid: [
    HEADER + 'class User(SQLModel, table=True):\n    id: UUID = Field(default_factory=uuid4, primary_key=True)\n',
    // server-side gen_random_uuid(), a same-file base, a PrimaryKeyConstraint on id
    HEADER +
      code`
        from sqlalchemy import PrimaryKeyConstraint, text
        class Base(SQLModel):
            id: UUID = Field(primary_key=True, sa_column_kwargs={"server_default": text("gen_random_uuid()")})
        class A(Base, table=True):
            pass
        class B(SQLModel, table=True):
            __table_args__ = (PrimaryKeyConstraint("id"),)
            id: UUID = Field(default_factory=uuid4)
      `,
    // unknown: a base it cannot read, a type it cannot name
    HEADER + 'from app.db import Base\nclass A(Base, table=True):\n    name: str\n',
    HEADER + 'from app.types import Key\nclass A(SQLModel, table=True):\n    id: Key = Field(primary_key=True)\n',
  ],
  invalid: [
    {
      code: HEADER + 'class Post(SQLModel, table=True):\n    """Posts."""\n    title: str\n',
      output: HEADER + 'class Post(SQLModel, table=True):\n    """Posts."""\n    id: UUID = Field(default_factory=uuid4, primary_key=True)\n    title: str\n',
      errors: [{ messageId: 'missing', line: 5, column: 7, data: { table: 'post', form: '`id: UUID = Field(default_factory=uuid4, primary_key=True)`' } }],
    },
    {
      // `import uuid`: the file's way
      code: 'import uuid\nfrom sqlmodel import Field, SQLModel\n\nclass Post(SQLModel, table=True):\n    title: str\n',
      output: 'import uuid\nfrom sqlmodel import Field, SQLModel\n\nclass Post(SQLModel, table=True):\n    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)\n    title: str\n',
      errors: [{ messageId: 'missing', line: 4 }],
    },
    {
      code: HEADER + 'class Member(SQLModel, table=True):\n    user_id: UUID = Field(primary_key=True)\n    team_id: UUID = Field(primary_key=True)\n',
      output: null,
      errors: [{ messageId: 'otherPrimaryKey', line: 5, column: 7, data: { table: 'member', primaryKey: '"user_id"' } }],
    },
    {
      // SQLModel's tutorial idiom: an int key set on insert
      code: HEADER + 'class Hero(SQLModel, table=True):\n    id: Optional[int] = Field(default=None, primary_key=True)\n',
      output: null,
      errors: [{ messageId: 'notUuid', line: 6, column: 5, data: { table: 'table "hero"', column: 'id', built: 'typed Optional[int]', uuid: 'UUID' } }],
    },
    {
      // Optional[UUID] with a None default: becomes the standard's form
      code: HEADER + 'class Hero(SQLModel, table=True):\n    id: Optional[UUID] = Field(default=None, primary_key=True)\n',
      output: HEADER + 'class Hero(SQLModel, table=True):\n    id: UUID = Field(default_factory=uuid4, primary_key=True)\n',
      errors: [{ messageId: 'noDefault', line: 6, column: 5, data: { table: 'table "hero"', defaultRandom: '`default_factory=uuid4`' } }],
    },
    {
      // neither key nor default: one fix writes both, importing uuid4 into the file's import
      code: 'from uuid import UUID\nfrom sqlmodel import Field, SQLModel\nclass Hero(SQLModel, table=True):\n    id: UUID = Field(index=True)\n    name: str\n',
      output: 'from uuid import UUID, uuid4\nfrom sqlmodel import Field, SQLModel\nclass Hero(SQLModel, table=True):\n    id: UUID = Field(default_factory=uuid4, index=True, primary_key=True)\n    name: str\n',
      errors: [
        { messageId: 'notPrimaryKey', line: 4, column: 5, data: { table: 'table "hero"', primaryKey: '`primary_key=True`' } },
        { messageId: 'noDefault', line: 4, column: 5 },
      ],
    },
    {
      // a plain field
      code: HEADER + 'class Hero(SQLModel, table=True):\n    id: UUID\n',
      output: HEADER + 'class Hero(SQLModel, table=True):\n    id: UUID = Field(default_factory=uuid4, primary_key=True)\n',
      errors: [{ messageId: 'notPrimaryKey' }, { messageId: 'noDefault' }],
    },
    {
      // another primary key: the key is not fixable, the default is
      code: HEADER + 'class Hero(SQLModel, table=True):\n    code: str = Field(primary_key=True)\n    id: UUID = Field(unique=True)\n',
      output: HEADER + 'class Hero(SQLModel, table=True):\n    code: str = Field(primary_key=True)\n    id: UUID = Field(default_factory=uuid4, unique=True)\n',
      errors: [{ messageId: 'notPrimaryKey', line: 7 }, { messageId: 'noDefault', line: 7 }],
    },
  ],
});

import rule from '../../../src/rules/require-soft-delete.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const HEADER = code`
  from datetime import datetime
  from typing import Optional

  from sqlmodel import Field, SQLModel
`;

const FORM = '`deleted_at: Optional[datetime] = None`';

createPythonRuleTester().run('require-soft-delete', rule as never, {
  valid: [
    HEADER + 'class User(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n    deleted_at: Optional[datetime] = None\n',
    HEADER + 'class User(SQLModel, table=True):\n    deleted_at: datetime | None = Field(default=None, index=True)\n',
    // unknown base; a table the option leaves out
    HEADER + 'from app.base import Base\nclass User(Base, table=True):\n    id: int\n',
    { code: HEADER + 'class Log(SQLModel, table=True):\n    id: int\n', options: [{ tables: ['users'] }] },
  ],
  invalid: [
    {
      code: HEADER + 'class User(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n    updated_at: datetime\n    email: str\n',
      output: HEADER + 'class User(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n    updated_at: datetime\n    email: str\n    deleted_at: Optional[datetime] = None\n',
      errors: [{ messageId: 'missing', line: 5, column: 7, data: { table: 'user', form: FORM } }],
    },
    {
      // `X | None` where the file writes it so; imports datetime
      code: 'from sqlmodel import Field, SQLModel\nclass User(SQLModel, table=True):\n    name: str | None = None\n',
      output: 'from sqlmodel import Field, SQLModel\nfrom datetime import datetime\nclass User(SQLModel, table=True):\n    name: str | None = None\n    deleted_at: datetime | None = None\n',
      errors: [{ messageId: 'missing', line: 2 }],
    },
    {
      // no Optional import and no | None: typing's Optional is imported, after datetime, in one line each
      code: 'from sqlmodel import SQLModel\nclass User(SQLModel, table=True):\n    name: str\n',
      output: 'from sqlmodel import SQLModel\nfrom datetime import datetime\nfrom typing import Optional\nclass User(SQLModel, table=True):\n    name: str\n    deleted_at: Optional[datetime] = None\n',
      errors: [{ messageId: 'missing', line: 2 }],
    },
    {
      // not null: made nullable with a None default
      code: HEADER + 'class A(SQLModel, table=True):\n    deleted_at: datetime\nclass B(SQLModel, table=True):\n    deleted_at: datetime = Field(nullable=False, index=True)\n',
      output: HEADER + 'class A(SQLModel, table=True):\n    deleted_at: Optional[datetime] = None\nclass B(SQLModel, table=True):\n    deleted_at: Optional[datetime] = Field(default=None, index=True)\n',
      errors: [
        { messageId: 'notNull', line: 6, column: 5, data: { table: 'table "a"' } },
        { messageId: 'notNull', line: 8, column: 5, data: { table: 'table "b"' } },
      ],
    },
    {
      // set automatically: suggest removing the factory
      code: HEADER + 'class A(SQLModel, table=True):\n    deleted_at: Optional[datetime] = Field(default_factory=datetime.utcnow, index=True)\n',
      output: null,
      errors: [
        {
          messageId: 'setAutomatically',
          line: 6,
          column: 5,
          data: { table: 'table "a"', setter: '`default_factory`' },
          suggestions: [
            {
              messageId: 'removeModifier',
              data: { setter: '`default_factory`' },
              output: HEADER + 'class A(SQLModel, table=True):\n    deleted_at: Optional[datetime] = Field(index=True)\n',
            },
          ],
        },
      ],
    },
    {
      code: HEADER + 'class A(SQLModel, table=True):\n    deleted_at: Optional[str] = None\nclass B(SQLModel, table=True):\n    is_deleted: bool = False\nclass C(SQLModel, table=True):\n    deleted_on: Optional[datetime] = None\n',
      output: null,
      errors: [
        { messageId: 'notTimestamp', line: 6, column: 5, data: { table: 'table "a"', column: 'deleted_at', built: 'typed Optional[str]', timestamp: 'datetime' } },
        { messageId: 'flag', line: 8, column: 5, data: { table: 'table "b"', name: 'is_deleted' }, suggestions: [] },
        {
          messageId: 'nearMiss',
          line: 10,
          column: 5,
          data: { table: 'table "c"', name: 'deleted_on' },
          suggestions: [
            {
              messageId: 'renameColumn',
              data: { table: 'table "c"', name: 'deleted_on', key: 'deleted_at' },
              output: HEADER + 'class A(SQLModel, table=True):\n    deleted_at: Optional[str] = None\nclass B(SQLModel, table=True):\n    is_deleted: bool = False\nclass C(SQLModel, table=True):\n    deleted_at: Optional[datetime] = None\n',
            },
          ],
        },
      ],
    },
  ],
});

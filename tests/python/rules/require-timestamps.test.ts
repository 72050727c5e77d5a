import rule from '../../../src/rules/require-timestamps.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const HEADER = code`
  from datetime import datetime
  from typing import Optional

  from sqlmodel import Field, SQLModel
`;

const FORM = '`Field(default_factory=datetime.utcnow)`';

createPythonRuleTester().run('require-timestamps', rule as never, {
  valid: [
    HEADER +
      code`
        class User(SQLModel, table=True):
            id: int = Field(primary_key=True)
            created_at: datetime = Field(default_factory=datetime.utcnow)
            updated_at: datetime = Field(default_factory=datetime.utcnow, sa_column_kwargs={"onupdate": datetime.utcnow})
      `,
    // server-side now(), a same-file mixin, a Column
    HEADER +
      code`
        from sqlalchemy import Column, DateTime, func
        class Stamped(SQLModel):
            created_at: datetime = Field(sa_type=DateTime(timezone=True), sa_column_kwargs={"server_default": func.now()})
        class A(Stamped, table=True):
            updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), server_default=func.now(), nullable=False))
      `,
    // a base it cannot read may hold them; an unknown type says nothing
    HEADER + 'from app.base import Base\nclass A(Base, table=True):\n    id: int = Field(primary_key=True)\n',
    HEADER + 'from app.types import Stamp\nclass A(SQLModel, table=True):\n    created_at: Stamp\n    updated_at: Stamp\n',
  ],
  invalid: [
    {
      // both missing: one fix inserts both, last, before deleted_at, with the file's imports
      code: code`
        from typing import Optional
        from sqlmodel import SQLModel, Field

        class Post(SQLModel, table=True):
            id: int = Field(primary_key=True)
            title: str
            deleted_at: Optional[str] = None
      `,
      output: code`
        from typing import Optional
        from sqlmodel import SQLModel, Field
        from datetime import datetime

        class Post(SQLModel, table=True):
            id: int = Field(primary_key=True)
            title: str
            created_at: datetime = Field(default_factory=datetime.utcnow)
            updated_at: datetime = Field(default_factory=datetime.utcnow)
            deleted_at: Optional[str] = None
      `,
      errors: [
        { messageId: 'missing', line: 4, column: 7, data: { table: 'post', column: 'created_at', form: FORM } },
        { messageId: 'missing', line: 4, column: 7, data: { table: 'post', column: 'updated_at', form: FORM } },
      ],
    },
    {
      // with onUpdate: the new updated_at sets itself on update
      code: HEADER + 'class Post(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n    created_at: datetime = Field(default_factory=datetime.utcnow)\n',
      output:
        HEADER +
        'class Post(SQLModel, table=True):\n    id: int = Field(primary_key=True)\n    created_at: datetime = Field(default_factory=datetime.utcnow)\n    updated_at: datetime = Field(default_factory=datetime.utcnow, sa_column_kwargs={"onupdate": datetime.utcnow})\n',
      options: [{ onUpdate: true }],
      errors: [{ messageId: 'missing', line: 5, column: 7 }],
    },
    {
      // present but lacking: the default factory goes first, Optional and None go
      code:
        HEADER +
        code`
          import datetime as dt
          class Post(SQLModel, table=True):
              created_at: Optional[datetime] = Field(default=None, index=True)
              updated_at: datetime
        `,
      output:
        HEADER +
        code`
          import datetime as dt
          class Post(SQLModel, table=True):
              created_at: datetime = Field(default_factory=datetime.utcnow, index=True)
              updated_at: datetime = Field(default_factory=datetime.utcnow)
        `,
      errors: [
        {
          messageId: 'missingModifier',
          line: 7,
          column: 5,
          data: { table: 'table "post"', column: 'created_at', modifiers: '`default_factory=datetime.utcnow` and a non-Optional type' },
        },
        { messageId: 'missingModifier', line: 8, column: 5, data: { table: 'table "post"', column: 'updated_at', modifiers: '`default_factory=datetime.utcnow`' } },
      ],
    },
    {
      // a nullable one with a now default: made required; a Column: reported without a fix
      code:
        HEADER +
        code`
          from sqlalchemy import Column, DateTime, func
          class Post(SQLModel, table=True):
              created_at: datetime | None = Field(default_factory=datetime.utcnow, nullable=True)
              updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True)))
        `,
      output:
        HEADER +
        code`
          from sqlalchemy import Column, DateTime, func
          class Post(SQLModel, table=True):
              created_at: datetime = Field(default_factory=datetime.utcnow)
              updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True)))
        `,
      errors: [
        { messageId: 'missingModifier', line: 7, data: { table: 'table "post"', column: 'created_at', modifiers: 'a non-Optional type' } },
        { messageId: 'missingModifier', line: 8, data: { table: 'table "post"', column: 'updated_at', modifiers: '`default_factory=datetime.utcnow` and a non-Optional type' } },
      ],
    },
    {
      code: HEADER + 'class Post(SQLModel, table=True):\n    created_at: str\n    updated_at: datetime = Field(default_factory=datetime.utcnow)\n',
      output: null,
      errors: [{ messageId: 'notTimestamp', line: 6, column: 5, data: { table: 'table "post"', column: 'created_at', built: 'typed str', timestamp: 'datetime' } }],
    },
    {
      // onUpdate asked, absent: reported
      code: HEADER + 'class Post(SQLModel, table=True):\n    created_at: datetime = Field(default_factory=datetime.utcnow)\n    updated_at: datetime = Field(default_factory=datetime.utcnow)\n',
      output: null,
      options: [{ onUpdate: true }],
      errors: [
        {
          messageId: 'missingOnUpdate',
          line: 7,
          column: 5,
          data: { table: 'table "post"', onUpdate: '`sa_column_kwargs={"onupdate": ...}`', defaultNow: '`default_factory`' },
        },
      ],
    },
    {
      // a near miss: suggest the rename, with its uses
      code: HEADER + 'class Post(SQLModel, table=True):\n    created: datetime = Field(default_factory=datetime.utcnow)\n    updated_at: datetime = Field(default_factory=datetime.utcnow)\nx = Post.created\n',
      output: null,
      errors: [
        {
          messageId: 'nearMiss',
          line: 6,
          column: 5,
          data: { table: 'table "post"', column: 'created_at', name: 'created' },
          suggestions: [
            {
              messageId: 'renameColumn',
              data: { table: 'table "post"', column: 'created_at', name: 'created', key: 'created_at' },
              output:
                HEADER +
                'class Post(SQLModel, table=True):\n    created_at: datetime = Field(default_factory=datetime.utcnow)\n    updated_at: datetime = Field(default_factory=datetime.utcnow)\nx = Post.created_at\n',
            },
          ],
        },
      ],
    },
  ],
});

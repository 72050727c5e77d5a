import rule from '../../../src/rules/prefer-timestamptz.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const HEADER = code`
  from datetime import datetime
  from typing import Optional

  import sqlalchemy as sa
  from sqlalchemy import Column, DateTime, func
  from sqlmodel import Field, SQLModel
`;

const OPTION = '`sa_type=DateTime(timezone=True)`';

createPythonRuleTester().run('prefer-timestamptz', rule as never, {
  valid: [
    HEADER +
      code`
        class Event(SQLModel, table=True):
            a: datetime = Field(sa_type=DateTime(timezone=True))
            b: datetime = Field(sa_column=Column(sa.TIMESTAMP(timezone=True), server_default=func.now()))
            c: Optional[datetime] = Field(default=None, sa_type=sa.DateTime(True))
            d: str
      `,
    // unknown: a type from elsewhere, a timezone that is not a literal, a Column built elsewhere
    HEADER + 'from app.types import Stamp\nclass E(SQLModel, table=True):\n    a: Stamp\n    b: datetime = Field(sa_type=DateTime(timezone=TZ))\n    c: datetime = Field(sa_column=make())\n',
  ],
  invalid: [
    {
      code:
        HEADER +
        code`
          class Event(SQLModel, table=True):
              created_at: datetime = Field(default_factory=datetime.utcnow)
              seen_at: datetime
              deleted_at: Optional[datetime] = None
        `,
      output:
        HEADER +
        code`
          class Event(SQLModel, table=True):
              created_at: datetime = Field(default_factory=datetime.utcnow, sa_type=DateTime(timezone=True))
              seen_at: datetime = Field(sa_type=DateTime(timezone=True))
              deleted_at: Optional[datetime] = Field(default=None, sa_type=DateTime(timezone=True))
        `,
      errors: [
        { messageId: 'withoutTimezone', line: 8, column: 5, endColumn: 15, data: { table: 'table "event"', column: 'created_at', option: OPTION } },
        { messageId: 'withoutTimezone', line: 9, column: 5 },
        { messageId: 'withoutTimezone', line: 10, column: 5 },
      ],
    },
    {
      // the type written without the option: the option is added, or set to True where it says False
      code:
        HEADER +
        code`
          class Event(SQLModel, table=True):
              a: datetime = Field(sa_type=DateTime)
              b: datetime = Field(sa_type=sa.DateTime())
              c: datetime = Field(sa_column=Column("c_at", DateTime(timezone=False), nullable=False))
              d: datetime = Field(sa_column=Column(sa.TIMESTAMP, server_default=func.now()))
        `,
      output:
        HEADER +
        code`
          class Event(SQLModel, table=True):
              a: datetime = Field(sa_type=DateTime(timezone=True))
              b: datetime = Field(sa_type=sa.DateTime(timezone=True))
              c: datetime = Field(sa_column=Column("c_at", DateTime(timezone=True), nullable=False))
              d: datetime = Field(sa_column=Column(sa.TIMESTAMP(timezone=True), server_default=func.now()))
        `,
      errors: [
        { messageId: 'withoutTimezone', line: 8, column: 5 },
        { messageId: 'withoutTimezone', line: 9, column: 5 },
        // on the `timezone=False` option
        { messageId: 'withoutTimezone', line: 10, column: 68, endColumn: 73, data: { table: 'table "event"', column: 'c_at', option: OPTION } },
        { messageId: 'withoutTimezone', line: 11, column: 5 },
      ],
    },
    {
      // `import sqlalchemy as sa` alone: sa.DateTime; a value that is not None: reported, not fixed
      code: 'import sqlalchemy as sa\nfrom datetime import datetime\nfrom sqlmodel import Field, SQLModel\nclass E(SQLModel, table=True):\n    a: datetime\n    b: datetime = datetime(2020, 1, 1)\n',
      output: 'import sqlalchemy as sa\nfrom datetime import datetime\nfrom sqlmodel import Field, SQLModel\nclass E(SQLModel, table=True):\n    a: datetime = Field(sa_type=sa.DateTime(timezone=True))\n    b: datetime = datetime(2020, 1, 1)\n',
      errors: [
        { messageId: 'withoutTimezone', line: 5 },
        { messageId: 'withoutTimezone', line: 6 },
      ],
    },
  ],
});

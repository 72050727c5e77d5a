import { describe } from 'vitest';
import rule from '../../../src/rules/boolean-prefix.js';
import { itParsesEveryOutput } from '../../support/python-outputs.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const ruleTester = createPythonRuleTester();

const HEADER = code`
  from uuid import UUID, uuid4

  from sqlalchemy import Boolean, Column
  from sqlmodel import Field, SQLModel
`;

const valid = [
  {
    name: 'prefixed booleans, a non-boolean, an API schema',
    code: HEADER + code`
      class Post(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          is_published: bool = False
          has_attachments: bool = Field(default=False)
          can_comment: bool | None = None
          active: int = 0

      class PostRead(SQLModel):
          published: bool
    `,
  },
  {
    name: 'custom prefixes',
    code: HEADER + code`
      class Post(SQLModel, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
          should_notify: bool = False
    `,
    options: [{ prefixes: ['should_'] }],
  },
];

const source = HEADER + code`
  class Post(SQLModel, table=True):
      id: UUID = Field(default_factory=uuid4, primary_key=True)
      published: bool = Field(default=False, index=True)
      comments: bool = Field(sa_column=Column(Boolean, nullable=False))

  def publish(post_id: UUID) -> Post:
      return Post(id=post_id, published=True)
`;

const invalid = [
  {
    name: 'a bool field: a suggestion per prefix that reads naturally, renaming its uses; a plural also takes has_',
    code: source,
    output: null,
    errors: [
      {
        messageId: 'missingPrefix',
        data: { name: 'published', table: 'table "post"', prefixes: '"is_", "has_" or "can_"' },
        line: 7,
        column: 5,
        endColumn: 14,
        suggestions: [
          {
            messageId: 'addPrefix',
            data: { name: 'published', expected: 'is_published', key: 'is_published' },
            output: source.replace('published: bool', 'is_published: bool').replace('published=True', 'is_published=True'),
          },
        ],
      },
      {
        messageId: 'missingPrefix',
        data: { name: 'comments', table: 'table "post"', prefixes: '"is_", "has_" or "can_"' },
        line: 8,
        column: 5,
        suggestions: [
          { messageId: 'addPrefix', data: { name: 'comments', expected: 'is_comments', key: 'is_comments' }, output: source.replace('comments: bool', 'is_comments: bool') },
          { messageId: 'addPrefix', data: { name: 'comments', expected: 'has_comments', key: 'has_comments' }, output: source.replace('comments: bool', 'has_comments: bool') },
        ],
      },
    ],
  },
  {
    name: 'a field of a base class: reported once, without a rename (the schemas that share it follow by hand)',
    code: HEADER + code`
      class FlagBase(SQLModel):
          archived: bool = False

      class Post(FlagBase, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)

      class Page(FlagBase, table=True):
          id: UUID = Field(default_factory=uuid4, primary_key=True)
    `,
    output: null,
    errors: [{ messageId: 'missingPrefix', data: { name: 'archived', table: 'class "FlagBase"', prefixes: '"is_", "has_" or "can_"' }, line: 6, column: 5, suggestions: [] }],
  },
];

describe('boolean-prefix on SQLModel', () => {
  ruleTester.run('boolean-prefix', rule as never, { valid, invalid } as never);
  itParsesEveryOutput(invalid);
});

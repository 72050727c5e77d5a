import rule from '../../../src/rules/require-downgrade.js';
import { createPythonRuleTester } from '../../support/python-tester.js';

const HEADER = 'import sqlalchemy as sa\nfrom alembic import op\n\nrevision = "0002"\ndown_revision = "0001"\n';

const CREATE = [
  '    op.create_table(',
  '        "users",',
  '        sa.Column("id", sa.Uuid(), nullable=False),',
  '        sa.Column("tenant_id", sa.Uuid(), nullable=False),',
  '    )',
  '    op.create_index(op.f("ix_users_tenant_id"), "users", ["tenant_id"], unique=False)',
  '    op.execute("ALTER TABLE users ENABLE ROW LEVEL SECURITY")',
  `    op.execute("CREATE POLICY tenant_isolation ON users USING (tenant_id = current_setting('app.tenant_id')::uuid)")`,
  '    op.add_column("posts", sa.Column("is_draft", sa.Boolean(), nullable=True), schema="app")',
  '',
].join('\n');

const REVERSE = [
  '    op.drop_column("posts", "is_draft", schema="app")',
  '    op.execute("DROP POLICY tenant_isolation ON users")',
  '    op.execute("ALTER TABLE users DISABLE ROW LEVEL SECURITY")',
  '    op.drop_index(op.f("ix_users_tenant_id"), table_name="users")',
  '    op.drop_table("users")',
  '',
].join('\n');

function migration(upgrade: string, downgrade: string | null, returns = ' -> None'): string {
  return `${HEADER}\n\ndef upgrade()${returns}:\n${upgrade}${downgrade === null ? '' : `\n\ndef downgrade()${returns}:\n${downgrade}`}`;
}

const revision = { revision: '0002' };

createPythonRuleTester().run('require-downgrade', rule as never, {
  valid: [
    migration(CREATE, REVERSE),
    // an upgrade that does nothing needs no downgrade
    migration('    pass\n', '    pass\n'),
    migration('    pass\n', null),
    // a downgrade the plugin cannot read may drop the table
    migration('    op.create_table("users", sa.Column("id", sa.Uuid()))\n', '    drop_all_tables(op)\n'),
    // a raw DROP TABLE counts, with a schema
    migration('    op.create_table("users", sa.Column("id", sa.Uuid()), schema="app")\n', '    op.execute("DROP TABLE IF EXISTS app.users CASCADE")\n'),
    // a table created and dropped within upgrade()
    migration('    op.create_table("tmp", sa.Column("id", sa.Uuid()))\n    op.drop_table("tmp")\n', '    op.execute("SELECT 1")\n'),
    // not a migration
    'def upgrade():\n    op.create_table("users")\n',
    // odd input: no arguments, spreads, a downgrade that raises (deliberately irreversible), a nested def
    migration('    op.create_table()\n    op.execute()\n    op.create_table("t", *cols)\n', '    raise NotImplementedError("irreversible")\n'),
    migration('    op.create_table("t", sa.Column("id", sa.Uuid()))\n', '    def inner():\n        pass\n'),
    'revision = "a"\nupgrade = None\n',
    'revision = "a"\nasync def upgrade():\n    pass\n',
  ],
  invalid: [
    {
      // `pass`: the fix writes the reverse of each step, last first
      code: migration(CREATE, '    pass\n'),
      output: migration(CREATE, REVERSE),
      errors: [{ messageId: 'empty', line: 20, column: 5, endLine: 20, endColumn: 14, data: revision }],
    },
    {
      // `...` after a docstring: the docstring stays
      code: migration(CREATE, '    """Nothing to undo."""\n    ...\n'),
      output: migration(CREATE, `    """Nothing to undo."""\n${REVERSE}`),
      errors: [{ messageId: 'empty', line: 20, column: 5, data: revision }],
    },
    {
      // a docstring alone
      code: migration('    op.create_table("users", sa.Column("id", sa.Uuid()))\n', '    """Irreversible."""\n', ''),
      output: migration('    op.create_table("users", sa.Column("id", sa.Uuid()))\n', '    """Irreversible."""\n    op.drop_table("users")\n', ''),
      errors: [{ messageId: 'empty', line: 12, column: 5, data: revision }],
    },
    {
      // no downgrade() at all: written after upgrade(), with its annotation and indentation
      code: migration('  op.create_table("users", sa.Column("id", sa.Uuid()))\n', null),
      output: migration('  op.create_table("users", sa.Column("id", sa.Uuid()))\n', '  op.drop_table("users")\n'),
      errors: [{ messageId: 'missing', line: 8, column: 5, data: revision }],
    },
    {
      // CRLF line endings are kept
      code: migration('    op.create_table("users", sa.Column("id", sa.Uuid()))\n', '    pass\n').replaceAll('\n', '\r\n'),
      output: migration('    op.create_table("users", sa.Column("id", sa.Uuid()))\n', '    op.drop_table("users")\n').replaceAll('\n', '\r\n'),
      errors: [{ messageId: 'empty', line: 12, column: 5, data: revision }],
    },
    {
      code: migration('    op.create_table("users", sa.Column("id", sa.Uuid()))\n', null).replaceAll('\n', '\r\n'),
      output: migration('    op.create_table("users", sa.Column("id", sa.Uuid()))\n', '    op.drop_table("users")\n').replaceAll('\n', '\r\n'),
      errors: [{ messageId: 'missing', line: 8, column: 5, data: revision }],
    },
    {
      // a step whose reverse is not known (a data fix, a helper): reported, not fixed
      code: migration('    op.create_table("users", sa.Column("id", sa.Uuid()))\n    op.execute("UPDATE posts SET x = 1")\n', '    pass\n'),
      output: null,
      errors: [{ messageId: 'empty', line: 13, column: 5, data: revision }],
    },
    {
      code: migration('    seed(op)\n', null),
      output: null,
      errors: [{ messageId: 'missing', line: 8, column: 5, data: revision }],
    },
    {
      // `def downgrade(): pass` on one line: no fix
      code: `${HEADER}\n\ndef upgrade():\n    op.drop_column("users", "nickname")\n\n\ndef downgrade(): pass\n`,
      output: null,
      errors: [{ messageId: 'empty', line: 12, column: 5, data: revision }],
    },
    {
      // a readable downgrade that leaves a table behind: a suggestion drops it before the tables created
      // earlier (posts references users)
      code: migration(
        '    op.create_table("users", sa.Column("id", sa.Uuid()))\n    op.create_table("posts", sa.Column("id", sa.Uuid()))\n',
        '    op.drop_table("users")\n',
      ),
      output: null,
      errors: [
        {
          messageId: 'notUndone',
          line: 10,
          column: 21,
          endColumn: 28,
          data: { revision: '0002', table: 'posts' },
          suggestions: [
            {
              messageId: 'dropTable',
              data: { table: 'posts' },
              output: migration(
                '    op.create_table("users", sa.Column("id", sa.Uuid()))\n    op.create_table("posts", sa.Column("id", sa.Uuid()))\n',
                '    op.drop_table("posts")\n    op.drop_table("users")\n',
              ),
            },
          ],
        },
      ],
    },
    {
      // ... or at the end of downgrade() when no earlier table is dropped there
      code: migration('    op.create_table("users", sa.Column("id", sa.Uuid()), schema="app")\n', '    op.drop_index("ix", table_name="users")\n'),
      output: null,
      errors: [
        {
          messageId: 'notUndone',
          line: 9,
          column: 21,
          data: { revision: '0002', table: 'app.users' },
          suggestions: [
            {
              messageId: 'dropTable',
              data: { table: 'app.users' },
              output: migration(
                '    op.create_table("users", sa.Column("id", sa.Uuid()), schema="app")\n',
                '    op.drop_index("ix", table_name="users")\n    op.drop_table("users", schema="app")\n',
              ),
            },
          ],
        },
      ],
    },
  ],
});

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import rule from '../../../src/rules/require-rls.js';
import { code, createPythonRuleTester } from '../../support/python-tester.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/python/alembic');
/** A folder with no other migration and no alembic.ini: the file's own folder is its history. */
const SOLO = path.join(FIXTURES, 'solo/versions/0001_solo.py');
const CHAIN = path.join(FIXTURES, 'chain/alembic/versions');
const OPAQUE = path.join(FIXTURES, 'opaque/migrations/versions');

const HEADER = code`
  import sqlalchemy as sa
  from alembic import op

  revision = "0001"
  down_revision = None
`;

const USERS = [
  '    op.create_table(',
  '        "users",',
  '        sa.Column("id", sa.Uuid(), nullable=False),',
  '        sa.Column("tenant_id", sa.Uuid(), nullable=False),',
  '        sa.PrimaryKeyConstraint("id"),',
  '    )',
  '',
].join('\n');

const ENABLE = '    op.execute("ALTER TABLE users ENABLE ROW LEVEL SECURITY")\n';
const POLICY = `    op.execute("CREATE POLICY tenant_isolation ON users FOR ALL USING (tenant_id = current_setting('app.tenant_id')::uuid)")\n`;
const DROP_POLICY = '    op.execute("DROP POLICY tenant_isolation ON users")\n';
const DISABLE = '    op.execute("ALTER TABLE users DISABLE ROW LEVEL SECURITY")\n';

function migration(upgrade: string, downgrade = '    op.drop_table("users")\n'): string {
  return `${HEADER}\n\ndef upgrade() -> None:\n${upgrade}\n\ndef downgrade() -> None:\n${downgrade}`;
}

const chainUsers = fs.readFileSync(path.join(CHAIN, '0002_users.py'), 'utf8');

createPythonRuleTester().run('require-rls', rule as never, {
  valid: [
    // RLS and an isolating policy after the create_table, with the reverse in downgrade()
    { code: migration(USERS + ENABLE + POLICY, DROP_POLICY + DISABLE + '    op.drop_table("users")\n'), filename: SOLO },
    // the policy through sa.text(), in one op.execute with the ENABLE, names qualified and quoted
    {
      code: migration(
        `${USERS}    op.execute(sa.text("ALTER TABLE public.users ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON \\"users\\" USING (users.tenant_id = (select current_setting('app.tenant_id', true)::uuid))"))\n`,
      ),
      filename: SOLO,
    },
    // a triple-quoted policy over several lines, with a trailing semicolon, another setting and tenant column
    {
      code: migration(
        '    op.create_table("client_users", sa.Column("id", sa.Uuid()), sa.Column("org_id", sa.Uuid()), schema="public")\n' +
          '    op.execute("ALTER TABLE public.client_users ENABLE ROW LEVEL SECURITY;")\n' +
          '    op.execute("""\n        CREATE POLICY client_users_org_isolation ON public.client_users\n' +
          "        USING (org_id = current_setting('app.current_org_id', true)::uuid);\n    \"\"\")\n",
      ),
      filename: SOLO,
      settings: { 'data-modeling': { tenantColumn: 'org_id', tenantSetting: 'app.current_org_id' } },
    },
    // per command policies that together cover every command
    {
      code: migration(
        USERS +
          ENABLE +
          `    op.execute("CREATE POLICY r ON users FOR SELECT USING (tenant_id = current_setting('app.tenant_id')::uuid)")\n` +
          `    op.execute("CREATE POLICY w ON users FOR INSERT WITH CHECK (tenant_id = current_setting('app.tenant_id')::uuid)")\n` +
          `    op.execute("CREATE POLICY u ON users FOR UPDATE USING (tenant_id = current_setting('app.tenant_id')::uuid)")\n` +
          `    op.execute("CREATE POLICY d ON users FOR DELETE USING (tenant_id = current_setting('app.tenant_id')::uuid)")\n`,
      ),
      filename: SOLO,
    },
    // a table without the tenant column is not tenant-scoped here (require-tenant-id judges models)
    { code: migration('    op.create_table("countries", sa.Column("code", sa.String(2)))\n', '    op.drop_table("countries")\n'), filename: SOLO },
    // created then dropped in the same upgrade
    { code: migration(`${USERS}    op.drop_table("users")\n`, '    pass\n'), filename: SOLO },
    // a later migration of the chain enables RLS and adds the policy (the fixture's 0003)
    { code: chainUsers, filename: path.join(CHAIN, '0002_users.py') },
    // a later migration calls a helper the plugin cannot read: it may add the policy
    { code: fs.readFileSync(path.join(OPAQUE, '0001_users.py'), 'utf8'), filename: path.join(OPAQUE, '0001_users.py') },
    // SQL built at run time in this migration
    { code: migration(`${USERS}    op.execute(f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY")\n`), filename: SOLO },
    // a policy whose condition cannot be read (a DO block) leaves the table unknown
    { code: migration(`${USERS}    op.execute("DO $$ BEGIN PERFORM enable_rls('users'); END $$")\n`), filename: SOLO },
    // odd input: no arguments, a spread, a computed name, a column without a name
    { code: migration('    op.create_table()\n    op.create_table("users", *cols)\n    op.create_table(NAME, sa.Column("tenant_id", sa.Uuid()))\n    op.execute()\n'), filename: SOLO },
    { code: migration('    op.create_table("users", sa.Column(name, sa.Uuid()), sa.Column("tenant_id", sa.Uuid()))\n'), filename: SOLO },
    // a history folder that does not exist: unknown
    { code: migration(USERS), filename: path.join(FIXTURES, 'no-such-folder/0001.py') },
    // no file on disk to find the history from
    { code: migration(USERS) },
    // not a migration: no revision
    { code: `import sqlalchemy as sa\nfrom alembic import op\n\ndef upgrade():\n${USERS}`, filename: SOLO },
    // open policies: for the admin role, restrictive, on a root table, or dropped again later
    {
      code: migration(USERS + ENABLE + POLICY + '    op.execute("CREATE POLICY admin_override ON users TO admin USING (true)")\n'),
      filename: SOLO,
      options: [{ adminRole: 'admin' }],
    },
    { code: migration(USERS + ENABLE + POLICY + '    op.execute("CREATE POLICY r ON users AS RESTRICTIVE USING (true)")\n'), filename: SOLO },
    { code: migration('    op.execute("CREATE POLICY everyone ON tenants USING (true)")\n'), filename: SOLO },
    { code: migration('    op.execute("CREATE POLICY p ON users USING (true)")\n    op.execute("DROP POLICY p ON users")\n'), filename: SOLO },
    // another tenant column by the settings
    {
      code: migration('    op.create_table("users", sa.Column("id", sa.Uuid()), sa.Column("org_id", sa.Uuid()))\n'),
      filename: SOLO,
      settings: { 'data-modeling': { tenantColumn: 'other_id' } },
    },
  ],
  invalid: [
    {
      // no RLS anywhere: the fix writes ENABLE and the policy after create_table, the reverse before drop_table
      code: migration(USERS + '    op.create_index("ix_users_tenant_id", "users", ["tenant_id"])\n', '    op.drop_index("ix_users_tenant_id", table_name="users")\n    op.drop_table("users")\n'),
      filename: SOLO,
      output: migration(
        USERS + ENABLE + POLICY + '    op.create_index("ix_users_tenant_id", "users", ["tenant_id"])\n',
        '    op.drop_index("ix_users_tenant_id", table_name="users")\n' + DROP_POLICY + DISABLE + '    op.drop_table("users")\n',
      ),
      errors: [{ messageId: 'missingRls', line: 10, column: 9, endLine: 10, endColumn: 16, data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id' } }],
    },
    {
      // RLS on, no policy: only the policy is written; downgrade `pass` gets nothing (require-downgrade's business)
      code: migration(USERS + ENABLE, '    pass\n'),
      filename: SOLO,
      output: migration(USERS + ENABLE + POLICY, '    pass\n'),
      errors: [{ messageId: 'missingIsolation', line: 10, column: 9, data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: 'select, insert, update and delete' } }],
    },
    {
      // a policy that isolates reads only
      code: migration(USERS + ENABLE + `    op.execute("CREATE POLICY r ON users FOR SELECT USING (tenant_id = current_setting('app.tenant_id')::uuid)")\n`),
      filename: SOLO,
      output: migration(
        USERS + ENABLE + `    op.execute("CREATE POLICY r ON users FOR SELECT USING (tenant_id = current_setting('app.tenant_id')::uuid)")\n` + POLICY,
        DROP_POLICY + '    op.drop_table("users")\n',
      ),
      errors: [{ messageId: 'missingIsolation', line: 10, column: 9, data: { table: 'users', column: 'tenant_id', setting: 'app.tenant_id', commands: 'insert, update and delete' } }],
    },
    {
      // a policy in the wrong migration order: dropped again later in the same upgrade; RLS disabled again
      code: migration(USERS + ENABLE + POLICY + DROP_POLICY + DISABLE),
      filename: SOLO,
      output: null,
      errors: [{ messageId: 'missingRls', line: 10, column: 9 }],
    },
    {
      // an integer tenant column gets the integer cast; a root table is isolated by its id; wrapInSelect and
      // adminRole. One table's fix spans upgrade() and downgrade(), so posts is fixed on ESLint's next pass.
      code: migration(
        '    op.create_table("tenants", sa.Column("id", sa.Integer(), primary_key=True))\n    op.create_table("posts", sa.Column("id", sa.Integer()), sa.Column("tenant_id", sa.Integer()))\n',
        '    op.drop_table("posts")\n    op.drop_table("tenants")\n',
      ),
      filename: SOLO,
      options: [{ wrapInSelect: true, adminRole: 'admin' }],
      output: migration(
        '    op.create_table("tenants", sa.Column("id", sa.Integer(), primary_key=True))\n' +
          '    op.execute("ALTER TABLE tenants ENABLE ROW LEVEL SECURITY")\n' +
          `    op.execute("CREATE POLICY tenant_isolation ON tenants FOR ALL USING (id = (select current_setting('app.tenant_id')::integer))")\n` +
          '    op.execute("CREATE POLICY admin_override ON tenants FOR ALL TO admin USING (true)")\n' +
          '    op.create_table("posts", sa.Column("id", sa.Integer()), sa.Column("tenant_id", sa.Integer()))\n',
        '    op.drop_table("posts")\n' +
          '    op.execute("DROP POLICY admin_override ON tenants")\n' +
          '    op.execute("DROP POLICY tenant_isolation ON tenants")\n' +
          '    op.execute("ALTER TABLE tenants DISABLE ROW LEVEL SECURITY")\n' +
          '    op.drop_table("tenants")\n',
      ),
      errors: [
        { messageId: 'missingRls', line: 9, column: 21, data: { table: 'tenants', column: 'id', setting: 'app.tenant_id' } },
        { messageId: 'missingRls', line: 10, column: 21, data: { table: 'posts', column: 'tenant_id', setting: 'app.tenant_id' } },
      ],
    },
    {
      // a type the fix cannot cast to (an enum), and a policy name already taken: reported, not fixed
      code: migration('    op.create_table("users", sa.Column("tenant_id", TenantId()))\n'),
      filename: SOLO,
      output: null,
      errors: [{ messageId: 'missingRls', line: 9, column: 21 }],
    },
    {
      // a policy that lets every role read every row: reported at its statement (and RLS, once, at the table)
      code: migration(USERS + `    op.execute("CREATE POLICY tenant_isolation ON users FOR SELECT USING (true)")\n`),
      filename: SOLO,
      output: null,
      errors: [
        { messageId: 'missingRls', line: 10, column: 9 },
        {
          messageId: 'alwaysTrue',
          line: 15,
          column: 5,
          endLine: 15,
          endColumn: 82,
          data: { policy: 'tenant_isolation', table: 'users', option: 'USING', access: 'read', column: 'tenant_id', setting: 'app.tenant_id' },
        },
      ],
    },
    {
      // open to a named role (not the admin role), with an always-true WITH CHECK
      code: migration(USERS + ENABLE + POLICY + `    op.execute("CREATE POLICY importer ON users FOR ALL TO importer, admin WITH CHECK (true) USING (tenant_id = current_setting('app.tenant_id')::uuid)")\n`),
      filename: SOLO,
      options: [{ adminRole: 'admin' }],
      output: null,
      errors: [{ messageId: 'openToRole', line: 17, column: 5, data: { policy: 'importer', table: 'users', role: 'importer', option: 'WITH CHECK', access: 'insert and update', column: 'tenant_id', setting: 'app.tenant_id' } }],
    },
    {
      // in the chain: a posts table in 0002 that no later migration secures (0003 secures users only);
      // the other settings name the tenant column and setting the fix writes
      code: chainUsers.replace(
        '\n\ndef downgrade() -> None:\n',
        '    op.create_table("posts", sa.Column("id", sa.Uuid()), sa.Column("org_id", sa.Text()))\n\n\ndef downgrade() -> None:\n    op.drop_table("posts")\n',
      ),
      filename: path.join(CHAIN, '0002_users.py'),
      settings: { 'data-modeling': { tenantColumn: 'org_id', tenantSetting: 'app.org' } },
      output: chainUsers.replace(
        '\n\ndef downgrade() -> None:\n',
        '    op.create_table("posts", sa.Column("id", sa.Uuid()), sa.Column("org_id", sa.Text()))\n' +
          '    op.execute("ALTER TABLE posts ENABLE ROW LEVEL SECURITY")\n' +
          `    op.execute("CREATE POLICY tenant_isolation ON posts FOR ALL USING (org_id = current_setting('app.org'))")\n` +
          '\n\ndef downgrade() -> None:\n' +
          '    op.execute("DROP POLICY tenant_isolation ON posts")\n' +
          '    op.execute("ALTER TABLE posts DISABLE ROW LEVEL SECURITY")\n' +
          '    op.drop_table("posts")\n',
      ),
      errors: [{ messageId: 'missingRls', line: 20, column: 21, data: { table: 'posts', column: 'org_id', setting: 'app.org' } }],
    },
    {
      // a later step changes the tenant column, which a policy on it would block: a suggestion, not a fix
      // (another column's change, or an added column, leaves the fix)
      code: migration(`${USERS}    op.alter_column("users", "tenant_id", type_=sa.Text())\n`),
      filename: SOLO,
      output: null,
      errors: [
        {
          messageId: 'missingRls',
          line: 10,
          column: 9,
          suggestions: [
            {
              messageId: 'addPolicies',
              data: { table: 'users' },
              output: migration(`${USERS}${ENABLE}${POLICY}    op.alter_column("users", "tenant_id", type_=sa.Text())\n`, DROP_POLICY + DISABLE + '    op.drop_table("users")\n'),
            },
          ],
        },
      ],
    },
    {
      code: migration(`${USERS}    op.execute("ALTER TABLE users DROP COLUMN tenant_id")\n    op.drop_column("users", "nickname")\n`),
      filename: SOLO,
      output: null,
      errors: [{ messageId: 'missingRls', line: 10, column: 9, suggestions: [{ messageId: 'addPolicies', output: migration(`${USERS}${ENABLE}${POLICY}    op.execute("ALTER TABLE users DROP COLUMN tenant_id")\n    op.drop_column("users", "nickname")\n`, DROP_POLICY + DISABLE + '    op.drop_table("users")\n') }] }],
    },
    {
      code: migration(`${USERS}    op.drop_column("users", "nickname")\n    op.execute("ALTER TABLE users ADD COLUMN bio text")\n`),
      filename: SOLO,
      output: migration(`${USERS}${ENABLE}${POLICY}    op.drop_column("users", "nickname")\n    op.execute("ALTER TABLE users ADD COLUMN bio text")\n`, DROP_POLICY + DISABLE + '    op.drop_table("users")\n'),
      errors: [{ messageId: 'missingRls', line: 10, column: 9 }],
    },
    {
      // CRLF line endings are kept
      code: migration(USERS).replaceAll('\n', '\r\n'),
      filename: SOLO,
      output: migration(USERS + ENABLE + POLICY, DROP_POLICY + DISABLE + '    op.drop_table("users")\n').replaceAll('\n', '\r\n'),
      errors: [{ messageId: 'missingRls', line: 10, column: 9 }],
    },
    {
      // the alembic setting names the versions folder; a tab-indented body keeps its indentation
      code: `${HEADER}\n\ndef upgrade():\n\top.create_table("users", sa.Column("tenant_id", sa.Text()))\n\n\ndef downgrade():\n\top.drop_table("users")\n`,
      filename: path.join(FIXTURES, 'solo/versions/0001_tabs.py'),
      settings: { 'data-modeling': { alembic: 'tests/fixtures/python/alembic/solo/versions' } },
      output:
        `${HEADER}\n\ndef upgrade():\n\top.create_table("users", sa.Column("tenant_id", sa.Text()))\n` +
        `\top.execute("ALTER TABLE users ENABLE ROW LEVEL SECURITY")\n\top.execute("CREATE POLICY tenant_isolation ON users FOR ALL USING (tenant_id = current_setting('app.tenant_id'))")\n` +
        `\n\ndef downgrade():\n\top.execute("DROP POLICY tenant_isolation ON users")\n\top.execute("ALTER TABLE users DISABLE ROW LEVEL SECURITY")\n\top.drop_table("users")\n`,
      errors: [{ messageId: 'missingRls', line: 9, column: 18 }],
    },
  ],
});

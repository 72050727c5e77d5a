import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  descendants,
  historyOf,
  operations,
  readMigration,
  readSqlOps,
  securityAfter,
  summarizeMigration,
  versionsFromIni,
  type Migration,
} from '../../src/python/alembic.js';
import { parsePython } from '../../src/python/parse.js';
import { DEFAULT_SETTINGS } from '../../src/settings.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/python/alembic');

function migration(text: string): Migration | null {
  const parsed = parsePython(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return readMigration(parsed.ast);
}

function fromFile(file: string): Migration {
  return migration(fs.readFileSync(file, 'utf8'))!;
}

describe('readMigration', () => {
  it('reads revision and down_revision: None, a string, a tuple for a merge, annotated, or unreadable', () => {
    const body = '\ndef upgrade():\n    pass\n';
    expect(migration(`revision = "a"\ndown_revision = None${body}`)).toMatchObject({ revision: 'a', downRevisions: [] });
    expect(migration(`revision: str = 'b'\ndown_revision: str | None = 'a'${body}`)).toMatchObject({ revision: 'b', downRevisions: ['a'] });
    expect(migration(`revision = "m"\ndown_revision = ("a", "b")${body}`)).toMatchObject({ downRevisions: ['a', 'b'] });
    expect(migration(`revision = "m"\ndown_revision = ["a", "b"]${body}`)).toMatchObject({ downRevisions: ['a', 'b'] });
    expect(migration(`revision = "a"${body}`)).toMatchObject({ downRevisions: [] });
    expect(migration(`revision = "a"\ndown_revision = PARENT${body}`)).toMatchObject({ downRevisions: null });
    expect(migration(`revision = "a"\ndown_revision = "x"\ndown_revision = "y"${body}`)).toMatchObject({ downRevisions: null });
    expect(migration(`revision = make_id()${body}`)).toMatchObject({ revision: null });
  });

  it('is null for a file that is not a migration', () => {
    expect(migration('def upgrade():\n    pass\n')).toBeNull();
    expect(migration('revision = "a"\n')).toBeNull();
  });

  it('reads create_table with its columns and types, drop_table, and schemas', () => {
    const m = migration(
      [
        'import sqlalchemy as sa',
        'from sqlalchemy.dialects import postgresql',
        'from alembic import op',
        'revision = "a"',
        'def upgrade():',
        '    op.create_table("users", sa.Column("id", postgresql.UUID(as_uuid=True)), sa.Column("tenant_id", sa.BigInteger()), sa.Column("n", Custom()), sa.PrimaryKeyConstraint("id"), schema="app")',
        '    op.create_table("posts", *columns())',
        '    op.drop_table("old", schema="public")',
        'def downgrade():',
        '    op.drop_table(table_name="users", schema="app")',
        '',
      ].join('\n'),
    )!;
    expect(operations(m.upgrade)).toEqual([
      {
        kind: 'createTable',
        table: { name: 'users', schema: 'app' },
        columns: [
          { name: 'id', builder: 'uuid' },
          { name: 'tenant_id', builder: 'bigint' },
          { name: 'n', builder: null },
        ],
      },
      { kind: 'unknown' },
      { kind: 'dropTable', table: { name: 'old', schema: null } },
    ]);
    expect(operations(m.downgrade)).toEqual([{ kind: 'dropTable', table: { name: 'users', schema: 'app' } }]);
    expect(m.upgrade!.steps[0]!.reverse).toEqual(['op.drop_table("users", schema="app")']);
    expect(m.opRef).toBe('op');
  });

  it('reads op.execute SQL: strings, implicit concatenation, sa.text, several statements', () => {
    const m = migration(
      [
        'import sqlalchemy as sa',
        'from alembic import op as alembic_op',
        'revision = "a"',
        'def upgrade():',
        '    alembic_op.execute("ALTER TABLE users " "ENABLE ROW LEVEL SECURITY")',
        "    alembic_op.execute(sa.text(\"CREATE POLICY p ON app.users AS RESTRICTIVE FOR SELECT TO a, b USING (tenant_id = current_setting('app.tenant_id')) WITH CHECK (true); DROP POLICY IF EXISTS q ON users\"))",
        '    alembic_op.execute(f"DROP TABLE {name}")',
        '    pass',
        '    """a docstring"""',
        '',
      ].join('\n'),
    )!;
    const ops = operations(m.upgrade);
    expect(ops.map((o) => o.kind)).toEqual(['rls', 'createPolicy', 'dropPolicy', 'unknown']);
    expect(ops[1]).toMatchObject({ kind: 'createPolicy', name: 'p', table: { schema: 'app', name: 'users' }, permissive: false, commands: ['select'] });
    expect(m.upgrade!.noops).toHaveLength(2);
    expect(m.upgrade!.steps[0]!.reverse).toEqual(['alembic_op.execute("ALTER TABLE users DISABLE ROW LEVEL SECURITY")']);
    expect(m.upgrade!.steps[1]!.reverse).toBeNull(); // DROP POLICY has no known reverse
    expect(m.opRef).toBe('alembic_op');
  });

  it('reads triple-quoted SQL over several lines, with a trailing semicolon', () => {
    const m = migration(['from alembic import op', 'revision = "a"', 'def upgrade():', '    op.execute("""', "        CREATE POLICY p ON public.t USING (org_id = current_setting('x.y', true)::uuid);", '    """)', ''].join('\n'))!;
    expect(operations(m.upgrade)).toMatchObject([{ kind: 'createPolicy', name: 'p', table: { schema: null, name: 't' }, commands: ['select', 'insert', 'update', 'delete'] }]);
  });

  it('treats helper calls, loops and unknown op.* calls as unknown; indexes and columns as other', () => {
    const m = migration(
      [
        'from alembic import op',
        'revision = "a"',
        'def upgrade():',
        '    op.create_index("ix", "t", ["c"])',
        '    op.rename_table("a", "b")',
        '    enable_rls("t")',
        '    for t in TABLES:',
        '        op.execute(f"ALTER TABLE {t} ENABLE ROW LEVEL SECURITY")',
        '',
      ].join('\n'),
    )!;
    expect(operations(m.upgrade).map((o) => o.kind)).toEqual(['other', 'unknown', 'unknown', 'unknown']);
    const columns = migration(
      'from alembic import op\nrevision = "a"\ndef upgrade():\n    op.drop_column("t", "c")\n    op.alter_column(table_name="t", column_name="d", schema="s")\n    op.add_column("t", x)\n',
    )!;
    expect(operations(columns.upgrade)).toEqual([
      { kind: 'other', alters: { table: { name: 't', schema: null }, column: 'c' } },
      { kind: 'other', alters: { table: { name: 't', schema: 's' }, column: 'd' } },
      { kind: 'other' },
    ]);
  });
});

describe('readSqlOps', () => {
  it('reads RLS switches, policies and drops, and marks code-running SQL unknown', () => {
    expect(readSqlOps('ALTER TABLE IF EXISTS ONLY "Users" DISABLE ROW LEVEL SECURITY')).toEqual([{ kind: 'rls', table: { schema: null, name: 'Users' }, enable: false }]);
    expect(readSqlOps('DROP TABLE a, b.c CASCADE')).toEqual([
      { kind: 'dropTable', table: { schema: null, name: 'a' } },
      { kind: 'dropTable', table: { schema: 'b', name: 'c' } },
    ]);
    expect(readSqlOps('ALTER TABLE a RENAME TO b')).toEqual([{ kind: 'unknown' }]);
    expect(readSqlOps('ALTER TABLE a ALTER COLUMN c TYPE text; ALTER TABLE a ADD COLUMN d int; ALTER TABLE a FORCE ROW LEVEL SECURITY')).toEqual([
      { kind: 'other', alters: { table: { schema: null, name: 'a' }, column: null } },
      { kind: 'other' },
      { kind: 'other' },
    ]);
    expect(readSqlOps("DO $$ BEGIN PERFORM 1; END $$")).toContainEqual({ kind: 'unknown' });
    expect(readSqlOps("SELECT enable_rls('users')")).toEqual([{ kind: 'unknown' }]);
    expect(readSqlOps('CREATE INDEX ix ON users (tenant_id); UPDATE users SET a = 1')).toEqual([{ kind: 'other' }, { kind: 'other' }]);
    expect(readSqlOps("SELECT 'unclosed")).toEqual([{ kind: 'unknown' }]);
    const [policy] = readSqlOps('CREATE POLICY p ON users FOR INSERT WITH CHECK (tenant_id = 1)');
    expect(policy).toMatchObject({ kind: 'createPolicy', commands: ['insert'], permissive: true, using: undefined });
    expect(readSqlOps('CREATE POLICY p ON users USING (a')).toEqual([{ kind: 'unknown' }]);
  });
});

describe('securityAfter', () => {
  const users = { name: 'users', schema: null };
  it('follows RLS switches, policies made and dropped, and a drop of the table', () => {
    const ops = readSqlOps("ALTER TABLE users ENABLE ROW LEVEL SECURITY; CREATE POLICY p ON users USING (true); CREATE POLICY q ON public.users USING (true); DROP POLICY p ON users; ALTER TABLE posts DISABLE ROW LEVEL SECURITY");
    const security = securityAfter(users, ops);
    expect(security).toMatchObject({ state: 'known', rlsEnabled: true });
    expect(security.state === 'known' && security.policies.map((p) => p.name)).toEqual(['q']);
    expect(securityAfter(users, readSqlOps('ALTER TABLE users ENABLE ROW LEVEL SECURITY; ALTER TABLE users DISABLE ROW LEVEL SECURITY'))).toMatchObject({ rlsEnabled: false });
    expect(securityAfter(users, readSqlOps('DROP TABLE users'))).toEqual({ state: 'dropped' });
    expect(securityAfter(users, [{ kind: 'unknown' }])).toEqual({ state: 'unknown' });
    expect(securityAfter({ name: 'users', schema: 'app' }, readSqlOps('ALTER TABLE users ENABLE ROW LEVEL SECURITY'))).toMatchObject({ rlsEnabled: false });
  });
});

describe('the history', () => {
  const chain = path.join(FIXTURES, 'chain/alembic/versions');

  it('reads the versions folder from alembic.ini: script_location with %(here)s, version_locations with a separator', () => {
    expect(versionsFromIni(path.join(FIXTURES, 'chain/alembic.ini'))).toEqual({ dirs: [chain], recursive: false });
    expect(versionsFromIni(path.join(FIXTURES, 'opaque/alembic.ini'))).toEqual({ dirs: [path.join(FIXTURES, 'opaque/migrations/versions')], recursive: false });
    if (path.delimiter === ':') {
      expect(versionsFromIni(path.join(FIXTURES, 'locations/alembic.ini'))).toEqual({
        dirs: [path.join(FIXTURES, 'locations/db/one'), path.join(FIXTURES, 'locations/db/two')],
        recursive: false,
      });
    }
    expect(versionsFromIni(path.join(FIXTURES, 'missing.ini'))).toBeNull();
  });

  it('orders the chain by revision, parents first, across a branch and a merge', () => {
    const file = path.join(chain, '0001_tenants.py');
    const history = historyOf(file, fromFile(file), DEFAULT_SETTINGS, process.cwd());
    expect(history.complete).toBe(true);
    expect([...history.byRevision.keys()].sort()).toEqual(['0001', '0002', '0003', '0003b', '0004']);
    const order = descendants(history, '0001').map((m) => m.revision);
    expect(order[0]).toBe('0002');
    expect(order).toHaveLength(4);
    expect(order[3]).toBe('0004');
    expect(order.slice(1, 3).sort()).toEqual(['0003', '0003b']);
    expect(descendants(history, '0003b').map((m) => m.revision)).toEqual(['0004']);
    expect(descendants(history, '0004')).toEqual([]);
  });

  it('takes the history of two version_locations, and the linted text over the file on disk', () => {
    if (path.delimiter !== ':') return;
    const file = path.join(FIXTURES, 'locations/db/two/b1.py');
    const edited = migration('revision = "b1"\ndown_revision = "a1"\ndef upgrade():\n    op.drop_table("x")\n')!;
    const history = historyOf(file, edited, DEFAULT_SETTINGS, process.cwd());
    expect([...history.byRevision.keys()].sort()).toEqual(['a1', 'b1']);
    expect(history.byRevision.get('b1')!.upgrade).toEqual([{ kind: 'unknown' }]); // `op` is not imported there
  });

  it('is incomplete when a migration cannot be read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alembic-history-'));
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    fs.writeFileSync(path.join(dir, '0001.py'), 'revision = "1"\ndown_revision = None\ndef upgrade():\n    pass\n');
    fs.writeFileSync(path.join(dir, '0002.py'), 'revision = "2"\ndown_revision = "1"\ndef upgrade(:\n');
    const self = path.join(dir, '0001.py');
    expect(historyOf(self, fromFile(self), DEFAULT_SETTINGS, dir).complete).toBe(false);
    fs.writeFileSync(path.join(dir, '0002.py'), 'revision = "2"\ndown_revision = "1"\ndef upgrade():\n    pass\n');
    expect(historyOf(self, fromFile(self), DEFAULT_SETTINGS, dir).complete).toBe(true);
    // the `alembic` setting names the folder, relative to the working directory
    const viaSetting = historyOf(path.join(FIXTURES, 'x.py'), fromFile(self), { ...DEFAULT_SETTINGS, alembic: ['.'] }, dir);
    expect([...viaSetting.byRevision.keys()].sort()).toEqual(['1', '2']);
  });

  it('summarises a migration once per modification', () => {
    const file = path.join(chain, '0003_users_rls.py');
    const first = summarizeMigration(file);
    expect(first).toMatchObject({ revision: '0003', downRevisions: ['0002'] });
    expect(summarizeMigration(file)).toBe(first);
    expect(summarizeMigration(path.join(chain, 'missing.py'))).toBe('unreadable');
  });
});
